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
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from functools import cached_property
from typing import NamedTuple

from ..cache import KeyTable, compiled
from ..document import Document
from ..findings import Applicability, Category, Finding, Severity
from ..knowledge import KnowledgeBase
from ..language import common_english_words
from ..literals import find_all
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
# read backwards from where a surname starts (`(?r)`): its one possible match is found at
# once, where a forward search tries every start in the 40 characters before it
_WORD_BEFORE = compiled(rf"(?r)(?<![\p{{L}}\p{{N}}'’\-])(?P<word>{_CAPITALISED}) $")
_WORD_AFTER = compiled(rf" (?P<word>{_CAPITALISED})(?![\p{{L}}\p{{N}}])")
# the groups by number: the regex package looks a group's name up on every call
_BEFORE_WORD, _AFTER_WORD = _WORD_BEFORE.groupindex["word"], _WORD_AFTER.groupindex["word"]


def _whole_words(text: str, groups: Sequence[Collection[str]]) -> list[list[tuple[str, int, int]]]:
    """Per group of spellings, (word, start, end) for each whole-word occurrence of them,
    spelling by spelling (lintkit.literals: one search for all of a document's spellings,
    so its few candidates cost almost nothing)."""
    starts = iter(find_all(text, [word for group in groups for word in group], before="'’-", after=""))
    return [[(word, at, at + len(word)) for word in group for at in next(starts)] for group in groups]


def distance(a: str, b: str, limit: int) -> int:
    """Edit distance with transpositions (optimal string alignment), stopping past `limit`."""
    if limit == 1:  # (most calls: a surname a letter away) one edit is read off directly
        return 0 if a == b else 1 if _one_edit(a, b) else 2
    return _aligned(a, b, limit)


def _one_edit(a: str, b: str) -> bool:
    """Whether one substitution, insertion, deletion or swap of neighbours makes `a` into
    `b` (different strings): past their common start, the rests must then agree."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    if a[i + 1 :] == b[i + 1 :]:
        return True
    return i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]


def _aligned(a: str, b: str, limit: int) -> int:
    """Optimal string alignment by dynamic programming, stopping past `limit`."""
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


class _Person(NamedTuple):
    """What the rule reads of a listed person: the wire spelling and the variants."""

    name: str
    variants: tuple[str, ...]


class _Form(NamedTuple):
    """A listed spelling of a person (a tuple: the first documents make hundreds)."""

    person: _Person
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
        """The people's names are indexed once into lintkit's cache (per knowledge base), as
        tables looked up by word (lintkit.cache.KeyTable): a document reads the rows of the
        first names and surnames it holds."""
        self._tables = _Tables(ctx.knowledge)
        self._people: dict[int, _Person] = {}
        self._forms: dict[tuple[str, str], list[_Form]] = {}
        self._cased: dict[tuple[str, str], set[str]] = {}
        self._by_initial: dict[str, dict[str, list[tuple[_Form, str]]]] = {}

    def warm(self) -> None:
        """Read the tables whole (before a run forks its workers, which share them)."""
        t = self._tables
        for table in (t.gate, t.by_last, t.by_first, t.people):
            table.load()

    def word_tables(self) -> Iterable[KeyTable]:
        return [self._tables.gate]

    def _person(self, number: int) -> _Person:
        found = self._people.get(number)
        if found is None:
            name, variants = self._tables.people[str(number)].split(_FIELD)
            found = self._people[number] = _Person(name, tuple(variants.split(_ENTRY)) if variants else ())
        return found

    def _forms_by(self, which: str, key: str) -> list[_Form]:
        """The listed forms whose surname (`which` "last") or first name ("first"),
        casefolded, is `key`, in the knowledge base's order."""
        found = self._forms.get((which, key))
        if found is None:
            table = self._tables.by_last if which == "last" else self._tables.by_first
            row = table.get(key)
            found = []
            for entry in row.split(_ENTRY) if row else ():
                number, first, last = entry.split(_FIELD)
                found.append(_Form(self._person(int(number)), first, last))
            self._forms[which, key] = found
        return found

    def _surnames_after(self, first: str) -> dict[str, list[tuple[_Form, str]]]:
        """The forms with this first name (casefolded) and their casefolded surnames, by
        the surname's first letter (a misspelt surname keeps it), in the knowledge base's
        order: a common first name is shared by dozens of listed people."""
        found = self._by_initial.get(first)
        if found is None:
            found = self._by_initial[first] = {}
            for form in self.by_first.get(first, ()):
                other = form.last.casefold()
                found.setdefault(other[:1], []).append((form, other))
        return found

    def _spellings(self, which: str, key: str) -> set[str]:
        """The capitalised spellings of a surname or first name to search for."""
        found = self._cased.get((which, key))
        if found is None:
            forms = self._forms_by(which, key)
            found = self._cased[which, key] = {f.last if which == "last" else f.first for f in forms}
        return found

    @property
    def by_last(self) -> _FormIndex:
        return _FormIndex(self, "last")

    @property
    def by_first(self) -> _FormIndex:
        return _FormIndex(self, "first")

    def _is_surname(self, key: str) -> bool:
        """Whether `key` (casefolded) is a listed surname."""
        return "l" in self._tables.gate.get(key, "")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        gate = self._tables.gate
        present = gate.lookup(ctx.vocabulary.words(doc, gate))
        if not present:
            return
        surnames = {w for w, kinds in present.items() if "l" in kinds}
        firsts = {w for w, kinds in present.items() if "f" in kinds}
        text = doc.text
        seen: dict[str, list[tuple[int, int, str]]] = defaultdict(list)  # person -> (span, spelling)
        reported: set[int] = set()
        # in a fixed order: the first spelling seen breaks ties
        lasts, keys = sorted(surnames), sorted(firsts)
        found = _whole_words(
            text, [self._spellings("last", k) for k in lasts] + [self._spellings("first", k) for k in keys]
        )
        for key, occurrences in zip(lasts, found[: len(lasts)], strict=True):
            forms = self._forms_by("last", key) if occurrences else []  # (read once per surname)
            for last, s, e in occurrences:
                before = _WORD_BEFORE.search(text, max(0, s - 40), s)
                if before is not None:
                    start = before.start(_BEFORE_WORD)
                    for finding in self._first_name(doc, forms, before.group(_BEFORE_WORD), last, start, e):
                        reported.add(start)
                        yield finding
                for form in forms:
                    if form.person.variants and last == form.last:
                        seen[form.person.name].append((s, e, last))
                        break
        for occurrences in found[len(lasts) :]:
            for first, s, e in occurrences:
                after = _WORD_AFTER.match(text, e)
                if after is not None and s not in reported:
                    last = after.group(_AFTER_WORD)
                    if len(last) >= _SURNAME_MIN and not self._is_surname(last.casefold()):
                        yield from self._surname(doc, first, last, s, after.end(_AFTER_WORD))
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
        common = common_english_words()
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
        """A first name followed by `last`, a word of `_SURNAME_MIN` letters or more that is
        not a listed surname (`check` tests both): a listed surname one letter away."""
        key = last.casefold()
        if first.casefold() in _TITLES:
            return
        limit = 1  # a surname two letters away is as often another family's name
        for form, other in self._surnames_after(first.casefold()).get(key[:1], ()):
            if distance(key, other, limit) <= limit:
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


