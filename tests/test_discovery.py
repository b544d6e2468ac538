"""Which articles a folder holds, and in what order (reports list files in it, and a
baseline or a diff between two runs depends on it staying the same)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lintkit.config import Config
from lintkit.discovery import articles


def _tree(root: Path, names: list[str]) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Officials met on Monday.\n", encoding="utf-8")


@pytest.mark.skipif(os.name != "posix", reason="POSIX paths: Windows orders them case-folded")
def test_a_folder_lists_its_articles_in_path_order_part_by_part(tmp_path: Path) -> None:
    """A folder's articles come sorted as paths, part by part: "b/c.txt" before "b-c.txt"
    (the folder "b" sorts before the name "b-c.txt", though "/" sorts after "-" in a
    string), and upper case before lower case."""
    _tree(tmp_path, ["b-c.txt", "b/c.txt", "b/a/z.txt", "a.txt", "B.txt", "b/B.txt", "ab/x.txt"])
    found = [p for p, error in articles([str(tmp_path)], Config()) if error is None]
    relative = [Path(p).relative_to(tmp_path).as_posix() for p in found]
    assert relative == ["B.txt", "a.txt", "ab/x.txt", "b/B.txt", "b/a/z.txt", "b/c.txt", "b-c.txt"]
    assert relative == [p.relative_to(tmp_path).as_posix() for p in sorted(map(Path, found))]


def test_a_file_given_by_name_keeps_its_place_among_the_paths(tmp_path: Path) -> None:
    _tree(tmp_path, ["z.txt", "folder/b.txt", "folder/a.txt"])
    given = [str(tmp_path / "z.txt"), str(tmp_path / "folder")]
    found = [Path(p).name for p, _ in articles(given, Config())]
    assert found == ["z.txt", "a.txt", "b.txt"]
