"""RS005 (repeated line, caption above its paragraph) reads a line's words only when they
can matter. These tests hold it to the plain reading: every line split into its
case-folded words, punctuation ignored, compared with every earlier line and the next."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintkit.check import make_document
from lintkit.detect.repeated_lines import CAPTION_WORDS, MIN_WORDS, RepeatedLine
from lintkit.knowledge import KnowledgeBase
from lintkit.rule import Context
from lintkit.structure import line_spans

RULE = RepeatedLine()
CONTEXT = Context(knowledge=KnowledgeBase(builtin=False))
PUNCTUATION = "\"'“”‘’«».,;:!?()[]{}—–-/|*•…"


def _reference(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of what RS005 reports, read the plain way."""
    table = str.maketrans(dict.fromkeys(PUNCTUATION, " "))
    lines = []
    at = 0
    for piece in text.replace("\r", "\n").split("\n"):
        if piece.strip():
            lines.append((at, at + len(piece), tuple(piece.translate(table).casefold().split())))
        at += len(piece) + 1
    seen: set[tuple[str, ...]] = set()
    out = []
    for i, (start, end, key) in enumerate(lines):
        if len(key) >= MIN_WORDS:
            if key in seen:
                out.append((start, end, "repeated"))
                continue
            seen.add(key)
        if CAPTION_WORDS[0] <= len(key) <= CAPTION_WORDS[1] and i + 1 < len(lines):
            following = lines[i + 1][2]
            line = text[start:end].rstrip()
            if (
                not line.endswith((".", "!", "?", ":", ";", ",", "”", '"'))
                and len(following) > len(key) + 2
                and following[: len(key)] == key
            ):
                out.append((start, end, "caption"))
    return out


def _found(text: str) -> list[tuple[int, str]]:
    doc = make_document(text, "a.txt")
    return sorted(
        (f.start, "caption" if f.message.startswith("Caption") else "repeated")
        for f in RULE.check(doc, CONTEXT)
    )


def _spans(found: list[tuple[int, int, str]]) -> list[tuple[int, str]]:
    return sorted((start, kind) for start, _, kind in found)


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # the same headline twice, spaced, cased and punctuated differently
        ("Port strike spreads to three cities\nPORT STRIKE  spreads to three cities!\n\nDone.", ["repeated"]),
        (
            "Port strike spreads\tto three cities\nPort strike spreads\u00a0to three cities\n\nDockers left.",
            ["repeated"],
        ),
        (
            "Port strike spreads to three cities\r\nPort strike spreads to three cities\r\n\r\nDockers left.",
            ["repeated"],
        ),
        # as many letters, other words: not a repeat
        ("Port strike spreads to three cities\nTrop strike spreads to three cities\n\nDockers left.", []),
        # three words: too short to call a repeat
        ("Talks resume today\nTalks resume today\n\nThe envoys met.", []),
        # a caption above the paragraph it opens, also across a line of spaces
        (
            "Talks\n\nFinance Minister Ana Lopes\n\nFinance Minister Ana Lopes said taxes would rise.",
            ["caption"],
        ),
        (
            "Talks\n\nFinance Minister Ana Lopes\n   \nFinance Minister Ana Lopes said taxes would rise.",
            ["caption"],
        ),
        # a sentence is no caption
        (
            "Talks\n\nFinance Minister Ana Lopes spoke.\n\nFinance Minister Ana Lopes said taxes would rise.",
            [],
        ),
    ],
)
def test_repeated_lines_and_captions(text: str, kinds: list[str]) -> None:
    found = _found(text)
    assert [k for _, k in found] == kinds
    assert found == _spans(_reference(text))


WORDS = [
    "Port",
    "port",
    "strike",
    "Strike",
    "spreads",
    "sperads",
    "to",
    "three",
    "cities",
    "Ana",
    "Lopes",
    "ß",
    "SS",
]
SPACES = [" ", "  ", "\t", "\u00a0", "\u2003", ",", ".", "!", "“", "—", "\n", "\n", "\n\n", "\r\n", "   \n"]
PIECES = WORDS + SPACES


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_rs005_reports_what_the_plain_reading_reports(text: str) -> None:
    assert _found(text) == _spans(_reference(text))


@given(st.text(alphabet="ab \n\r\t", max_size=30))
def test_lines_are_the_runs_between_line_breaks(text: str) -> None:
    expected = []
    at = 0
    for i, ch in enumerate(text + "\n"):
        if ch in "\r\n":
            if i > at:
                expected.append((at, i))
            at = i + 1
    assert line_spans(text) == expected


def test_the_spaces_made_blank_are_what_str_split_splits_a_line_at() -> None:
    import sys

    from lintkit.detect.repeated_lines import _SPACES

    every = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert set(_SPACES) == every - {"\n", "\r"}


@pytest.mark.parametrize(
    "line", ["Photo: Reuters", "Talks resume.", "Talks resume.  ", "“Yes,” ", "a", " ", "", "Ends, \t"]
)
def test_line_end_test_reads_as_rstrip_then_endswith(line: str) -> None:
    from lintkit.detect.repeated_lines import _FINAL, _ends_with

    text = f"x\n{line}\ny"
    start, end = 2, 2 + len(line)
    assert _ends_with(text, start, end, _FINAL) == text[start:end].rstrip().endswith(_FINAL)
