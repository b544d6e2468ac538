"""The parts of a news article: headline, byline, dateline, body, subheads, captions, credits.

Rules declare which parts they look at: a sentence-break rule has nothing to say about a
headline, and a residue rule looks at whole lines such as "Picture" or "Credit…".
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

from .cache import compiled as _compiled


class Part(str, enum.Enum):
    HEADLINE = "headline"
    BYLINE = "byline"
    DATELINE = "dateline"
    BODY = "body"
    SUBHEAD = "subhead"  # a short line without sentence punctuation: subheads, widget text
    CAPTION = "caption"
    CREDIT = "credit"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int
    index: int
    part: Part


class Dateline(NamedTuple):
    start: int
    end: int  # where the body text after the dash starts
    place: str
    date: dt.date | None


_BLOCK_SEP = _compiled(r"\n[ \t\r\f\v]*\n\s*|\r[ \t\f\v]*\r\s*")
_LINE = _compiled(r"[^\r\n]+")
_SPACES = _compiled(r"\s*")
_TERMINAL = _compiled(r"[.!?:;…,][”’\"')\]]*\s*$|[”\"]\s*$")
_BYLINE = _compiled(r"(?:By|BY|From)\s+\p{Lu}")
_BYLINE_STARTS = ("By", "BY", "From")  # what it can begin with
_CREDIT = _compiled(
    r"(?i:credit|credits|photo(?:graph)?s?|image|picture|foto|illustration|video)"
    r"\s*(?:credit\b|by\b)?\s*(?:[:…|]|\.\.\.|$)"
    r"|.{0,80}(?:/|\bfor\s+)(?:The\s+New\s+York\s+Times|Reuters|AP|AFP|Getty\s+Images|EPA|Shutterstock|Bloomberg)\s*$"
    r"|(?:Getty\s+Images|Reuters|AFP|EPA|AP\s+Photo)(?:\s*/.*)?$"
)
_CAPTION = _compiled(r"(?:Pictured|Above|Top|Left|Right|Below)\s*:|\((?:L|R|L-R|From left)\)")
_CAPTION_STARTS = ("Pictured", "Above", "Top", "Left", "Right", "Below", "(")  # what it can begin with
# What a line must begin or end with for _CREDIT to match it: its first
# branch's words (in any case) at the start, an agency's last word at the end (the second
# branch), or an agency's first word at the start (the third). Tested first: a pattern
# that may start its agency branch anywhere in the first 80 characters costs far more.
_CREDIT_WORDS = ("credit", "photo", "image", "picture", "foto", "illustration", "video")
_CREDIT_ENDS = ("Times", "Reuters", "AP", "AFP", "Images", "EPA", "Shutterstock", "Bloomberg")
_CREDIT_STARTS = ("Getty", "Reuters", "AFP", "EPA", "AP")
_LONGEST_CREDIT_WORD = max(map(len, _CREDIT_WORDS))


def _may_be_credit(line: str) -> bool:
    """Whether a line begins or ends as every match of _CREDIT does (so, if not, it cannot
    be a credit line). Case-folding a character never shortens it, so the folded first
    characters begin as the folded line does."""
    return (
        line.startswith(_CREDIT_STARTS)
        or line.rstrip().endswith(_CREDIT_ENDS)  # (no copy for a stripped line)
        or line[:_LONGEST_CREDIT_WORD].casefold().startswith(_CREDIT_WORDS)
    )


_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|April|Apr\.|May|June|Jun\.|July|Jul\."
    r"|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_DATELINE = _compiled(
    r"(?P<place>\p{Lu}[\p{Lu}\p{M}.'’\-]+(?:\s+\p{Lu}[\p{Lu}\p{M}.'’\-]+){0,3}"
    r"(?:,\s+\p{Lu}[\p{L}.'’\-]+(?:\s+\p{Lu}[\p{L}.'’\-]+){0,2})?)"
    r"(?:,\s+(?P<date>" + _MONTH + r"\s+\d{1,2}(?:,\s+\d{4})?|\d{1,2}\s+" + _MONTH + r"(?:\s+\d{4})?))?"
    r"\s*(?:\((?:AP|Reuters|AFP|UPI|Bloomberg|dpa|TASS|Xinhua|CNN)\)\s*)?"
    r"(?:—|–|--|-)\s+"
)
_DATE_PARTS = _compiled(
    r"(?P<m1>\p{L}+)\.?\s+(?P<d1>\d{1,2})(?:,\s+(?P<y1>\d{4}))?|(?P<d2>\d{1,2})\s+(?P<m2>\p{L}+)\.?(?:\s+(?P<y2>\d{4}))?"
)


def parse_dateline_date(text: str) -> dt.date | None:
    """The date in a dateline ("Jan. 21, 2022", "21 January 2022"); None without a year."""
    m = _DATE_PARTS.fullmatch(text)
    if not m:
        return None
    name = (m.group("m1") or m.group("m2")).lower()
    month = 9 if name.startswith("sept") else _MONTHS.get(name[:3])
    year = m.group("y1") or m.group("y2")
    day = m.group("d1") or m.group("d2")
    if not (month and year):
        return None
    try:
        return dt.date(int(year), month, int(day))
    except ValueError:
        return None


def line_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Where the lines of text[start:end] are: its runs of characters other than line
    breaks (what `_LINE` finds; a pattern only when the text has a carriage return, else
    one split at line feeds)."""
    end = len(text) if end is None else end
    if text.find("\r", start, end) >= 0:
        return [m.span() for m in _LINE.finditer(text, start, end)]
    spans = []
    at = start
    for piece in text[start:end].split("\n"):
        if piece:
            spans.append((at, at + len(piece)))
        at += len(piece) + 1
    return spans