class _FormIndex:
    """`rule.by_last[key]` / `rule.by_first.get(key, ())`: forms looked up in the tables."""

    def __init__(self, rule: NameSpelling, which: str) -> None:
        self._rule, self._which = rule, which

    def __getitem__(self, key: str) -> list[_Form]:
        return self._rule._forms_by(self._which, key)

    def get(self, key: str, default: Sequence[_Form] = ()) -> Sequence[_Form]:
        return self._rule._forms_by(self._which, key) or default


# Separators in the tables' values: forms, and a form's person number, first name, surname.
_ENTRY, _FIELD = "\x1e", "\x1f"
_SURNAME_MIN = 5  # a shorter unlisted surname after a first name is not read as misspelt


class _Tables:
    """The rule's tables of one knowledge base, each opened on first use."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def _table(self, name: str, rows: Callable[[KnowledgeBase], list[tuple[str, str]]]) -> KeyTable:
        return self.kb.derived_table(f"name-spelling-{name}", rows)

    @cached_property
    def gate(self) -> KeyTable:
        """Each listed surname ("l") and first name ("f"), casefolded."""
        return self._table("gate", _gate_rows)

    @cached_property
    def by_last(self) -> KeyTable:
        """A surname, casefolded -> its forms (person, first name, surname)."""
        return self._table("by-last", lambda kb: _form_rows(kb, "last"))

    @cached_property
    def by_first(self) -> KeyTable:
        """A first name, casefolded -> its forms, in the order of their surnames' first forms."""
        return self._table("by-first", lambda kb: _form_rows(kb, "first"))

    @cached_property
    def people(self) -> KeyTable:
        """A person's number -> the person's name and variants (US between them, RS between
        the variants)."""
        return self._table("people", _people_rows)


def _forms(kb: KnowledgeBase) -> Iterator[tuple[int, str, str]]:
    """(person number, first name, surname) of each listed spelling with two words or more."""
    for number, person in enumerate(kb.people):
        for spelling in (*person.spellings, *person.other_names):
            words = spelling.split()
            if len(words) < 2 or words[0].casefold().rstrip(".") in _TITLES:
                continue
            yield number, words[0], words[-1]


def _form_rows(kb: KnowledgeBase, which: str) -> list[tuple[str, str]]:
    by_last: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for form in _forms(kb):
        by_last[form[2].casefold()].append(form)
    index: dict[str, list[str]] = defaultdict(list)
    for forms in by_last.values():
        for number, first, last in forms:
            key = (last if which == "last" else first).casefold()
            index[key].append(f"{number}{_FIELD}{first}{_FIELD}{last}")
    return [(key, _ENTRY.join(entries)) for key, entries in index.items()]


def _people_rows(kb: KnowledgeBase) -> list[tuple[str, str]]:
    return [(str(i), f"{p.name}{_FIELD}{_ENTRY.join(p.variants)}") for i, p in enumerate(kb.people)]


def _gate_rows(kb: KnowledgeBase) -> list[tuple[str, str]]:
    kinds: dict[str, str] = defaultdict(str)
    for _, first, last in _forms(kb):
        for key, kind in ((last.casefold(), "l"), (first.casefold(), "f")):
            if kind not in kinds[key]:
                kinds[key] += kind
    return list(kinds.items())
