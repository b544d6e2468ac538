"""Words that are not English: left untranslated, or two words glued into one.

Both read the language tables (lintkit.language): English words with their frequency, and
words that are frequent in the usual source languages of translated news and are not
English.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any

from ..cache import KeyTable
from ..cache import compiled as _compiled
from ..document import Document
from ..findings import Applicability, Category, Finding, Severity
from ..language import common_english_words, english_words, table
from ..meta import BODY_PARTS, BadExample, Examples, GoodExample, QuotePolicy, RuleMeta
from ..multiscan import Prefilter
from ..rule import Context, Rule
from ..structure import Part


def foreign() -> KeyTable:
    return table("foreign.tsv")


def proper_only() -> KeyTable:
    return table("proper-only.tsv")


_LANGUAGES = {
    "da": "Danish", "de": "German", "es": "Spanish", "fi": "Finnish", "fr": "French", "id": "Indonesian",
    "it": "Italian", "nb": "Norwegian", "nl": "Dutch", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
    "sv": "Swedish", "tr": "Turkish",
}  # fmt: skip
_LOWER_WORD = _compiled(
    r"(?<![\p{L}\p{N}@#/.\-_'’&])\p{Ll}[\p{Ll}\p{M}]{3,}(?![\p{L}\p{N}/@_\-'’]|\.\p{L})"
)
_NAME_WORD = _compiled(r"(?<![\p{L}\p{N}@#/.\-_'’&])\p{Ll}{3,}(?![\p{L}\p{N}/@_\-'’]|\.\p{L}|:/)")
_LABEL = _compiled(r"(?:^|(?<=\n))[ \t(]*(?P<word>\p{Lu}\p{Ll}{3,})[ \t]*:")
# "ministersWith": a lowercase word of three letters or more, a capital, a lowercase rest.
_TRANSITION = _compiled(r"\p{Ll}\p{Lu}")
# The same places, as the capital after a lowercase letter: a scan that starts at capitals
# (fewer than lowercase letters) reads a text three times faster. _TRANSITION is what the
# one-pass prefilter reads (it cannot read a lookbehind).
_CAPITAL_AFTER_LOWER = _compiled(r"(?<=\p{Ll})\p{Lu}")
_WORD_START = _compiled(r"\p{L}+$")
_CAMEL = _compiled(r"(?<![\p{L}\p{N}@#/._\-])(?P<a>\p{Ll}{3,}+)(?P<b>\p{Lu}\p{Ll}{2,}+)(?![\p{L}\p{N}_])")
# One lowercase word of six letters or more that is not in the list.
_LONG = _compiled(r"(?<![\p{L}\p{N}@#/._\-'’])\p{Ll}{6,}(?![\p{L}\p{N}_\-'’]|\.\p{L})")
# Function words that glue to a neighbour but never form English words as prefixes
# ("out", "over", "up", "under", "in", "on" do: "outjumped", "uprate", "onrushing").
_GLUE = frozenset({
    "the", "and", "of", "to", "that", "with", "for", "from", "this", "these", "those", "their", "his",
    "her", "its", "our", "your", "which", "who", "was", "were", "is", "are", "has", "have", "had", "will",
    "would", "could", "should", "been", "into", "about", "than", "then", "there", "they", "said", "not",
    "when", "where", "while",
})  # fmt: skip


class UntranslatedWord(Rule):
    meta = RuleMeta(
        code="MT033",
        name="untranslated-word",
        category=Category.MT,
        severity=Severity.WARNING,
        message='"{text}" is not English ({language}); left untranslated?',
        explanation=(
            "A word that is common in a source language of translated news and is not English "
            '("milliardte", "ministro", "Foto:") was left untranslated by the machine or the '
            "editor. Words come from wordfreq's lists for Danish, Dutch, Finnish, French, "
            "German, Indonesian, Italian, Norwegian, Polish, Portuguese, Romanian, Spanish, "
            "Swedish and Turkish, keeping only words far more frequent there than in English "
            "and absent from WordNet (rules/knowledge/language/foreign.tsv). Only lowercase "
            "words are checked (capitalised ones are names), and a capitalised label before a "
            'colon ("Foto:", "Bild:"); quotations are left alone (a quoted foreign phrase is '
            "deliberate)."
        ),
        examples=Examples(
            bad=(
                BadExample("The ministro said the deal was close.", ("ministro",)),
                BadExample("Talks\n\nFoto: Jan Berg / Reuters\n\nThe talks began.", ("Foto",), article=True),
            ),
            good=(
                GoodExample("Minister Silva said the deal was close."),
                GoodExample("The crowd chanted “no pasarán” outside the court."),
                GoodExample("He ordered espresso and a croissant at the café."),
            ),
        ),
        parts=frozenset({Part.BODY, Part.DATELINE, Part.CAPTION, Part.CREDIT, Part.SUBHEAD}),
        quotes=QuotePolicy.SKIP,
        artifact_class="untranslated",
        origin=__name__,
    )

    def warm(self) -> None:
        """Read the table's keys (before a run forks its workers, which share them): a
        document asks which of its words it holds; the language of the few that are is
        looked up in the rows."""
        foreign().load_keys()

    def word_tables(self) -> Iterable[KeyTable]:
        return [foreign()]

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        table = foreign()
        present = ctx.vocabulary.words(doc, table) & table.keys()
        if not present:
            return
        text = doc.text
        for word, start, end in _occurrences(text, present):
            language = table[word]
            if not _deliberate(text, start, end, table):
                yield self.finding(doc, start, end, language=_LANGUAGES.get(language, language))
        for m in _LABEL.finditer(text):
            label = table.get(m.group("word").lower())
            if label is not None:
                yield self.finding(doc, m.start("word"), m.end("word"), language=_LANGUAGES.get(label, label))


def _occurrences(text: str, words: Iterable[str]) -> list[tuple[str, int, int]]:
    """(word, start, end) where the given lowercase words occur in lower case as whole words
    (not in an address, a handle or a file name), in text order. str.find per word: a
    document has few candidates, and no pattern has to be compiled for them."""
    found = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            before = text[at - 1] if at else " "
            after = text[end : end + 2] or " "  # (the end of the text ends a word)
            if (
                not (before.isalnum() or before in "@#/.-_'’&")
                and not (after[:1].isalnum() or after[:1] in "/@_-'’")
                and not (after[:1] == "." and after[1:2].isalpha())
                and after != ":/"
            ):
                found.append((word, at, end))
            at = text.find(word, end)
    found.sort(key=lambda hit: hit[1])
    return found


def _unaccented(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


_BEFORE = _compiled(r"(?:(?P<number>\d[\d.,]*)|(?P<word>\p{L}+))\s+$")
_AFTER = _compiled(r"\s+(?P<word>\p{L}+)")


def _deliberate(text: str, start: int, end: int, table: Mapping[str, str]) -> bool:
    """A foreign phrase set in English on purpose ("joie de vivre") has foreign or unknown
    words around it; a unit or currency follows a number ("895 reais"); a loanword English
    writes without its accents is English ("déjà vu")."""
    word = text[start:end]
    if not word.isascii() and _unaccented(word) in english_words():
        return True
    before = _BEFORE.search(text, max(0, start - 40), start)
    if before and before.group("number"):
        return True
    after = _AFTER.match(text, end)
    neighbours = [m.group("word").lower() for m in (before, after) if m and m.group("word")]
    known = english_words()
    return any(w in table or w not in known for w in neighbours)


class GluedWords(Rule):
    meta = RuleMeta(
        code="PU006",
        name="glued-words",
        category=Category.PUNCTUATION,
        severity=Severity.WARNING,
        message='Two words glued together: "{text}" ({parts})',
        explanation=(
            'Two words without the space between them ("ministersWith", "intothe talks") come '
            "from a scraper that joined a link's text to its neighbour, or from a translation "
            "engine that merged two tokens. A lowercase word is reported when it is not in the "
            "English word list (wordfreq, rules/knowledge/language/english.tsv) and splits into a "
            "function word and a common word; two content words together are left alone "
            '(English coins compounds: "drugmaker"). So is a lowercase word running into a '
            'capitalised one. Brand names with an inner capital start with a capital ("PowerPoint") '
            'or a one-letter prefix ("iPhone", "eBay"), and are left alone.'
        ),
        examples=Examples(
            bad=(
                BadExample(
                    "The envoys walked intothe hall at noon.",
                    ("intothe",),
                    "The envoys walked into the hall at noon.",
                ),
                BadExample("The ministersWith the most votes will chair it.", ("ministersWith",)),
            ),
            good=(
                GoodExample("Sales of PowerPoint and the iPhone rose; eBay fell."),
                GoodExample("The counteroffensive and the peacekeepers were discussed."),
                GoodExample("Officials in Copenhagen and Wolfsburg agreed."),
            ),
        ),
        parts=BODY_PARTS | {Part.SUBHEAD, Part.CAPTION},
        quotes=QuotePolicy.CHECK,
        artifact_class="word-merge",
        fixable=True,
        origin=__name__,
    )

    def __init__(self) -> None:
        # whether a lowercase letter meets a capital at all, in the linter's one pass
        self.prefilter_scan = Prefilter([_TRANSITION.pattern], caseless=False, name=self.meta.code)

    @property
    def prefilter_patterns(self) -> list[Any]:
        return [_TRANSITION]

    def warm(self) -> None:
        """Read the word lists' words (before a run forks its workers, which share them):
        only which words they hold is asked."""
        english_words().load_keys()
        common_english_words().load_keys()

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        words, common = english_words().keys(), common_english_words()
        text = doc.text
        may = self.prefilter_scan.matching(text, doc.memo)
        capitals = _CAPITAL_AFTER_LOWER.finditer(text) if may is None or 0 in may else ()
        for t in capitals:  # a lowercase letter then a capital: rare, cheap to find
            at = t.start() - 1  # the lowercase letter
            head = _WORD_START.search(text, max(0, at - 40), at + 1)
            m = _CAMEL.match(text, head.start()) if head is not None else None
            if m is not None and m.group("a") in common and m.group("b").lower() in common:
                yield self._report(doc, m.start(), m.end(), m.start("b"))
        unknown = [t for t in doc.tokens - words if len(t) >= 6 and t.isalpha()]
        glued = {t: cut for t in unknown if (cut := _glued_at(t)) is not None}
        if glued:
            for word, start, end in _occurrences(text, glued.keys()):
                yield self._report(doc, start, end, start + glued[word])

    def _report(self, doc: Document, start: int, end: int, cut: int) -> Finding:
        text = doc.text
        fix = (Applicability.UNSAFE, "insert a space", [(cut, cut, " ")])
        return self.finding(doc, start, end, parts=f"{text[start:cut]} + {text[cut:end]}", fixes=[fix])


# `_split` cuts only where a glue word ends the head or (three letters or more) makes the tail:
# a word that neither starts nor ends with one is passed over in two C calls (most names)
_GLUE_HEADS = tuple(sorted(_GLUE))
_GLUE_TAILS = tuple(sorted(g for g in _GLUE if len(g) >= 3))


@lru_cache(maxsize=1 << 16)
def _glued_at(word: str) -> int | None:
    """`_split` with the built-in word lists, remembered: the same unknown words (names,
    foreign words) come back article after article."""
    if not word.startswith(_GLUE_HEADS) and not word.endswith(_GLUE_TAILS):
        return None
    return _split(word, common_english_words(), _GLUE)


def _split(word: str, common: Container[str], glue: frozenset[str]) -> int | None:
    """Where a word splits into a function word and a common English word ("intothe",
    "theirfirst"), or None. Two content words together are left alone: English makes new
    compounds of those every day ("drugmaker", "overbooking"). Only cuts that leave a glue
    word at one end are tried, so a very long "word" costs no more than a short one."""
    longest = max(map(len, glue), default=0)
    cuts: Sequence[int] = range(2, len(word) - 1)
    if len(cuts) > 2 * longest:  # the cuts near the start, then those near the end
        cuts = [*range(2, longest + 1), *range(max(longest + 1, len(word) - longest), len(word) - 1)]
    for i in cuts:
        head, tail = word[:i], word[i:]
        if head not in glue and (tail not in glue or len(tail) < 3):  # "asbestos|is": a suffix
            continue
        if head in common and tail in common:
            return i
    return None


class LowercasedName(Rule):
    meta = RuleMeta(
        code="FN021",
        name="lowercased-name",
        category=Category.FACTS,
        severity=Severity.WARNING,
        message='"{text}" is a name, written "{form}"',
        explanation=(
            'A name that English writes only with a capital, found in lower case ("his usa", '
            '"talks in moscow", "a european summit"), is a capital lost by a spinner, a '
            "translation pipeline or a careless edit. The names are the one-word lemmas that "
            "WordNet lists only capitalised and that are common enough in English to matter "
            "(rules/knowledge/language/proper-only.tsv, built by "
            "scripts/knowledge/build_proper_only.py): a word with a lowercase sense too "
            '("china", "turkey", "march"), or that is a form of one ("Banks", "led"), or a '
            'function word ("WHO"), is not one of them. Web addresses, handles and quotations '
            "are left alone. FN020 covers names of several words and names with a generic "
            "sense, in the contexts that make them names."
        ),
        examples=Examples(
            bad=(
                BadExample(
                    "Sanctions were imposed on his usa by the allies.",
                    ("usa",),
                    "Sanctions were imposed on his USA by the allies.",
                ),
                BadExample("The envoys flew to moscow for a european summit.", ("moscow", "european")),
            ),
            good=(
                GoodExample("The envoys flew to Moscow; fine china and a turkey were served in March."),
                GoodExample("See www.moscow-times.example or follow @moscow for updates."),
            ),
        ),
        parts=BODY_PARTS | {Part.SUBHEAD, Part.CAPTION},
        quotes=QuotePolicy.SKIP,
        artifact_class="lowercased-proper-noun",
        fixable=True,
        origin=__name__,
    )

    def warm(self) -> None:
        """Read the table whole (before a run forks its workers, which share it)."""
        proper_only().load()

    def word_tables(self) -> Iterable[KeyTable]:
        return [proper_only()]

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        table = proper_only()
        present = ctx.vocabulary.words(doc, table) & table.keys()
        if not present:
            return
        text = doc.text
        for word, start, end in _occurrences(text, present):
            form = table[word]
            fix = (Applicability.UNSAFE, f'write "{form}"', [(start, end, form)])
            yield self.finding(doc, start, end, form=form, fixes=[fix])
