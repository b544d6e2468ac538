"""Unbalanced and mis-oriented quotation marks, judged per paragraph.

The `Document` has already paired the marks (knowing apostrophes and the multi-paragraph
convention); this rule reports what did not pair.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..cache import compiled as _compiled
from ..document import Document
from ..findings import Applicability, Category, Finding, Severity
from ..meta import BODY_PARTS, BadExample, Examples, GoodExample, RuleMeta
from ..quotes import QuoteProblem
from ..rule import Context, Rule

_WORD_AFTER = _compiled(r".[\p{L}\p{N}'’\-]*\.?")
_MESSAGES = {
    QuoteProblem.UNCLOSED: "Quotation opened with {text} is never closed in this paragraph",
    QuoteProblem.STRAY_CLOSE: "Closing quotation mark {text} has no opening mark",
    QuoteProblem.UNCLOSED_SINGLE: 'Stray opening quote before a word: "{text}"',
    QuoteProblem.MISORIENTED: "Quotation mark {text} faces the wrong way",
}
_FLIP = {"“": "”", "”": "“"}


class UnbalancedQuotes(Rule):
    meta = RuleMeta(
        code="PU010",
        name="unbalanced-quotes",
        category=Category.PUNCTUATION,
        severity=Severity.WARNING,
        message="Unbalanced quotation mark: {text}",
        explanation=(
            "Within a paragraph every opening quotation mark needs a closing one. Machine "
            'translation drops, duplicates or turns them ("wants” results “on the '
            'required”"), and leaves lone opening quotes before displaced words '
            '("Russia. ‘West."). A quotation that runs over several paragraphs is '
            "correctly left open at the end of each paragraph but the last, when the next "
            "paragraph opens with a quote mark; that is not reported. Apostrophes "
            '(Russia’s, allies’, ’90s) are not quotation marks. Straight marks (") do not say '
            "whether they open or close, so an imbalance of them is not reported."
        ),
        examples=Examples(
            bad=(
                BadExample("The minister said “we will not move on this point. Talks went on.", ("“",)),
                BadExample(
                    "Tensions rose between the capitals. ‘Brussels. Nobody moved.",
                    ("‘Brussels.",),
                    "Tensions rose between the capitals. Brussels. Nobody moved.",
                ),
                BadExample("“We can avoid a crisis“ he added.", ("“",), "“We can avoid a crisis” he added."),
            ),
            good=(
                GoodExample("“We are ready,” she said. Russia’s allies’ view was unchanged."),
                GoodExample("“The first part of a long quotation.\n\n“And the end of it,” he said."),
                GoodExample("The ’90s were rock ’n’ roll years, ‘so to speak’, he said."),
                GoodExample('He ended the briefing: "We will decide later. The vote was set for May.'),
            ),
        ),
        parts=BODY_PARTS,
        artifact_class="unbalanced-quotes",
        fixable=True,
        origin=__name__,
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        text = doc.text
        for issue in doc.quotations.issues:
            if issue.continued or doc.part_at(issue.offset) not in self.meta.parts:
                continue
            if text[issue.offset] == '"':
                # A straight mark does not say whether it opens or closes: a lone one may end
                # a quotation that began in a paragraph a scraper split off, or be a ditto or
                # inch mark. Only typographic marks, whose direction is written, are judged.
                continue
            start, end = issue.offset, issue.offset + 1
            fixes = []
            if issue.problem is QuoteProblem.UNCLOSED_SINGLE:
                m = _WORD_AFTER.match(text, start)
                end = m.end() if m else end
                fixes.append((Applicability.UNSAFE, "remove the stray quote", [(start, start + 1, "")]))
            elif issue.problem is QuoteProblem.MISORIENTED:
                mark = text[start]
                fixes.append((Applicability.UNSAFE, f"use {_FLIP[mark]}", [(start, start + 1, _FLIP[mark])]))
            yield self.finding(doc, start, end, message=_MESSAGES[issue.problem], fixes=fixes)
