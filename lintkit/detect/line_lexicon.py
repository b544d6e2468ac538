"""`line-lexicon`: whole lines that are page furniture, looked up in a lexicon.

Content-management systems print the same lines around every article ("Leave a Reply",
"Previous article", "- Advertisement -", "Subscribe to: Post Comments (Atom)"); a scraper
copies them into the text. A line is reported when, case-folded with its spacing, quotes and
trailing punctuation normalised, it is one of the lexicon's `lines`; when it starts with one
of its `prefixes`, then a colon, bar, dash or double space, then a teaser ("SEE ALSO: …");
or when it is two or more words all from its `vocabulary` (footer links). One dictionary
lookup per line, so the lexicon can hold thousands of entries.

The lexicon is a YAML file of groups, each with a source note:

    groups:
      - source: "WordPress core: the comment form"
        lines: ["Leave a Reply", "Cancel reply"]
        prefixes: []

`lexicon:` names the file, relative to the pack (built-in packs: `rules/knowledge/lexicons/`).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

import regex

from ..cache import compiled as _compiled
from ..document import Document
from ..edits import delete_line
from ..findings import Finding
from ..meta import RuleMeta
from ..rule import Context
from ..yamlfile import DataError, Node, load_yaml
from .base import DataRule, FixSpec, parse_fix

_WORDS = _compiled(r"\p{L}+")
_SPACE = _compiled(r"\s+")
_EDGE = _compiled(r"^[\s\-–—•·|*>»]+|[\s.:!…|]+$")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
MAX_LINE = 200  # longer lines are prose, never furniture


def normalize_line(line: str) -> str:
    """A line as the lexicon stores it: quotes and dashes plain, spacing collapsed, leading
    bullets and trailing punctuation dropped, case-folded."""
    return _SPACE.sub(" ", _EDGE.sub("", line.translate(_QUOTES))).casefold()


class Lexicon(NamedTuple):
    lines: frozenset[str]
    prefixes: tuple[str, ...]
    vocabulary: frozenset[str]


@cache
def load_lexicon(path: Path) -> Lexicon:
    data: Any = load_yaml(path)
    groups = data.get("groups") if isinstance(data, Node) else None
    if not isinstance(groups, list):
        raise DataError(path, None, "a line lexicon is a mapping with 'groups', a list")
    found: dict[str, set[str]] = {"lines": set(), "prefixes": set(), "vocabulary": set()}
    for group in groups:
        if not isinstance(group, Node) or not isinstance(group.get("source"), str):
            raise DataError(path, getattr(group, "line", None), "each group needs a 'source' note")
        for key, into in found.items():
            items = group.get(key, [])
            if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
                raise DataError(path, group.line_of(key), f"'{key}' must be a list of strings")
            into.update(normalize_line(i) for i in items)
    return Lexicon(
        frozenset(found["lines"]),
        tuple(sorted(found["prefixes"], key=len, reverse=True)),
        frozenset(found["vocabulary"]),
    )


class LineLexiconRule(DataRule):
    KEYS: ClassVar[set[str]] = {"lexicon", "fix"}
    REQUIRED: ClassVar[set[str]] = {"lexicon"}

    def __init__(self, meta: RuleMeta, path: Path, fix: FixSpec | None) -> None:
        self.meta = meta
        self.path = path
        self.fix = fix
        self.lexicon = load_lexicon(path)
        alternatives = "|".join(regex.escape(p).replace("\\ ", r"\s+") for p in self.lexicon.prefixes)
        self._teaser = regex.compile(
            rf"\s*(?:{alternatives or '(?!)'})\s*(?:[:|»>–—\-]|\s\s)\s*\w", regex.IGNORECASE
        )
        # The first word a line must open with to be one of the lexicon's lines, a teaser
        # or a footer (each of those needs a word: a line without letters never is one)
        openers = [_WORDS.search(entry.casefold()) for entry in (*self.lexicon.lines, *self.lexicon.prefixes)]
        self._openers = frozenset(m.group() for m in openers if m) | self.lexicon.vocabulary
        self._letterless = not all(openers)

    @classmethod
    def from_spec(cls, meta: RuleMeta, spec: Node) -> LineLexiconRule:
        name = spec["lexicon"]
        if not isinstance(name, str) or not name:
            raise DataError("", spec.line_of("lexicon"), f"rule {meta.code}: 'lexicon' must be a file name")
        path = _resolve(meta.origin, name)
        if not path.is_file():
            raise DataError("", spec.line_of("lexicon"), f"rule {meta.code}: no lexicon file {path}")
        return cls(meta, path, parse_fix(spec, f"rule {meta.code}", replacement=False))

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        text = doc.text
        for line_start, line_end in doc.line_spans:
            if line_end - line_start > MAX_LINE:  # (judged before the line is copied)
                continue
            line = text[line_start:line_end]
            if not self._may_open(line):
                continue
            key = normalize_line(line)
            if not key or not (key in self.lexicon.lines or self._teaser.match(line) or self._footer(key)):
                continue
            start = line_start + (len(line) - len(line.lstrip()))
            end = line_end - (len(line) - len(line.rstrip()))
            fixes = []
            if self.fix is not None:
                a, b = delete_line(text, start, end)
                fixes.append((self.fix.applicability, self.fix.description, [(a, b, "")]))
            yield self.finding(doc, start, end, fixes=fixes)

    def _may_open(self, line: str) -> bool:
        """Whether a line opens with a word some entry opens with (case-folded as
        `normalize_line` folds it): most lines of prose do not, and are not normalised."""
        first = _WORDS.search(line)
        if first is None:
            return self._letterless
        folded = _WORDS.match(first.group().casefold())
        return folded is not None and folded.group() in self._openers

    def _footer(self, key: str) -> bool:
        words = _WORDS.findall(key)
        return len(words) >= 2 and all(w in self.lexicon.vocabulary for w in words)


def _resolve(origin: str, name: str) -> Path:
    """A lexicon named by a pack: next to the pack, or among the built-in lexicons."""
    from ..paths import knowledge_dir

    beside = Path(origin).parent / name if origin else Path(name)
    return beside if beside.is_file() else knowledge_dir() / "lexicons" / name
