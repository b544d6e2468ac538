"""The forked runner behind `lintkit check --jobs N`: every file checked once, results in
order, and a file whose checking process dies costs only that file."""

from __future__ import annotations

import os
import signal
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintkit import forked

pytestmark = pytest.mark.skipif(not forked.available(), reason="no fork here")


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 70_000), st.integers(1, 8), st.sampled_from([1024, 16_384]))
def test_chunks_cover_every_file_once_and_shrink_towards_the_end(files: int, jobs: int, most: int) -> None:
    spans = forked.chunks(files, jobs, most)
    assert [i for a, b in spans for i in range(a, b)] == list(range(files))
    assert len(spans) <= most  # the queue holds them all
    sizes = [b - a for a, b in spans]
    assert all(s >= 1 for s in sizes)
    assert sizes == sorted(sizes, reverse=True)  # the last ones smallest: processes end together
    if files <= most:
        assert max(sizes, default=1) <= forked._LARGEST_CHUNK and sizes[-1:] in ([], [1])


def test_a_queue_too_large_for_its_pipe_checks_everything_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where a pipe holds less than it says (a user over the system's pipe limit gets one
    page), the queue is not left half-written: the parent checks everything itself."""
    monkeypatch.setattr(forked, "chunks", lambda files, jobs, most: [(i, i + 1) for i in range(files)])
    items = list(range(20_000))  # 80,000 bytes of queue: more than any pipe holds by default
    parent = os.getpid()
    results = forked.check_all(items, 2, lambda n: (n, os.getpid() == parent), lambda n, why: None)
    assert results == [(n, True) for n in items]


@pytest.mark.parametrize("jobs", [2, 3])
def test_every_item_is_checked_once_and_comes_back_in_order(jobs: int) -> None:
    items = list(range(157))

    def check(n: int) -> tuple[int, int]:
        return n, n * n

    told: list[int] = []
    results = forked.check_all(items, jobs, check, lambda n, why: (n, -1), told.append)
    assert results == [(n, n * n) for n in items]
    assert told == sorted(told) and told[-1] == len(items)


def test_a_process_that_dies_on_a_file_costs_that_file_only() -> None:
    parent = os.getpid()

    def check(n: int) -> int:
        if os.getpid() != parent and n % 10 == 3:
            os.kill(os.getpid(), signal.SIGKILL)  # a crash in native code, or the OOM killer
        if os.getpid() == parent:
            time.sleep(0.002)  # leaves the children chunks to take
        return n

    def died(n: int, why: str) -> str:
        return why

    results = forked.check_all(list(range(120)), 2, check, died)
    lost = [(n, r) for n, r in enumerate(results) if r != n]
    assert lost, "a child took a chunk"
    for n, why in lost:
        assert n % 10 == 3 and why == "the process checking it was killed by signal 9"


def test_an_exception_in_a_child_is_raised_in_the_parent() -> None:
    parent = os.getpid()

    def check(n: int) -> int:
        if os.getpid() != parent:
            raise ValueError(f"bad item {n}")
        time.sleep(0.002)
        return n

    with pytest.raises(ValueError, match="bad item"):
        forked.check_all(list(range(60)), 2, check, lambda n, why: -1)


def test_a_run_in_one_process_does_not_import_the_forked_runner(tmp_path) -> None:
    """Its imports (tempfile and what that pulls in) are start-up time a small run need not pay."""
    import subprocess
    import sys

    article = tmp_path / "a.txt"
    article.write_text("Officials met in Geneva on Monday. The talks ended.\n", encoding="utf-8")
    code = (
        "import sys\nfrom lintkit.cli import main\n"
        f"try:\n    main.main(args=['check', '--isolated', {str(article)!r}])\nexcept SystemExit:\n    pass\n"
        "print('lintkit.forked' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "False"


def test_a_run_loses_only_the_files_whose_process_died(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`lintkit check --jobs 2`: a child killed on every file it takes (the OOM killer, a
    crash in native code) costs those files, each reported with why; the parent's files
    keep their findings and the run completes."""
    from lintkit import run

    for i in range(24):
        (tmp_path / f"a{i:02}.txt").write_text("Talks\n\nThe envoys met in in Geneva.\n", encoding="utf-8")
    parent = os.getpid()
    check = run._check

    def dies_in_children(task):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(0.005)  # leaves the child files to take
        return check(task)

    monkeypatch.setattr(run, "_check", dies_in_children)
    report = run.run(run.RunOptions(paths=[str(tmp_path)], jobs=2))
    assert len(report.results) == 24
    lost = [r for r in report.results if r.error]
    assert lost, "the child took some files"
    assert all(r.error == "not checked: the process checking it was killed by signal 9" for r in lost)
    assert all([f.rule for f in r.findings] == ["MT005"] for r in report.results if not r.error)


def test_a_childs_results_file_is_unnamed_and_in_the_temporary_folder(tmp_path, monkeypatch) -> None:
    """The file a child writes its results to is where `tempfile` would put it (TMPDIR
    first), has no name there, and is a readable, writable file; a TMPDIR that cannot be
    used falls back to `tempfile`'s own choice."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    with forked._scratch() as out:
        out.write(b"results")
        out.seek(0)
        assert out.read() == b"results"
        assert os.listdir(tmp_path) == []
        where = f"/proc/self/fd/{out.fileno()}"
        if os.path.exists(where):  # Linux: the unnamed file's folder
            assert os.readlink(where).startswith(str(tmp_path))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "missing"))
    with forked._scratch() as out:
        out.write(b"x")
        out.seek(0)
        assert out.read() == b"x"
