"""The fast path: parse a record file with the Rust ``yaml-rs`` parser, no positions.

``yaml-rs`` is fast but lenient where records must be strict: it resolves anchors and
aliases, ignores tags, reads several documents, and its recursion can crash on
pathological nesting. So a file goes this way only when a cheap scan of its text finds
none of those things; anything suspicious, and any parse failure at all, returns None
and the caller falls back to the exact reader in ``yamlread``, which also gives every
finding its position. The two agree on all data the fast path accepts (tested).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml_rs

from shsv.yamlread import DEFAULT_LIMITS, FORBIDDEN, Limits, precheck

_ITEM = r"[ \t]*(?:-[ \t]+)*"  # a line's indentation and list-item dashes
_NOT_TEXT = r"(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[.0-9][^:\n]*)"
"""Plain scalars that may read as null, a boolean or a number (and a few that do not)."""

# Any of these sends a file to the exact reader. False alarms cost only time.
_SUSPECT = re.compile(
    r"(?:^|[ \t\[{,])[&*!](?=\S)"  # anchor, alias or tag where a node may start
    r"|^(?:---|\.\.\.)(?:[ \t]|$)"  # document markers: maybe several documents
    r"|^%"  # directives
    r"|^(?:[ \t]|[-?:][ \t]){40,}"  # deep compact nesting (crashes yaml-rs)
    r"|[0-9]{19}"  # numbers too long for the exact reader's limit
    r"|\\[^ntr\"\\/ \n]"  # escapes that may spell a control character
    # Syntax no record needs, where yaml-rs and libyaml disagree: flow mappings,
    # explicit (?) and empty keys, collections and non-text plain scalars as keys,
    # and a last line of only blanks (kept differently in a block scalar).
    r"|\{"
    rf"|^{_ITEM}(?:[?:](?:[ \t]|$)|\[[^\n]*\][ \t]*:|{_NOT_TEXT}[ \t]*:(?:[ \t]|$))"
    r"|^[ \t]+\Z",
    re.MULTILINE,
)


# Scanning 100 MB with _SUSPECT and precheck takes seconds, and almost every file has
# nothing to find. So each part of _SUSPECT runs only when a hint that every match
# of it contains is there; the hints are substring and byte scans many times faster.
# The answers are the same (a test compares them): a hint may fire falsely, never miss.
def _property_hint(text: str) -> bool:
    if "*" in text or "!" in text:
        return True
    # "Finance & Resources" is common; an anchor needs a non-space after the "&".
    at = text.find("&")
    while at >= 0:
        if text[at + 1 : at + 2] not in (" ", "\n", ""):
            return True
        at = text.find("&", at + 1)
    return False


# One pass over the line starts serves every pattern that begins at one. Possessive
# quantifiers and a look-ahead keep it from retrying each line at every indent.
_LINE_START_HINT = re.compile(
    r"\n(?:---|\.\.\.|%|[ \t?:-]{40}|[ \t]*+(?:-[ \t]+)*+(?=[?:\[~nNtTfF.0-9+-])"
    rf"(?:[?:](?:[ \t]|$)|\[[^\n]*\][ \t]*:|{_NOT_TEXT}[ \t]*:(?:[ \t]|$)))",
    re.MULTILINE,
).search
_PARTS: tuple[tuple[Callable[[str], object], re.Pattern[str]], ...] = (
    (_property_hint, re.compile(r"(?:^|[ \t\[{,])[&*!](?=\S)", re.MULTILINE)),
    (
        _LINE_START_HINT,
        re.compile(
            r"^(?:---|\.\.\.)(?:[ \t]|$)|^%|^(?:[ \t]|[-?:][ \t]){40,}"
            rf"|^{_ITEM}(?:[?:](?:[ \t]|$)|\[[^\n]*\][ \t]*:|{_NOT_TEXT}[ \t]*:(?:[ \t]|$))",
            re.MULTILINE,
        ),
    ),
    (lambda text: "{" in text, re.compile(r"\{")),
    (lambda text: text.endswith((" ", "\t")), re.compile(r"^[ \t]+\Z", re.MULTILINE)),
    (re.compile(r"\\").search, re.compile(r"\\[^ntr\"\\/ \n]")),
)
_DIGITS = bytes.maketrans(b"123456789", b"000000000")
_LONG_NUMBER = b"0" * 19
_PLAIN_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"


def suspect(raw: bytes, text: str) -> bool:
    """Whether ``precheck(text)`` finds a problem or ``_SUSPECT`` matches ``text``
    (``raw`` decoded, a BOM removed): the same answer, found faster."""
    rest = raw.translate(None, _PLAIN_ASCII)  # control and non-ASCII characters only
    hinted = (rest and FORBIDDEN.search(rest.decode("utf-8"))) or "\t" in text
    if hinted and precheck(text) is not None:
        return True
    if _LONG_NUMBER in raw.translate(_DIGITS):
        return True
    # The hints look for a line start after a newline, so the first line is checked whole.
    if _SUSPECT.search(text[: text.find("\n") + 1 or None]):
        return True
    return any(hint(text) and pattern.search(text) for hint, pattern in _PARTS)


def read_fast(raw: bytes, limits: Limits = DEFAULT_LIMITS) -> dict[str, Any] | None:
    """The record's data, or None when the exact reader must decide."""
    if len(raw) > limits.max_bytes or raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None
    if suspect(raw, text):
        return None
    try:
        data = yaml_rs.loads(text, parse_datetime=False)
    except Exception:
        return None
    return data if isinstance(data, dict) and data else None
