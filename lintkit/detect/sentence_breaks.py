"""Sentences broken inside a phrase: the signature artifact of round-trip translation.

These rules read the Document's `splits`: a split at every period after an ordinary word
(abbreviations and initials are known), whatever case follows, so each rule only has to
look at how a piece was opened and what surrounds the break.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..cache import compiled as _compiled
from ..document import Document
from ..findings import Applicability, Category, Finding, Severity
from ..meta import BODY_PARTS, BadExample, Examples, GoodExample, QuotePolicy, RuleMeta
from ..rule import Context, Rule
from ..segmenter import Opener, Sentence

_OPEN_MARKS = "“\"‘'«([“"
_CLOSERS_OK = frozenset({'"', "”", "’", "'", ")"})
_WORD = _compiled(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")
_FRAGMENT_MARKS = _OPEN_MARKS + "”’\"')] "  # what a one-word fragment may carry around its word
_TWO_WORDS = _compiled(
    r"[“\"‘'«(\[]*[\p{L}\p{N}][\p{L}\p{N}'’\-]*(?:[ \t]+[\p{L}\p{N}][\p{L}\p{N}'’\-]*)?"
)
# Lowercase-initial names that do start sentences: iPhone, eBay, e-mail, handles, links.
_LOWER_OK = _compiled(r"[ie]\p{Lu}|[ie]-\p{L}|[@#]|https?:|www\.|\p{Ll}+\.(?:com|org|net|gov)\b")


def _first(text: str, s: Sentence) -> str:
    """The first character of a sentence after its opening marks ("" if none), found
    without slicing the sentence."""
    i = s.start
    while i < s.end and text[i] in _OPEN_MARKS:
        i += 1
    return text[i] if i < s.end else ""


FixSpec = tuple[Applicability, str, list[tuple[int, int, str]]]


def _join_fix(sentence: Sentence) -> FixSpec:
    return (Applicability.UNSAFE, "remove the period", [(sentence.break_at, sentence.start, " ")])


def _first_letter(text: str, sentence: Sentence) -> int:
    """Offset of the first letter of a sentence, after any opening quotation mark."""
    at = sentence.start
    while at < sentence.end and text[at] in _OPEN_MARKS:
        at += 1
    return at


def _capital_fix(text: str, sentence: Sentence) -> FixSpec:
    at = _first_letter(text, sentence)
    m = _WORD.match(text, at, sentence.end)
    word = text[at].upper() + (text[at + 1 : m.end()] if m else "")
    return (Applicability.UNSAFE, f'start a new sentence: "{word}"', [(at, at + 1, text[at].upper())])


# A lowercase continuation that is a clause of its own (a subject, then a finite verb within a
# few words): "invading Ukraine. the Kremlin has massed troops" was two sentences whose second
# lost its capital, so a capital is the better repair than joining. Hand-written lists of
# English determiners, pronouns, auxiliaries and common reporting verbs.
_SUBJECT_START = frozenset([
    "the", "a", "an", "this", "that", "these", "those", "it", "he", "she", "they", "we", "i", "you",
    "there", "its", "his", "her", "their", "our", "my", "some", "many", "most", "both", "officials",
])  # fmt: skip
_FINITE = frozenset([
    "is", "was", "are", "were", "has", "have", "had", "will", "would", "can", "could", "may", "might",
    "must", "should", "shall", "does", "did", "do", "said", "says", "added", "told", "called",
    "warned", "denied", "agreed", "announced", "reported", "remains", "remained", "plans", "wants",
    "expects", "expected", "insisted", "urged", "argued",
])  # fmt: skip


def _own_clause(text: str, sentence: Sentence) -> bool:
    words = [w.lower() for w in _WORD.findall(text, _first_letter(text, sentence), sentence.end)[:6]]
    return bool(words) and words[0] in _SUBJECT_START and any(w in _FINITE for w in words[1:])


def _break_fixes(text: str, sentence: Sentence) -> list[FixSpec]:
    """Both repairs of a period before a lowercase word, the likelier first: a capital
    when what follows is a clause of its own, else joining the two pieces."""
    join, capital = _join_fix(sentence), _capital_fix(text, sentence)
    return [capital, join] if _own_clause(text, sentence) else [join, capital]


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
            "(iPhone, eBay) are not sentence ends and are not reported. Two repairs are "
            "suggested, the likelier first: a capital when what follows is a clause of its own "
            '("the port. the navy said" -> "The navy said"), else removing the period; read the '
            "sentence: often a word was also lost or inserted. "
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
                BadExample(
                    "The army has denied shelling the port. the navy said it was still counting the damage.",
                    ("port. the navy",),
                    "The army has denied shelling the port. The navy said it was still counting the damage.",
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
        # A piece that begins with a capital begins with no opening mark either, so its first
        # letter is that capital: passed over in one comprehension (five pieces in six).
        for s in [s for s in doc.splits_in(self.meta.parts) if not text[s.start].isupper()]:
            if s.opener not in (Opener.PERIOD, Opener.DOUBLED) or not _first(text, s).islower():
                continue
            body = text[s.start : s.end].lstrip(_OPEN_MARKS)
            if _LOWER_OK.match(body) or text[s.start] == "(":
                continue
            if text[s.break_at + 1 : s.start].strip() in _CLOSERS_OK:
                continue  # '...this." he added': a quotation's punctuation, not a broken phrase
            start, end = _break_span(doc, s)
            yield self.finding(doc, start, end, fixes=_break_fixes(text, s))


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
            '"Never.") and words inside direct quotations are not reported. The fix joins the '
            "word to the phrase before it, or, when the next sentence lost its capital, to the "
            'sentence after it ("increase. Overall. sales rose" -> "Overall, sales rose").'
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
                BadExample(
                    "Exports fell for a third month. Meanwhile. imports of fuel rose sharply.",
                    ("month. Meanwhile.",),
                    "Exports fell for a third month. Meanwhile, imports of fuel rose sharply.",
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
        splits = doc.splits_in(self.meta.parts)
        # the pieces that may be one word, found in one comprehension: one with a space
        # between its first and last characters, neither of them a mark, holds more
        for i in [
            i
            for i, s in enumerate(splits)
            if text.find(" ", s.start, s.end - 1) < 0
            or s.end - s.start <= 2
            or text[s.start] in _FRAGMENT_MARKS
            or text[s.end - 2] in _FRAGMENT_MARKS
        ]:
            s = splits[i]
            if s.opener is not Opener.PERIOD or text[s.end - 1 : s.end] != ".":
                continue
            body = text[s.start : s.end - 1].strip(_FRAGMENT_MARKS)
            if not _WORD.fullmatch(body) or body.lower() in _ONE_WORD_OK or body.isdigit():
                continue
            start = s.break_at - len(s.previous_token)
            following = splits[i + 1] if i + 1 < len(splits) else None
            yield self.finding(doc, start, s.end, fixes=_fragment_fixes(text, s, body, following))


# Sentence adverbs that open a sentence and take a comma ("Overall, sales rose"): a fragment
# made of one of them belongs to the sentence after it. Hand-written list.
_SENTENCE_ADVERBS = frozenset([
    "overall", "however", "meanwhile", "still", "instead", "separately", "later", "earlier",
    "nevertheless", "moreover", "finally", "also", "besides", "otherwise", "similarly", "initially",
    "ultimately", "currently", "previously", "additionally", "elsewhere", "then", "now", "today",
    "yesterday",
])  # fmt: skip


def _fragment_fixes(text: str, s: Sentence, word: str, following: Sentence | None) -> list[FixSpec]:
    """A one-word fragment joins the phrase before it ("the allies. Europe." -> "the allies
    Europe."), or, when the next sentence lost its capital, the one after it: "increase.
    Overall. sales rose" -> "increase. Overall, sales rose" for a sentence adverb, else
    "... Overall sales rose". Ranked: the likelier repair first."""
    before = _join_fix(s)
    if following is None or following.break_at != s.end - 1:
        return [before]
    nxt = text[_first_letter(text, following) : following.end]
    if not nxt[:1].islower():
        return [before]
    if word.lower() in _SENTENCE_ADVERBS:
        after: FixSpec = (Applicability.UNSAFE, "join it to the next sentence with a comma",
                          [(s.end - 1, following.start, ", ")])  # fmt: skip
        return [after, before]
    after = (Applicability.UNSAFE, "join it to the next sentence", [(s.end - 1, following.start, " ")])
    return [before, after]


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
_CANNOT_END = _NO_FINAL | _PREFIXES
# A short sentence that is only a subordinate clause: "If that country invaded Ukraine."
_SUBORDINATE = _compiled(r"[“\"‘']?(?:If|Although|Though|Unless|Whereas|Because)\s")
# what a match of it can begin with (one C call rules out most sentences)
_SUBORDINATE_STARTS = ("If", "Although", "Though", "Unless", "Whereas", "Because", "“", '"', "‘", "'")
_MAIN_CLAUSE = _compiled(
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
        # what either test below needs first, asked in one comprehension
        candidates = [
            s
            for s in doc.splits_in(self.meta.parts)
            if s.previous_token.lower() in _CANNOT_END or text.startswith(_SUBORDINATE_STARTS, s.start, s.end)
        ]
        for s in candidates:
            if s.opener is not Opener.PERIOD:
                continue
            token = s.previous_token.lower()
            if (token in _NO_FINAL or token in _PREFIXES) and _first(text, s).isupper():
                start, end = _break_span(doc, s)
                yield self.finding(doc, start, end, fixes=[_join_fix(s)])
            elif (
                text.startswith(_SUBORDINATE_STARTS, s.start, s.end)
                and _SUBORDINATE.match(text, s.start, s.end)
                and (body := text[s.start : s.end]).endswith(".")
                and "," not in body
                and len(body.split()) <= 12
                and not _MAIN_CLAUSE.search(body)
            ):
                yield self.finding(doc, s.start, s.end)
