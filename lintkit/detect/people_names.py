"""People's names: a misspelt or mistransliterated name of someone in the news, and two
spellings of one person in one article.

Reads the people knowledge base (rules/knowledge/people.yaml): each person's wire-service
spelling, the variants reputable outlets print (Zelensky / Zelenskyy / Zelenskiy, Sergey /
Sergei Lavrov) and other names (middle initials, titles, nicknames). A name in copy whose
surname is a listed person's and whose first name is one or two letters away from theirs
("Anthony Blinken"), or whose first name is theirs and surname a letter away ("Volodymyr
Zelenskky"), is a suspected misspelling; two listed variants of one person in one article
are an inconsistency.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ..document import Document
from ..findings import Applicability, Category, Finding, Severity
from ..knowledge import Person
from ..language import common_english
from ..meta import BODY_PARTS, BadExample, Examples, GoodExample, RuleMeta
from ..rule import Context, Rule
from ..structure import Part

# Words that stand before a name but are not first names.
_TITLES = frozenset(
    [
        "prince",
        "princess",
        "princes",
        "king",
        "queen",
        "sir",
        "lord",
        "lady",
        "dame",
        "pope",
        "sheikh",
        "emir",
        "president",
        "premier",
        "general",
        "gen",
        "mr",
        "mrs",
        "ms",
        "dr",
        "saint",
        "st",
    ]
)


_CAPITALISED = r"\p{Lu}[\p{L}\-]*(?:['’]\p{L}+)?(?<!['’]s)"
_WORD_BEFORE = regex.compile(rf"(?<![\p{{L}}\p{{N}}'’\-])(?P<word>{_CAPITALISED}) $")
_WORD_AFTER = regex.compile(rf" (?P<word>{_CAPITALISED})(?![\p{{L}}\p{{N}}])")


def _whole_words(text: str, spellings: set[str]) -> Iterator[tuple[str, int, int]]:
    """(word, start, end) for each whole-word occurrence of the given spellings (str.find,
    so a document's few candidates cost almost nothing)."""
    for word in spellings:
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            before = text[at - 1] if at else " "
            after = text[end] if end < len(text) else " "
            if not (before.isalnum() or before in "'’-") and not after.isalnum():
                yield word, at, end
            at = text.find(word, end)


def distance(a: str, b: str, limit: int) -> int:
    """Edit distance with transpositions (optimal string alignment), stopping past `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _allowed(word: str) -> int:
    """How many edits a misspelt first name of this length may hold."""
    return 1 if len(word) <= 7 else 2


@dataclass(frozen=True, slots=True)
class _Form:
    person: Person
    first: str  # as written in the knowledge base
    last: str


class NameSpelling(Rule):
    meta = RuleMeta(
        code="FN030",
        name="name-spelling",
        category=Category.FACTS,
        severity=Severity.WARNING,
        message="{detail}",
        explanation=(
            "Names of people in the news come out of translation and hurried rewriting "
            'misspelt ("Anthony Blinken" for Antony Blinken) or transliterated another way, '
            'and articles stitched from several sources mix spellings ("Zelensky" beside '
            '"Zelenskyy"). The people knowledge base (rules/knowledge/people.yaml) lists each '
            "person's wire-service spelling, the variants reputable outlets print and their "
            "other names (middle initials, titles, nicknames). A name whose surname is a listed "
            "person's and whose first name is one or two letters from theirs (or the reverse) is "
            "reported as a suspected misspelling, unless it is another listed person's name or both "
            "names are common (Michael Martin is not a misspelt Micheál Martin); two "
            "listed variants of one person in one article are reported as an inconsistency, "
            "with the article's majority spelling as the fix."
        ),
        examples=Examples(
            bad=(
                BadExample(
                    "Secretary of State Anthony Blinken arrived in Kyiv on Tuesday.",
                    ("Anthony Blinken",),
                    "Secretary of State Antony Blinken arrived in Kyiv on Tuesday.",
                ),
                BadExample(
                    "Volodymyr Zelenskyy met the envoys. Zelenskyy said talks would go on, and "
                    "Zelensky thanked them.",
                    ("Zelensky",),
                    "Volodymyr Zelenskyy met the envoys. Zelenskyy said talks would go on, and "
                    "Zelenskyy thanked them.",
                ),
            ),
            good=(
                GoodExample("Antony Blinken and Tony Blinken are one man; Anthony Albanese is another."),
                GoodExample("Volodymyr Zelensky met the envoys. Zelensky said talks would go on."),
            ),
        ),
        parts=BODY_PARTS | {Part.CAPTION, Part.SUBHEAD},
        artifact_class="distorted-name",
        fixable=True,
        origin=__name__,
    )

    def prepare(self, ctx: Context) -> None:
        self.by_last: dict[str, list[_Form]] = defaultdict(list)  # casefolded surname -> forms
        self.firsts: set[str] = set()  # every listed first name, casefolded
        self.lasts: set[str] = set()
        for person in ctx.knowledge.people:
            for spelling in (*person.spellings, *person.other_names):
                words = spelling.split()
                if len(words) < 2 or words[0].casefold().rstrip(".") in _TITLES:
                    continue
                form = _Form(person, words[0], words[-1])
                self.by_last[words[-1].casefold()].append(form)
                self.firsts.add(words[0].casefold())
                self.lasts.add(words[-1].casefold())
        self.last_keys = frozenset(self.by_last)
        self.first_keys = frozenset(self.firsts)
        self.by_first: dict[str, list[_Form]] = defaultdict(list)
        for forms in self.by_last.values():
            for form in forms:
                self.by_first[form.first.casefold()].append(form)
        # the capitalised spellings to search for, by their lowercase form
        self.cased_last: dict[str, set[str]] = defaultdict(set)
        self.cased_first: dict[str, set[str]] = defaultdict(set)
        for forms in self.by_last.values():
            for form in forms:
                self.cased_last[form.last.casefold()].add(form.last)
                self.cased_first[form.first.casefold()].add(form.first)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        surnames = doc.tokens & self.last_keys
        firsts = doc.tokens & self.first_keys
        if not surnames and not firsts:
            return
        text = doc.text
        seen: dict[str, list[tuple[int, int, str]]] = defaultdict(list)  # person -> (span, spelling)
        reported: set[int] = set()
        for key in surnames:
            for last, s, e in _whole_words(text, self.cased_last[key]):
                before = _WORD_BEFORE.search(text, max(0, s - 40), s)
                if before is not None:
                    start = before.start("word")
                    forms = self.by_last[key]
                    for finding in self._first_name(doc, forms, before.group("word"), last, start, e):
                        reported.add(start)
                        yield finding
                for form in self.by_last[key]:
                    if form.person.variants and last == form.last:
                        seen[form.person.name].append((s, e, last))
                        break
        for key in firsts:
            for first, s, e in _whole_words(text, self.cased_first[key]):
                after = _WORD_AFTER.match(text, e)
                if after is not None and s not in reported:
                    last = after.group("word")
                    if last.casefold() not in self.last_keys:
                        yield from self._surname(doc, first, last, s, after.end("word"))
        yield from self._mixed(doc, seen)

    def _first_name(
        self,
        doc: Document,
        forms: list[_Form],
        first: str,
        last: str,
        start: int,
        end: int,
    ) -> Iterator[Finding]:
        known = {f.first.casefold() for f in forms}
        if first.casefold() in known or len(first) < 4 or first.casefold() in _TITLES:
            return
        common = common_english()
        if last.casefold() in common and first.casefold() in common:
            return  # a common first name and a common surname: most likely someone else
        for form in forms:
            limit = _allowed(form.first)
            if form.first[:1] == first[:1] and distance(first, form.first, limit) <= limit:
                right = f"{form.first} {last}"
                detail = f'"{first} {last}" looks like a misspelling of {form.person.name} ("{right}")'
                fix = (Applicability.UNSAFE, f'write "{right}"', [(start, end, right)])
                yield self.finding(doc, start, end, detail=detail, fixes=[fix])
                return

    def _surname(self, doc: Document, first: str, last: str, start: int, end: int) -> Iterator[Finding]:
        key = last.casefold()
        if key in self.lasts or first.casefold() in _TITLES or len(last) < 5:
            return
        limit = 1  # a surname two letters away is as often another family's name
        for form in self.by_first.get(first.casefold(), ()):
            other = form.last.casefold()
            if other[:1] == key[:1] and distance(key, other, limit) <= limit:
                right = f"{form.first} {form.last}"
                detail = f'"{first} {last}" looks like a misspelling of {form.person.name} ("{right}")'
                fix = (Applicability.UNSAFE, f'write "{right}"', [(start, end, right)])
                yield self.finding(doc, start, end, detail=detail, fixes=[fix])
                return

    def _mixed(self, doc: Document, seen: dict[str, list[tuple[int, int, str]]]) -> Iterator[Finding]:
        """Two listed spellings of one person's surname in one article: the minority ones."""
        for name, uses in seen.items():
            counts = Counter(spelling for _, _, spelling in uses)
            if len(counts) < 2:
                continue
            order = {spelling: i for i, (_, _, spelling) in reversed(list(enumerate(uses)))}
            majority = max(counts, key=lambda s: (counts[s], -order[s]))
            for start, end, spelling in uses:
                if spelling != majority:
                    detail = (
                        f'"{spelling}" here, but "{majority}" elsewhere in this article ({name}: '
                        f"{', '.join(f'{s} {n}' for s, n in counts.most_common())})"
                    )
                    fix = (Applicability.UNSAFE, f'write "{majority}"', [(start, end, majority)])
                    yield self.finding(doc, start, end, detail=detail, fixes=[fix])
