"""One pass over a document that says which of a rule's patterns may match at all.

A pattern rule holds many regular expressions, and on edited copy almost none of them
matches: running each through the `regex` package is a pass over the text apiece, most of
lintkit's time. Hyperscan (Intel's multi-pattern engine; the `hyperscan` package on PyPI,
MIT, bundling Hyperscan or Vectorscan, BSD-3-Clause) scans a text for all of them at once,
at memory speed, but does not accept the `regex` package's lookarounds, backreferences or
Unicode properties. In its prefilter mode it accepts an approximation of a pattern whose
matches include every match of the original; lintkit first widens each pattern into a form
it compiles quickly (`widen`: every change can only add matches), and then runs in `regex`
only the patterns the scan reports, for the real matches and their groups. The findings are
the same; only the passes that could find nothing are skipped.

A linter joins its rules' prefilters (`Combined`), so one pass per document serves them
all. Without hyperscan (not installed, a platform without a wheel, a pattern it refuses, a
text it cannot take) every pattern simply runs, as before. `LINTKIT_NO_MULTISCAN=1` turns the
prefilter off (the test suite compares both ways). Compiled databases are kept in lintkit's
cache, keyed by the patterns as written, lintkit's code and the hyperscan version, and a
process loads them from its 33rd document on (see DEFER_DOCUMENTS).
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
from collections.abc import Callable, Sequence
from typing import Any

from . import cache

_CACHE_NAME = "multiscan"


def available() -> Any | None:
    """The hyperscan module, or None when it cannot be used here."""
    if os.environ.get("LINTKIT_NO_MULTISCAN"):
        return None
    try:
        import hyperscan
    except Exception:  # not installed, or a build that cannot load on this CPU
        return None
    return hyperscan


# -- widening a `regex` pattern into one hyperscan compiles ---------------------------------

_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_BACKREF = re.compile(r"\(\?P=\w+\)|\\[1-9]|\\g<")
_ANY = r"\x{0}-\x{10FFFF}"
_NON_ASCII = r"\x{80}-\x{10FFFF}"
# Every non-ASCII letter, mark and decimal digit, and few else: all non-ASCII characters but
# the Latin-1 signs and the General Punctuation block (curly quotes, dashes, ellipsis, odd
# spaces), which hold no letters but ª µ º. A Unicode class itself is large, and hyperscan
# builds it slowly and big; this range keeps typographic punctuation from passing for a
# letter. (tests/test_multiscan.py checks it against the regex package's own classes.)
_LETTERS = r"\x{AA}\x{B5}\x{BA}\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{1FFF}\x{2070}-\x{10FFFF}"
# A class escape and the superset it becomes: its ASCII members exactly, and the non-ASCII
# range that holds all its other members.
_CLASS_ESCAPES = {
    "w": "0-9A-Za-z_" + _LETTERS + r"\x{200C}\x{200D}\x{203F}\x{2040}\x{2054}",
    "d": "0-9" + _LETTERS,
    "s": r"\t-\r " + _NON_ASCII,
}
_PROPERTIES = {
    "L": "A-Za-z" + _LETTERS,
    "Lu": "A-Z" + _LETTERS,
    "Ll": "a-z" + _LETTERS,
    "Lt": _LETTERS,
    "M": _LETTERS,
    "N": "0-9" + _LETTERS + r"\x{B2}\x{B3}\x{B9}\x{BC}-\x{BE}",
    "Nd": "0-9" + _LETTERS,
}
_PROPERTY = re.compile(r"\\([pP])\{\^?(\w+)\}")
# Group openings passed on as written: inline flags "(?x)" "(?i:", and the group kinds.
_GROUP_HEAD = re.compile(r"\(\?(?:[aiLmsux-]*[:)]|<?[=!]|>)")
_CASELESS = re.compile(r"\(\?[a-zA-Z-]*i[a-zA-Z-]*[:)]")
_BOUNDED = re.compile(r"\{(\d*),(\d+)\}")
# regex's case-insensitive matching also folds these non-ASCII letters to ASCII ones.
_FOLDS = {"s": r"\x{17F}", "k": r"\x{212A}"}


def widen(source: str, caseless: bool) -> str | None:
    """A pattern hyperscan accepts (in UTF-8 mode, with dotall, multiline and caseless as
    asked) whose matches include every match of `source` under the `regex` package, or
    None when one cannot be made safely (backreferences, nested sets, a caseless pattern
    with non-ASCII letters that have case, whose folding hyperscan does not share).

    Each step only adds matches: named groups become plain groups; a negated class, \\W,
    \\D, \\S and \\P{..} become any character; \\w, \\d, \\s and \\p{..} become their ASCII
    members plus every non-ASCII character; word boundaries and anchors \\b \\B \\A \\Z \\z
    are dropped; a bounded repeat {m,n} becomes {m,} ({,n} is regex's {0,n}, and a literal
    to PCRE). Lookarounds are left to hyperscan's prefilter mode, which drops them."""
    if _BACKREF.search(source):
        return None
    caseless = caseless or bool(_CASELESS.search(source))
    if caseless and any(not c.isascii() and (c.lower() != c or c.upper() != c) for c in source):
        return None  # a non-ASCII letter with case: hyperscan and regex fold it differently
    out: list[str] = []
    i, n = 0, len(source)
    in_class = False
    while i < n:
        c = source[i]
        if c == "\\":
            if i + 1 >= n:
                return None
            e = source[i + 1]
            prop = _PROPERTY.match(source, i)
            if prop:
                ascii_part = (
                    _PROPERTIES.get(prop.group(2))
                    if prop.group(1) == "p" and "^" not in prop.group()
                    else None
                )
                body = ascii_part if ascii_part is not None else _ANY
                i = prop.end()
            elif e in _CLASS_ESCAPES:
                body, i = _CLASS_ESCAPES[e], i + 2
            elif e in "WDS":
                body, i = _ANY, i + 2
            elif e in "bB" and not in_class:
                i += 2
                continue
            elif (e.isalpha() and e not in "tnrfvxeAZz") or e == "N":
                return None  # an escape whose meaning may differ between the engines
            else:
                out.append(source[i : i + 2])
                i += 2
                continue
            out.append(body if in_class else f"[{body}]")
            continue
        if in_class:
            if c == "[":
                return None  # a nested set or POSIX class
            if c == "]":
                in_class = False
            elif caseless and c.lower() in _FOLDS:
                out.append(_FOLDS[c.lower()])
            out.append(c)
            i += 1
            continue
        if c == "[":
            end = _class_end(source, i)
            if end < 0:
                return None
            if source[i + 1] == "^":
                out.append(f"[{_ANY}]")
                i = end + 1
                continue
            in_class = True
            out.append(c)
            i += 1
            if source[i] == "]":  # a ']' first in a class is a member
                out.append("\\]")
                i += 1
            continue
        if c == "(" and source.startswith("(?P<", i):
            m = _NAMED_GROUP.match(source, i)
            if not m:
                return None
            out.append("(?:")
            i = m.end()
            continue
        if c == "(" and source.startswith("(?", i):
            head = _GROUP_HEAD.match(source, i)
            if not head:
                return None  # a conditional, a recursion, a comment: not worth the risk
            out.append(head.group())
            i = head.end()
            continue
        if c == "{":
            m = _BOUNDED.match(source, i)
            if m:
                out.append("{" + (m.group(1) or "0") + ",}")
                i = m.end()
                continue
        if caseless and c.lower() in _FOLDS:
            out.append(f"[{c}{_FOLDS[c.lower()]}]")
            i += 1
            continue
        out.append(c)
        i += 1
    return None if in_class else _focus("".join(out))


