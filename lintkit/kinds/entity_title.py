"""`entity-title`: an official from the knowledge base given a title they never held, or,
when the article's date is known, one they took up only after it.

Titles are recognised before a name ("Assistant Secretary of State Wendy Sherman"), in
apposition ("Wendy R. Sherman, the Assistant Secretary of State") and in later references
("Ms. Sherman, the assistant secretary", counted only after the full name has appeared).
A title held earlier is fine (news names people by past titles when it recounts past acts),
as is any accepted form of a title in any case. Qualified titles ("former", "then-",
"acting", "-elect") are not judged. The suggested fix is the office the person held on the
article's date; without a date, the period is inferred from the other officials the article
names with titles they held, and used for the suggestion only.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ..document import Document
from ..findings import Applicability, Finding
from ..knowledge import Official
from ..knowledge.officials import Tenure
from ..phrases import alternation, normalize, word_bounded
from ..rule import Context, RuleMeta
from ..yamlfile import Node
from .base import DataRule

_QUALIFIERS = (
    r"former|ex|then|late|acting|interim|outgoing|incoming|future|designate|designated|"
    r"nominated|nominee|would-be|onetime|one-time|erstwhile|previous|past|caretaker|once|"
    r"retired|disgraced|ousted|deposed|fired|sacked|sometime|later|eventual"
)
_ADJECTIVES = (
    "new", "newly appointed", "newly named", "current", "incumbent", "sitting", "veteran",
    "longtime", "long-serving", "U.S.", "US", "UN", "U.N.", "NATO", "EU", "E.U.", "UK", "U.K.",
    "the country's", "the nation's", "the alliance's", "the bloc's", "the organisation's",
    "the organization's",
)
_HONORIFIC = r"(?:(?:Mr|Ms|Mrs|Miss|Dr|Prof)\.?\s+)"
_TAIL_OK = regex.compile(r"(?!['’]s\b|-elect\b|\s+(?:of|for|to|at|in|on)\s+\p{L})")


@dataclass(frozen=True, slots=True)
class _Mention:
    official: Official
    start: int
    end: int


class EntityTitleRule(DataRule):
    KEYS: set[str] = set()
    REQUIRED: set[str] = set()

    def __init__(self, meta: RuleMeta) -> None:
        self.meta = meta
        self._ready = False

    @classmethod
    def from_spec(cls, meta: RuleMeta, spec: Node) -> EntityTitleRule:
        return cls(meta)

    @classmethod
    def is_fixable(cls, spec: Node) -> bool:
        return True

    def prepare(self, ctx: Context) -> None:
        kb = ctx.knowledge
        self.officials = kb.officials
        self.by_full_name: dict[str, list[Official]] = defaultdict(list)
        self.by_surname: dict[str, list[Official]] = defaultdict(list)
        for o in self.officials:
            for n in o.full_names:
                self.by_full_name[n].append(o)
            self.by_surname[o.surname].append(o)
        forms = {normalize(f) for office in kb.offices.values() for f in office.forms}
        forms |= {normalize(t) for t in kb.generic_titles}
        modifiers = set(_ADJECTIVES)
        for place in kb.places:
            for n in (*place.names, *place.demonyms):
                modifiers.add(n)
                modifiers.add(n + "'s")
        if not self.officials or not forms:
            self._ready = False
            return
        mods = r"(?:" + alternation(modifiers) + r"\s+)*"
        names = alternation(self.by_full_name)
        refs = rf"(?:{names}|{_HONORIFIC}?(?:{alternation(self.by_surname)}))"
        self.titles = regex.compile(word_bounded(alternation(forms)), regex.IGNORECASE)
        self.full_names = regex.compile(word_bounded(names))
        self.name_after = regex.compile(rf"\s+(?P<name>{refs})(?![\w\-])")
        self.name_before = regex.compile(
            rf"(?<![\w\-])(?P<name>{refs}),\s+(?:(?:who\s+is|now)\s+)?(?:(?:the|a|an)\s+)?"
            rf"(?:(?P<qual>{_QUALIFIERS})[\s\-]+)?{mods}$"
        )
        self.qualified = regex.compile(rf"(?<![\w\-])(?:{_QUALIFIERS})[\s\-]+{mods}$",
                                       regex.IGNORECASE)
        self._ready = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if not self._ready:
            return
        text = doc.text
        mentions = [
            _Mention(self.by_full_name[m.group()][0], m.start(), m.end())
            for m in self.full_names.finditer(text, timeout=ctx.regex_timeout)
            if len(self.by_full_name[m.group()]) == 1
        ]
        if not mentions:
            return
        attached: list[tuple[Official, int, int]] = []
        for t in self.titles.finditer(text, timeout=ctx.regex_timeout):
            if not _TAIL_OK.match(text, t.end()):
                continue
            window = text[max(0, t.start() - 160) : t.start()]
            after = self.name_after.match(text, t.end())
            if after and not self.qualified.search(window[-60:]):
                person = self._resolve(after.group("name"), after.start("name"), mentions)
                if person is not None:
                    attached.append((person, t.start(), t.end()))
                    continue
            comma = window.rfind(",")
            if comma < 0 or len(window) - comma > 80:
                continue
            window = window[max(0, comma - 60) :]
            before = self.name_before.search(window)
            if before and not before.group("qual"):
                name_at = t.start() - len(window) + before.start("name")
                person = self._resolve(before.group("name"), name_at, mentions)
                if person is not None:
                    attached.append((person, t.start(), t.end()))
        if not attached:
            return
        date = ctx.article_date(doc)
        period = None if date else self._infer_period(attached, text)
        for person, start, end in attached:
            yield from self._judge(doc, person, start, end, date, period)

    def _resolve(self, ref: str, at: int, mentions: list[_Mention]) -> Official | None:
        """The official a name reference means: a full name directly, a surname (with or
        without honorific) only if exactly one official of that surname was named in full
        earlier in the article."""
        full = self.by_full_name.get(ref)
        if full:
            return full[0] if len(full) == 1 else None
        surname = regex.sub(_HONORIFIC, "", ref)
        earlier = {m.official.name: m.official for m in mentions
                   if m.start < at and m.official.surname == surname}
        return next(iter(earlier.values())) if len(earlier) == 1 else None

    def _judge(self, doc: Document, person: Official, start: int, end: int,
               date: dt.date | None, period: tuple[dt.date, dt.date] | None) -> Iterator[Finding]:
        title = doc.text[start:end]
        key = normalize(title)
        matching = [t for t in person.tenures if key in {normalize(f) for f in t.office.forms}]
        if matching and (date is None or any(not t.began_after(date) for t in matching)):
            return
        suggestion = self._held_then(person, date, period)
        if matching:
            assert date is not None
            first = min(t.start for t in matching if t.start is not None)
            message = (f'{person.name} became {matching[0].office.title} only on '
                       f'{first.isoformat()}, after this article\'s date ({date.isoformat()})')
        else:
            message = f'{person.name} never held the title "{title}"'
        if suggestion is not None:
            when = f"on {date.isoformat()}" if date else "at the time"
            message += f"; {when} {person.surname} was {suggestion.office.title}"
        fixes = []
        if suggestion is not None:
            replacement = _in_case_of(title, suggestion.office.title)
            fixes.append((Applicability.UNSAFE, f'replace with "{replacement}"',
                          [(start, end, replacement)]))
        yield self.finding(doc, start, end, message=message.replace("{", "{{").replace("}", "}}"),
                           fixes=fixes)

    @staticmethod
    def _held_then(person: Official, date: dt.date | None,
                   period: tuple[dt.date, dt.date] | None) -> Tenure | None:
        if date is not None:
            held = [t for t in person.tenures if t.held_on(date)]
        elif period is not None:
            lo, hi = period
            held = [t for t in person.tenures
                    if (t.start is None or t.start <= hi) and (t.end is None or t.end >= lo)]
        else:
            held = []
        return held[0] if len(held) == 1 else None

    def _infer_period(self, attached: list[tuple[Official, int, int]],
                      text: str) -> tuple[dt.date, dt.date] | None:
        """The span of dates consistent with every title the article gets right."""
        lo, hi = dt.date.min, dt.date.max
        found = False
        for person, start, end in attached:
            key = normalize(text[start:end])
            spans = [t for t in person.tenures if key in {normalize(f) for f in t.office.forms}]
            if len(spans) != 1:
                continue
            t = spans[0]
            lo = max(lo, t.start or dt.date.min)
            hi = min(hi, t.end or dt.date.max)
            found = True
        return (lo, hi) if found and lo <= hi else None


def _in_case_of(source: str, title: str) -> str:
    """The title in lower case where the text used lower case ("the deputy secretary")."""
    return title.lower() if source == source.lower() else title
