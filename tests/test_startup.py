"""lintkit's cache (lintkit.cache): what a run reads instead of parsing packs and tables.

Not timed (benchmarks/compare.py prints the start-up figures): these hold the cache to being
safe. A damaged entry is rebuilt, a changed pack or table is read again, writers racing for
one entry leave a whole one, and a run without a writable cache folder works the same.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import regex

from lintkit import cache
from lintkit.api import lint_text
from lintkit.cache import KeyTable, cached, compiled, key_table

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder of this test's own."""
    cache.forget()
    where = tmp_path / "cache"
    monkeypatch.setenv("LINTKIT_CACHE_DIR", str(where))
    monkeypatch.delenv("LINTKIT_NO_CACHE", raising=False)
    yield where
    cache.forget()


def _entries(where: Path, name: str) -> list[Path]:
    return sorted(p for p in where.glob(f"{name}-*") if p.is_file())


def test_an_entry_is_built_once_and_then_read(folder: Path, tmp_path: Path) -> None:
    source = tmp_path / "table.txt"
    source.write_text("a b c", encoding="utf-8")
    builds: list[int] = []

    def build() -> list[str]:
        builds.append(1)
        return source.read_text(encoding="utf-8").split()

    assert cached("words", [source], build) == ["a", "b", "c"]
    assert cached("words", [source], build) == ["a", "b", "c"]
    assert len(builds) == 1
    assert len(_entries(folder, "words")) == 1


def test_a_changed_source_is_built_again(folder: Path, tmp_path: Path) -> None:
    source = tmp_path / "table.txt"
    source.write_text("a b c", encoding="utf-8")

    def build() -> list[str]:
        return source.read_text(encoding="utf-8").split()

    assert cached("words", [source], build) == ["a", "b", "c"]
    source.write_text("a b d", encoding="utf-8")  # the same size, at once
    assert cached("words", [source], build) == ["a", "b", "d"]
    source.write_text("a b c", encoding="utf-8")  # back again: the first entry serves
    assert cached("words", [source], lambda: pytest.fail("built again")) == ["a", "b", "c"]


