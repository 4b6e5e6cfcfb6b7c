"""The text of a record file: its bytes read within the limit, decoded as strict UTF-8,
and checked for what no record may hold, all before any YAML parsing.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from shsv.yamlscan import DEFAULT_LIMITS, LINE_BREAK, Limits, Pos, Problem

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


def read_bytes(path: Path, limits: Limits = DEFAULT_LIMITS) -> bytes | Problem:
    """A record file's bytes, reading no more than the size limit allows.

    Refuses what is not a regular file (a pipe would block the run for ever) and a
    file over the limit without reading it, so a huge file costs no memory.
    """
    try:
        # Non-blocking, so that opening a pipe returns at once instead of waiting.
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as stream:
            status = os.fstat(stream.fileno())
            if not stat.S_ISREG(status.st_mode):
                return Problem(1, 1, "Y117", "not a regular file; a record is a plain file")
            raw = stream.read(limits.max_bytes + 1)
    except OSError as exc:
        return Problem(1, 1, "Y117", f"cannot read the file: {exc.strerror or exc}")
    if len(raw) > limits.max_bytes:
        size = max(status.st_size, len(raw))
        return Problem(1, 1, "Y109", too_large(size, limits))
    return raw


def too_large(size: int, limits: Limits) -> str:
    return f"the file is {size:,} bytes; a record file may be at most {limits.max_bytes:,}"
