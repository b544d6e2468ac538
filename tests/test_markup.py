"""Markdown and HTML articles: findings at their exact line and column in the source file,
markup that is not prose left alone, and fixes that change only the intended characters."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from lintkit.cli import main
from lintkit.readers.html_reader import read_html
from lintkit.readers.markdown_reader import read_markdown
from lintkit.source import LineIndex

from .conftest import ROOT

MARKUP = ROOT / "fixtures" / "markup"

# (rule, the finding's source text between « and », in enough context to be unique), in order;
# the expected offsets, lines and columns are derived from the source file
EXPECTED = {
    "vienna-talks.md": [
        ("MT001", 'with [«the. envoys](https://example.org/envoys "Envoys") of» both'),  # in a link
        ("PU001", "night. «.» Officials"),
        ("FN021", "**«monday»**"),  # in bold
        ("MT005", "and «the the» shipping"),  # in a list item
        ("MT001", "in the «world. the winter» outlook"),
        ("MT010", "stalled between «Beijing and China» over"),  # in a table cell
        ("PU002", "follow«..» |"),  # after entities in a table cell
        ("FN010", "the «Organisation for Safety and Co-operation in Europe» attended"),
        ("ST001", "\n«Mr» Lavrov spoke"),
        ("RS001", "\n«Picture»\n"),
    ],
    "vienna-talks.html": [
        ("MT001", 'title="the. envoys">«the. envoys</a> of» both'),
        ("PU001", "night. «.» Officials"),
        ("FN021", "<strong>«monday»</strong>"),
        ("MT005", "and «the the» shipping"),
        ("MT001", "in the «world. the winter» outlook"),
        ("MT010", "stalled between «Beijing and China» over"),
        ("PU002", "follow«..»</td>"),
        ("FN010", "the «Organisation for Safety and Co-operation in Europe» attended"),
        ("ST001", "<p>«Mr» Lavrov spoke"),
        ("RS001", "<p>«Picture»</p>"),
    ],
}

SAFE_FIXES = {
    "vienna-talks.md": [
        ("late into the night. . Officials", "late into the night. Officials"),
        ("and the the shipping", "and the shipping"),
        ("dates to follow.. |", "dates to follow. |"),
        ("in hand.\n\nPicture\n\n", "in hand.\n\n"),  # the line and one blank line: spacing kept
    ],
    "vienna-talks.html": [
        ("late into the night. . Officials", "late into the night. Officials"),
        ("and the the shipping", "and the shipping"),
        ("dates to follow..</td>", "dates to follow.</td>"),
        ("<!-- a comment: the the -->\n<p>Picture</p>\n", "<!-- a comment: the the -->\n"),  # no empty <p>
    ],
}


def check(*paths: Path, fix: bool = False) -> list[dict[str, object]]:
    args = ["check", "--isolated", "--format", "json", *(["--fix"] if fix else []), *map(str, paths)]
    return list(json.loads(CliRunner().invoke(main, args).stdout))


def locate(source: str, marked: str) -> tuple[int, int]:
    """The source span that `marked` shows between « and », found by its context."""
    before, rest = marked.split("«")
    inner, after = rest.split("»")
    context = before + inner + after
    assert source.count(context) == 1, context
    start = source.index(context) + len(before)
    return start, start + len(inner)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_findings_at_exact_source_positions(name: str) -> None:
    path = MARKUP / name
    source = path.read_text(encoding="utf-8")
    index = LineIndex(source)
    found = check(path)
    assert [f["rule"] for f in found] == [rule for rule, _ in EXPECTED[name]]
    for f, (_, marked) in zip(found, EXPECTED[name], strict=True):
        start, end = locate(source, marked)
        assert (f["offset"], f["end_offset"]) == (start, end), f
        assert f["text"] == source[start:end]
        assert (f["line"], f["column"]) == index.position(start)
        assert (f["end_line"], f["end_column"]) == index.position(end)


@pytest.mark.parametrize("name", sorted(SAFE_FIXES))
def test_fixes_change_only_the_intended_characters(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    shutil.copy(MARKUP / name, path)
    expected = path.read_text(encoding="utf-8")
    for old, new in SAFE_FIXES[name]:
        assert expected.count(old) == 1, old
        expected = expected.replace(old, new)
    check(path, fix=True)
    assert path.read_text(encoding="utf-8") == expected
    check(path, fix=True)
    assert path.read_text(encoding="utf-8") == expected  # nothing left to fix safely


def test_markdown_keeps_code_links_front_matter_and_html_out_of_the_prose() -> None:
    source = (MARKUP / "vienna-talks.md").read_text(encoding="utf-8")
    text, *_ = read_markdown(source)
    assert "example.org" not in text and "Envoys" not in text  # link target and title
    assert "notes.pdf" not in text and "CODE" in text  # inline code stands as a placeholder
    assert "code blocks are not prose" not in text
    assert "tags:" not in text and "lintkit:" not in text
    assert "met in the old palace and" in text  # emphasis markers are gone
    assert "Agreed & signed, with the\u00a0dates" in text  # entities decoded


def test_html_reads_visible_text_only_and_survives_broken_markup() -> None:
    source = (MARKUP / "vienna-talks.html").read_text(encoding="utf-8")
    text, offsets, spans, parts, _ = read_html(source)
    for hidden in ("title is not prose", "not prose", "margin", "a comment", "example.org", 'byline"'):
        assert hidden not in text
    assert "Mr. Lavrov’s aides" in text
    assert "does not crash the reader" in text
    apostrophe = text.index("’")
    assert source[offsets.to_source(apostrophe) : offsets.to_source_end(apostrophe)] == "&#8217;"
    assert text[spans[0][0] : spans[0][1]] == "Ministers meet in Vienna"
    assert str(parts[0]) == "headline"
    read_html("<p>unclosed <b>tags <i>everywhere <div></span></p></table>&bogus; &#xZZ; <")


def test_stdin_filename_chooses_the_reader() -> None:
    args = ["check", "--isolated", "--format", "json", "--stdin-filename", "story.md", "-"]
    out = CliRunner().invoke(main, args, input="# Head\n\nSee `x. y` in the world. the air.\n").stdout
    assert [f["text"] for f in json.loads(out)] == ["world. the air"]
