"""A cache of what lintkit builds from its packs and tables, so a run loads it instead.

Entries live in the user's cache folder (`$LINTKIT_CACHE_DIR`, else `$XDG_CACHE_HOME/lintkit`,
else `~/.cache/lintkit`), one file per entry, named by what it was built from: the content
hash of its source files, lintkit's version and code, and Python's version. A changed pack
or table gets a new name, so a stale entry is never read.

- Entries are written to a temporary file and renamed into place, so two runs building the
  same entry at once cannot corrupt it (the last rename wins; both are complete).
- Every entry carries its length and a checksum: one that is truncated, damaged or from
  another Python is rebuilt silently.
- A file's content hash is remembered with its size, times and inode (`files-*.marshal`),
  so a run reads its multi-megabyte tables only when one changed. A file changed in the
  last few seconds is hashed again every time (its time stamp may not have moved yet).
- Large tables (`key_table`, `KeyTable`) are stored sorted with a small index and mapped
  into memory, so a run looks up the words of its documents instead of loading 100,000
  rows; a process that has looked up enough words reads the table whole.
- Compiled regular expressions (`compiled`) are kept in one table: the `regex` package
  parses a pattern in Python, which costs milliseconds for a long one, while rebuilding a
  pattern from its compiled code (what `regex` itself does when unpickling) takes
  microseconds. New patterns are added when the process exits.
- Only the most recent few entries of each name are kept, and entries unused for a month
  are removed, so test runs and edited packs do not fill the disk.

If the folder cannot be written, everything is simply built each time; `LINTKIT_NO_CACHE`
turns the cache off.
"""

from __future__ import annotations

import atexit
import contextlib
import marshal
import os
import sys
import time
import zlib
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import regex

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python without the builtin module
    from hashlib import blake2b

T = TypeVar("T")

_MAGIC = b"LKC1"
KEEP = 6  # entries kept per name (the newest used)
UNUSED_DAYS = 30  # an entry not used for this long is removed when another is written
RACY_NS = 3_000_000_000  # a file changed this recently may change again within its time stamp
_TOUCH_AFTER = 3600.0  # seconds: a used entry's time is renewed at most this often (for pruning)


def folder() -> Path:
    explicit = os.environ.get("LINTKIT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "lintkit"


def enabled() -> bool:
    return not os.environ.get("LINTKIT_NO_CACHE")


# -- entry files: written atomically, checked when read -------------------------------------


def _frame(payload: bytes) -> bytes:
    return _MAGIC + len(payload).to_bytes(8, "little") + zlib.crc32(payload).to_bytes(4, "little") + payload


def _unframe(data: bytes) -> bytes | None:
    """The payload, or None when the file is not a whole, undamaged entry."""
    if len(data) < 16 or data[:4] != _MAGIC:
        return None
    payload = data[16:]
    if int.from_bytes(data[4:12], "little") != len(payload):
        return None
    if int.from_bytes(data[12:16], "little") != zlib.crc32(payload):
        return None
    return payload


def read_entry(path: Path) -> bytes | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return _unframe(data)


def write_entry(path: Path, payload: bytes) -> bool:
    """Write an entry atomically (a temporary file renamed into place); False if it could
    not be written (a read-only or full disk: the data is then built each run)."""
    return _write_atomic(path, [_frame(payload)])


def _write_atomic(path: Path, chunks: Sequence[bytes]) -> bool:
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".lk", dir=path.parent)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return False
    return True


# -- what an entry was built from -----------------------------------------------------------

_FILES_NAME = f"files-{sys.version_info[0]}{sys.version_info[1]}.marshal"
_hashes: dict[str, tuple[int, int, int, int, str]] | None = None
_hashes_changed = False


def _read_dict(path: Path) -> dict[Any, Any]:
    """A dict kept in an entry file, or an empty one (no cache, a missing or damaged entry)."""
    payload = read_entry(path) if enabled() else None
    if payload is not None:
        with contextlib.suppress(ValueError, EOFError, TypeError):
            loaded = marshal.loads(payload)
            if isinstance(loaded, dict):
                return loaded
    return {}


def _memo() -> dict[str, tuple[int, int, int, int, str]]:
    global _hashes
    if _hashes is None:
        _hashes = _read_dict(folder() / _FILES_NAME)
        _at_exit()
    return _hashes


