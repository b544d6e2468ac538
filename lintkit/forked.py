"""Checking many files in forked processes, the parent among them.

`multiprocessing.Pool` kept the parent busy passing tasks and results between its helper
threads (a tenth of a CPU on the corpus, taken from the workers on two CPUs), left it idle
otherwise, and waits forever for a worker that dies mid-task (killed for memory, or a crash
in a native library). Here the parent forks `jobs - 1` children that inherit everything it
has loaded, and all of them take chunks of files from one queue, a pipe filled before
forking (a read of one 4-byte record is atomic, so no two processes take the same chunk),
the chunks smaller towards the end so the processes finish together. A child writes each
file's result to its own unnamed temporary file as it goes and a byte to a progress pipe;
the parent reads them when the children have exited. The files a dead child did not report
are checked again, each in a fresh child, and a file that kills that one too is reported as
that file's error: the run goes on and loses nothing else.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import select
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_RECORD = 4  # bytes per chunk number in the queue
_PIPE_FLOOR = 4096  # bytes a pipe holds at least (one page: what Linux gives a user over its limit)
_LARGEST_CHUNK = 16  # files taken at a time at most (measured: the parent's share of I/O stays small)


def available() -> bool:
    """Whether processes can be forked here (not on Windows)."""
    return hasattr(os, "fork") and sys.platform != "win32"


def chunks(files: int, jobs: int, most: int) -> list[tuple[int, int]]:
    """Spans of file indexes to take at a time: a quarter of each process's share of what
    is left, at most `_LARGEST_CHUNK` files and at least one (so the last chunks are single
    files and no process waits long for another), and at most `most` spans (what the queue
    holds)."""
    smallest = -(-files // most)
    out: list[tuple[int, int]] = []
    start = 0
    while start < files:
        size = max(smallest, 1, min(_LARGEST_CHUNK, (files - start) // (jobs * 4)))
        out.append((start, min(files, start + size)))
        start += size
    return out


def check_all(
    work: Sequence[T],
    jobs: int,
    check: Callable[[T], R],
    died: Callable[[T, str], R],
    progress: Callable[[int], None] | None = None,
) -> list[R]:
    """`check(item)` for every item, in `jobs` processes (this one and `jobs - 1` forked
    children), in the order of `work`. `died(item, why)` stands for the result of an item
    whose process died checking it twice. `progress(n)` is told how many are done so far.
    An exception `check` raises is raised here, after the children have stopped."""
    queue_read, queue_write = os.pipe()
    try:
        spans = chunks(len(work), jobs, _capacity(queue_write) // _RECORD)
        queue = b"".join(k.to_bytes(_RECORD, "little") for k in range(len(spans)))
        os.set_blocking(queue_write, False)  # written before any reader runs: it must fit
        if os.write(queue_write, queue) != len(queue):
            raise OSError("the queue did not fit its pipe")
    except OSError:
        os.close(queue_read)
        return [check(item) for item in work]  # (no room for a queue: all in this process)
    finally:
        os.close(queue_write)
    progress_read, progress_write = os.pipe()
    os.set_blocking(progress_read, False)
    children: list[tuple[int, IO[bytes]]] = []
    running: set[int] = set()  # children not yet waited for
    results: dict[int, R] = {}
    files = contextlib.ExitStack()  # the children's result files, closed (and so deleted) at the end
    try:
        for _ in range(max(0, min(jobs, len(spans)) - 1)):
            try:
                out = files.enter_context(_scratch())
                pid = _fork(functools.partial(_child, work, spans, check, queue_read, out, progress_write))
            except OSError:  # no temporary file or no process to be had: those running do the work
                break
            children.append((pid, out))
            running.add(pid)
        os.close(progress_write)
        progress_write = -1
        done = 0
        for k in _taken(queue_read):
            start, end = spans[k]
            for i in range(start, end):
                results[i] = check(work[i])
            done += end - start + _drained(progress_read, block=False)
            if progress:
                progress(done)
        while (count := _drained(progress_read, block=True)) > 0:  # until every child has exited
            done += count
            if progress:
                progress(done)
        failure = _collect(children, running, results)
    except BaseException:
        _stop(running)
        raise
    finally:
        for fd in (queue_read, progress_read, progress_write):
            if fd >= 0:
                os.close(fd)
        files.close()
    if failure is not None:
        raise failure
    for i, item in enumerate(work):  # what a dead child did not report: again, one by one
        if i not in results:
            results[i] = _alone(item, check, died)
    if progress and done < len(work):
        progress(len(work))
    return [results[i] for i in range(len(work))]


def _capacity(fd: int) -> int:
    """How many bytes the pipe holds (Linux says; elsewhere the least any system gives)."""
    try:
        import fcntl

        return max(_PIPE_FLOOR, int(fcntl.fcntl(fd, fcntl.F_GETPIPE_SZ)))
    except (ImportError, AttributeError, OSError):
        return _PIPE_FLOOR


def _scratch() -> IO[bytes]:
    """An unnamed file for a child's results, gone when closed: the file
    `tempfile.TemporaryFile` makes, opened here directly where Linux offers O_TMPFILE
    (importing `tempfile` and what it pulls in costs 4 ms of the start every process waits
    for), in the folder it would choose first (TMPDIR, TEMP or TMP, else /tmp); anywhere
    else, or if that fails, by `tempfile` itself."""
    flag = getattr(os, "O_TMPFILE", 0)
    if flag:
        folder = next((v for v in map(os.environ.get, ("TMPDIR", "TEMP", "TMP")) if v), "/tmp")
        with contextlib.suppress(OSError):
            return os.fdopen(os.open(folder, flag | os.O_RDWR | os.O_CLOEXEC, 0o600), "w+b")
    import tempfile

    return tempfile.TemporaryFile()


def _fork(body: Callable[[], None]) -> int:
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        code = 1
        try:
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C stops it at once
            body()
            code = 0
        finally:
            os._exit(code)
    return pid


def _child(
    work: Sequence[T],
    spans: list[tuple[int, int]],
    check: Callable[[T], R],
    queue: int,
    out: IO[bytes],
    progress: int,
) -> None:
    os.set_blocking(progress, False)  # a parent busy with a long file never holds a child up
    for k in _taken(queue):
        start, end = spans[k]
        for i in range(start, end):
            try:
                record: tuple[Any, ...] = (i, check(work[i]))
            except Exception as exc:
                record = (i, None, _picklable(exc))
            pickle.dump(record, out, pickle.HIGHEST_PROTOCOL)
            out.flush()
            with contextlib.suppress(BlockingIOError):  # (a full pipe: the count is only for show)
                os.write(progress, b".")
            if len(record) == 3:
                return


def _taken(queue: int) -> Iterator[int]:
    """The chunk numbers this process takes from the queue, until it is empty."""
    while len(record := os.read(queue, _RECORD)) == _RECORD:
        yield int.from_bytes(record, "little")


def _drained(fd: int, block: bool) -> int:
    """How many progress bytes the (non-blocking) pipe held; with `block`, waits for some
    first, and 0 means every child has closed it (exited)."""
    if block:
        select.select([fd], [], [])
    try:
        return len(os.read(fd, 1 << 16))
    except BlockingIOError:
        return 0


def _collect(
    children: list[tuple[int, IO[bytes]]], running: set[int], results: dict[int, Any]
) -> BaseException | None:
    """Wait for the children and read what they wrote; the first exception one met, if any."""
    failure: BaseException | None = None
    for pid, out in children:
        os.waitpid(pid, 0)
        running.discard(pid)
        out.seek(0)
        while True:
            try:
                record = pickle.load(out)
            except Exception:  # the end, or a record cut short by the child's death
                break
            if len(record) == 3:
                failure = failure or record[2]
            else:
                results[record[0]] = record[1]
    return failure


def _stop(running: set[int]) -> None:
    """Stop the children not yet waited for (the parent failed or was interrupted)."""
    for pid in running:
        try:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
        except OSError:
            pass


def _alone(item: T, check: Callable[[T], R], died: Callable[[T, str], R]) -> R:
    """`check(item)` in a fresh child (a file that killed one process may kill the next);
    `died(item, why)` when it dies too."""
    with _scratch() as out:

        def body() -> None:
            pickle.dump((0, check(item)), out, pickle.HIGHEST_PROTOCOL)
            out.flush()

        pid = _fork(body)
        _, status = os.waitpid(pid, 0)
        out.seek(0)
        try:
            return pickle.load(out)[1]  # type: ignore[no-any-return]
        except Exception:
            pass
    if os.WIFSIGNALED(status):
        why = f"the process checking it was killed by signal {os.WTERMSIG(status)}"
    else:
        why = f"the process checking it stopped with exit code {os.WEXITSTATUS(status)}"
    return died(item, why)


def _picklable(exc: BaseException) -> BaseException:
    try:
        pickle.dumps(exc)
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc
