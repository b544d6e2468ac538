"""Sentences broken inside a phrase: the signature artifact of round-trip translation.

These rules read the Document's `splits`: a split at every period after an ordinary word
(abbreviations and initials are known), whatever case follows, so each rule only has to
look at how a piece was opened and what surrounds the break.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..document import Document
from ..findings import Applicability, Category, Finding, Severity
from ..meta import BODY_PARTS, BadExample, Examples, GoodExample, QuotePolicy, RuleMeta
from ..rule import Context, Rule
from ..segmenter import Opener, Sentence

_OPEN_MARKS = "“\"‘'«([“"
_CLOSERS_OK = frozenset({'"', "”", "’", "'", ")"})
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")
_TWO_WORDS = regex.compile(
    r"[“\"‘'«(\[]*[\p{L}\p{N}][\p{L}\p{N}'’\-]*(?:[ \t]+[\p{L}\p{N}][\p{L}\p{N}'’\-]*)?"
)
# Lowercase-initial names that do start sentences: iPhone, eBay, e-mail, handles, links.
_LOWER_OK = regex.compile(r"[ie]\p{Lu}|[ie]-\p{L}|[@#]|https?:|www\.|\p{Ll}+\.(?:com|org|net|gov)\b")


def _join_fix(sentence: Sentence) -> tuple[Applicability, str, list[tuple[int, int, str]]]:
    return (Applicability.UNSAFE, "remove the period", [(sentence.break_at, sentence.start, " ")])


def _break_span(doc: Document, sentence: Sentence) -> tuple[int, int]:
    """From the word before the break to the first one or two words after it."""
    start = sentence.break_at - len(sentence.previous_token)
    m = _TWO_WORDS.match(doc.text, sentence.start, sentence.end)
    end = m.end() if m else sentence.start
    return start, end


class BrokenSentence(Rule):
    meta = RuleMeta(
        code="MT001",
        name="broken-sentence",
        category=Category.MT,
        severity=Severity.WARNING,
        message='Sentence break inside a phrase: "{text}"',
        explanation=(
            "A period after an ordinary word, followed by a word in lower case, splits one "
            "sentence in two. Round-trip machine translation leaves these when it misreads a "
            'phrase boundary ("at sea and in the world. the air"). Abbreviations (U.S., '
            "p.m., Inc., Calif.), initials, ellipses, decimals and lowercase brand names "
            "(iPhone, eBay) are not sentence ends and are not reported. The suggested fix "
            "removes the period; read the sentence: often a word was also lost or inserted. "
            "A period inside a closing quotation mark followed by its attribution "
            '("...this." he added) is a punctuation slip, not a broken phrase, and is not '
            "reported here."
        ),
        examples=Examples(
            bad=(
                BadExample(
                    "Officials said Moscow would answer in writing. next week, the envoy added.",
                    ("writing. next week",),
                    "Officials said Moscow would answer in writing next week, the envoy added.",
                ),
                BadExample(
                    "The ministers also discussed grain shipments and the. situation at the border.",
                    ("the. situation at",),
                ),
            ),
            good=(
                GoodExample("U.S. officials met at 5 p.m. on Tuesday with Wendy R. Sherman."),
                GoodExample("The talks ended. Officials left Geneva."),
                GoodExample("Sales of the phone fell. iPhone shipments dropped 5 percent."),
                GoodExample("“We will wait and see ... and then decide,” she said."),
            ),
        ),
        parts=BODY_PARTS,
        artifact_class="broken-sentence",
        fixable=True,
        origin=__name__,
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        text = doc.text
        for s in doc.splits_in(self.meta.parts):
            if s.opener not in (Opener.PERIOD, Opener.DOUBLED):
                continue
            body = text[s.start : s.end].lstrip(_OPEN_MARKS)
            if not body[:1].islower() or _LOWER_OK.match(body) or text[s.start] == "(":
                continue
            if text[s.break_at + 1 : s.start].strip() in _CLOSERS_OK:
                continue  # '...this." he added': a quotation's punctuation, not a broken phrase
            start, end = _break_span(doc, s)
            yield self.finding(doc, start, end, fixes=[_join_fix(s)])


_ONE_WORD_OK = frozenset(
    [
        "yes",
        "no",
        "never",
        "exactly",
        "absolutely",
        "indeed",
        "nothing",
        "nobody",
        "none",
        "why",
        "how",
        "what",
        "where",
        "when",
        "who",
        "really",
        "perhaps",
        "maybe",
        "sure",
        "thanks",
        "right",
        "okay",
        "ok",
        "good",
        "fine",
        "wow",
        "again",
        "enough",
        "agreed",
        "correct",
        "true",
        "false",
        "done",
        "gone",
        "silence",
        "period",
        "fair",
        "seriously",
        "nonsense",
        "rubbish",
        "hardly",
        "definitely",
        "certainly",
        "obviously",
        "precisely",
        "wrong",
        "welcome",
        "congratulations",
        "sorry",
        "please",
        "goodbye",
        "hello",
        "amen",
        "cheers",
    ]
)


class SentenceFragment(Rule):
    meta = RuleMeta(
        code="MT002",
        name="sentence-fragment",
        category=Category.MT,
        severity=Severity.WARNING,
        message='One-word sentence cut off from its phrase: "{text}"',
        explanation=(
            'A single word standing as its own sentence after a period ("between Moscow and '
            'Russia. West.") is usually a piece of the previous phrase displaced by machine '
            'translation. Interjections and answers that stand alone in news ("Yes.", '
            '"Never.") and words inside direct quotations are not reported.'
        ),
        examples=Examples(
            bad=(
                BadExample(
                    "Tensions rose between Beijing and the allies. Europe.",
                    ("allies. Europe.",),
                    "Tensions rose between Beijing and the allies Europe.",
                ),
                BadExample(
                    "The ministers flew home. Brussels. The next round is in May.", ("home. Brussels.",)
                ),
            ),
            good=(
                GoodExample("Would the deal survive? Nobody knew. Never."),
                GoodExample("“Never.” That was all the minister would say."),
                GoodExample("The vote was 30 to one. But the talks went on."),
            ),
        ),
        parts=BODY_PARTS,
        quotes=QuotePolicy.SKIP,
        artifact_class="broken-sentence",
        fixable=True,
        origin=__name__,
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        text = doc.text
        for s in doc.splits_in(self.meta.parts):
            if s.opener is not Opener.PERIOD or text[s.end - 1 : s.end] != ".":
                continue
            body = text[s.start : s.end - 1].strip(_OPEN_MARKS + "”’\"')] ")
            if not _WORD.fullmatch(body) or body.lower() in _ONE_WORD_OK or body.isdigit():
                continue
            start = s.break_at - len(s.previous_token)
            yield self.finding(doc, start, s.end, fixes=[_join_fix(s)])


# Words after which a sentence cannot end: articles, possessives, prepositions that need an
# object, coordinating and subordinating conjunctions, and title words that need a name.
_NO_FINAL = frozenset(
    [
        "the",
        "a",
        "an",
        "its",
        "their",
        "whose",
        "my",
        "our",
        "your",
        "of",
        "into",
        "onto",
        "among",
        "amid",
        "including",
        "despite",
        "via",
        "than",
        "and",
        "or",
        "nor",
        "but",
        "because",
        "although",
        "whereas",
        "whether",
        "unless",
        "lieutenant",
        "deputy",
    ]
)
_PREFIXES = frozenset({"post-", "pre-", "anti-", "non-"})
# A short sentence that is only a subordinate clause: "If that country invaded Ukraine."
_SUBORDINATE = regex.compile(r"[“\"‘']?(?:If|Although|Though|Unless|Whereas|Because)\s")
_MAIN_CLAUSE = regex.compile(
    r"\b(?:would|will|could|can|should|must|might|may|then|shall)\b|\b\w+['’](?:d|ll|re|ve)\b"
)


class SplitPhrase(Rule):
    meta = RuleMeta(
        code="MT003",
        name="split-phrase",
        category=Category.MT,
        severity=Severity.WARNING,
        message='Sentence break after a word that cannot end a sentence: "{text}"',
        explanation=(
            'An article, preposition, conjunction or title word ("the", "of", "and", '
            '"Lieutenant", "Deputy") cannot end an English sentence, so a period after it '
            'followed by a capitalised word has cut a phrase in two: "Lieutenant. Gov. Ana '
            'Ruiz". A short sentence that is only a subordinate clause ("If that country '
            'invaded Ukraine.") is reported too: its main clause was attached elsewhere.'
        ),
        examples=Examples(
            bad=(
                BadExample(
                    "The statement was signed by the Lieutenant. Governor Ana Ruiz on Friday.",
                    ("Lieutenant. Governor Ana",),
                    "The statement was signed by the Lieutenant Governor Ana Ruiz on Friday.",
                ),
                BadExample(
                    "Sanctions were threatened in the past against Moscow. If that "
                    "country invaded its neighbour.",
                    ("If that country invaded its neighbour.",),
                ),
            ),
            good=(
                GoodExample("The vote was delayed. The ministers left."),
                GoodExample("If the bank raises rates, markets will fall. Analysts agree."),
                GoodExample("Deputy Gen. Mark Ellis spoke at 9 a.m. Reporters listened."),
            ),
        ),
        parts=BODY_PARTS,
        quotes=QuotePolicy.SKIP,
        artifact_class="broken-sentence",
        fixable=True,
        origin=__name__,
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        text = doc.text
        for s in doc.splits_in(self.meta.parts):
            if s.opener is not Opener.PERIOD:
                continue
            body = text[s.start : s.end]
            first = body.lstrip(_OPEN_MARKS)[:1]
            token = s.previous_token.lower()
            if first.isupper() and (token in _NO_FINAL or token in _PREFIXES):
                start, end = _break_span(doc, s)
                yield self.finding(doc, start, end, fixes=[_join_fix(s)])
            elif (
                _SUBORDINATE.match(body)
                and body.endswith(".")
                and "," not in body
                and len(body.split()) <= 12
                and not _MAIN_CLAUSE.search(body)
            ):
                yield self.finding(doc, s.start, s.end)
