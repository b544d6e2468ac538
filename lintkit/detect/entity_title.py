"""`entity-title`: an official from the knowledge base given a title they never held, or,
when the article's date is known, one they took up only after it.

Titles are recognised before a name ("Assistant Secretary of State Wendy Sherman"), in
apposition ("Wendy R. Sherman, the Assistant Secretary of State") and in later references
("Ms. Sherman, the assistant secretary", counted only after the full name has appeared).
A title held earlier is fine (news names people by past titles when it recounts past acts),
as is any accepted form of a title in any case. Qualified titles ("former", "then-",
"acting", "-elect") and titles of organisations the knowledge base does not cover ("LDP
Secretary-General") are not judged. The suggested fix is the office the person held on the
article's date; without a date, the period is inferred from the other officials the article
names with titles they held, and used for the suggestion only.

Speed: names are shortlisted per document by their words (`PhraseIndex`), and titles are
only looked for right before and after the names found, never across the whole text.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from ..cache import KeyTable, compiled
from ..document import Document
from ..findings import Applicability, Finding
from ..knowledge import KnowledgeBase
from ..meta import RuleMeta
from ..phrases import Patterns, alternation, normalize, tokens, word_bounded
from ..rule import Context
from ..yamlfile import Node
from .base import DataRule, SpanSet

if TYPE_CHECKING:
    from ..knowledge.officials import Office, Official, Tenure

_QUALIFIERS = (
    r"former|ex|then|late|acting|interim|outgoing|incoming|future|designate|designated|"
    r"nominated|nominee|would-be|onetime|one-time|erstwhile|previous|past|caretaker|once|"
    r"retired|disgraced|ousted|deposed|fired|sacked|sometime|later|eventual"
)
# A word that may stand between an article and a title: a capitalised name of a country or
# an organisation, its possessive ("NATO’s", "Biden's"), or one of a few adjectives.
_MODIFIER_WORD = (
    r"(?:\p{Lu}[\p{L}\p{M}.'’\-]*|new|newly\s+(?:appointed|named)|current|incumbent|sitting|"
    r"veteran|longtime|long-serving|top|the\s+(?:country|nation|alliance|bloc|organi[sz]ation)['’]s)\s+"
)
_MODIFIER = compiled(_MODIFIER_WORD)
_WORD_START = compiled(r"(?<![\w\-.'’])\w")
_TITLE_WORD = compiled(r"[\w'’.]+")
_SEPARATOR = compiled(r"[\s\-‐‑–]+")
# Acronyms of the organisations the knowledge base covers (country acronyms come from places).
_KNOWN_ACRONYMS = frozenset({"US", "UN", "NATO", "EU", "UK"})
_HONORIFIC = r"(?:(?:Mr|Ms|Mrs|Miss|Dr|Prof)\.?\s+)"
_APPOSITION = compiled(
    rf",\s+(?:(?:who\s+is|now)\s+)?(?:(?:the|a|an)\s+)?(?:(?P<qual>{_QUALIFIERS})[\s\-]+)?"
)
_QUALIFIED = compiled(rf"(?ri)(?<![\w\-])(?:{_QUALIFIERS})[\s\-]+(?:{_MODIFIER_WORD})*$")
_ACRONYM_BEFORE = compiled(r"(?r)(?<![\w\-.])(?P<acronym>\p{Lu}{2,6})['’]?s?\s+$")
_NAME_FOLLOWS = compiled(r",?\s+\p{Lu}[\p{L}.'’\-]*\s+\p{Lu}")
_TAIL_OK = compiled(r"(?!['’]s\b|-elect\b|\s+(?:of|for|to|at|in|on)\s+\p{L})")


class _Ref(NamedTuple):
    """A reference to an official: a full name, or a later surname reference."""

    official: Official
    start: int
    end: int


class EntityTitleRule(DataRule):
    KEYS: ClassVar[set[str]] = set()
    REQUIRED: ClassVar[set[str]] = set()

    def __init__(self, meta: RuleMeta) -> None:
        self.meta = meta
        self._tables: _Tables | None = None

    @classmethod
    def from_spec(cls, meta: RuleMeta, spec: Node) -> EntityTitleRule:
        return cls(meta)

    @classmethod
    def is_fixable(cls, spec: Node) -> bool:
        return True

    def prepare(self, ctx: Context) -> None:
        """The officials and titles are indexed once into lintkit's cache (per knowledge
        base), as tables looked up by word, name or number (lintkit.cache.KeyTable): a
        document reads the rows of the words and officials it holds."""
        self._tables = _Tables(ctx.knowledge)
        self._officials: dict[int, Official] = {}
        self._offices: dict[str, Office] = {}
        self._names_of: dict[int, list[str]] = {}
        self._forms_of: dict[int, list[tuple[Tenure, set[str]]]] = {}
        self._numbers: dict[int, int] = {}  # id(official) -> its number
        self.name_patterns: Patterns[int] = Patterns(self._names_source)
        self.surname_patterns: Patterns[str] = Patterns(_surname_source)

    def warm(self) -> None:
        """Read the tables whole (before a run forks its workers, which share them)."""
        if self._tables is not None:
            t = self._tables
            for table in (t.gate, t.names, t.officials, t.forms, t.facts):
                table.load()

    def word_tables(self) -> Iterable[KeyTable]:
        return [] if self._tables is None else [self._tables.gate]

    @cached_property
    def _longest(self) -> int:
        assert self._tables is not None
        return int(self._tables.facts["longest"])

    @cached_property
    def _acronyms(self) -> frozenset[str]:
        assert self._tables is not None
        return frozenset(self._tables.facts["acronyms"].split())

    def _candidates(self, words: frozenset[str], among: frozenset[str] | None = None) -> frozenset[int]:
        """The officials (by number) one of whose full names has all its words in `words`
        (of which the gate may hold only those `among`)."""
        found: set[int] = set()
        if self._tables is not None:
            for entries in self._tables.gate.lookup(words if among is None else among).values():
                for entry in entries.split(_ENTRY):
                    number, needs = entry.split(_FIELD)
                    if words.issuperset(needs.split(" ")):
                        found.add(int(number))
        return frozenset(found)

    def _official(self, number: int) -> Official:
        """An official by number, made from their row once (one object per official)."""
        found = self._officials.get(number)
        if found is None:
            from ..knowledge.officials import Official, Tenure

            assert self._tables is not None
            row = json.loads(self._tables.officials[str(number)])
            tenures = tuple(
                Tenure(self._office(*office), _day(start), _day(end)) for office, start, end in row["tenures"]
            )
            found = self._officials[number] = Official(
                row["name"], tuple(row["variants"]), row["surname"], row["honorific"], tenures, row["source"]
            )
            self._names_of[number] = row["names"]
            self._numbers[id(found)] = number
        return found

    def _office(self, office_id: str, title: str, organisation: str, forms: list[str]) -> Office:
        found = self._offices.get(office_id)
        if found is None:
            from ..knowledge.officials import Office

            found = self._offices[office_id] = Office(office_id, title, organisation, tuple(forms))
        return found

    def _is_title(self, text: str, start: int, end: int) -> bool:
        """Whether text[start:end] is a known title form (any case, spaces or hyphens between
        its words), ending where a word ends: a lookup, not a pattern of every form."""
        if end < len(text) and (text[end].isalnum() or text[end] in "-_"):
            return False
        assert self._tables is not None
        return normalize(text[start:end]) in self._tables.forms

    def _title_at(self, text: str, pos: int) -> tuple[int, int] | None:
        """The longest title form starting at `pos`."""
        ends: list[int] = []
        for m in _TITLE_WORD.finditer(text, pos, min(len(text), pos + 200)):
            if ends and not _SEPARATOR.fullmatch(text, ends[-1], m.start()):
                break
            if not ends and m.start() != pos:
                return None
            ends.append(m.end())
            if len(ends) >= self._longest:
                break
        for end in reversed(ends):
            for stop in (end, end - 1) if text[end - 1] == "." else (end,):  # "of State." ends a sentence
                if self._is_title(text, pos, stop):
                    return pos, stop
        return None

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        gate = self._tables.gate if self._tables is not None else None
        present = self._candidates(doc.tokens, ctx.vocabulary.words(doc, gate))
        if not present:
            return
        refs = self._references(doc, present)
        attached = []
        for ref in refs:
            found = self._title_near(doc.text, ref)
            if found is not None:
                attached.append((ref.official, *found))
        if not attached:
            return
        date = ctx.article_date(doc)
        period = None if date else self._infer_period(attached, doc.text)
        for person, start, end in attached:
            yield from self._judge(doc, person, start, end, date, period)

    def _references(self, doc: Document, present: frozenset[int]) -> list[_Ref]:
        """Full-name mentions, then surname references after each official's first one."""
        text = doc.text
        assert self._tables is not None
        names = self._tables.names
        refs = [
            _Ref(self._official(int(names[normalize(m.group())])), m.start(), m.end())
            for m in self.name_patterns.finditer(sorted(present), text)
        ]
        if not refs:
            return refs
        first: dict[str, int] = {}
        by_surname: dict[str, set[int]] = defaultdict(set)
        for r in refs:
            first.setdefault(r.official.name, r.start)
            by_surname[r.official.surname].add(id(r.official))
        officials = {normalize(r.official.surname): r.official for r in refs}
        unique = sorted(s for s, ids in by_surname.items() if len(ids) == 1)
        covered = SpanSet([(r.start, r.end) for r in refs])  # a bisect per surname, not a scan
        for m in self.surname_patterns.finditer(unique, text):
            person = officials[normalize(m.group("surname"))]
            inside = covered.overlaps(m.start("surname"), m.start("surname") + 1)
            if not inside and m.start() > first[person.name]:
                refs.append(_Ref(person, m.start(), m.end()))
        return refs

    def _names_source(self, official: int) -> str:
        """Every full-name spelling of one official."""
        self._official(official)
        return word_bounded(alternation(self._names_of[official]))

    def _title_near(self, text: str, ref: _Ref) -> tuple[int, int] | None:
        """The span of a title attached to a reference, before or after it."""
        before = self._title_before(text, ref.start)
        if before is not None:
            t0 = before[0]
            if _QUALIFIED.search(text, max(0, t0 - 60), t0) or self._unknown_org(text, t0):
                return None
            return before
        return self._title_after(text, ref.end)

    def _title_before(self, text: str, name_start: int) -> tuple[int, int] | None:
        """A title ending right before a name ("Secretary of State Antony Blinken",
        "the prime minister, Rishi Sunak"): the longest form that fits."""
        end = name_start
        while end > 0 and text[end - 1].isspace():
            end -= 1
        if end == name_start:
            return None
        if end > 0 and text[end - 1] == ",":
            end -= 1
        for w in _WORD_START.finditer(text, max(0, end - 100), end):
            if self._is_title(text, w.start(), end):
                return w.start(), end
        return None

    def _title_after(self, text: str, name_end: int) -> tuple[int, int] | None:
        """A title in apposition ("Wendy R. Sherman, the Assistant Secretary of State"),
        allowing a few modifiers before it ("NATO’s", "the new US")."""
        lead = _APPOSITION.match(text, name_end)
        if lead is None or lead.group("qual"):
            return None
        pos = lead.end()
        for _ in range(4):
            title = self._title_at(text, pos)
            if title is not None:
                end = title[1]
                if not _TAIL_OK.match(text, end) or _NAME_FOLLOWS.match(text, end):
                    return None  # "Suga, Foreign Minister Taro Kono": the title is Kono's
                return title
            modifier = _MODIFIER.match(text, pos)
            if modifier is None:
                return None
            pos = modifier.end()
        return None

    def _unknown_org(self, text: str, at: int) -> bool:
        """An acronym the knowledge base does not know right before a title ("LDP
        Secretary-General") names a party or company post, which it does not cover."""
        m = _ACRONYM_BEFORE.search(text, max(0, at - 12), at)
        return m is not None and m.group("acronym") not in self._acronyms

    def _judge(
        self,
        doc: Document,
        person: Official,
        start: int,
        end: int,
        date: dt.date | None,
        period: tuple[dt.date, dt.date] | None,
    ) -> Iterator[Finding]:
        title = doc.text[start:end]
        matching = self._tenures_with_title(person, title)
        if matching and (date is None or any(not t.began_after(date) for t in matching)):
            return
        suggestion = self._held_then(person, date, period)
        if matching:
            assert date is not None
            first = min(t.start for t in matching if t.start is not None)
            message = (
                f"{person.name} became {matching[0].office.title} only on "
                f"{first.isoformat()}, after this article's date ({date.isoformat()})"
            )
        else:
            message = f'{person.name} never held the title "{title}"'
        fixes = []
        if suggestion is not None:
            when = f"on {date.isoformat()}" if date else "at the time"
            message += f"; {when} {person.surname} was {suggestion.office.title}"
            replacement = _in_case_of(title, _closest_form(title, suggestion.office.forms))
            fixes.append((Applicability.UNSAFE, f'replace with "{replacement}"', [(start, end, replacement)]))
        yield self.finding(doc, start, end, message="{detail}", detail=message, fixes=fixes)

    def _tenures_with_title(self, person: Official, title: str) -> list[Tenure]:
        key = normalize(title)
        number = self._numbers[id(person)]
        forms_of = self._forms_of.get(number)
        if forms_of is None:
            forms_of = [(t, {normalize(f) for f in t.office.forms}) for t in person.tenures]
            self._forms_of[number] = forms_of
        return [t for t, forms in forms_of if key in forms]

    @staticmethod
    def _held_then(
        person: Official, date: dt.date | None, period: tuple[dt.date, dt.date] | None
    ) -> Tenure | None:
        if date is not None:
            held = [t for t in person.tenures if t.held_on(date)]
        elif period is not None:
            lo, hi = period
            held = [
                t for t in person.tenures
                if (t.start is None or t.start <= hi) and (t.end is None or t.end >= lo)
            ]  # fmt: skip
        else:
            held = []
        return held[0] if len(held) == 1 else None

    def _infer_period(
        self, attached: list[tuple[Official, int, int]], text: str
    ) -> tuple[dt.date, dt.date] | None:
        """The span of dates consistent with every title the article gets right."""
        lo, hi = dt.date.min, dt.date.max
        found = False
        for person, start, end in attached:
            spans = self._tenures_with_title(person, text[start:end])
            if len(spans) != 1:
                continue
            t = spans[0]
            lo = max(lo, t.start or dt.date.min)
            hi = min(hi, t.end or dt.date.max)
            found = True
        return (lo, hi) if found and lo <= hi else None


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


