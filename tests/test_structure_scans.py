"""The string scans that stand in for patterns in the structure and quotation passes find
exactly what the patterns do, on generated text full of the characters they look for."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lintkit.quotes import _marks
from lintkit.structure import _BLOCK_SEP, _LINE, _block_separators, line_spans

PIECES = ["a", "Word", " ", "  ", "\t", "\n", "\n\n", " \n", "\n \n", "\f", "\v", "\r", "\r\n",
          "\u00a0", "\u2028", "\x1c", "“", "”", '"', "‘", "’", "'", ".", "é"]  # fmt: skip
TEXTS = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


@settings(max_examples=400)
@given(TEXTS, st.data())
def test_block_separators_are_the_patterns(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    expected = [m.span() for m in _BLOCK_SEP.finditer(text, start, end)]
    assert list(_block_separators(text, start, end)) == expected


@settings(max_examples=400)
@given(TEXTS, st.data())
def test_lines_are_the_patterns(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert line_spans(text, start, end) == [m.span() for m in _LINE.finditer(text, start, end)]


@given(TEXTS)
def test_quotation_marks_are_found_where_the_pattern_finds_them(text: str) -> None:
    import regex

    assert _marks(text) == [m.start() for m in regex.finditer(r"[“”\"‘’]", text)]


LINE_PIECES = ["Photo", "PHOTO", "photographs", "Credit", "credits", "Image", "Picture", "Foto",
               "Illustration", "Video", "by", ":", "…", "|", "...", " ", "  ", "/", "for ",
               "The New York Times", "Reuters", "AP", "AP Photo", "AFP", "Getty  Images", "EPA",
               "Shutterstock", "Bloomberg", "Jane Doe", "Pictured", "Above", "Top", "Left",
               "Right", "Below", "(L)", "(L-R)", "(From left)", "If", "Although", "Because",
               "“", '"', "‘", "'", "Unless", "Whereas", "Though", "The", "talks", "ſ", "K"]  # fmt: skip
LINES = st.lists(st.sampled_from(LINE_PIECES), min_size=1, max_size=8).map("".join)


@settings(max_examples=600)
@given(LINES)
def test_the_cheap_checks_never_rule_out_a_match(line: str) -> None:
    """Credit lines, captions and subordinate clauses are first checked with str methods;
    every line the pattern matches must pass that check."""
    from lintkit.detect.sentence_breaks import _SUBORDINATE, _SUBORDINATE_STARTS
    from lintkit.structure import _CAPTION, _CAPTION_STARTS, _CREDIT, _may_be_credit

    if _CREDIT.match(line):
        assert _may_be_credit(line), line
    if _CAPTION.match(line):
        assert line.startswith(_CAPTION_STARTS), line
    if _SUBORDINATE.match(line):
        assert line.startswith(_SUBORDINATE_STARTS), line


@given(st.lists(st.sampled_from(["a", "B", "'", "’", "s", "S", "-", "‐", "‑", "–", "É", "ß", "\x1c", "İ"]),
                min_size=1, max_size=8).map("".join))  # fmt: skip
def test_a_name_token_is_normalised_as_the_patterns_do(token: str) -> None:
    """FN010 folds a token without apostrophes or dashes itself; any token comes out as the
    possessive pattern and `normalize` make it."""
    from lintkit.detect.canonical_name import _POSSESSIVE, _word
    from lintkit.phrases import normalize

    assert _word(token) == normalize(_POSSESSIVE.sub("", token))


PARAGRAPH_PIECES = ["By", "Jane", "Doe", "Photo:", "Reuters", "Pictured:", "If", "talks", "ended", ".",
                    ",", ":", "”", "\n", " ", "  ", "\t", "word", "Credit", "AP", "Getty Images"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PARAGRAPH_PIECES), min_size=1, max_size=40).map(" ".join),
                min_size=1, max_size=8))  # fmt: skip
def test_paragraph_parts_count_words_no_further_than_needed(paragraphs: list[str]) -> None:
    """`classify` counts a paragraph's words only as far as each test needs: the parts are
    those of counting every word first (up to 32) and testing in the written order."""
    from lintkit.structure import _BYLINE, _CAPTION, _CAPTION_STARTS, _CREDIT, _TERMINAL, Part, classify

    text, spans = "", []
    for p in paragraphs:
        spans.append((len(text), len(text) + len(p)))
        text += p + "\n\n"

    def reference(index: int, line: str) -> Part:
        words = len(line.split(None, 31))
        if index == 0 and len(spans) > 1 and words <= 25 and not line.endswith(".") and "\n" not in line:
            return Part.HEADLINE
        if index < 6 and words <= 12 and _BYLINE.match(line) and not line.endswith("."):
            return Part.BYLINE
        if words <= 30 and _CREDIT.match(line):
            return Part.CREDIT
        if line.startswith(_CAPTION_STARTS) and _CAPTION.match(line):
            return Part.CAPTION
        if words <= 8 and not _TERMINAL.search(line):
            return Part.SUBHEAD
        return Part.BODY

    expected = [reference(i, text[s:e].strip()) for i, (s, e) in enumerate(spans)]
    assert [p.part for p in classify(text, spans)] == expected