_FLAG_GROUP = re.compile(r"\(\?[aiLmsux]+\)")


def _focus(source: str) -> str:
    """Make the pattern's lookarounds at its top level text to find, where that keeps every
    match: a match of `P (?<=Y) M (?=X) R` holds Y, then M, then X, so `Y M X` matches it
    too (P and R dropped). Hyperscan drops lookarounds; kept as text, they are often the
    most selective part ("a lowercase word, a comma" before a capital)."""
    groups = _top_groups(source)
    if groups is None:
        return source
    flags = "".join(source[s:e] for s, e, kind in groups if kind == "flags")
    last = groups[-1] if groups else None
    if (
        last is not None
        and last[2] == "group"
        and source.startswith("(?:", last[0])
        and not source[last[1] :].strip()
        and not any(kind in ("behind", "ahead") for _, _, kind in groups)
    ):
        # "P(?:(?<=Y1)R1|(?<=Y2)R2)": each alternative's lookarounds sit after P, so each
        # alternative focused on its own (P dropped) still holds every match
        alternatives = _alternatives(source[last[0] + 3 : last[1] - 1])
        if alternatives is not None and len(alternatives) > 1 and all(map(_looks_behind, alternatives)):
            return flags + "(?:" + "|".join(_focus(a) for a in alternatives) + ")"
    behind = [g for g in groups if g[2] == "behind"]
    b = behind[-1] if behind else None
    after = b[1] if b else 0

    def between_is_empty(start: int, end: int) -> bool:  # only other assertions in between
        rest = source[start:end]
        for s, e, kind in groups:
            if start <= s and e <= end and kind not in ("flags", "ahead", "behind", "negative"):
                return False
            if start <= s and e <= end:
                rest = rest.replace(source[s:e], "", 1)
        return rest == ""

    ahead = [g for g in groups if g[2] == "ahead" and g[0] >= after]
    if not ahead and b and between_is_empty(b[1], len(source)):
        # nothing to find after the lookbehind: a lookahead just before it, at the same
        # place ("[.!?](?=X)(?<=Y)"), says what follows
        ahead = [g for g in groups if g[2] == "ahead" and between_is_empty(g[1], b[0])]
    a = ahead[0] if ahead else None
    if b is None and a is None:
        return source
    head = f"(?:{_body(source, b)})" if b else ""
    if a is None:
        middle, tail = source[after:], ""
    elif a[0] >= after:
        middle, tail = source[after : a[0]], f"(?:{_body(source, a)})"
    else:  # the lookahead sits before the lookbehind, at the same place
        middle, tail = "", f"(?:{_body(source, a)})"
    if b is None:
        middle = source[: a[0]] if a else source
    if flags and not (head + middle).startswith(flags):
        return flags + head + middle + tail
    return head + middle + tail