def split_paragraphs(
    text: str, start: int = 0, end: int | None = None, extension: Any = None
) -> list[tuple[int, int]]:
    """Paragraph spans: blocks separated by blank lines; inside a block, each line is a
    paragraph unless the block is hard-wrapped prose. With `extension` (lintkit.native's
    module), a whole text without a carriage return is read by it: the same spans."""
    if extension is not None and start == 0 and end is None and "\r" not in text:
        found: list[tuple[int, int]] = extension.paragraphs(text, _TERMINAL.search)
        return found
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    pos = start
    for sep_start, sep_end in _block_separators(text, start, end):
        _split_block(text, pos, sep_start, spans)
        pos = sep_end
    _split_block(text, pos, end, spans)
    return spans


def _block_separators(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The spans `_BLOCK_SEP` matches in text[start:end]: without a carriage return, read
    from the text's line feeds (str.find; the pattern tried a match at every character)."""
    if text.find("\r", start, end) >= 0:
        yield from (m.span() for m in _BLOCK_SEP.finditer(text, start, end))
        return
    at = text.find("\n", start, end)
    while at >= 0:
        after = at + 1
        while after < end and text[after] in " \t\f\v":
            after += 1
        if after < end and text[after] == "\n":  # a line with nothing but spaces: a break
            stop = after + 1
            if text[stop : stop + 1].isspace():  # (every character \s matches is a space to isspace)
                stop = _SPACES.match(text, stop, end).end()  # type: ignore[union-attr]  # (matches "")
            yield at, stop
            at = text.find("\n", stop, end)
        else:
            at = text.find("\n", at + 1, end)


def _split_block(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    if start < end and text.find("\n", start, end) < 0 and text.find("\r", start, end) < 0:
        # one line, as most blocks are: no pattern to run
        if not text[start].isspace() or text[start:end].strip():
            out.append((start, end))
        return
    lines = [(s, e) for s, e in line_spans(text, start, end) if text[s:e].strip()]
    if not lines:
        return
    if len(lines) > 1 and _hard_wrapped(text, lines):
        out.append((lines[0][0], lines[-1][1]))
    else:
        out.extend(lines)


def _hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """A block is one wrapped paragraph when most of its lines but the last are long and
    stop mid-sentence."""
    body = lines[:-1]
    longest = max(e - s for s, e in lines)
    wrapped = sum(
        1 for s, e in body if (e - s) >= 0.6 * longest and longest >= 40 and not _TERMINAL.search(text, s, e)
    )
    return wrapped * 2 >= len(body) and wrapped > 0


def classify(
    text: str,
    spans: list[tuple[int, int]],
    detect_headline: bool = True,
    given: list[Part | None] | None = None,
    extension: Any = None,
) -> list[Paragraph]:
    """Give each paragraph its part of the article: the part a markup reader already knows
    (a heading, a caption), else by the shape of the paragraph. With `extension`
    (lintkit.native's module) and no parts given, the shapes are read by it: the same parts."""
    if extension is not None and given is None:
        codes = _shapes(extension).parts(text, spans, detect_headline)
        return [Paragraph(s, e, i, _PARTS[c]) for i, ((s, e), c) in enumerate(zip(spans, codes, strict=True))]
    paragraphs: list[Paragraph] = []
    for index, (s, e) in enumerate(spans):
        known = given[index] if given is not None and index < len(given) else None
        if known is not None:
            paragraphs.append(Paragraph(s, e, index, known))
            continue
        line = text[s:e].strip()
        part = Part.BODY
        # (`_at_most(line, n)`, the word count's test, after the cheaper tests of each part)
        if (
            detect_headline
            and index == 0
            and len(spans) > 1
            and (not line.endswith(".") and "\n" not in line)
            and _at_most(line, 25)
        ):
            part = Part.HEADLINE
        elif index < 6 and _BYLINE.match(line) and not line.endswith(".") and _at_most(line, 12):
            part = Part.BYLINE
        elif _may_be_credit(line) and _at_most(line, 30) and _CREDIT.match(line):
            part = Part.CREDIT
        elif line.startswith(_CAPTION_STARTS) and _CAPTION.match(line):
            part = Part.CAPTION
        elif _at_most(line, 8) and not _TERMINAL.search(line):
            part = Part.SUBHEAD
        paragraphs.append(Paragraph(s, e, index, part))
    return paragraphs


# the parts as lintkit.native's `Shapes.parts` numbers them
_PARTS = (Part.BODY, Part.HEADLINE, Part.BYLINE, Part.CREDIT, Part.CAPTION, Part.SUBHEAD)


@cache
def _shapes(extension: Any) -> Any:
    """What the extension reads the parts by: the words each part's pattern can begin or end
    with, and the patterns and tests it asks of Python (given once per extension)."""
    prefixes = (_BYLINE_STARTS, _CAPTION_STARTS, _CREDIT_STARTS, _CREDIT_ENDS, _CREDIT_WORDS)
    patterns = (_BYLINE.match, _CREDIT.match, _CAPTION.match, _TERMINAL.search)
    return extension.Shapes(prefixes, patterns, _may_be_credit)


def _at_most(line: str, words: int) -> bool:
    """Whether `line` has at most `words` words (`str.split`), counted no further than
    needed: a body paragraph's words are not all made."""
    return len(line.split(None, words)) <= words


def find_dateline(text: str, paragraphs: list[Paragraph]) -> Dateline | None:
    """A dateline at the start of one of the first body paragraphs."""
    seen = 0
    for p in paragraphs:
        if p.part is not Part.BODY:
            continue
        m = _DATELINE.match(text, p.start, p.end)
        if m:
            date_text = m.group("date")
            date = parse_dateline_date(date_text) if date_text else None
            return Dateline(m.start(), m.end(), m.group("place"), date)
        seen += 1
        if seen >= 2:
            break
    return None
