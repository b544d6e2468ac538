"""Knowledge-base loading, validation and the date logic of the title check, on a small
knowledge base written here (so the tests do not depend on the built-in facts)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintkit.api import Options, build_linter, lint_text
from lintkit.knowledge import KnowledgeBase
from lintkit.knowledge.dates import parse_bound
from lintkit.linter import Linter
from lintkit.registry import load_rules
from lintkit.rule import Context
from lintkit.selection import select
from lintkit.yamlfile import DataError

KB = """\
as-of: "2026-01-01"
offices:
  xx.foreign-minister:
    title: Foreign Minister of Examplia
    organisation: Examplian Foreign Ministry
    forms: [Foreign Minister, Minister of Foreign Affairs]
  xx.deputy-foreign-minister:
    title: Deputy Foreign Minister of Examplia
    organisation: Examplian Foreign Ministry
    forms: [Deputy Foreign Minister]
  xx.prime-minister:
    title: Prime Minister of Examplia
    organisation: Government of Examplia
    forms: [Prime Minister, Premier]
officials:
  - name: Ada K. Norland
    surname: Norland
    honorific: Ms.
    offices:
      - {office: xx.deputy-foreign-minister, start: "2010-03", end: "2015-06-30"}
      - {office: xx.foreign-minister, start: "2015-07-01"}
    source: test fixture
places:
  - country: Examplia
    names: [Examplia]
    demonyms: [Examplian]
    capital: Portvale
    metonyms: [Old Palace]
