"""Lines a scraper printed twice: a headline repeated at the top of the body, a photo
caption left above the paragraph that starts with the same words.

A page's title, its headline and its social-media title are often the same text; a scraper
that takes all three prints the line two or three times. A caption ("Prime Minister Ana
Lopes") sits above the paragraph it illustrates, which begins with the same words. Edited
copy never repeats a whole line of four words or more, or sets a caption line that is the
opening of the next paragraph.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..document import Document
from ..findings import Applicability, Category, Finding, Severity
from ..meta import BadExample, Examples, GoodExample, RuleMeta
from ..phrases import Blanker
from ..rule import Context, Rule
from ..structure import Part

MIN_WORDS = 4  # a repeated line of fewer words can be a list item or a refrain
CAPTION_WORDS = (3, 12)


# A line's words, case-folded, punctuation ignored, are what two lines are compared by.
_PUNCTUATION = "\"'“”‘’«».,;:!?()[]{}—–-/|*•…"
# What str.split() splits a line at (every space but the line breaks), made " " too: a line's
# characters besides spaces are then its length less its count of " "
# (written out: working it out from every code point cost 0.7 ms of each start-up; a test
# checks it against str.isspace)
_SPACES = (
    "\t\x0b\x0c\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_BLANK = Blanker(_PUNCTUATION + _SPACES)
_FINAL = (".", "!", "?", ":", ";", ",", "”", '"')  # a line ending so is no caption


class RepeatedLine(Rule):
    meta = RuleMeta(
        code="RS005",
        name="repeated-line",
        category=Category.RESIDUE,
        severity=Severity.WARNING,
        message="{what}: {text}",
        explanation=(
            "A headline printed twice at the top of the body, or a photo caption left above "
            "the paragraph that begins with the same words, is a page's title, headline and "
            "caption copied together by a scraper. A line of four or more words that repeats "
            "an earlier line word for word (ignoring case and punctuation), and a short line "
            "without final punctuation that is exactly the opening of the next paragraph, are "
            "reported. Deleting the copy is suggested."
        ),
        examples=Examples(
            bad=(
                BadExample(
                    "Port strike spreads to three more cities\nPort strike spreads to three more cities\n\n"
                    "Dockers walked out on Monday.",
                    ("Port strike spreads to three more cities",),
                    "Port strike spreads to three more cities\n\nDockers walked out on Monday.",
                    article=True,
                ),
                BadExample(
                    "Talks\n\nFinance Minister Ana Lopes\n\nFinance Minister Ana Lopes said on Monday that "
                    "taxes would rise.",
                    ("Finance Minister Ana Lopes",),
                    article=True,
                ),
            ),
            good=(
                GoodExample(
                    "Talks\n\nThe ministers met. They agreed.\n\nThe ministers met again in May.",
                    article=True,
                ),
                GoodExample("Talks\n\n- Yes\n- Yes\n\nThe vote was close.", article=True),
            ),
        ),
        parts=frozenset(Part),
        artifact_class="duplication",
        fixable=True,
        origin=__name__,
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        text = doc.text
        # A line is compared by its words, case-folded, punctuation ignored. Splitting every
        # line into words was most of the rule's cost, so a line's words are read only when
        # they can matter: when another line has as many characters besides spaces (equal
        # words have), or when it may be a caption (no final punctuation) or follows one.
        blanked = _BLANK(text)  # punctuation and every space within a line made " "
        lines = []
        for start, end in doc.line_spans:
            if text[start:end].isspace():
                continue
            folded = blanked[start:end].casefold()
            lines.append((start, end, folded, len(folded) - folded.count(" ")))
        # lines by characters besides spaces; most articles have no two of one size
        counted = [line[3] for line in lines]
        sizes = Counter(counted) if len(set(counted)) < len(counted) else None
        seen: set[tuple[str, ...]] = set()
        for i, (start, end, folded, size) in enumerate(lines):
            key: tuple[str, ...] | None = None
            if sizes is not None and sizes[size] > 1:
                key = tuple(folded.split())
                if len(key) >= MIN_WORDS:
                    if key in seen:
                        yield self._report(doc, start, end, "Line repeated from above")
                        continue
                    seen.add(key)
            if i + 1 < len(lines) and not _ends_with(text, start, end, _FINAL):
                key = tuple(folded.split()) if key is None else key
                if CAPTION_WORDS[0] <= len(key) <= CAPTION_WORDS[1]:
                    following = lines[i + 1][2].split()
                    if len(following) > len(key) + 2 and tuple(following[: len(key)]) == key:
                        yield self._report(doc, start, end, "Caption left above the paragraph it repeats")

    def _report(self, doc: Document, start: int, end: int, what: str) -> Finding:
        text = doc.text
        stop = end
        while stop < len(text) and text[stop] in "\r\n":  # the line with its line break
            stop += 1
            if text[stop - 1] == "\n":
                break
        trimmed = end - (len(text[start:end]) - len(text[start:end].rstrip()))
        return self.finding(
            doc,
            start,
            trimmed,
            what=what,
            fixes=[(Applicability.UNSAFE, "delete the repeated line", [(start, stop, "")])],
        )


def _ends_with(text: str, start: int, end: int, suffixes: tuple[str, ...]) -> bool:
    """`text[start:end].rstrip().endswith(suffixes)`, without copying a line that does not
    end in a space (most do not)."""
    if start < end and not text[end - 1].isspace():
        return text.endswith(suffixes, start, end)
    return text[start:end].rstrip().endswith(suffixes)
