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
from typing import Any

import yaml_rs

from shsv.yamlread import DEFAULT_LIMITS, Limits, precheck

# Any of these sends a file to the exact reader. False alarms cost only time.
_SUSPECT = re.compile(
    r"(?:^|[ \t\[{,])[&*!](?=\S)"  # anchor, alias or tag where a node may start
    r"|^(?:---|\.\.\.)(?:[ \t]|$)"  # document markers: maybe several documents
    r"|^%"  # directives
    r"|^(?:[ \t]|[-?:][ \t]){40,}"  # deep compact nesting (crashes yaml-rs)
    r"|[0-9]{19}"  # numbers too long for the exact reader's limit
    r"|\\[^ntr\"\\/ \n]",  # escapes that may spell a control character
    re.MULTILINE,
)


def read_fast(raw: bytes, limits: Limits = DEFAULT_LIMITS) -> dict[str, Any] | None:
    """The record's data, or None when the exact reader must decide."""
    if len(raw) > limits.max_bytes or raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None
    if precheck(text) is not None or _SUSPECT.search(text):
        return None
    try:
        data = yaml_rs.loads(text, parse_datetime=False)
    except Exception:
        return None
    return data if isinstance(data, dict) and data else None
