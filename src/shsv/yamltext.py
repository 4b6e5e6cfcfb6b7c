"""The text of a record file: its bytes read within the limit, decoded as strict UTF-8,
and checked for what no record may hold, all before any YAML parsing.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from shsv.yamlbase import DEFAULT_LIMITS, LINE_BREAK, Limits, Pos, Problem

# Characters no record text may hold: C0/C1 controls (bar tab and line ends), DEL,
# bidirectional overrides and isolates (the "Trojan Source" set), stray BOMs,
# non-characters and surrogates.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff\ud800-\udfff]"
)
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)


def pos_of(text: str, index: int) -> Pos:
    """1-based line and column (in characters) of a character index, with lines
    counted as libyaml counts them (CR, LF, CRLF, NEL, LS and PS end a line)."""
    line, start = 1, 0
    for end in LINE_BREAK.finditer(text, 0, index):
        line, start = line + 1, end.end()
    return (line, index - start + 1)


def decode(raw: bytes) -> str | Problem:
    """Strict UTF-8 (a leading BOM allowed), or a problem at the first bad byte."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Problem(1, 1, "Y103", "the file is UTF-16 or UTF-32; save it as UTF-8")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8")
        line, column = pos_of(before, len(before))
        return Problem(
            line,
            column,
            "Y103",
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; save the file as UTF-8",
        )
    return text.removeprefix("\ufeff")


def precheck(text: str) -> Problem | None:
    """Problems visible in the text itself, found before any parsing."""
    bad = FORBIDDEN.search(text)
    if bad:
        line, column = pos_of(text, bad.start())
        return Problem(
            line,
            column,
            "Y112",
            f"character U+{ord(bad.group()):04X} is not allowed in a record; remove it",
        )
    tab = _TAB_INDENT.search(text)
    if tab:
        line, column = pos_of(text, tab.end() - 1)
        return Problem(line, column, "Y104", "indentation uses a tab; indent with spaces")
    return None


NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
"""Zero where the system cannot refuse to open a link (Windows)."""


def read_bytes(path: Path, limits: Limits = DEFAULT_LIMITS) -> bytes | Problem:
    """A record file's bytes, reading no more than the size limit allows."""
    got = read_regular(path, limits.max_bytes)
    return got if isinstance(got, Problem) else got[0]


def read_regular(
    path: Path | str, limit: int, *, follow: bool = True
) -> tuple[bytes, os.stat_result] | Problem:
    """A regular file's bytes and the stat it was opened with, or why not.

    Refuses what is not a regular file (a pipe would block the run for ever: it is
    opened non-blocking, then refused) and a file over ``limit`` bytes, by its size
    without reading it, so a huge file costs no memory. ``follow=False`` refuses a
    link (where the system can tell one: see ``NOFOLLOW``).
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | (0 if follow else NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        return _unreadable(exc)
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            return Problem(1, 1, "Y117", "not a regular file; a record is a plain file")
        if status.st_size > limit:
            return Problem(1, 1, "Y109", too_large(status.st_size, limit))
        raw = _read_up_to(fd, status.st_size, limit)
    except OSError as exc:
        return _unreadable(exc)
    finally:
        os.close(fd)
    if len(raw) > limit:  # it grew since its stat
        return Problem(1, 1, "Y109", too_large(len(raw), limit))
    return raw, status


def _read_up_to(fd: int, size: int, limit: int) -> bytes:
    """At most ``limit + 1`` bytes. The first read asks for one byte more than the
    stat's size, so a file that keeps its size takes no buffer bigger than itself."""
    chunks = []
    wanted, left = size + 1, limit + 1
    while left > 0:
        chunk = os.read(fd, min(wanted, left))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
        wanted = wanted - len(chunk) or _CHUNK  # it grew: read on in chunks
    return b"".join(chunks)


_CHUNK = 1 << 16


def _unreadable(exc: OSError) -> Problem:
    return Problem(1, 1, "Y117", f"cannot read the file: {exc.strerror or exc}")


def too_large(size: int, limit: int) -> str:
    return f"the file is {size:,} bytes; a record file may be at most {limit:,}"