def _looks_behind(source: str) -> bool:
    """Whether a pattern has a lookbehind at its top level (what focusing it keeps)."""
    groups = _top_groups(source)
    return groups is not None and any(kind == "behind" for _, _, kind in groups)


def _marks(source: str) -> list[tuple[int, str]] | None:
    """Where the pattern's parentheses and bars are, outside escapes and character classes;
    None when a class is nested or unclosed."""
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            end = _class_end(source, i)
            if end < 0:
                return None
            i = end + 1
            continue
        if c in "()|":
            out.append((i, c))
        i += 1
    return out


def _alternatives(source: str) -> list[str] | None:
    """`source` split at its top-level `|`, or None when it cannot be read."""
    marks = _marks(source)
    if marks is None:
        return None
    parts, depth, start = [], 0, 0
    for i, c in marks:
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif depth == 0:
            parts.append(source[start:i])
            start = i + 1
    parts.append(source[start:])
    return parts if depth == 0 else None


def _body(source: str, group: tuple[int, int, str]) -> str:
    start, end, _ = group
    return source[source.index("=", start) + 1 : end - 1]


def _top_groups(source: str) -> list[tuple[int, int, str]] | None:
    """The groups at the pattern's top level as (start, end, kind), kind one of "behind",
    "ahead" (positive lookarounds), "negative", "flags" or "group"; None when the pattern
    has a top-level alternation, a quantified lookaround, or comments (verbose mode), where
    moving text around is not safe."""
    if "#" in source and "(?x" in source:
        return None
    marks = _marks(source)
    if marks is None:
        return None
    groups: list[tuple[int, int, str]] = []
    depth, start, n = 0, 0, len(source)
    for i, c in marks:
        if c == "(":
            if depth == 0:
                start = i
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return None
            if depth == 0:
                head = source[start : start + 4]
                quantified = i + 1 < n and source[i + 1] in "*+?{"
                if _FLAG_GROUP.fullmatch(source, start, i + 1):
                    kind = "flags"
                elif head.startswith(("(?<=", "(?=")):
                    kind = "group" if quantified else ("behind" if head.startswith("(?<=") else "ahead")
                elif head.startswith(("(?<!", "(?!")):
                    kind = "negative"
                else:
                    kind = "group"
                if quantified and kind != "group":
                    return None
                groups.append((start, i + 1, kind))
        elif depth == 0:
            return None  # a top-level alternation
    return groups if depth == 0 else None