# Separators in the gate table's values: officials, and an official's number and name words.
_ENTRY, _FIELD = "\x1e", "\x1f"


class _Tables:
    """The rule's tables of one knowledge base, each opened on first use."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._names: dict[str, int] | None = None

    def unique_names(self) -> dict[str, int]:
        """Full name -> official (by number), for the names only one official has."""
        if self._names is None:
            names: dict[str, int] = {}
            ambiguous: set[str] = set()
            for i, o in enumerate(self.kb.officials):
                for n in o.full_names:
                    if n in names and names[n] != i:
                        ambiguous.add(n)
                    names[n] = i
            self._names = {n: i for n, i in names.items() if n not in ambiguous}
        return self._names

    def _table(self, name: str, rows: Callable[[_Tables], list[tuple[str, str]]]) -> KeyTable:
        return self.kb.derived_table(f"entity-title-{name}", lambda kb: rows(self))

    @cached_property
    def gate(self) -> KeyTable:
        """A word -> the officials (with the words of the full name) filed under it, each
        full name under its longest word (as `PhraseIndex` files them)."""
        return self._table("gate", _gate_rows)

    @cached_property
    def names(self) -> KeyTable:
        """A full name, normalised (any space, line break or hyphen between its words in a
        match) -> the official's number."""
        return self._table("names", lambda t: [(normalize(n), str(i)) for n, i in t.unique_names().items()])

    @cached_property
    def officials(self) -> KeyTable:
        """An official's number -> the official, their full names and offices, as JSON."""
        return self._table("officials", _official_rows)

    @cached_property
    def forms(self) -> KeyTable:
        """Every accepted form of a title, normalised."""
        kb = self.kb
        return self._table(
            "forms",
            lambda t: [(normalize(f), "") for office in kb.offices.values() for f in office.forms]
            + [(normalize(title), "") for title in kb.generic_titles],
        )

    @cached_property
    def facts(self) -> KeyTable:
        """`longest`: the words in the longest title form; `acronyms`: the organisations'
        and countries' acronyms a title may follow."""
        return self._table("facts", _fact_rows)


