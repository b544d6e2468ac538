"""A whole article written in a thesaurus's rare words: the mark of a synonym spinner.

A spinner replaces words with thesaurus synonyms from any sense, and most of those are far
rarer than the word they replace ("metropolis" for city, "galore" for many, "exigency" for
emergency, "lodging" for housing). Edited copy uses such words too, now and then; a spun
article is full of them. So the rule counts, per article, the words that are rare synonyms
of a common word (rules/knowledge/language/rare-synonyms.tsv, derived from wordfreq and
WordNet) and reports them only when they are far denser than in edited news.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..cache import KeyTable
from ..cache import compiled as _compiled
from ..document import Document
from ..findings import Applicability, Category, Finding, Severity
from ..language import table
from ..meta import BODY_PARTS, BadExample, Examples, GoodExample, RuleMeta
from ..rule import Context, Rule

_WORD = _compiled(r"(?<![\p{L}\p{N}'’\-])\p{Ll}{3,}(?![\p{L}\p{N}'’\-])")
# Measured on 1,029 edited news articles: at most 38 such words per 1,000 (99th percentile
# 31); a page spun with a WordNet thesaurus shows over 100.
GATE_PER_1000 = 60.0
_SPUN_TEXT = (
    "Talks\n\nThe metropolis volition acceptable caller exigency lodging for galore families "
    "this twelvemonth, the politician aforesaid. Extremity of the programme is planned for "
    "the archetypal months of adjacent year, and fractional the units volition be "
    "constructed on the fringe of the metropolis. Officials aforesaid the lodging will "
    "be ready for galore of the families who mislaid their homes. The politician aforesaid "
    "the metropolis will pay fractional and the province will pay the remainder. Extremity "
    "of the plan is expected in the archetypal week of adjacent month, and galore families "
    "person already applied. The exigency lodging will be built on municipality land."
)
_SPUN_FINDS = (
    "metropolis", "volition", "caller", "exigency", "lodging", "galore", "twelvemonth", "aforesaid",
    "archetypal", "fractional", "volition", "metropolis", "aforesaid", "lodging", "galore", "mislaid",
    "aforesaid", "metropolis", "fractional", "archetypal", "galore", "exigency", "lodging",
)  # fmt: skip
MIN_WORDS = 100
_COUNTED_APART = 16  # present words counted one by one in the text, at most


def _forms() -> KeyTable:
    """Every rare synonym with its plural and verb forms -> the common word it stands for."""
    return table("rare-synonyms.tsv", _form_rows)


def _form_rows(rows: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    out: dict[str, str] = {}
    for word, common in rows:
        stem = word[:-1] if word.endswith("e") else word
        forms = [word, word + "s", word + "es", word + "ed", word + "d", stem + "ing"]
        if word.endswith("y"):
            forms += [word[:-1] + "ies", word[:-1] + "ied"]
        for form in forms:
            out.setdefault(form, common)
    return list(out.items())


class SpunVocabulary(Rule):
    meta = RuleMeta(
        code="MT023",
        name="spun-vocabulary",
        category=Category.MT,
        severity=Severity.WARNING,
        message='"{text}" is a thesaurus swap for "{common}", in an article full of them',
        explanation=(
            "A synonym spinner replaces words with thesaurus synonyms from any sense, mostly "
            'far rarer than the word they replace ("metropolis" for city, "galore" for many, '
            '"exigency lodging" for emergency housing, "archetypal" for first). Each is a real '
            "word, so one is no evidence; but edited news has at most about 38 of them per "
            "1,000 words (measured on 1,029 professionally edited articles), and a spun article "
            "has over 100. The rule reports them only in an article where they pass 60 per "
            "1,000 words (and the article has 100 words or more). The words and the common word "
            "each likely replaced come from rules/knowledge/language/rare-synonyms.tsv (wordfreq "
            "frequencies, WordNet synonyms)."
        ),
        examples=Examples(
            bad=(
                BadExample(
                    _SPUN_TEXT,
                    _SPUN_FINDS,
                    _SPUN_TEXT.replace("metropolis", "city", 1),
                    article=True,
                ),
            ),
            good=(
                GoodExample(
                    "Talks\n\nThe city will open new emergency housing for many families this year, the "
                    "mayor said. The metropolis of the north, as locals call it, has lodging for 300 people.",
                    article=True,
                ),
            ),
        ),
        parts=BODY_PARTS,
        artifact_class="spinner-synonym",
        fixable=True,
        origin=__name__,
    )

    def warm(self) -> None:
        """Read the table's words (before a run forks its workers, which share them): the
        common form of a word is looked up only in an article that reads as spun."""
        _forms().load_keys()

    def word_tables(self) -> Iterable[KeyTable]:
        return [_forms()]

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        if doc.words < MIN_WORDS:
            return
        table = _forms()
        present = ctx.vocabulary.words(doc, table) & table.keys()
        if not present:
            return
        # a cheap upper bound first, then the exact count. The bound: each of the few words
        # present counted in the lower-cased text by `str.count` (capitalised uses and
        # words inside longer ones count too); where many are present (a long text), one
        # pass over the article's words, each looked up in them, so that the cost stays
        # linear in the text
        if len(present) <= _COUNTED_APART:
            lowered = doc.lowered
            bound = sum(lowered.count(w) for w in present)
        else:
            bound = sum(map(present.__contains__, doc.token_list))
        if 1000 * bound / doc.words < GATE_PER_1000:
            return
        hits = [(m.start(), m.end(), table[m.group()]) for m in _WORD.finditer(doc.text)
                if m.group() in present]  # fmt: skip
        if 1000 * len(hits) / doc.words < GATE_PER_1000:
            return
        for start, end, common in hits:
            fix = (Applicability.UNSAFE, f'write "{common}" (check the form)', [(start, end, common)])
            yield self.finding(doc, start, end, common=common, fixes=[fix])
