"""`canonical-name`: distorted renderings of known proper names (treaties, institutions,
laws). A capitalised phrase that carries all of a name's signature words but none of its
accepted forms is reported, with the canonical form as the fix:
"Treaty Governing Intermediate-Range Nuclear Missiles in Europe" -> "Intermediate-Range
Nuclear Forces Treaty". Lowercase descriptions ("the treaty on intermediate-range missiles")
are not names and are never flagged.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from ..cache import KeyTable, compiled
from ..document import Document
from ..findings import Applicability, Finding
from ..knowledge import KnowledgeBase
from ..language import table_path, zipf
from ..meta import RuleMeta
from ..phrases import normalize, tokens
from ..rule import Context
from ..structure import Part
from ..yamlfile import Node
from .base import DataRule

if TYPE_CHECKING:
    from ..knowledge import CanonicalName

# A capitalised token: a word, an acronym with dots (U.N.), or a number ("Group of 20").
_TOKEN = r"(?:(?:\p{Lu}\.){2,}|\p{Lu}[\p{L}\p{M}\d'’\-]*|\d+(?:st|nd|rd|th)?)"
# Lowercase connectors may join capitalised tokens ("Treaty on the Non-Proliferation"), and
# so may one other lowercase word right before the next capital (a spinner's "Council
# connected Homelessness"); "and the" / "or the" separate two names, and a verb followed by
# an article ("Societies told the Reuters") ends the name.
_CONNECTOR = r"(?:of|on|the|for|and|in|to|at|by|de|du|des|la|le|against|with|between)"
_JOIN = rf"(?:\s+(?!(?:and|or)\s+the\b){_CONNECTOR})*(?:\s+\p{{Ll}}[\p{{Ll}}'’\-]*)?\s+"
_RUN = compiled(rf"\b(?<!-){_TOKEN}(?:{_JOIN}{_TOKEN})*")
_LEADING = compiled(r"The|A|An")
_BREAK = compiled(r"(?<=\p{Ll})\.")  # where no capitalised run goes on (see CanonicalNameRule._runs)
# ... and the characters no run holds (a run holds letters, marks, digits, apostrophes,
# hyphens, periods and spaces only): a run lies between two of these
_EDGE = r"(?<=\p{Ll})\.|[,;:()\[\]{}\"“”«»!?/—–]"
_EDGE_AFTER = compiled(_EDGE)
_EDGE_BEFORE = compiled("(?r)" + _EDGE)
_SPLIT = compiled(r"\S+")
_POSSESSIVE = compiled(r"['’]s?$")


def _word(token: str) -> str:
    """A token of a name (a run of characters other than spaces) as the signatures spell
    it: normalised, without a possessive. Most tokens hold no apostrophe or dash, and
    normalising them is folding their case."""
    if not any(c in token for c in _MARKED):
        return token.strip().casefold()
    return normalize(_POSSESSIVE.sub("", token))


_MARKED = "'’-‐‑–"  # what a possessive or `normalize` would change in a token without spaces


def _phrase(words: list[tuple[int, int, str]]) -> str:
    return " " + " ".join(w for _, _, w in words) + " "


class CanonicalNameRule(DataRule):
    KEYS: ClassVar[set[str]] = set()
    REQUIRED: ClassVar[set[str]] = set()
    # Not headlines: in title case a whole headline is one capitalised phrase.
    DEFAULT_PARTS: ClassVar[frozenset[Part]] = frozenset(
        {Part.BODY, Part.DATELINE, Part.SUBHEAD, Part.CAPTION}
    )

    def __init__(self, meta: RuleMeta) -> None:
        self.meta = meta
        self._tables: _Tables | None = None

    @classmethod
    def from_spec(cls, meta: RuleMeta, spec: Node) -> CanonicalNameRule:
        return cls(meta)

    @classmethod
    def is_fixable(cls, spec: Node) -> bool:
        return True

    def prepare(self, ctx: Context) -> None:
        """The names are indexed once into lintkit's cache (per knowledge base), as tables
        looked up by word or name (lintkit.cache.KeyTable): a document reads the rows of
        its own words, and only one that may hold a distorted name reads more."""
        self._tables = _Tables(ctx.knowledge)
        self._gates: dict[str, _Gate] = {}
        self._shadows: dict[str, tuple[str, ...]] = {}
        self._details: dict[str, _Details] = {}
        self._starting: dict[str, list[tuple[str, str]]] = {}
        self._holding: dict[str, list[tuple[str, str]]] = {}

    def warm(self) -> None:
        """Read the tables whole (before a run forks its workers, which share them)."""
        if self._tables is not None:
            t = self._tables
            for table in (t.gate, t.index, t.details, t.form_words):
                table.load()

    def word_tables(self) -> Iterable[KeyTable]:
        return [] if self._tables is None else [self._tables.gate]

    def _names_starting(self, word: str) -> list[tuple[str, str]]:
        """(canonical, kind) of the names a signature alternative of which begins with
        `word`, in the knowledge base's order."""
        found = self._starting.get(word)
        if found is None:
            assert self._tables is not None
            row = self._tables.index.get(word)
            found = self._starting[word] = (
                [(a, b) for a, b in (e.split(_FIELD) for e in row.split(_ENTRY))] if row else []
            )
        return found

    def _detail(self, canonical: str) -> _Details:
        found = self._details.get(canonical)
        if found is None:
            assert self._tables is not None
            forms, signature = self._tables.details[canonical].split(_FIELD)
            found = self._details[canonical] = _Details(
                tuple(forms.split(_ITEM)),
                tuple(tuple(item.split(_ALT)) for item in signature.split(_ITEM)),
            )
        return found

    def _shadows_of(self, canonical: str) -> tuple[str, ...]:
        """Accepted forms of other names that carry this name's signature: a phrase holding
        one of them is that other name, correctly written. Worked out the first time a
        phrase carries the signature, from the forms that hold the words of the signature
        item fewest forms hold (not from every form of every name: with thousands of names
        that made each distorted name in an article cost a pass over the whole list)."""
        found = self._shadows.get(canonical)
        if found is None:
            sig = self._detail(canonical).signature
            found = self._shadows[canonical] = tuple(
                form for other, form in self._forms_with(sig)
                if other != canonical and _carries(sig, f" {form} ")
            )  # fmt: skip
        return found

    def _forms_holding(self, word: str) -> list[tuple[str, str]]:
        """(name, form) for the accepted forms that hold `word`."""
        found = self._holding.get(word)
        if found is None:
            assert self._tables is not None
            row = self._tables.form_words.get(word)
            found = self._holding[word] = (
                [(a, b) for a, b in (e.split(_FIELD) for e in row.split(_ENTRY))] if row else []
            )
        return found

    def _forms_with(self, sig: tuple[tuple[str, ...], ...]) -> dict[tuple[str, str], None]:
        """(name, form) for the forms that may hold the signature's most selective item: a
        superset of the forms that carry the whole signature."""

        def holding(alt: str) -> list[tuple[str, str]]:  # forms holding one word of alt
            return min((self._forms_holding(w) for w in alt.split()), key=len, default=[])

        item = min(sig, key=lambda alts: sum(len(holding(a)) for a in alts))
        return {pair: None for alt in item for pair in holding(alt)}

    def _possible(self, doc: Document, ctx: Context | None = None) -> set[str]:
        """The names whose signature words all occur in the document (looked up from the
        words of each name's most distinctive signature item): only these can be found."""
        found: set[str] = set()
        if self._tables is None:
            return found
        words = doc.tokens
        gate = self._tables.gate
        gates = self._gates
        for word in gate.present(words if ctx is None else ctx.vocabulary.words(doc, gate)):
            filed = gates.get(word)
            if filed is None:  # decoded once per word a process meets
                filed = gates[word] = _gate(gate[word])
            candidates = filed.solo
            if filed.seconds and not filed.seconds.isdisjoint(words):
                paired = filed.paired
                candidates = [*candidates, *(n for s in filed.seconds.intersection(words) for n in paired[s])]
            for canonical, items, more in candidates:
                if canonical not in found and more <= words and _may_hold(items, words):
                    found.add(canonical)
        return found

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        possible = self._possible(doc, ctx)
        if not possible:
            return
        # A phrase can be one of these names only if it holds a word that begins one of
        # their signatures: every other capitalised phrase is passed over unread.
        firsts = {alt.split()[0] for c in possible for alt in self._detail(c).signature[0] if alt}
        text = doc.text
        for run in self._runs(text, firsts):
            if " " not in run.group():  # (every run read holds one of the words)
                continue
            words = [
                (m.start(), m.end(), _word(m.group())) for m in _SPLIT.finditer(text, run.start(), run.end())
            ]
            if words and _LEADING.fullmatch(text, words[0][0], words[0][1]):
                words = words[1:]
            phrase = _phrase(words)
            seen: set[str] = set()
            for word in set(phrase.split()) & firsts:
                for canonical, kind in self._names_starting(word):
                    if canonical in seen or canonical not in possible:
                        continue
                    seen.add(canonical)
                    if self._distorted(canonical, phrase):
                        start, end = words[0][0], words[-1][1]
                        fix = (Applicability.UNSAFE, f'replace with "{canonical}"', [(start, end, canonical)])
                        yield self.finding(doc, start, end, canonical=canonical, kind=kind, fixes=[fix])
                        break

    @staticmethod
    def _runs(text: str, firsts: set[str]) -> Iterator[Any]:
        """The capitalised runs of `text` that hold one of `firsts` (folded), in text order.
        A run never holds a lowercase letter followed by a period (no token or joining word
        ends that way), so the text splits there into stretches whose runs are those a scan
        of the whole text finds; most stretches hold none of the words and are not read.
        Each word is looked up in the folded text once, and a run is kept when one of the
        places it was found lies inside it."""
        folded = text.casefold().replace("’", "'")
        if len(folded) != len(text):  # folding changed some offsets: fold stretch by stretch
            start = 0
            for stop in [*(m.end() for m in _BREAK.finditer(text)), len(text)]:
                if any(w in text[start:stop].casefold().replace("’", "'") for w in firsts):
                    for run in _RUN.finditer(text, start, stop):
                        held = run.group().casefold().replace("’", "'")
                        if any(w in held for w in firsts):
                            yield run
                start = stop
            return
        # Where each word occurs (found in C), and the stretch around it between two edges
        # (`_EDGE`: a period after a lowercase letter, or a character no run holds): the runs
        # a scan of that stretch finds are those a scan of the whole text finds there, since
        # none crosses an edge and an edge is not a word character, so a scan that starts
        # after one reads its runs' beginnings as one from the start of the text does. A
        # word with an edge inside is in no run. Most of the text is not read.
        occurrences = []
        for w in firsts:
            at = folded.find(w)
            while at >= 0:
                occurrences.append((at, at + len(w)))
                at = folded.find(w, at + 1)
        occurrences.sort()
        # In text order, each stretch found once (a search forward to its end, one back to
        # its start, neither past the stretch before), so a long text is read once
        stretches: list[tuple[int, int, list[tuple[int, int]]]] = []  # start, end, places
        stop = 0  # the end of the stretch of the last place
        for at, end in occurrences:
            if not stretches or (at >= stop and stop < len(text)):  # past the last one
                edge = _EDGE_AFTER.search(text, at)
                before = _EDGE_BEFORE.search(text, stop, at)
                start = stop if before is None else before.end()
                stop = len(text) if edge is None else edge.end()
                stretches.append((start, stop, []))
            if end <= stop:  # (else an edge lies inside the word: no run holds it)
                stretches[-1][2].append((at, end))
        for start, stop, found in stretches:  # (places in text order, as found)
            starts = [at for at, _ in found]
            for run in _RUN.finditer(text, start, stop) if found else ():
                begin, end = run.span()
                k = bisect.bisect_left(starts, begin)
                while k < len(found) and found[k][0] <= end:
                    if found[k][1] <= end:
                        yield run
                        break
                    k += 1

    def _distorted(self, canonical: str, phrase: str) -> bool:
        detail = self._details.get(canonical) or self._detail(canonical)
        if not _carries(detail.signature, phrase):
            return False
        accepted = (*detail.forms, *self._shadows_of(canonical))
        return not any(f" {form} " in phrase for form in accepted)


