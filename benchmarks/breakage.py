"""Break generated record files in the ways people and tools really break them.

Each way names the diagnostic code it must cause in the broken file itself, so tests
can check that every broken file is caught, and caught for the right reason.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

Breaker = Callable[[bytes, random.Random], bytes | None]
"""The damaged bytes, or None when this way does not apply to the file."""


def _sub(pattern: str, replacement: str, raw: bytes) -> bytes | None:
    text = raw.decode("utf-8")
    changed, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    return changed.encode("utf-8") if count else None


def syntax(raw: bytes, rng: random.Random) -> bytes | None:
    return raw + b"reference: 'never closed\n"


def unknown_field(raw: bytes, rng: random.Random) -> bytes | None:
    return _sub(r"^(id: .*)$", r"\1\ncolour: blue", raw)


def dangling_reference(raw: bytes, rng: random.Random) -> bytes | None:
    return _sub(r"^(council|programme): .*$", r"\1: no-such-record", raw)


def bad_date(raw: bytes, rng: random.Random) -> bytes | None:
    return _sub(
        r"^(\s*(?:- )?(?:date|published|started): )\d{4}-\d\d-\d\d$", r"\g<1>2011-02-30", raw
    )


def duplicate_key(raw: bytes, rng: random.Random) -> bytes | None:
    return _sub(r"^(id: .*)$", r"\1\nid: a-second-id", raw)


def tab_indent(raw: bytes, rng: random.Random) -> bytes | None:
    return _sub(r"^  (\S)", "\t\\1", raw)


def wrong_type(raw: bytes, rng: random.Random) -> bytes | None:
    return _sub(r"^(id: .*)$", r"\1\nnotes: 5", raw)


def missing_field(raw: bytes, rng: random.Random) -> bytes | None:
    return _sub(r"^(?:title|name): .*\n", "", raw)


def id_mismatch(raw: bytes, rng: random.Random) -> bytes | None:
    if b"\nmeeting: " not in raw:  # decisions only: no other record refers to them
        return None
    return _sub(r"^id: (.*)$", r"id: \1-renamed", raw)


def encoding(raw: bytes, rng: random.Random) -> bytes | None:
    at = raw.find("£".encode())
    return raw[:at] + b"\xa3" + raw[at + 2 :] if at >= 0 else None


def tag(raw: bytes, rng: random.Random) -> bytes | None:
    return _sub(r"^(id: .*)$", r"\1\nreference: !!python/object/apply:os.system [true]", raw)


def numbering(raw: bytes, rng: random.Random) -> bytes | None:
    return _sub(r"^(\s*- number: '\d+\.)2'$", r"\g<1>4'", raw)


WAYS: dict[str, tuple[str, Breaker]] = {
    "syntax": ("Y101", syntax),
    "unknown-field": ("S201", unknown_field),
    "dangling-reference": ("R301", dangling_reference),
    "bad-date": ("S205", bad_date),
    "duplicate-key": ("Y102", duplicate_key),
    "tab-indent": ("Y104", tab_indent),
    "wrong-type": ("S203", wrong_type),
    "missing-field": ("S202", missing_field),
    "id-mismatch": ("R303", id_mismatch),
    "encoding": ("Y103", encoding),
    "tag": ("Y107", tag),
    "numbering": ("D409", numbering),
}


def damage(files: list[Path], fraction: float, rng: random.Random) -> list[tuple[Path, str]]:
    """Break ``fraction`` of ``files`` in place, each in one way; return (file, way).

    Each way is used once before any is used twice, so even a small corpus shows them
    all; a way that does not apply to a file gives it the next way that does.
    """
    count = min(len(files), max(1, round(len(files) * fraction)))
    order = sorted(files)
    rng.shuffle(order)
    names = list(WAYS)
    done: dict[Path, str] = {}
    for i in range(count):
        wanted = names[i % len(names) :] + names[: i % len(names)]
        found = next(
            (
                (path, way, broken)
                for way in wanted
                for path in order
                if path not in done and (broken := _broken(way, path, rng)) is not None
            ),
            None,
        )
        if found is None:
            break
        path, way, broken = found
        done[path] = way
        path.write_bytes(broken)
    return sorted(done.items())


def _broken(way: str, path: Path, rng: random.Random) -> bytes | None:
    """The file broken this way, or None when the way does not change it."""
    raw = path.read_bytes()
    broken = WAYS[way][1](raw, rng)
    return broken if broken is not None and broken != raw else None
