"""The Document: line index, parts of a news article, datelines, quotations."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintkit.document import Document
from lintkit.quotes import QuoteProblem
from lintkit.source import DecodeError, LineIndex, decode
from lintkit.structure import Part, parse_dateline_date

ARTICLE = """Talks on arms control resume in Geneva

By Ana Ruiz and Tom Bell

Image
Credit…Lena Ortiz for Reuters

GENEVA, Jan. 21, 2022 — Diplomats met on Friday. “We are ready,” one said.

Leave a Comment
"""


def test_line_index_counts_code_points_and_all_line_endings() -> None:
    text = "añb\r\nçd\re\nf"
    index = LineIndex(text)
    assert index.position(0) == (1, 1)
    assert index.position(2) == (1, 3)
    assert index.position(5) == (2, 1)  # after \r\n
    assert index.position(8) == (3, 1)  # after \r
    assert index.position(10) == (4, 1)
    assert index.line_text(1) == "añb"
    assert index.line_text(2) == "çd"
    assert index.offset(2, 2) == 6


def test_decode_handles_bom_and_reports_bad_bytes() -> None:
    assert decode("é".encode("utf-8-sig")).text == "é"
    assert decode("é".encode("utf-8-sig")).bom
    with pytest.raises(DecodeError, match=r"not UTF-8.*line 2, column 3"):
        decode(b"ok\nab\xe9cd")
    with pytest.raises(DecodeError, match="binary"):
        decode(b"\x00\x01\x02PNG")


def test_parts_of_an_article() -> None:
    doc = Document(ARTICLE)
    parts = [p.part for p in doc.paragraphs]
    assert parts == [Part.HEADLINE, Part.BYLINE, Part.CREDIT, Part.CREDIT, Part.BODY, Part.SUBHEAD]
    assert doc.dateline is not None
    assert doc.dateline.place == "GENEVA"
    assert doc.date == dt.date(2022, 1, 21)
    assert doc.part_at(ARTICLE.index("GENEVA")) is Part.DATELINE
    assert doc.part_at(ARTICLE.index("Diplomats")) is Part.BODY
    # the first sentence starts after the dateline
    body = [doc.text[s.start : s.end] for s in doc.splits_in(frozenset({Part.BODY}))]
    assert body[0] == "Diplomats met on Friday."


@pytest.mark.parametrize(
    "text, date",
    [
        ("Jan. 21, 2022", dt.date(2022, 1, 21)),
        ("21 January 2022", dt.date(2022, 1, 21)),
        ("Sept. 3, 2019", dt.date(2019, 9, 3)),
        ("March 5", None),
        ("Feb. 30, 2022", None),
    ],
)
def test_dateline_dates(text: str, date: dt.date | None) -> None:
    assert parse_dateline_date(text) == date


def test_dateline_without_date() -> None:
    doc = Document("Headline here\n\nKYIV, Ukraine — Shelling resumed overnight.")
    assert doc.dateline is not None and doc.dateline.place == "KYIV, Ukraine"
    assert doc.date is None


def test_quotations_and_apostrophes() -> None:
    text = "“We are ready,” she said of Russia’s allies’ plans in the ’90s."
    doc = Document(text, detect_headline=False)
    assert doc.quotations.spans == [(0, text.index("”") + 1)]
    assert doc.quotations.issues == []
    assert doc.in_quote(3) and not doc.in_quote(text.index("Russia"))


def test_multi_paragraph_quotation_convention() -> None:
    text = "“The first part runs on.\n\n“The second part too.\n\n“And it ends here,” he said."
    doc = Document(text, detect_headline=False)
    assert all(i.continued for i in doc.quotations.issues)
    assert doc.in_quote(text.index("second"))


def test_unclosed_and_misoriented_quotes_are_issues() -> None:
    doc = Document("He said “we will not move. Between Moscow and Russia. ‘West.", detect_headline=False)
    problems = {i.problem for i in doc.quotations.issues}
    assert problems == {QuoteProblem.UNCLOSED, QuoteProblem.UNCLOSED_SINGLE}
    doc = Document("We can avoid another crisis“he added.", detect_headline=False)
    assert [i.problem for i in doc.quotations.issues] == [QuoteProblem.MISORIENTED]


def test_tokens_for_prefilters() -> None:
    doc = Document("The Kremlin's Secretary-General met U.S. officials.", detect_headline=False)
    assert {"kremlin", "secretary", "general", "u", "s", "officials"} <= doc.tokens


@settings(max_examples=500, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from([*list("aZé ß.,;-–—“”‘’«»…\xa0\u2009\u3000\t\nİ1'_/\\ﬁΣ"), "�"]),
        max_size=60,
    )
)
def test_tokens_split_as_the_plain_translation_does(text: str) -> None:
    """phrases.tokens takes a faster road (bytes) to the same words as lowering, mapping
    every separator to a space and splitting."""
    from lintkit.phrases import WORD_SEPARATORS, tokens

    plain = str.maketrans({c: " " for c in WORD_SEPARATORS})
    assert tokens(text) == text.lower().translate(plain).split()


def _paragraphs_by_lines(text: str) -> list[tuple[int, int]]:
    """split_paragraphs as it read every block line by line (before single-line blocks
    took a shortcut)."""
    from lintkit.structure import _BLOCK_SEP, _LINE, _hard_wrapped

    spans: list[tuple[int, int]] = []
    pos = 0
    for end, nxt in [*((m.start(), m.end()) for m in _BLOCK_SEP.finditer(text)), (len(text), len(text))]:
        lines = [m.span() for m in _LINE.finditer(text, pos, end) if m.group().strip()]
        if len(lines) > 1 and _hard_wrapped(text, lines):
            spans.append((lines[0][0], lines[-1][1]))
        else:
            spans.extend(lines)
        pos = nxt
    return spans


BLOCK_PIECES = ["Word", "said.", " ", "  ", "\t", "\n", "\n\n", "\r", "\r\n", "\r\r", "\u00a0", "x" * 50]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(BLOCK_PIECES), max_size=30).map("".join))
def test_paragraphs_of_one_line_blocks_are_those_read_line_by_line(text: str) -> None:
    from lintkit.structure import split_paragraphs

    assert split_paragraphs(text) == _paragraphs_by_lines(text)


def test_lazy_views_are_made_once_on_first_read() -> None:
    doc = Document("Talks\n\nThe talks ended. The envoys left.")
    assert "token_list" not in vars(doc)
    words = doc.token_list
    assert words == ["talks", "the", "talks", "ended", "the", "envoys", "left"]
    assert doc.token_list is words and vars(doc)["token_list"] is words
    assert doc.tokens == frozenset(words) and doc.tokens is doc.tokens
    assert "lower-cased words" in (Document.token_list.__doc__ or "")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("AbİıΣσςß’'- .\n\tÉé")), max_size=40))
def test_words_come_from_the_text_lowered_once(text: str) -> None:
    """The rules that search in any case share one lower-cased text: it is the text's
    `str.lower` (whose length may differ: "İ" lowers to two code points), and the words
    are those `phrases.tokens` gives for the text itself."""
    from lintkit.phrases import tokens

    doc = Document(text)
    assert doc.lowered == text.lower()
    assert doc.token_list == tokens(text)
    assert doc.lowered is doc.lowered