def content_hash(path: Path) -> str:
    """A hash of a file's content, remembered by its size, times and inode (a changed file
    gets a new modification and change time); raises OSError when it cannot be read."""
    global _hashes_changed
    name = os.path.abspath(path)
    st = os.stat(name)
    stamp = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    memo = _memo()
    known = memo.get(name)
    if known is not None and known[:4] == stamp:
        return known[4]
    with open(name, "rb") as fh:
        digest = blake2b(fh.read(), digest_size=16).hexdigest()
    if time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) > RACY_NS:
        memo[name] = (*stamp, digest)
        _hashes_changed = True
    return digest


_code: str | None = None


def code_stamp() -> str:
    """lintkit's own modules as (name, size, modification time): what builds an entry is
    part of its key, so an edited loader in a source checkout never reads an old entry."""
    global _code
    if _code is None:
        from . import __version__

        package = os.path.dirname(os.path.abspath(__file__))
        version = f"{__version__} {sys.version_info[:3]} {sys.implementation.name}"
        h = blake2b(version.encode(), digest_size=16)
        for root, dirs, names in os.walk(package):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("_rules"))
            for n in sorted(names):
                if n.endswith(".py"):
                    st = os.stat(os.path.join(root, n))
                    h.update(f"{os.path.relpath(os.path.join(root, n), package)} {st.st_size} "
                             f"{st.st_mtime_ns}\0".encode())  # fmt: skip
        _code = h.hexdigest()
    return _code


def key(sources: Iterable[Path], *extra: str) -> str:
    """The key of an entry built from these files (by content) and `extra` strings, by this
    version of lintkit and Python."""
    h = blake2b(code_stamp().encode(), digest_size=16)
    for part in extra:
        h.update(b"\1" + part.encode())
    for path in sources:
        h.update(b"\0" + str(path).encode() + b"\0" + content_hash(path).encode())
    return h.hexdigest()[:20]


def entry_path(name: str, digest: str, kind: str) -> Path:
    return folder() / f"{name}-{digest}.{kind}"


def _prune(name: str, kind: str, keep: Path) -> None:
    """After an entry is written: keep the newest KEEP entries of its name (by last use),
    and remove entries of any name unused for UNUSED_DAYS and temporary files that a run
    which stopped while writing left behind."""
    with contextlib.suppress(OSError):
        suffix = f".{kind}"
        prefix = f"{name}-"
        mine = []
        now = time.time()
        for entry in os.scandir(keep.parent):
            n = entry.name
            if entry.path == str(keep) or not entry.is_file(follow_symlinks=False):
                continue
            try:
                age = now - entry.stat().st_mtime
            except OSError:
                continue
            abandoned = n.startswith(".lk") and age > 3600
            if abandoned or (_is_entry_name(n) and age > UNUSED_DAYS * 86400):
                _remove(entry.path)
            elif n.startswith(prefix) and n.endswith(suffix) and len(n) == len(prefix) + 20 + len(suffix):
                mine.append((-age, entry.path))
        mine.sort(reverse=True)
        for _, path in mine[KEEP - 1 :]:
            _remove(path)


def _is_entry_name(n: str) -> bool:
    """Whether a file name is an entry's: name-<20 hex digits>.<kind>."""
    stem, dot, kind = n.rpartition(".")
    digest = stem[-20:]
    return bool(dot) and kind in ("marshal", "pickle", "table") and stem[-21:-20] == "-" and all(
        c in "0123456789abcdef" for c in digest
    )


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _touch(path: Path) -> None:
    """Renew a used entry's time now and then, so pruning removes the unused ones first."""
    with contextlib.suppress(OSError):
        if time.time() - path.stat().st_mtime > _TOUCH_AFTER:
            os.utime(path)


def cached(
    name: str,
    sources: Sequence[Path],
    build: Callable[[], T],
    *,
    objects: bool = False,
    extra: Sequence[str] = (),
) -> T:
    """`build()`'s result, from the cache when an entry for exactly these source contents
    (and `extra` strings) exists. Plain data (dicts, lists, tuples, strings, numbers) is
    stored with marshal; `objects` stores lintkit's own objects with pickle (entries are
    only ever read from the user's own cache folder, which lintkit itself writes). A value
    that cannot be stored is returned all the same."""
    if not enabled():
        return build()
    try:
        entry = entry_path(name, key(sources, *extra), "pickle" if objects else "marshal")
    except OSError:  # a source that cannot be read: let build() say so
        return build()
    payload = read_entry(entry)
    if payload is not None:
        try:
            loaded: T = _loads(payload, objects)
        except Exception:  # damaged or from other code: build it again
            pass
        else:
            _touch(entry)
            return loaded
    value = build()
    try:
        data = _dumps(value, objects)
    except Exception:  # something in it cannot be stored: use it all the same
        return value
    if write_entry(entry, data):
        _prune(name, entry.suffix[1:], entry)
    return value