# A name's signature as the gate tests it, which may let through a document that lacks it
# (`check` then reads the phrases themselves) but never stops one that holds it: per item,
# its one-word alternatives as one set (any of them occurring is enough: one C call), and
# its longer alternatives filed under their rarest word, each with the set of its other
# words (all of which must occur: another C call).
_Item = tuple[frozenset[str], frozenset[str], dict[str, tuple[frozenset[str], ...]]]
_Items = tuple[_Item, ...]


def _may_hold(items: _Items, words: frozenset[str]) -> bool:
    """Whether a document of these words may hold every item: one of its one-word
    alternatives occurs, or every word of one of its longer ones."""
    for singles, keys, multis in items:
        if singles.isdisjoint(words) and not any(
            rest <= words for key in keys.intersection(words) for rest in multis[key]
        ):
            return False
    return True


class _Gate(NamedTuple):
    """The names filed under one gate word, by what else the first (rarest) item of their
    signature needs: nothing (`solo`: the word is an alternative of it, or the name is
    checked item by item), or a second word (`paired`, with `seconds` its keys, one C call
    finding those a document holds) and maybe more words. Each name is listed with the
    items left to check and the further words the alternative it is filed by needs."""

    solo: list[tuple[str, _Items, frozenset[str]]]
    paired: dict[str, list[tuple[str, _Items, frozenset[str]]]]
    seconds: frozenset[str]


