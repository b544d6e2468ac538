"""Safe means certain (issue 9): a fix `--fix` applies without a human only where no correct
sentence could hold the match; the right repair (or several, ranked) elsewhere; residue lines
deleted without leaving blank runs or empty elements. The sentences here were written after
the rules, as a copy desk would meet them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from lintkit.api import lint_text
from lintkit.cli import main
from lintkit.findings import Applicability


def findings(body: str, rule: str, name: str = "a.txt") -> list:
    return [f for f in lint_text(f"Talks\n\n{body}\n", name) if f.rule == rule]


@pytest.mark.parametrize(
    "sentence",
    [
        "It was the trust voters had placed in in the past that mattered.",
        "It was the reform they had been waiting for for years.",
        "The can can hold two litres of water.",
        "Will will attend the summit in Geneva on Monday.",
        "May may return as chair next year, aides said.",
        "What the union believes in in the end is a fair wage.",
    ],
)
def test_grammatical_doubles_are_suggestions_never_safe(sentence: str, tmp_path: Path) -> None:
    found = findings(sentence, "MT005")
    assert all(x.applicability is Applicability.UNSAFE for f in found for x in f.fixes)
    path = tmp_path / "a.txt"
    path.write_text(f"Talks\n\n{sentence}\n", encoding="utf-8")
    CliRunner().invoke(main, ["check", "--isolated", "--fix", str(path)])
    assert path.read_text(encoding="utf-8") == f"Talks\n\n{sentence}\n"  # --fix leaves them alone


@pytest.mark.parametrize(
    "sentence",
    [
        "Wait wait! the guard shouted at the crowd.",
        "Hip hip hooray, the fans sang outside the stadium.",
        "The launch code was six six six, the officer said.",
        "Shares in E.ON on Tuesday rose 2 percent.",
        "He said it it's not over yet, and left.",
        "Bye bye, the minister told reporters.",
    ],
)
def test_reduplications_numbers_and_words_inside_tokens_are_not_doubles(sentence: str) -> None:
    assert findings(sentence, "MT005") == []


@pytest.mark.parametrize("double", ["the the", "The the", "a a", "an an", "and and", "or or"])
def test_doubled_articles_and_conjunctions_are_safe(double: str) -> None:
    sentence = f"{double} ministers met on Monday in Geneva." if double[0].isupper() else (
        f"Officials said {double} talks would resume in Geneva."
    )  # fmt: skip
    [f] = findings(sentence, "MT005")
    assert f.fixes[0].applicability is Applicability.SAFE


def test_a_clause_that_lost_its_capital_gets_a_capital_first() -> None:
    [f] = findings("Moscow denied planning to invade Ukraine. the Kremlin has massed troops nearby.", "MT001")
    assert [x.description for x in f.fixes] == ['start a new sentence: "The"', "remove the period"]
    [f] = findings("Officials said Moscow would reply in writing. next month, the envoy added.", "MT001")
    assert [x.description for x in f.fixes] == ["remove the period", 'start a new sentence: "Next"']


def test_a_one_word_fragment_joins_the_sentence_after_it_when_that_lost_its_capital() -> None:
    [f] = findings("Exports rose by a fifth. However. prices fell in every region.", "MT002")
    assert f.fixes[0].description == "join it to the next sentence with a comma"
    [f] = findings("The envoys left the palace. Vienna. The next round is in March.", "MT002")
    assert [x.description for x in f.fixes] == ["remove the period"]


def test_numbered_ranges_and_generic_kremlins_have_no_safe_fix() -> None:
    assert findings("Questions 3..9 were about the budget.", "PU002") == []
    assert findings("The delegation toured the Kazan kremlin and a kremlin in Pskov.", "FN020") == []
    assert [f.text for f in findings("The kremlin said it would reply.", "FN020")] == ["kremlin"]


@pytest.mark.parametrize(
    ("name", "source", "fixed"),
    [
        ("a.txt", "Talks\n\nThe summit opened.\n\nImage\n\nThe leaders met.\n",
         "Talks\n\nThe summit opened.\n\nThe leaders met.\n"),
        ("a.txt", "Talks\r\n\r\nThe summit opened.\r\n\r\nAdvertisement\r\n",
         "Talks\r\n\r\nThe summit opened.\r\n"),
        ("a.md", "# Talks\n\nThe summit opened.\n\nContinue reading\n\nThe leaders met.\n",
         "# Talks\n\nThe summit opened.\n\nThe leaders met.\n"),
        ("a.html", "<h1>Talks</h1>\n<p>The summit opened.</p>\n<figure><p>Photo: Reuters</p></figure>\n"
         "<p>The leaders met.</p>\n", "<h1>Talks</h1>\n<p>The summit opened.</p>\n<p>The leaders met.</p>\n"),
        ("a.html", "<h1>Talks</h1><p>The summit opened.</p><p>Image</p><p>The leaders met.</p>",
         "<h1>Talks</h1><p>The summit opened.</p><p>The leaders met.</p>"),
    ],
)  # fmt: skip
def test_deleting_a_residue_line_keeps_the_paragraphs(
    tmp_path: Path, name: str, source: str, fixed: str
) -> None:
    path = tmp_path / name
    path.write_bytes(source.encode("utf-8"))
    CliRunner().invoke(main, ["check", "--isolated", "--fix", str(path)])
    assert path.read_bytes().decode("utf-8") == fixed