def _loads(payload: bytes, objects: bool) -> Any:
    if objects:
        import pickle

        return pickle.loads(payload)
    return marshal.loads(payload)


def _dumps(value: Any, objects: bool) -> bytes:
    if not objects:
        return marshal.dumps(value)
    import io
    import pickle
    import types

    class Pickler(pickle.Pickler):
        def reducer_override(self, obj: Any) -> Any:
            """A lambda kept in a module's table of named functions (a pattern rule's
            prefilter) is stored as its place in that table."""
            if isinstance(obj, types.FunctionType) and obj.__name__ == "<lambda>":
                module = sys.modules.get(obj.__module__)
                for name, table in vars(module).items() if module is not None else ():
                    if isinstance(table, dict):
                        for k, v in table.items():
                            if v is obj and isinstance(k, str):
                                return _table_entry, (obj.__module__, name, k)
            return NotImplemented

    out = io.BytesIO()
    Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return out.getvalue()


def _table_entry(module: str, table: str, name: str) -> Any:
    import importlib

    return getattr(importlib.import_module(module), table)[name]


# -- compiled regular expressions -----------------------------------------------------------

_patterns: dict[tuple[str, int], regex.Pattern[str]] = {}
_codes: dict[tuple[str, int], bytes] | None = None
_new_codes: dict[tuple[str, int], bytes] = {}
_used_codes: set[tuple[str, int]] = set()
MAX_CODES = 4000  # patterns kept in the table; past this, only those used by the last run


def _engine() -> Any:
    """The `regex` package's compiled core, which builds a pattern from compiled code."""
    import importlib

    return importlib.import_module("regex._regex")


def _codes_path() -> Path:
    import regex

    _regex = _engine()
    tag = blake2b(
        f"{regex.__version__} {_regex.MAGIC} {_regex.CODE_SIZE} {int(regex.DEFAULT_VERSION)} "
        f"{sys.version_info[:2]} {sys.byteorder}".encode(),
        digest_size=8,
    ).hexdigest()
    return folder() / f"regex-{tag}.marshal"


def _load_codes() -> dict[tuple[str, int], bytes]:
    global _codes
    if _codes is None:
        _codes = _read_dict(_codes_path())
        _at_exit()
    return _codes


def compiled(source: str, flags: int = 0) -> regex.Pattern[str]:
    """`regex.compile(source, flags)`, rebuilt from the compiled code kept in the cache when
    this pattern was compiled before (by any run). Same pattern object for the same
    arguments within a process, as `regex.compile` gives."""
    k = (source, int(flags))
    found = _patterns.get(k)
    if found is not None:
        return found
    import regex

    codes = _load_codes()
    blob = codes.get(k)
    if blob is not None:
        rebuilt: regex.Pattern[str] | None
        try:
            rebuilt = _engine().compile(*marshal.loads(blob))
        except Exception:  # a damaged or foreign entry: compile the pattern afresh
            rebuilt = None
            codes.pop(k, None)
        if rebuilt is not None and rebuilt.pattern == source:
            _used_codes.add(k)
            _patterns[k] = rebuilt
            return rebuilt
    found = regex.compile(source, flags)
    if enabled() and not found.flags & regex.LOCALE:
        with contextlib.suppress(Exception):
            _new_codes[k] = marshal.dumps(tuple(found._pickled_data))  # type: ignore[attr-defined]
    _patterns[k] = found
    return found


def _save_codes() -> None:
    if not _new_codes:
        return
    path = _codes_path()
    current: dict[tuple[str, int], bytes] = _read_dict(path)  # another run may have added some since
    current.update(_new_codes)
    if len(current) > MAX_CODES:
        wanted = _used_codes | set(_new_codes)
        current = {k: v for k, v in current.items() if k in wanted}
    write_entry(path, marshal.dumps(current))
    _new_codes.clear()


# -- saving at exit -------------------------------------------------------------------------

_registered_in: int | None = None


def _at_exit() -> None:
    global _registered_in
    if _registered_in != os.getpid():  # not inherited by forked workers: their parent saves
        _registered_in = os.getpid()
        atexit.register(_save, os.getpid())