_NOTHING: frozenset[str] = frozenset()


def _gate(row: str) -> _Gate:
    """A gate row decoded (see `_gate_rows`): each name filed in it with the second words
    (and further words) of the alternatives of its first item that begin with the row's
    word, or with none when that word alone satisfies the item, and its other items, left
    to check. So a document satisfies the first item's check exactly when it holds the
    row's word and, for a paired name, one of its `seconds` and the further words filed
    with it."""
    solo: list[tuple[str, _Items, frozenset[str]]] = []
    paired: dict[str, list[tuple[str, _Items, frozenset[str]]]] = {}
    for entry in row.split(_ENTRY):
        canonical, pairs, encoded = entry.split(_FIELD)
        rest = _items(encoded)
        if not pairs:
            solo.append((canonical, rest, _NOTHING))
            continue
        for alt in pairs.split(_ALT):
            second, *more = alt.split(" ")
            paired.setdefault(second, []).append((canonical, rest, frozenset(more) if more else _NOTHING))
    return _Gate(solo, paired, frozenset(paired))


@cache
def _items(encoded: str) -> _Items:
    """Signature items decoded, without those every document satisfies: a name filed under
    several words has the same items left in each of their rows, decoded once."""
    return tuple(item for item in map(_item, encoded.split(_ITEM)) if item is not None) if encoded else ()