"""


@pytest.fixture()
def kb_file(tmp_path: Path) -> Path:
    path = tmp_path / "kb.yaml"
    path.write_text(KB, encoding="utf-8")
    return path


def title_findings(kb_file: Path, text: str, date: dt.date | None = None) -> list[str]:
    kb = KnowledgeBase([kb_file], builtin=False)
    rules = select(load_rules(), ["FN001"])
    linter = Linter(rules, Context(knowledge=kb, date=date))
    from lintkit.document import Document

    return [f.text for f in linter.check(Document(text, detect_headline=False)).findings]


@pytest.mark.parametrize(
    "value, end, expected",
    [
        ("2021-04-14", False, dt.date(2021, 4, 14)),
        ("2021-04", False, dt.date(2021, 4, 1)),
        ("2021-04", True, dt.date(2021, 4, 30)),
        ("2020-02", True, dt.date(2020, 2, 29)),
        ("1996", True, dt.date(1996, 12, 31)),
        ("1996", False, dt.date(1996, 1, 1)),
    ],
)
def test_partial_dates_are_period_bounds(value: str, end: bool, expected: dt.date) -> None:
    assert parse_bound(value, end=end) == expected


def test_invalid_dates_are_rejected() -> None:
    for bad in ("2021-13", "21-04-2021", "soon"):
        with pytest.raises(ValueError):
            parse_bound(bad, end=False)


def test_title_never_held_is_flagged_without_a_date(kb_file: Path) -> None:
    assert title_findings(kb_file, "Prime Minister Ada K. Norland spoke.") == ["Prime Minister"]
    assert title_findings(kb_file, "Ada Norland, the prime minister, spoke.") == ["prime minister"]


def test_title_taken_up_after_the_article_date(kb_file: Path) -> None:
    text = "Foreign Minister Ada Norland arrived."
    assert title_findings(kb_file, text, dt.date(2012, 5, 1)) == ["Foreign Minister"]
    assert title_findings(kb_file, text, dt.date(2016, 5, 1)) == []
    assert title_findings(kb_file, text) == []  # no date: held at some time


def test_title_held_earlier_is_fine(kb_file: Path) -> None:
    text = "Deputy Foreign Minister Ada Norland negotiated the deal."
    assert title_findings(kb_file, text, dt.date(2020, 1, 1)) == []


def test_any_form_and_case_of_a_title_is_accepted(kb_file: Path) -> None:
    for text in (
        "Examplian Minister of Foreign Affairs Ada Norland left.",
        "Ada K. Norland, Examplia's foreign minister, left.",
        "Ada K. Norland, the new FOREIGN MINISTER, left.",
    ):
        assert title_findings(kb_file, text, dt.date(2020, 1, 1)) == [], text


def test_qualified_titles_are_not_judged(kb_file: Path) -> None:
    for text in (
        "Former Prime Minister Ada Norland left.",
        "Ada Norland, the former prime minister, left.",
        "Then-Prime Minister Ada Norland left.",
        "Ada Norland, the prime minister of the student union, left.",
    ):
        assert title_findings(kb_file, text) == [], text


def test_later_references_count_after_the_full_name(kb_file: Path) -> None:
    text = "Ada K. Norland arrived. Ms. Norland, the prime minister, spoke."
    assert title_findings(kb_file, text) == ["prime minister"]
    assert title_findings(kb_file, "Ms. Norland, the prime minister, spoke.") == []


def test_suggestion_is_the_office_held_on_the_date(kb_file: Path) -> None:
    kb = KnowledgeBase([kb_file], builtin=False)
    linter = Linter(select(load_rules(), ["FN001"]), Context(knowledge=kb, date=dt.date(2012, 1, 1)))
    from lintkit.document import Document

    (finding,) = linter.check(
        Document("Foreign Minister Ada Norland arrived.", detect_headline=False)
    ).findings
    assert "became Foreign Minister of Examplia only on 2015-07-01" in finding.message
    assert finding.fixes[0].edits[0].replacement == "Deputy Foreign Minister"


def test_dateline_gives_the_date(kb_file: Path) -> None:
    text = "Headline\n\nPORTVALE, March 3, 2012 — Foreign Minister Ada Norland arrived."
    kb = KnowledgeBase([kb_file], builtin=False)
    linter = Linter(select(load_rules(), ["FN001"]), Context(knowledge=kb))
    from lintkit.document import Document

    assert [f.text for f in linter.check(Document(text)).findings] == ["Foreign Minister"]


def test_tautology_uses_the_places_file(kb_file: Path) -> None:
    kb = KnowledgeBase([kb_file], builtin=False)
    linter = Linter(select(load_rules(), ["MT010"]), Context(knowledge=kb))
    from lintkit.document import Document

    def found(text: str) -> list[str]:
        return [f.text for f in linter.check(Document(text, detect_headline=False)).findings]

    assert found("Trade between Portvale and Examplia grew.") == ["Portvale and Examplia"]
    assert found("The Old Palace and Examplia disagreed.") == ["Old Palace and Examplia"]
    assert found("Prices rose in Portvale and across Examplia.") == []
    assert found("Portvale and Examplia's allies met.") == []


@pytest.mark.parametrize(
    "content, problem",
    [
        (
            "offices: {}\nofficials:\n  - {name: A B, surname: B, offices: "
            "[{office: xx.nope, start: '2020'}], source: s}\n",
            "unknown office id 'xx.nope'",
        ),
        (
            "offices:\n  xx.a: {title: A, organisation: O, forms: [A]}\nofficials:\n"
            "  - {name: A B, surname: B, offices: [{office: xx.a, start: '2020', end: '2019'}], "
            "source: s}\n",
            "ends before it starts",
        ),
        ("officals: []\n", "unknown section 'officals' (did you mean 'officials'?)"),
        (
            "offices:\n  xx.a: {title: A, organisation: O, froms: [A]}\n",
            "unknown key 'froms' (did you mean 'forms'?)",
        ),
        (
            "names:\n  - {canonical: X, kind: treaty, forms: [X], signature: [x], source: s}\n",
            "at least two items",
        ),
    ],
)
def test_invalid_knowledge_is_an_error_naming_file_and_line(
    tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as info:
        KnowledgeBase([path], builtin=False).validate()
    assert str(info.value).startswith(f"{path}:")
    assert problem in str(info.value)


def test_builtin_knowledge_base_is_large_and_sourced(kb: KnowledgeBase) -> None:
    assert len(kb.officials) >= 150
    assert len(kb.names) >= 80
    assert all(o.source.strip() for o in kb.officials)
    assert all(n.source.strip() for n in kb.names)
    names = [o.name for o in kb.officials]
    assert len(names) == len(set(names))


def test_seed_officials_are_known(kb: KnowledgeBase) -> None:
    by_name = {o.name: o for o in kb.officials}
    sherman = by_name["Wendy R. Sherman"]
    held = {t.office.title for t in sherman.tenures if t.held_on(dt.date(2022, 1, 12))}
    assert held == {"Deputy Secretary of State"}
    for name in ("Vladimir Putin", "Jens Stoltenberg", "Sergei A. Ryabkov"):
        assert any(name.split()[-1] == o.surname for o in kb.officials), name


def test_knowledge_option_extends_the_builtin_base(kb_file: Path) -> None:
    linter = build_linter(Options(select=["FN001"], knowledge=[kb_file]))
    assert [f.text for f in lint_text("Prime Minister Ada Norland left.", linter=linter)] == [
        "Prime Minister"
    ]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "The",
                "Treaty",
                "on",
                "the",
                "of",
                "and",
                "U.N.",
                "U.S",
                "Group",
                "20",
                "connected",
                "said.",
                "e.g.",
                "Council.",
                "Mr.",
                "Dr",
                "’s",
                "-",
                "Non-Proliferation",
                " ",
                "  ",
                "\n",
                "\n\n",
                ". ",
                ", ",
                ",",
                "(",
                ")",
                "“",
                "”",
                '"',
                ";",
                "—",
                "/",
                "?",
                "Treaty,",
                "(UN)",
            ]
        ),
        max_size=40,
    ).map(" ".join)
)
def test_canonical_name_runs_read_by_stretches_are_the_whole_scans(text: str) -> None:
    """FN010 reads capitalised runs only in the stretches that hold a word it looks for,
    split where a lowercase letter meets a period or at a character no run holds (a
    comma, a bracket, a quotation mark...): with every stretch read, the runs are exactly
    those of one scan of the whole text."""
    from lintkit.detect.canonical_name import _RUN, CanonicalNameRule

    every = [m.span() for m in CanonicalNameRule._runs(text, {""})]
    assert every == [m.span() for m in _RUN.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["The", "Treaty", "treaty", "of", "said.", "Council.", "U.N.", "Straße", "İstanbul",
                         "’s", "-", "Non-Proliferation", " ", "\n", ". ", "tr", "eaty", "e.g.", ",", "(",
                         ")", "“", "”", "Treaty,", "tr,eaty", "—"]),
        max_size=30,
    ).map(" ".join),
    st.sets(st.sampled_from(["treaty", "council", "non-proliferation", "the", "s", "istanbul", "straße",
                             "e.g", "said. the", "tr,eaty", "treaty,"]), max_size=3),
)  # fmt: skip
def test_canonical_name_runs_are_those_holding_a_word(text: str, firsts: set[str]) -> None:
    """The runs FN010 reads are found by looking each word up in the folded text once:
    they are the runs that hold one of the words, as folding each stretch, then each of
    its runs, and looking in it finds."""
    from lintkit.detect.canonical_name import _BREAK, _RUN, CanonicalNameRule

    def holds(part: str) -> bool:
        return any(w in part.casefold().replace("’", "'") for w in firsts)

    expected = []
    start = 0
    for stop in (*(m.end() for m in _BREAK.finditer(text)), len(text)):
        if holds(text[start:stop]):
            expected += [m.span() for m in _RUN.finditer(text, start, stop) if holds(m.group())]
        start = stop
    assert [m.span() for m in CanonicalNameRule._runs(text, firsts)] == expected


def test_canonical_name_runs_find_each_stretch_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stretch is searched for once, however many of the words it holds: a long text
    without an edge is read once, not once per word found in it."""
    import lintkit.detect.canonical_name as cn

    searches = []

    class Counted:
        def __init__(self, pattern: Any) -> None:
            self.pattern = pattern

        def search(self, *args: Any) -> Any:
            searches.append(args[1:])
            return self.pattern.search(*args)

    monkeypatch.setattr(cn, "_EDGE_AFTER", Counted(cn._EDGE_AFTER))
    text = "the United Nations and the united front of United States " * 200 + "end. More United"
    runs = [m.span() for m in cn.CanonicalNameRule._runs(text, {"united"})]
    assert runs == [m.span() for m in cn._RUN.finditer(text) if "united" in m.group().casefold()]
    assert len(runs) > 200 and len(searches) == 2  # one search per stretch: two stretches