def _save(pid: int) -> None:
    global _hashes_changed
    if pid != os.getpid() or not enabled():
        return
    with contextlib.suppress(Exception):
        _save_codes()
    if _hashes_changed and _hashes is not None:
        current: dict[str, Any] = _read_dict(folder() / _FILES_NAME)
        current.update(_hashes)
        if len(current) > 5000:  # files of runs long gone: start again from this run's
            current = dict(_hashes)
        write_entry(folder() / _FILES_NAME, marshal.dumps(current))
        _hashes_changed = False


def save() -> None:
    """Write what this process added to the shared tables now (also done at exit)."""
    _save(os.getpid())


def forget() -> None:
    """Drop what this process read from the cache folder (remembered file hashes, compiled
    patterns), for a process that changes `LINTKIT_CACHE_DIR` (the tests)."""
    global _hashes, _hashes_changed, _codes
    save()
    _hashes, _hashes_changed, _codes = None, False, None
    _patterns.clear()
    _new_codes.clear()
    _used_codes.clear()


# -- tables looked up by key ----------------------------------------------------------------


class KeyTable(Mapping[str, str]):
    """A large table of text -> text, looked up by key without being loaded whole.

    Kept as its rows sorted by key in one block of bytes (`key TAB value NEWLINE`), with a
    small index of where the rows of each two-letter prefix lie: a lookup searches a few
    hundred bytes in C. In the cache the block is mapped into memory, not read, so a table
    of 100,000 words costs well under a millisecond to open (building a set or dict of it
    costs 15-25), and a document touches only the rows of the words it holds. Keys hold no
    tab, line break or NUL; values no line break.

    A process that checks many documents looks up many words: once its lookups have cost
    about what reading the whole table into a dict costs (measured: a lookup, 1 to 4 µs,
    costs what reading 4 to 10 rows does, so an eighth of the table's rows),
    the table becomes that dict (`load`), and a lookup is a hash probe as with a set. Rules
    `load` their tables in `warm`, before a run forks its workers. A table that a rule only
    asks which words it holds (the English word list) reads just its keys (`load_keys`: kept
    after the rows, one per line, they cost half of what the dict does); the few values it is
    asked for are still looked up in the rows.
    """

    __slots__ = ("_all", "_base", "_count", "_data", "_end", "_keys", "_lookups", "_spans")

    def __init__(self, data: Any, spans: dict[str, tuple[int, int]], count: int, base: int, end: int) -> None:
        self._data = data  # bytes, or a read-only memory map of a cache file
        self._base = base  # where the rows start in `data`
        self._end = end  # where they end, and the keys alone, one per line, begin
        self._spans = spans
        self._count = count
        self._all: dict[str, str] | None = None  # every row, once lookups have paid for it
        self._keys: frozenset[str] = frozenset()  # and its keys (set operations in C)
        self._lookups = max(1024, count // 8)  # lookups left before the rows are read whole

    def load_keys(self) -> frozenset[str]:
        """Every key as a set, without the values (kept: which words the table holds is
        then answered from it, and a value is looked up in the rows)."""
        if not self._keys and self._count:
            self._keys = frozenset(self._names().decode().split("\n"))
        return self._keys

    def load(self) -> dict[str, str]:
        """Every row as a dict (kept: later lookups use it)."""
        if self._all is None:
            every = self._read_all()
            self._keys = frozenset(every)
            self._all = every
        return self._all

    def _read_all(self) -> dict[str, str]:
        """The rows as a dict, split in C when no value holds a tab (keys never do); else
        row by row."""
        if not self._count:
            return {}
        text = self._rows()[1:-1].decode()
        if text.count("\t") == self._count:
            fields = iter(text.replace("\n", "\t").split("\t"))
            return dict(zip(fields, fields, strict=True))
        return dict(row.split("\t", 1) for row in text.split("\n"))

    def _counted(self, n: int) -> dict[str, str] | None:
        """The dict of every row, once `n` more lookups make reading it worth while."""
        if self._all is None:
            self._lookups -= n
            if self._lookups < 0:
                self.load()
        return self._all

    @classmethod
    def build(cls, rows: Iterable[tuple[str, str]]) -> KeyTable:
        """A table of `rows` (key, value); the first row of a key wins."""
        table: dict[str, str] = {}
        for k, v in rows:
            if "\t" in k or "\n" in k or "\0" in k or "\n" in v or not k:
                raise ValueError(f"a table key holds no tab, line break or NUL, a value no line break: {k!r}")
            table.setdefault(k, v)
        encoded = [f"{k}\t{table[k]}\n".encode() for k in sorted(table)]
        keys = sorted(table)
        spans: dict[str, tuple[int, int]] = {}
        starts = [0] * (len(keys) + 1)  # where each row's leading line break is
        for i, row in enumerate(encoded):
            starts[i + 1] = starts[i] + len(row)

        def index(lo: int, hi: int, depth: int) -> None:
            """File rows lo..hi (sharing their first depth - 1 characters) by their first
            `depth` characters; a bucket longer than BUCKET bytes by one more character."""
            i = lo
            while i < hi:
                prefix = _prefix(keys[i], depth)
                j = i + 1
                while j < hi and _prefix(keys[j], depth) == prefix:
                    j += 1
                if starts[j] - starts[i] > _BUCKET and j - i > 1 and depth < _MAX_DEPTH:
                    spans[prefix] = (-(depth + 1), 0)  # look again by one more character
                    index(i, j, depth + 1)
                else:
                    spans[prefix] = (starts[i], starts[j] + 1)
                i = j

        index(0, len(keys), 2)
        block = b"\n" + b"".join(encoded)
        names = "\n".join(keys).encode()
        return cls(block + names, spans, len(table), 0, len(block))

    def _rows(self) -> bytes:
        data = self._data[self._base : self._end]
        return data if isinstance(data, bytes) else bytes(data)

    def _names(self) -> bytes:
        """The keys alone, one per line (after the rows, to the end of the data)."""
        data = self._data[self._end :]
        return data if isinstance(data, bytes) else bytes(data)

    def save(self, path: Path) -> bool:
        """Write the table as a cache file (atomically): a checked header, the rows, then
        the keys alone."""
        rows, names = self._rows(), self._names()
        header = marshal.dumps((self._count, self._spans, len(names)))
        head = _TABLE_MAGIC + len(header).to_bytes(8, "little") + len(rows).to_bytes(8, "little")
        return _write_atomic(path, [head, zlib.crc32(header).to_bytes(4, "little"), header, rows, names])

    @classmethod
    def open(cls, path: Path) -> KeyTable | None:
        """A table saved by `save`, mapped into memory; None when the file is missing, cut
        short, or not a table (its header is checked, and its length)."""
        try:
            with open(path, "rb") as fh:
                head = fh.read(24)
                if len(head) < 24 or head[:4] != _TABLE_MAGIC:
                    return None
                header_size = int.from_bytes(head[4:12], "little")
                rows_size = int.from_bytes(head[12:20], "little")
                header = fh.read(header_size)
                if len(header) != header_size or int.from_bytes(head[20:24], "little") != zlib.crc32(header):
                    return None
                count, spans, names_size = marshal.loads(header)
                size = 24 + header_size + rows_size + names_size
                if os.fstat(fh.fileno()).st_size != size or not rows_size:
                    return None
                try:
                    import mmap

                    data: Any = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
                except (ImportError, OSError, ValueError):  # pragma: no cover - no mmap here
                    data = head + header + fh.read()
        except (OSError, ValueError, EOFError, TypeError):
            return None
        if not isinstance(spans, dict) or not isinstance(count, int) or data[24 + header_size] != 10:
            return None
        base = 24 + header_size
        return cls(data, spans, count, base, base + rows_size)

    def _value_at(self, key: str) -> int:
        """Where the value of `key` starts in the data, or -1."""
        span = self._spans.get(key[:2] if len(key) >= 2 else _prefix(key, 2))
        while span is not None and span[0] < 0:  # a large bucket, filed by more characters
            span = self._spans.get(_prefix(key, -span[0]))
        if span is None:
            return -1
        needle = b"\n" + key.encode() + b"\t"
        at: int = self._data.find(needle, self._base + span[0], self._base + span[1])
        return at + len(needle) if at >= 0 else -1

    def _value(self, at: int) -> str:
        value: bytes = self._data[at : self._data.find(b"\n", at)]
        return value.decode()

    def _absent_key(self, key: object) -> bool:
        """Whether the keys read alone (`load_keys`) say the table lacks `key`."""
        return self._all is None and bool(self._keys) and key not in self._keys

    def __getitem__(self, key: str) -> str:
        if self._absent_key(key):
            raise KeyError(key)
        every = self._counted(1)
        if every is not None:
            return every[key]
        at = self._value_at(key) if isinstance(key, str) else -1
        if at < 0:
            raise KeyError(key)
        return self._value(at)

    def get(self, key: str, default: Any = None) -> Any:
        if self._absent_key(key):
            return default
        every = self._counted(1)
        if every is not None:
            return every.get(key, default)
        at = self._value_at(key) if isinstance(key, str) else -1
        return default if at < 0 else self._value(at)

    def __contains__(self, key: object) -> bool:
        if self._keys:  # read whole, or its keys alone
            return key in self._keys
        every = self._counted(1)
        if every is not None:
            return key in every
        return isinstance(key, str) and self._value_at(key) >= 0

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[str]:
        for k, _ in self.items():
            yield k

    def items(self) -> Iterator[tuple[str, str]]:  # type: ignore[override]
        """Every row (reads the whole table: for building other tables, not per document)."""
        if self._all is not None:
            yield from self._all.items()
            return
        for row in self._rows()[1:-1].decode().split("\n") if self._count else ():
            k, v = row.split("\t", 1)
            yield k, v

    def keys(self) -> KeySet:  # type: ignore[override]
        return KeySet(self)

    def lookup(self, words: Collection[str]) -> dict[str, str]:
        """The rows of those of `words` the table holds."""
        if self._all is None and self._keys:  # its keys alone: look up the values of those held
            words = self._keys.intersection(words)
        every = self._counted(len(words))
        if every is not None:
            return {w: every[w] for w in self._keys.intersection(words)}
        out = {}
        for w in words:
            at = self._value_at(w)
            if at >= 0:
                out[w] = self._value(at)
        return out

    def present(self, words: Collection[str]) -> frozenset[str]:
        """Those of `words` the table holds."""
        if self._keys or self._counted(len(words)) is not None:
            return self._keys.intersection(words)
        return frozenset(w for w in words if isinstance(w, str) and self._value_at(w) >= 0)

    def absent(self, words: Collection[str]) -> frozenset[str]:
        """Those of `words` the table does not hold."""
        if self._keys or self._counted(len(words)) is not None:
            return (words if isinstance(words, frozenset) else frozenset(words)) - self._keys
        return frozenset(w for w in words if not (isinstance(w, str) and self._value_at(w) >= 0))


_TABLE_MAGIC = b"LKT2"
_BUCKET = 4096  # bytes of rows searched for a key at most (unless one prefix holds more)
_MAX_DEPTH = 8


def _prefix(key: str, depth: int) -> str:
    """A key's first `depth` characters; a shorter key padded with NUL (no key holds it),
    so it files apart from the longer keys it begins."""
    return key[:depth] if len(key) >= depth else key + "\0" * (depth - len(key))


class KeySet(AbstractSet[str]):
    """A KeyTable's keys as a set: `in` looks up one key; `words & keys` and `words - keys`
    (a document's words with the table's) look up each of the words, and give a frozenset."""

    __slots__ = ("_table",)

    def __init__(self, table: KeyTable) -> None:
        self._table = table

    def __contains__(self, key: object) -> bool:
        return key in self._table

    def __len__(self) -> int:
        return len(self._table)

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    @classmethod
    def _from_iterable(cls, it: Iterable[Any]) -> frozenset[Any]:
        return frozenset(it)

    def __and__(self, other: Iterable[Any]) -> frozenset[Any]:
        return self._table.present(other if isinstance(other, Collection) else list(other))

    __rand__ = __and__

    def __rsub__(self, other: Iterable[Any]) -> frozenset[Any]:
        return self._table.absent(other if isinstance(other, Collection) else list(other))

    def isdisjoint(self, other: Iterable[Any]) -> bool:
        return not self & other


def key_table(
    name: str,
    sources: Sequence[Path],
    rows: Callable[[], Iterable[tuple[str, str]]],
    *,
    extra: Sequence[str] = (),
) -> KeyTable:
    """A KeyTable of `rows()`, built once into the cache (keyed like `cached`)."""
    if not enabled():
        return KeyTable.build(rows())
    try:
        entry = entry_path(name, key(sources, *extra), "table")
    except OSError:  # a source that cannot be read: let rows() say so
        return KeyTable.build(rows())
    found = KeyTable.open(entry)
    if found is not None:
        _touch(entry)
        return found
    table = KeyTable.build(rows())
    if table.save(entry):
        _prune(name, "table", entry)
    return table