def _gate_rows(tables: _Tables) -> list[tuple[str, str]]:
    by_word: dict[str, list[str]] = defaultdict(list)
    for name, i in tables.unique_names().items():
        words = frozenset(tokens(name))
        if words:
            by_word[max(sorted(words), key=len)].append(f"{i}{_FIELD}{' '.join(sorted(words))}")
    return [(word, _ENTRY.join(entries)) for word, entries in by_word.items()]


def _official_rows(tables: _Tables) -> list[tuple[str, str]]:
    names_of: dict[int, list[str]] = defaultdict(list)  # official -> spellings
    for n, i in tables.unique_names().items():
        names_of[i].append(n)
    rows = []
    for i, o in enumerate(tables.kb.officials):
        row = {
            "name": o.name, "variants": o.variants, "surname": o.surname, "honorific": o.honorific,
            "source": o.source, "names": names_of.get(i, []),
            "tenures": [
                [[t.office.id, t.office.title, t.office.organisation, t.office.forms],
                 t.start.isoformat() if t.start else None, t.end.isoformat() if t.end else None]
                for t in o.tenures
            ],
        }  # fmt: skip
        rows.append((str(i), json.dumps(row, ensure_ascii=False)))
    return rows


def _fact_rows(tables: _Tables) -> list[tuple[str, str]]:
    kb = tables.kb
    forms = {normalize(f) for office in kb.offices.values() for f in office.forms}
    forms |= {normalize(t) for t in kb.generic_titles}
    place_acronyms = {n.replace(".", "") for p in kb.places for n in p.names}
    acronyms = _KNOWN_ACRONYMS | {n for n in place_acronyms if n.isupper() and n.split() == [n]}
    longest = max((f.count(" ") + 1 for f in forms), default=0)
    return [("longest", str(longest)), ("acronyms", " ".join(sorted(acronyms)))]


def _surname_source(surname: str) -> str:
    return rf"(?<![\w\-]){_HONORIFIC}?(?P<surname>{alternation([surname])})(?![\w\-])"


def _closest_form(used: str, forms: tuple[str, ...]) -> str:
    """The accepted form nearest the title the text used (most words in common, then the
    fewest other words, then the first listed): "Foreign Minister" -> "Deputy Foreign
    Minister", not the formal "Deputy Minister of Foreign Affairs of the Russian Federation"."""
    words = set(normalize(used).split())

    def distance(i: int) -> tuple[int, int, int]:
        other = set(normalize(forms[i]).split())
        return -len(words & other), len(other - words), i

    return forms[min(range(len(forms)), key=distance)]


def _in_case_of(source: str, title: str) -> str:
    """The title in lower case where the text used lower case ("the deputy secretary")."""
    return title.lower() if source == source.lower() else title
