"""The fast path: parse a record file with the Rust ``yaml-rs`` parser, no positions.

``yaml-rs`` is fast but lenient where records must be strict: it resolves anchors and
aliases, ignores tags, reads several documents, reads ``1_000`` and ``0b11`` as numbers,
and its recursion crashes the process on block nesting some thousands deep. So a file
goes this way only when a cheap scan of its text finds none of those things, and its
result is kept only when it is within the limits; anything suspicious, and any parse
failure at all, returns None and the caller falls back to the exact reader in
``yamlread``, which also gives every finding its position. The two agree on all data
the fast path accepts (tested, and fuzzed).
"""

from __future__ import annotations

import re
from typing import Any

import yaml_rs

from shsv.yamlread import DEFAULT_LIMITS, Limits, precheck

# Any of these sends a file to the exact reader. False alarms cost only time.
_NODE_START = r"(?:^[ \t]*|[-?:][ \t]+|[\[{,][ \t]*)"
_ENDS = r"(?=[ \t]*(?:$|[,\]}#]|:(?:[ \t]|$)))"
_SUSPECT = re.compile(
    _NODE_START + r"[&*!]"  # anchor, alias or tag (a lone "!" is a tag too)
    r"|(?:^|[ \t])[|>][-+0-9]*[ \t]*(?:#.*)?$"  # block scalars: the parsers differ on
    # chomping and on empty ones (yaml-rs reads "a: |" alone as a line break)
    r"|^(?:---|\.\.\.)(?:[ \t]|$)"  # document markers: maybe several documents
    r"|^%"  # directives
    r"|^(?:[ \t]|[-?:][ \t]){40}"  # deep block nesting (crashes yaml-rs)
    r"|^[ \t]*(?:-[ \t]+)*(?:[?:](?:[ \t]|$)|[\[{])"  # explicit, empty or flow keys
    r"|\{"  # flow mappings: the parsers differ on their edge cases
    r"|\t"  # tabs: the parsers differ on tabs as separators
    # Line breaks other than LF: this scan sees lines only at LF, so a file broken at
    # bare CRs would hide deep nesting from it (and crash yaml-rs)
    r"|[\r\x85\u2028\u2029]"
    r"|<<[ \t]*:"  # merge keys
    # numbers that yaml-rs reads and the YAML 1.2 core schema does not (1_000, 0b11,
    # -0x1), or that the exact reader refuses as out of range (1e999)
    r"|(?:^|[ \t\[,])[-+]?(?:0[bBxXoO][0-9a-fA-F_]*|(?=[0-9._])[0-9.eE+-]*_[0-9._eE+-]*"
    r"|[0-9.]+[eE][-+]?[0-9]{3,})"
    + _ENDS
    + r"|[0-9]{19}"  # integers (or floats) with more digits than the exact reader allows
    r"|\\[^ntr\"\\/ \n]",  # escapes that may spell a control character
    re.MULTILINE,
)


_MAX_BRACKETS = 200


def read_fast(raw: bytes, limits: Limits = DEFAULT_LIMITS) -> dict[str, Any] | None:
    """The record's data, or None when the exact reader must decide."""
    if len(raw) > limits.max_bytes or raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    if not raw.endswith(b"\n"):  # the parsers differ on a last line without its end
        return None
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None
    if max(text.count("\n"), text.count(",")) > limits.max_nodes:
        return None  # likely over the value limit: let the exact reader count
    # Deep flow nesting never reaches the Rust parser: the count of "[" bounds the
    # depth of flow lists ("{" is suspect anyway); the exact reader counts precisely.
    if text.count("[") > _MAX_BRACKETS or _odd_flow(text):
        return None
    if precheck(text) is not None or _SUSPECT.search(text):
        return None
    try:
        data = yaml_rs.loads(text, parse_datetime=False)
    except Exception:
        return None
    if not isinstance(data, dict) or not data or not _within(data, limits):
        return None
    return data


# A flow list as records write them: plain words on one line, [a, b c, d/e]. Any
# other flow (quotes, indicators, a value running on to the next line, nesting) is
# where yaml-rs and YAML part ways: it reads ">x" and ":x" as text and a value
# continued at any indentation, all of which the exact reader refuses.
_SIMPLE_LIST = re.compile(r"\[[\w ./(),-]*\]")
_ITEM_IS_INDICATOR = re.compile(r"[\[,] *-")


def _odd_flow(text: str) -> bool:
    """Whether any "[" starts something other than a simple one-line list."""
    at = text.find("[")
    while at >= 0:
        simple = _SIMPLE_LIST.match(text, at)
        if simple is None or _ITEM_IS_INDICATOR.search(simple.group()):
            return True
        at = text.find("[", at + 1)
    return False


def _within(data: dict[str, Any], limits: Limits) -> bool:
    """Whether the data keeps to the depth and value limits (counted as the exact
    reader counts them: every key and every value is one) and has only text keys,
    found without recursion."""
    nodes = 1
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limits.max_depth:
            return False
        if isinstance(value, dict) and not all(isinstance(key, str) for key in value):
            return False  # yaml-rs reads "1: x" with a number key; the exact reader refuses
        children = value.values() if isinstance(value, dict) else value
        nodes += len(children) * (2 if isinstance(value, dict) else 1)
        if nodes > limits.max_nodes:
            return False
        stack.extend((c, depth + 1) for c in children if isinstance(c, (dict, list)))
    return True