def _class_end(source: str, start: int) -> int:
    """Where the character class opening at `start` closes, or -1 (nested or unclosed)."""
    j = start + 1
    if j < len(source) and source[j] == "^":
        j += 1
    if j < len(source) and source[j] == "]":
        j += 1
    while j < len(source):
        c = source[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            return -1
        if c == "]":
            return j
        j += 1
    return -1


# -- the prefilter ----------------------------------------------------------------------------


# Loading a rule's database costs about a millisecond, and saves a fraction of one per
# document: a process uses it from its 33rd document on, or at once for a long text or
# when warmed (a run over 1 MB or more, `lintkit serve`), so one-file runs start as fast.
DEFER_DOCUMENTS = 32
DEFER_BELOW = 100_000  # characters


class _Database:
    """A hyperscan database made once per process (by `make`, from the cache or compiled)
    and loaded once per thread (hyperscan's scratch space cannot be shared between
    threads), left unmade while a process has checked only a few short documents."""

    def __init__(self, make: Callable[[Any], bytes | None]) -> None:
        self._make = make  # hyperscan -> the serialised database, or None
        self.ready = False
        self.blob: bytes | None = None
        self._local = threading.local()
        self._lock = threading.Lock()
        self._deferred = 0  # documents checked without it so far

    def defers(self, text: str) -> bool:
        """Whether this document goes without the database (and is counted)."""
        if self.ready or self._deferred >= DEFER_DOCUMENTS or len(text) >= DEFER_BELOW:
            return False
        self._deferred += 1
        return True

    def made(self) -> bytes | None:
        """The serialised database, made first if need be (None when there is none)."""
        if not self.ready:
            with self._lock:
                if not self.ready:
                    hs = available()
                    if hs is not None:
                        with contextlib.suppress(Exception):  # hyperscan refused: none
                            self.blob = self._make(hs)
                    self.ready = True
        return self.blob

    def get(self) -> Any | None:
        """This thread's database (made first if need be), or None when there is none."""
        self.made()
        db = getattr(self._local, "db", None)
        if db is None and self.blob is not None:
            hs = available()
            try:
                db = hs.loadb(self.blob, hs.HS_MODE_BLOCK)  # type: ignore[union-attr]
                db.scratch = hs.Scratch(db)  # type: ignore[union-attr]  # a loaded database has none
            except Exception:  # a database this hyperscan cannot read: none
                self.blob = None
                return None
            self._local.db = db
        return db


class Prefilter:
    """Which of a rule's patterns may match a text: one hyperscan pass for all of them.

    Built on first use (from the cache when these patterns were compiled before). Patterns
    that cannot be widened are always run."""

    def __init__(self, sources: Sequence[str], caseless: bool, name: str = "") -> None:
        self._sources = tuple(sources)
        self._caseless = caseless
        self._name = name  # the rule's code: its cache entries are kept apart from others'
        self._always: frozenset[int] = frozenset(range(len(sources)))
        self._db = _Database(self._make)
        self._group: Combined | None = None  # one pass for every rule of a linter, if joined
        self._slot = 0  # this prefilter's place in the group

    def __reduce__(self) -> tuple[Any, ...]:  # a cached rule keeps the patterns, not the database
        return (Prefilter, (self._sources, self._caseless, self._name))

    def _make(self, hs: Any) -> bytes | None:
        blob, self._always = _database(hs, self._sources, self._caseless, self._name)
        return blob

    def prepare(self) -> None:
        """Compile (or load) the database now: before a run forks its workers, which then
        share it."""
        if self._group is None or not self._group.prepare():
            self._db.get()

    @property
    def group(self) -> Combined | None:
        """The linter-wide pass this prefilter reads its share of, if it joined one."""
        return self._group

    @property
    def slot(self) -> int:
        """This prefilter's place in its group's `hits`."""
        return self._slot

    def unfiltered(self) -> frozenset[int]:
        """The patterns this prefilter cannot rule out (they run on every document)."""
        self.prepare()
        group = self._group
        if group is not None and group._db.get() is not None:
            return group._always[self._slot]
        return self._always if self._db.blob is not None else frozenset(range(len(self._sources)))

    def matching(self, text: str, memo: dict[Any, Any] | None = None) -> frozenset[int] | None:
        """The indexes of the patterns that may match `text`, or None when all must run.
        `memo` (a document's) keeps the text's UTF-8 form for the next rule."""
        if self._group is not None:
            found = self._group.hits(text, memo)
            if found is not _ON_YOUR_OWN:
                return None if found is None else found[self._slot]
        if self._db.defers(text):  # a run of a few short files: loading costs more than it saves
            return None
        db = self._db.get()
        if db is None:
            return None
        found = set(self._always)

        def on_match(pattern: int, start: int, end: int, flags: int, context: Any) -> None:
            found.add(pattern)

        return frozenset(found) if _scanned(db, text, memo, on_match) else None


def _scanned(db: Any, text: str, memo: dict[Any, Any] | None, on_match: Callable[..., None]) -> bool:
    """Scan `text` with `db`, `on_match` told of each match; False when it could not be
    (not valid Unicode, or hyperscan failed on it): then every pattern must run."""
    data = _utf8(text, memo)
    if data is None:
        return False
    try:
        db.scan(data, match_event_handler=on_match)
    except Exception:
        return False
    return True


def _utf8(text: str, memo: dict[Any, Any] | None) -> bytes | None:
    """The text as UTF-8 (kept in a document's memo for the next rule), or None when it
    is not valid Unicode (a lone surrogate)."""
    key = (_CACHE_NAME, "utf-8")
    data = memo.get(key) if memo is not None else None
    if data is None:
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            data = b""
        if memo is not None:
            memo[key] = data
    return None if not data and text else data


_ON_YOUR_OWN = object()  # a group that could not be built: each prefilter scans by itself


class Combined:
    """One hyperscan pass over a document for the prefilters of every rule a linter runs,
    instead of one per rule (a call and a scan each): each prefilter then reads its share.
    Built like a prefilter (deferred, cached; keyed by every member's patterns); if it
    cannot be, the members scan by themselves."""

    def __init__(self, members: Sequence[Prefilter]) -> None:
        self._members = tuple(members)
        self._owners: list[tuple[int, int]] = []  # pattern id -> (member, the member's index)
        self._always: list[frozenset[int]] = [frozenset() for _ in members]
        self._db = _Database(self._make)
        for slot, member in enumerate(members):
            member._group, member._slot = self, slot

    def _make(self, hs: Any) -> bytes | None:
        blob, self._owners, self._always = _combined(hs, self._members)
        return blob

    def prepare(self) -> bool:
        """Build (or load) the database now; False when the members must scan alone."""
        return self._db.get() is not None

    def hits(self, text: str, memo: dict[Any, Any] | None) -> Any:
        """Per member, the indexes of its patterns that may match `text` (once per
        document, kept in its memo); None when every pattern must run; `_ON_YOUR_OWN` when
        the group has no database."""
        if memo is not None and self in memo:
            return memo[self]
        found = None if self._db.defers(text) else self._scan(text, memo)
        if memo is not None:
            memo[self] = found
        return found

    def _scan(self, text: str, memo: dict[Any, Any] | None) -> Any:
        db = self._db.get()
        if db is None:
            return _ON_YOUR_OWN
        matched: list[int] = []

        def on_match(pattern: int, start: int, end: int, flags: int, context: Any) -> None:
            matched.append(pattern)

        if not _scanned(db, text, memo, on_match):
            return None
        found = list(self._always)  # (shared: most members' patterns all fail on most documents)
        if matched:
            owners = self._owners
            extra: dict[int, set[int]] = {}
            for pattern in matched:
                member, index = owners[pattern]
                extra.setdefault(member, set()).add(index)
            for member, indexes in extra.items():
                found[member] = found[member] | indexes
        return found


def _flags(hs: Any, caseless: bool) -> int:
    """Prefilter mode, UTF-8, one report per pattern; dotall and multiline (they only
    add matches); caseless for a caseless rule."""
    return int(
        hs.HS_FLAG_PREFILTER | hs.HS_FLAG_UTF8 | hs.HS_FLAG_UCP | hs.HS_FLAG_SINGLEMATCH
        | hs.HS_FLAG_MULTILINE | hs.HS_FLAG_DOTALL | hs.HS_FLAG_ALLOWEMPTY
        | (hs.HS_FLAG_CASELESS if caseless else 0)
    )  # fmt: skip


def _combined(
    hs: Any, members: Sequence[Prefilter]
) -> tuple[bytes | None, list[tuple[int, int]], list[frozenset[int]]]:
    """The group's database, its pattern owners and each member's always-run patterns;
    from the cache when it holds them (keyed by every member's patterns)."""

    def build() -> tuple[bytes, list[tuple[int, int]], list[list[int]]]:
        expressions: list[bytes] = []
        flags: list[int] = []
        owners: list[tuple[int, int]] = []
        always: list[list[int]] = []
        for slot, member in enumerate(members):
            member._db.made()  # which of its patterns hyperscan takes (cached per rule)
            always.append(sorted(member._always))
            for index, source in enumerate(member._sources):
                widened = widen(source, member._caseless) if index not in member._always else None
                if widened is not None:
                    expressions.append(widened.encode())
                    flags.append(_flags(hs, member._caseless))
                    owners.append((slot, index))
        if not expressions:
            raise ValueError("no pattern to scan for")
        db = hs.Database()
        ids = list(range(len(expressions)))
        db.compile(expressions=expressions, ids=ids, elements=len(expressions), flags=flags)
        return hs.dumpb(db), owners, always

    parts = [repr((m._name, m._caseless, m._sources)) for m in members]
    blob, owners, always = cache.cached(f"{_CACHE_NAME}-linter", [], build, extra=(_version(hs), *parts))
    return blob, [(a, b) for a, b in owners], [frozenset(a) for a in always]


def _database(
    hs: Any, sources: Sequence[str], caseless: bool, name: str
) -> tuple[bytes | None, frozenset[int]]:
    """The serialised database of the patterns that widen and compile, and the indexes of
    those that do not (they always run); from lintkit's cache when it holds them, keyed by
    the patterns as written (the widening is lintkit's code, which every cache key holds,
    so a hit costs no widening)."""
    flags = _flags(hs, caseless)

    def build() -> tuple[list[int], bytes | None]:
        usable: dict[int, bytes] = {}
        for i, w in enumerate(widen(s, caseless) for s in sources):
            if w is None:
                continue
            try:  # each on its own first: one refused pattern must not lose the others
                hs.Database().compile(expressions=[w.encode()], ids=[i], elements=1, flags=[flags])
            except Exception:
                continue
            usable[i] = w.encode()
        if not usable:
            return list(range(len(sources))), None
        db = hs.Database()
        ids = list(usable)
        db.compile(expressions=[usable[i] for i in ids], ids=ids, elements=len(ids), flags=[flags] * len(ids))
        return [i for i in range(len(sources)) if i not in usable], hs.dumpb(db)

    label = f"{_CACHE_NAME}-{name}" if name.isalnum() else _CACHE_NAME
    always, blob = cache.cached(label, [], build, extra=(_version(hs), str(flags), *map(repr, sources)))
    return blob, frozenset(always)


def _version(hs: Any) -> str:
    return str(getattr(hs, "__version__", "?"))
