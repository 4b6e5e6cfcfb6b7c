"""The validation cache: each file's phase-one result, kept between runs.

It lives in ``.shsv-cache/`` in the data repository. An entry is found by the file's
path and trusted by its content: the size, modification time and inode are a quick
pre-check, and when they differ the file is read and its BLAKE2 digest decides. An
entry whose checks read the context (the as-of date) is reused only under the same
context. The whole cache belongs to one fingerprint: shsv's version, the source of
every module (so any change to a schema, a rule or a check), the parsers' versions, the
installed bank-holiday calendar and the limits; any difference starts it afresh.

A cache file in a repository can come from anywhere (a pull request could commit one),
so it is signed with a key that never leaves this user's own cache folder, and one
whose signature does not match is ignored, as is one that cannot be read. That is also
what makes it safe to store it with pickle, which is several times faster to load than
any text format at 10,000 files.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import hmac
import io
import operator
import os
import pickle
import queue
import stat
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shsv
from shsv.atomic import write_atomic
from shsv.checks.cross import Summary
from shsv.checks.registry import Context
from shsv.collector import no_gc
from shsv.diagnostics import Diagnostic
from shsv.errors import WriteError
from shsv.yamlbase import Problem
from shsv.yamltext import NOFOLLOW, read_regular

FOLDER = ".shsv-cache"
NAME = "validate.bin"
RACY_NS = 2_000_000_000
"""A file changed this close before a run may change again unseen within one tick of a
coarse file-system clock (FAT's is 2 s): its stat is not trusted, its digest is."""

Stat = tuple[int, int, int]
"""Size, modification time (ns) and inode."""


@dataclass(slots=True)
class Entry:
    """What phase one found in one file, and how to tell that the file is unchanged."""

    rel: str
    digest: bytes
    diagnostics: tuple[Diagnostic, ...]
    id: str | None = None
    """The record's id; None when the file failed phase one (its name then counts as
    a broken record's id)."""
    pickled: bytes | None = None
    """The record's ``Summary`` for phase two, pickled, and unpickled only when phase
    two runs: a run where nothing changed never needs it."""
    context: Context | None = None
    """The context the checks read, or None when no check read it."""
    stat: Stat | None = None
    """None while the stat cannot be trusted (a racy file): the digest decides."""

    @classmethod
    def of(
        cls,
        rel: str,
        digest: bytes,
        diagnostics: tuple[Diagnostic, ...],
        summary: Summary | None,
        context: Context | None,
    ) -> Entry:
        pickled = dumps(summary) if summary is not None else None
        return cls(rel, digest, diagnostics, summary.id if summary else None, pickled, context)

    def summary(self) -> Summary | None:
        return loads(self.pickled) if self.pickled is not None else None

    def fits(self, context: Context) -> bool:
        return self.context is None or self.context == context

    def fresh(self, stat: Stat, context: Context) -> bool:
        """Whether this entry holds for its file as it is: the stat shows it unchanged."""
        return self.stat == stat and self.fits(context)


@dataclass(slots=True)
class Store:
    """The cache of one data repository, as loaded at the start of a run."""

    folder: Path
    fingerprint: bytes
    key: bytes
    """This user's signing key."""
    entries: dict[str, Entry] = field(default_factory=dict)
    cross: tuple[bytes, tuple[Diagnostic, ...]] | None = None
    """Phase two's diagnostics, with the digest of every (path, content) they came from."""
    stamp: int = 0
    """The file-system time at the start of this run (ns)."""

    def settle(self, entry: Entry, stat: Stat | None) -> Entry:
        """``entry`` with the stat to trust next time (none if the file is racy)."""
        if stat is not None and stat[1] >= self.stamp - RACY_NS:
            stat = None
        entry.stat = stat
        return entry


def stat_of(result: os.stat_result) -> Stat:
    return (result.st_size, result.st_mtime_ns, result.st_ino)


def digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


def fingerprint(extra: str = "") -> bytes:
    """What every cached result depends on besides the files themselves."""
    import pydantic_core
    import yaml_rs

    h = hashlib.blake2b(digest_size=16)
    versions = (shsv.__version__, sys.version, pydantic_core.__version__)
    # PyYAML (the exact reader, with libyaml inside) and holidays by their installed
    # files, which an upgrade rewrites: importing them took 11 and 80 ms.
    installed = (_installed("yaml"), _installed("holidays"))
    h.update(repr((*versions, getattr(yaml_rs, "_VERSION", ""), *installed, extra)).encode())
    package = Path(shsv.__file__).parent
    for source in sorted(package.rglob("*.py")):
        h.update(source.relative_to(package).as_posix().encode() + b"\0")
        h.update(source.read_bytes())
    return h.digest()


def _installed(package: str) -> tuple[int, int] | None:
    """The size and modification time of an installed package's ``__init__``, which an
    upgrade rewrites: found without importing it (``holidays`` takes 80 ms to import,
    and a version from the package metadata 35 ms to look up)."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        return None
    try:
        found = Path(spec.origin).stat()
    except OSError:
        return None
    return (found.st_size, found.st_mtime_ns)


def _key_file() -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home folder
            return None
    return Path(base) / "shsv" / "cache.key"


def _key() -> bytes | None:
    """This user's signing key, made on first use; None when it cannot be had."""
    path = _key_file()
    if path is None:
        return None
    key = _read_plain(path, 32)
    if key is not None and len(key) == 32:
        return key
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as stream:
            stream.write(os.urandom(32))
    except FileExistsError:
        pass  # another run made it just now
    except OSError:
        return None
    key = _read_plain(path, 32)
    return key if key is not None and len(key) == 32 else None


MAX_BYTES = 1 << 30


def _read_plain(path: Path, limit: int = MAX_BYTES) -> bytes | None:
    """A regular file's bytes, at most ``limit``, never through a link nor from a pipe:
    a repository could hold a ``.shsv-cache/validate.bin`` that leads to a device that
    never ends, or is a pipe that never opens."""
    got = read_regular(path, limit, follow=False)
    return None if isinstance(got, Problem) else got[0]


SIGNATURE = hashlib.blake2b().digest_size


def _signer(key: bytes) -> hmac.HMAC:
    return hmac.new(key, digestmod=hashlib.blake2b)


def open_store(root: Path, fingerprint: bytes) -> Store | None:
    """The repository's cache (empty when missing, stale, foreign or corrupt), or None
    when no cache can be kept here."""
    key = _key()
    folder = root / FOLDER
    if key is None:
        return None
    try:
        folder.mkdir(exist_ok=True)
        if folder.is_symlink() or not folder.is_dir():
            return None  # a repository's link must not steer shsv's writes elsewhere
        stamp = _stamp(folder / "stamp")
    except OSError:
        return None
    if stamp is None:
        return None
    store = Store(folder, fingerprint, key, stamp=stamp)
    loaded = _load(folder / NAME, key, fingerprint)
    if loaded is not None:
        store.entries, store.cross = loaded
    return store


def _stamp(path: Path) -> int | None:
    """The file system's own clock, which is the one file times come from, read by
    touching ``path``; None when that is no plain file. It is opened without following
    a link (one could lead to any file of the user's) and without waiting (a pipe there
    would wait for a reader for ever)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NONBLOCK | NOFOLLOW
    with os.fdopen(os.open(path, flags, 0o644), "wb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            return None
        os.utime(stream.fileno())
        return os.fstat(stream.fileno()).st_mtime_ns


def _load(
    path: Path, key: bytes, fingerprint: bytes
) -> tuple[dict[str, Entry], tuple[bytes, tuple[Diagnostic, ...]]] | None:
    """The entries and phase two's result kept at ``path``, if it holds a cache this
    user signed for this fingerprint. The file (see ``Writer``): the fingerprint, the
    entries in parts, phase two's result, and the signature of all that."""
    blob = _read_plain(path)
    if blob is None or len(blob) < SIGNATURE + len(fingerprint):
        return None
    signer = _signer(key)
    signer.update(memoryview(blob)[:-SIGNATURE])
    if not hmac.compare_digest(blob[-SIGNATURE:], signer.digest()):
        return None
    if blob[: len(fingerprint)] != fingerprint:
        return None  # another version's or another program's: start afresh
    stream = io.BytesIO(blob)
    stream.seek(len(fingerprint))
    end = len(blob) - SIGNATURE
    parts = []
    try:
        with no_gc():
            while stream.tell() < end:  # (each part its own pickle, with its own memo)
                parts.append(pickle.Unpickler(stream).load())  # noqa: S301 - signed
        *rows, cross = parts
        return {row[0]: Entry(*row) for part in rows for row in part}, cross
    except Exception:  # a cache that cannot be read is no cache
        return None


def loads(payload: bytes) -> Any:
    """Unpickle what ``dumps`` made; only ever given bytes this user's shsv wrote."""
    with no_gc():
        return pickle.loads(payload)  # noqa: S301 - see above


class _Pickler(pickle.Pickler):
    """Dataclasses as (class, field values): their default slots state is rebuilt
    through ``dataclasses.fields`` for every object, several times slower to load.
    The pickler calls this for every object that is not a built-in container or
    scalar, so it answers from a per-class table."""

    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        try:
            values = _VALUES[cls]
        except KeyError:
            values = _VALUES[cls] = _values_of(cls)
        return NotImplemented if values is None else (cls, values(obj))


_VALUES: dict[type, Callable[[Any], tuple[Any, ...]] | None] = {}
"""Per class: how to read the values to call it with (a C attrgetter), or None."""


def _values_of(cls: type) -> Callable[[Any], tuple[Any, ...]] | None:
    """How to read ``cls``'s init fields as a tuple, or None when calling ``cls`` with
    them would not rebuild it."""
    if not dataclasses.is_dataclass(cls):
        return None
    fields = dataclasses.fields(cls)
    if not fields or not all(f.init for f in fields):
        return None
    if len(fields) == 1:
        one = operator.attrgetter(fields[0].name)
        return lambda obj: (one(obj),)
    return operator.attrgetter(*(f.name for f in fields))


def dumps(value: Any) -> bytes:
    stream = io.BytesIO()
    with no_gc():
        _Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return stream.getvalue()


_ROW = operator.attrgetter(*(field.name for field in dataclasses.fields(Entry)))


class Writer:
    """The cache file, made while the run goes on and written on a thread.

    The entries are pickled in parts as phase one settles them (``add``), while the
    other processes are still checking files; once phase one is over, ``start`` signs
    and writes those parts on a thread (hashing and writing let go of the interpreter
    lock) while phase two runs, and ``finish`` hands it phase two's result, after which
    the thread adds the signature and puts the file in place; ``wait`` waits for that.
    Written whole and atomically, or not at all: a cache that cannot be written is
    skipped, and ``abandon`` drops one that is no longer wanted.
    """

    PART = 64
    """Entries per part."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._parts: list[bytes] = []
        self._new: list[Entry] = []
        self._old: list[Entry] = []
        self._end: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        """Phase two's result pickled, or None to abandon the file."""
        self._thread: threading.Thread | None = None

    @property
    def started(self) -> bool:
        return self._thread is not None

    def add(self, entry: Entry) -> None:
        """An entry this run made or settled: pickled with the next ``PART``."""
        self._new.append(entry)
        if len(self._new) >= self.PART:
            self._pickle(self._new)
            self._new = []

    def keep(self, entry: Entry) -> None:
        """An entry taken from the cache as it was: pickled only if the file is written."""
        self._old.append(entry)

    def _pickle(self, entries: list[Entry]) -> None:
        # Entries as rows of their fields: tuples pickle without a call into Python each.
        self._parts.append(dumps(list(map(_ROW, entries))))

    def start(self) -> None:
        """Start writing (only once no other process is to be forked: a fork copies
        no thread)."""
        assert self._thread is None
        self._pickle(self._new + self._old)
        # One buffer: the thread signs and writes it without taking the interpreter
        # lock again, which it would wait for (the run is busy) at every part.
        body = b"".join((self._store.fingerprint, *self._parts))
        self._new = self._old = []
        self._parts = []
        self._thread = threading.Thread(target=self._write, args=(body,), name="shsv-cache")
        self._thread.start()

    def finish(self, cross: tuple[bytes, tuple[Diagnostic, ...]]) -> None:
        self._end.put(dumps(cross))

    def abandon(self) -> None:
        """Stop writing: the file stays as it was."""
        self._end.put(None)
        self.wait()

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()

    def _write(self, body: bytes) -> None:
        with contextlib.suppress(WriteError, OSError, _AbandonedError):
            # Not flushed to disk: one torn by a power cut fails its signature.
            write_atomic(self._store.folder / NAME, self._signed(body), durable=False)

    def _signed(self, body: bytes) -> Iterator[bytes]:
        signer = _signer(self._store.key)
        signer.update(body)
        yield body
        end = self._end.get()
        if end is None:
            raise _AbandonedError
        signer.update(end)
        yield end
        yield signer.digest()


class _AbandonedError(Exception):
    pass