def test_a_change_that_keeps_size_and_modification_time_is_seen(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file's hash is remembered by its size, times and inode; putting its modification
    time back after changing it still changes its change time."""
    monkeypatch.setattr(cache, "RACY_NS", 0)  # remember hashes of files changed just now
    source = tmp_path / "table.txt"
    source.write_text("one", encoding="utf-8")
    before = os.stat(source)
    first = cache.content_hash(source)
    time.sleep(0.02)
    source.write_text("two", encoding="utf-8")
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(source).st_mtime_ns == before.st_mtime_ns
    assert cache.content_hash(source) != first


@pytest.mark.parametrize("damage", ["truncate", "garbage", "flip", "empty"])
def test_a_damaged_entry_is_rebuilt_silently(folder: Path, tmp_path: Path, damage: str) -> None:
    source = tmp_path / "table.txt"
    source.write_text("a b c", encoding="utf-8")
    value = {"words": ["a", "b", "c"], "n": 3}
    for objects in (False, True):
        name = f"entry-{objects}"
        assert cached(name, [source], lambda: value, objects=objects) == value
        (entry,) = _entries(folder, name)
        data = entry.read_bytes()
        if damage == "truncate":
            data = data[: len(data) // 2]
        elif damage == "garbage":
            data = b"\x80not a cache entry" * 10
        elif damage == "flip":
            data = data[:-3] + bytes([data[-3] ^ 0xFF]) + data[-2:]
        else:
            data = b""
        entry.write_bytes(data)
        rebuilt: list[int] = []

        def build(into: list[int] = rebuilt) -> dict[str, object]:
            into.append(1)
            return value

        assert cached(name, [source], build, objects=objects) == value
        assert rebuilt == [1]
        assert cached(name, [source], lambda: pytest.fail("built again"), objects=objects) == value


def test_a_value_that_cannot_be_stored_is_returned_all_the_same(folder: Path, tmp_path: Path) -> None:
    source = tmp_path / "table.txt"
    source.write_text("x", encoding="utf-8")
    unpicklable = [lambda: 1]
    assert cached("odd", [source], lambda: unpicklable, objects=True) is unpicklable
    assert cached("odd-marshal", [source], lambda: {1, object()}) is not None
    assert not _entries(folder, "odd") and not _entries(folder, "odd-marshal")


def test_no_cache_and_an_unwritable_folder_build_each_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "table.txt"
    source.write_text("x", encoding="utf-8")
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("", encoding="utf-8")
    cache.forget()
    try:
        for env in ({"LINTKIT_NO_CACHE": "1"}, {"LINTKIT_CACHE_DIR": str(blocked / "cache")}):
            for k, v in env.items():
                monkeypatch.setenv(k, v)
            builds: list[int] = []

            def build(into: list[int] = builds) -> str:
                into.append(1)
                return "built"

            for _ in range(2):
                assert cached("x", [source], build) == "built"
                assert key_table("t", [source], lambda: [("k", "v")])["k"] == "v"
            assert len(builds) == 2
            for k in env:
                monkeypatch.delenv(k)
    finally:
        cache.forget()


def test_only_the_newest_entries_of_a_name_are_kept(folder: Path, tmp_path: Path) -> None:
    source = tmp_path / "table.txt"
    for i in range(cache.KEEP + 4):
        source.write_text(f"version {i}", encoding="utf-8")
        cached("versions", [source], lambda: source.read_text(encoding="utf-8"))
    assert len(_entries(folder, "versions")) == cache.KEEP


def _build_slowly(args: tuple[str, str, int]) -> object:
    where, source, worker = args
    os.environ["LINTKIT_CACHE_DIR"] = where
    cache.forget()

    def build() -> dict[str, object]:
        time.sleep(0.05)  # all the workers build at once, then write
        return {"rows": list(range(20_000)), "from": "every writer builds the same"}

    value = cached("shared", [Path(source)], build, objects=worker % 2 == 0)
    table = key_table("shared-table", [Path(source)], lambda: [(f"k{i}", str(i)) for i in range(5000)])
    return value, table["k4999"], len(table)


def test_writers_racing_for_one_entry_leave_a_whole_one(folder: Path, tmp_path: Path) -> None:
    source = tmp_path / "table.txt"
    source.write_text("shared", encoding="utf-8")
    expected = {"rows": list(range(20_000)), "from": "every writer builds the same"}
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        results = pool.map(_build_slowly, [(str(folder), str(source), i) for i in range(8)])
    assert all(r == (expected, "4999", 5000) for r in results)
    assert not list(folder.glob(".lk*"))  # no temporary file left behind
    for name in ("shared", "shared-table"):
        for entry in _entries(folder, name):
            if entry.suffix == ".table":
                table = KeyTable.open(entry)
                assert table is not None and table["k0"] == "0"
            else:
                payload = cache.read_entry(entry)
                assert payload is not None
                loaded = pickle.loads(payload) if entry.suffix == ".pickle" else cache._loads(payload, False)
                assert loaded == expected


ROWS = {f"w{i:05d}": f"value {i}" for i in range(3000)}
ROWS.update({"a": "short", "ab": "", "über": "non-ASCII", "w0": "prefix of others"})


def _built_and_opened(name: str, tmp_path: Path) -> tuple[KeyTable, KeyTable]:
    """A table of ROWS as built, and as opened from the cache the build wrote."""
    source = tmp_path / "rows.txt"
    source.write_text("x", encoding="utf-8")
    built = key_table(name, [source], lambda: list(ROWS.items()))
    return built, key_table(name, [source], lambda: pytest.fail("built again"))


def test_a_key_table_answers_like_a_dict(folder: Path, tmp_path: Path) -> None:
    rows = ROWS
    for table in _built_and_opened("rows", tmp_path):
        assert len(table) == len(rows)
        assert all(table[k] == v for k, v in rows.items())
        assert dict(table.items()) == rows
        assert "w" not in table and "w00000x" not in table and "b" not in table and "" not in table
        assert table.get("nope", "default") == "default"
        words = frozenset({"a", "über", "missing", "w02999"})
        assert words & table.keys() == frozenset({"a", "über", "w02999"})
        assert words - table.keys() == frozenset({"missing"})
        assert table.lookup(words) == {"a": "short", "über": "non-ASCII", "w02999": "value 2999"}
    with pytest.raises(ValueError):
        KeyTable.build([("tab\there", "x")])


def test_a_key_table_with_its_keys_read_alone_answers_like_a_dict(folder: Path, tmp_path: Path) -> None:
    """`load_keys` reads the keys kept after the rows: which words a table holds is then
    answered from them, a value is still looked up in the rows, and the rows are never read
    whole."""
    rows = ROWS
    for table in _built_and_opened("keys", tmp_path):
        assert table.load_keys() == frozenset(rows)
        words = frozenset({"a", "über", "missing", "w02999", "w0"})
        for _ in range(2000):  # more than enough lookups to read a table whole otherwise
            assert words & table.keys() == frozenset({"a", "über", "w02999", "w0"})
            assert words - table.keys() == frozenset({"missing"})
            assert "a" in table and "w" not in table and "" not in table
        assert table.get("missing", "default") == "default" and table.get("ab") == ""
        assert table["über"] == "non-ASCII"
        with pytest.raises(KeyError):
            table["b"]
        assert table.lookup(words) == {"a": "short", "über": "non-ASCII", "w02999": "value 2999",
                                       "w0": "prefix of others"}  # fmt: skip
        assert table._all is None
        assert dict(table.items()) == rows
    assert KeyTable.build([]).load_keys() == frozenset()


@pytest.mark.parametrize("rows", [{"a": "1", "b": ""}, {"a": "x\ty", "b": "2", "c": "\t"}, {}])
def test_a_key_table_read_whole_is_the_same_dict(rows: dict[str, str]) -> None:
    """Read whole (split in C when no value holds a tab, row by row when one does), a table
    gives back exactly its rows, and lookups then answer from them."""
    table = KeyTable.build(list(rows.items()))
    assert table.load() == rows
    assert all(table[k] == v for k, v in rows.items()) and "zz" not in table


@pytest.mark.parametrize("cut", [10, 30, -200, -1])
def test_a_damaged_key_table_is_rebuilt(folder: Path, tmp_path: Path, cut: int) -> None:
    source = tmp_path / "rows.txt"
    source.write_text("x", encoding="utf-8")
    rows = [(f"k{i}", str(i)) for i in range(100)]
    key_table("rows", [source], lambda: rows)
    (entry,) = _entries(folder, "rows")
    data = entry.read_bytes()
    entry.write_bytes(data[:cut])
    assert KeyTable.open(entry) is None
    assert key_table("rows", [source], lambda: rows)["k99"] == "99"


def test_compiled_patterns_are_rebuilt_from_the_table(folder: Path) -> None:
    sources = [r"(?<![\p{L}])(?P<w>\p{Lu}\w+)\s+(?i:said|told)", r"[a-z]+(?=\d)", r"(?r)x$"]
    first = [compiled(s, regex.MULTILINE) for s in sources]
    cache.forget()  # written at exit, or here
    (table,) = folder.glob("regex-*.marshal")
    again = [compiled(s, regex.MULTILINE) for s in sources]
    assert all(a is not b for a, b in zip(first, again, strict=True))
    text = "Ann said 7 things; Bob told x1 and x"
    for a, b in zip(first, again, strict=True):
        assert (a.pattern, a.flags, a.groupindex) == (b.pattern, b.flags, b.groupindex)
        assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)]
    table.write_bytes(table.read_bytes()[:40])  # damaged: compiled afresh
    cache.forget()
    assert compiled(sources[1]).findall("ab1 c2") == ["ab", "c"]
    with pytest.raises(regex.error):
        compiled("(unbalanced")


def test_a_changed_pack_is_read_again(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The built-in rules come from the cache, keyed by every file under rules/."""
    from lintkit import registry

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules" / "packs", rules / "packs")
    monkeypatch.setattr(registry, "rules_dir", lambda: rules)
    monkeypatch.setattr(registry, "packs_dir", lambda: rules / "packs")
    first = [r.meta.code for r in registry.load_rules()]
    assert [r.meta.code for r in registry.load_rules()] == first
    assert len(_entries(folder, "rules")) == 1
    pack = rules / "packs" / "style.yaml"
    pack.write_text(
        pack.read_text(encoding="utf-8")
        + """
  - code: ST999
    name: added-rule
    kind: pattern
    category: style
    severity: info
    message: 'added'
    explanation: A rule added after the rules were cached.
    pattern: 'zzyzx'
    examples:
      bad:
        - {text: 'a zzyzx', finds: 'zzyzx'}
      good: ['a b']
""",
        encoding="utf-8",
    )
    assert [r.meta.code for r in registry.load_rules()] == sorted([*first, "ST999"])
    assert len(_entries(folder, "rules")) == 2  # a new entry for the new content
    assert [r.meta.code for r in registry.load_rules()] == sorted([*first, "ST999"])


def test_a_changed_knowledge_file_is_read_again(folder: Path, tmp_path: Path) -> None:
    """The fact rules' tables are keyed by the knowledge files' contents."""
    from lintkit.api import Options

    extra = tmp_path / "ours.yaml"

    def names(canonical: str) -> str:
        return (
            "names:\n"
            f"  - canonical: {canonical}\n"
            "    kind: treaty\n"
            f"    forms: [{canonical}]\n"
            "    signature: [quorvian, accord]\n"
            "    source: test\n"
        )

    text = "The Quorvian Peace Accord of Zelbria was signed."
    extra.write_text(names("Zelbrian Quorvian Accord"), encoding="utf-8")
    found = [f.message for f in lint_text(text, options=Options(knowledge=(extra,))) if f.rule == "FN010"]
    assert len(found) == 1 and "Zelbrian Quorvian Accord" in found[0]
    extra.write_text(names("Quorvian Accord of Zelbria"), encoding="utf-8")
    found = [f.message for f in lint_text(text, options=Options(knowledge=(extra,))) if f.rule == "FN010"]
    assert len(found) == 1 and "Quorvian Accord of Zelbria" in found[0]