@cache
def _item(encoded: str) -> _Item | None:
    """One signature item decoded (None when an alternative without words lets every
    document satisfy it). Items recur across names ("treaty|pact|accord"): the gate entries
    a corpus meets hold about five items for each distinct one, each decoded once."""
    alts = [alt.split() for alt in encoded.split(_ALT)]
    if not all(alts):
        return None
    singles = frozenset(a[0] for a in alts if len(a) == 1)
    partners: dict[str, dict[frozenset[str], None]] = defaultdict(dict)
    for a in alts:
        if len(a) > 1:
            partners[a[0]][frozenset(a[1:])] = None
    filed = {k: tuple(v) for k, v in partners.items()}
    return singles, frozenset(filed), filed


class _Details(NamedTuple):
    forms: tuple[str, ...]  # accepted forms, normalised
    signature: tuple[tuple[str, ...], ...]  # each item's alternatives, with synonyms


# Separators in the tables' values: entries, fields, items (and forms), alternatives.
_ENTRY, _FIELD, _ITEM, _ALT = "\x1e", "\x1f", "\x1d", "\x1c"


class _Tables:
    """The rule's tables of one knowledge base, each opened on first use."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._built: _State | None = None

    def _state(self) -> _State:  # built once per process, for any table not yet in the cache
        if self._built is None:
            self._built = _build_state(self.kb)
        return self._built

    def _table(self, name: str, rows: Callable[[_State], list[tuple[str, str]]]) -> KeyTable:
        frequencies = [table_path("english.tsv")]  # the gate files names under their rarest word
        return self.kb.derived_table(f"canonical-name-{name}", lambda kb: rows(self._state()), frequencies)

    @cached_property
    def gate(self) -> KeyTable:
        return self._table("gate", _gate_rows)

    @cached_property
    def index(self) -> KeyTable:
        return self._table("index", _index_rows)

    @cached_property
    def details(self) -> KeyTable:
        return self._table("details", _detail_rows)

    @cached_property
    def form_words(self) -> KeyTable:
        return self._table("form-words", _form_word_rows)


class _State(NamedTuple):
    names: list[CanonicalName]
    forms: dict[str, tuple[str, ...]]  # canonical -> accepted forms, normalised
    signatures: dict[str, tuple[tuple[str, ...], ...]]  # canonical -> items' alternatives
    needs: dict[str, tuple[tuple[frozenset[str], ...], ...]]  # the words of each alternative


def _build_state(kb: KnowledgeBase) -> _State:
    state = _State(list(kb.names), {}, {}, {})
    synonyms = kb.synonyms
    # Signature items recur across names ("treaty|pact|accord"): each is worked out once.
    expanded: dict[tuple[str, ...], tuple[str, ...]] = {}
    needed: dict[tuple[str, ...], tuple[frozenset[str], ...]] = {}
    for name in state.names:
        sig = []
        for item in name.signature:
            alts = expanded.get(item)
            if alts is None:
                alts = expanded[item] = _with_synonyms(item, synonyms)
                needed[alts] = tuple(frozenset(tokens(a)) for a in alts)
            sig.append(alts)
        state.signatures[name.canonical] = tuple(sig)
        state.forms[name.canonical] = tuple(normalize(f) for f in name.forms)
        state.needs[name.canonical] = tuple(needed[alts] for alts in sig)
    return state


def _index_rows(state: _State) -> list[tuple[str, str]]:
    """First word of a signature alternative -> (canonical, kind) of the names it begins."""
    index: dict[str, list[str]] = defaultdict(list)
    for name in state.names:
        for alt in state.signatures[name.canonical][0]:
            index[alt.split()[0]].append(f"{name.canonical}{_FIELD}{name.kind}")
    return [(word, _ENTRY.join(entries)) for word, entries in index.items()]


def _detail_rows(state: _State) -> list[tuple[str, str]]:
    """Canonical -> accepted forms and signature (the last entry of a name wins)."""
    return [
        (canonical, f"{_ITEM.join(state.forms[canonical])}{_FIELD}"
                    f"{_ITEM.join(_ALT.join(alts) for alts in sig)}")
        for canonical, sig in state.signatures.items()
    ]  # fmt: skip


def _form_word_rows(state: _State) -> list[tuple[str, str]]:
    """A word -> (canonical, form) for each accepted form that holds it."""
    holding: dict[str, list[str]] = defaultdict(list)
    for canonical, forms in state.forms.items():
        for form in forms:
            for word in set(form.split()):
                holding[word].append(f"{canonical}{_FIELD}{form}")
    return [(word, _ENTRY.join(entries)) for word, entries in holding.items()]


def _gate_rows(state: _State) -> list[tuple[str, str]]:
    """Rows of the gate table: a word -> the names (with the words each signature item
    needs) whose most distinctive signature item that word is the rarest word of. A
    document can hold a name's signature only if it holds one of these words."""
    rarest_of: dict[frozenset[str], str] = {}
    commonness_of: dict[tuple[frozenset[str], ...], float] = {}

    def order(w: str) -> tuple[float, int, str]:  # the rarest first, ties by length, spelling
        return (zipf(w), -len(w), w)

    def rarest(words: frozenset[str]) -> str:  # the first word `words_of` writes (`_gate`)
        found = rarest_of.get(words)
        if found is None:
            found = rarest_of[words] = min(words, key=order)
        return found

    def commonness(alts: tuple[frozenset[str], ...]) -> float:
        """How often an item is satisfied: by its commonest alternative's rarest word."""
        found = commonness_of.get(alts)
        if found is None:
            found = commonness_of[alts] = max((zipf(rarest(a)) for a in alts if a), default=99.0)
        return found

    def words_of(alt: frozenset[str]) -> str:  # the rarest words first (`_gate` reads two)
        return " ".join(sorted(alt, key=order))

    by_key: dict[str, list[str]] = defaultdict(list)
    for canonical, needs in state.needs.items():
        # items the rarest first: a document that lacks the name most often lacks that one
        ordered = sorted(needs, key=commonness)
        rest = _ITEM.join(_ALT.join(words_of(a) for a in item) for item in ordered[1:])
        head = [words_of(a).split() for a in ordered[0]]  # the item fewest documents satisfy
        every = not all(head)  # an alternative without words: every document satisfies the item
        for key in dict.fromkeys(rarest(words) for words in ordered[0] if words):
            enough = every or [key] in head  # the word alone satisfies the item
            # else filed by the words after it in the alternatives it begins (it begins at
            # least one: `rarest` is the first word `words_of` writes), so either way the
            # first item is settled by the row and only the others are left to check
            begun = (" ".join(alt[1:]) for alt in head if len(alt) > 1 and alt[0] == key)
            pairs = "" if enough else _ALT.join(begun)
            by_key[key].append(f"{canonical}{_FIELD}{pairs}{_FIELD}{rest}")
    return [(word, _ENTRY.join(entries)) for word, entries in by_key.items()]


def _with_synonyms(item: tuple[str, ...], synonyms: dict[str, set[str]]) -> tuple[str, ...]:
    """A signature item's alternatives, each also with any one word swapped for a synonym."""
    out = {normalize(a): None for a in item}
    for alt in list(out):
        words = alt.split()
        for i, word in enumerate(words):
            for other in sorted(synonyms.get(word, ())):
                out[" ".join([*words[:i], other, *words[i + 1 :]])] = None
    return tuple(out)


def _carries(signature: tuple[tuple[str, ...], ...], phrase: str) -> bool:
    """Whether a normalised, space-padded phrase holds every signature item."""
    return all(any(f" {alt} " in phrase for alt in item) for item in signature)
