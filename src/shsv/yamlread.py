"""Read one record file into plain data, keeping the position of every key and value.

This is the reference reader: exact, position-keeping and hostile-input safe. It
decodes and checks the text (``yamltext``), lets each event of libyaml's stream pass the pre-scan in
``yamlscan`` (limits, refusals; no recursion) before building anything from it, and
builds plain data (dict, list, str, int, float, bool, None) under the YAML 1.2 core
schema, so ``yes`` stays a string and dates stay text.
Records are plain data: anchors, aliases, tags, merge keys and several documents are
refused, each with a positioned problem instead of an exception.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import (
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from shsv.yamlbase import DEFAULT_LIMITS as DEFAULT_LIMITS
from shsv.yamlbase import Limits as Limits
from shsv.yamlbase import Loc as Loc
from shsv.yamlbase import Pos, RefusedError
from shsv.yamlbase import Problem as Problem
from shsv.yamlscan import at, events, refuse
from shsv.yamltext import FORBIDDEN as FORBIDDEN
from shsv.yamltext import decode as decode
from shsv.yamltext import precheck as precheck
from shsv.yamltext import read_bytes as read_bytes
from shsv.yamltext import too_large


@dataclass(slots=True)
class Document:
    """Plain data with where each value (and each mapping key) stands in the file."""

    data: Any
    value_at: dict[Loc, Pos] = field(default_factory=dict)
    key_at: dict[Loc, Pos] = field(default_factory=dict)

    def position(self, loc: Loc, *, key: bool = False) -> Pos:
        """The position of ``loc``, or of its nearest ancestor that has one."""
        while True:
            if key and loc in self.key_at:
                return self.key_at[loc]
            if loc in self.value_at:
                return self.value_at[loc]
            if not loc:
                return (1, 1)
            loc = loc[:-1]


_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT10 = re.compile(r"[-+]?[0-9]+")
_INT8 = re.compile(r"0o[0-7]+")
_INT16 = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INF = re.compile(r"([-+]?)\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")


def read(raw: bytes, limits: Limits = DEFAULT_LIMITS) -> Document | Problem:
    """Read one file's bytes into a ``Document``, or say why not."""
    if len(raw) > limits.max_bytes:
        return Problem(1, 1, "Y109", too_large(len(raw), limits.max_bytes))
    text = decode(raw)
    if isinstance(text, Problem):
        return text
    problem = precheck(text)
    if problem:
        return problem
    try:
        return _build(events(text, limits), limits)
    except RefusedError as refused:
        return refused.problem
    except yaml.MarkedYAMLError as exc:
        return _syntax_problem(exc, limits)
    except (yaml.YAMLError, UnicodeError) as exc:
        return Problem(1, 1, "Y101", f"not readable as YAML: {exc}")


def _syntax_problem(exc: yaml.MarkedYAMLError, limits: Limits = DEFAULT_LIMITS) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = " ".join(part for part in (exc.context, exc.problem) if part)
    if "maximum nesting depth" in what:
        # libyaml 0.2.6 (in PyYAML 6.0.4) stops at 1,000 levels of flow nesting while
        # it scans ahead, before any event reaches the depth limit: the same finding.
        return Problem(line, column, "Y110", f"nested more than {limits.max_depth} levels deep")
    return Problem(line, column, "Y101", f"YAML syntax error: {what or 'unreadable'}")


def resolve(value: str, limits: Limits = DEFAULT_LIMITS) -> Any:
    """A plain scalar's value under the YAML 1.2 core schema."""
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    first = value[0]
    if first.isdigit() or first in "+-.":
        if _INT10.fullmatch(value):
            return _int(value, 10, limits)
        if _INT8.fullmatch(value):
            return _int(value[2:], 8, limits)
        if _INT16.fullmatch(value):
            return _int(value[2:], 16, limits)
        if _FLOAT.fullmatch(value):
            return _float(value, limits)
        inf = _INF.fullmatch(value)
        if inf:
            return float(f"{inf.group(1)}inf")
        if _NAN.fullmatch(value):
            return float("nan")
    return value


class _OutOfRangeError(ValueError):
    pass


def _int(digits: str, base: int, limits: Limits) -> int:
    if len(digits.lstrip("+-")) > limits.max_int_digits:
        raise _OutOfRangeError(digits)
    return int(digits, base)


def _float(text: str, limits: Limits) -> float:
    """A float, unless it has more digits than a real value needs or overflows to
    infinity (1e999 would otherwise pass as .inf)."""
    mantissa = re.sub(r"[eE].*|[-+.]", "", text)
    value = float(text)
    if len(mantissa) > 2 * limits.max_int_digits or value in (math.inf, -math.inf):
        raise _OutOfRangeError(text)
    return value


def _build(stream: Iterator[Event], limits: Limits) -> Document:
    doc = Document(data=None)
    # Each open collection: (container, loc, keys seen so far, pending key or None).
    stack: list[tuple[Any, Loc, set[str], str | None]] = []
    root_set = False

    def place(value: Any, event: Event) -> Loc:
        nonlocal root_set
        if not stack:
            doc.data, root_set = value, True
            loc: Loc = ()
        else:
            container, parent, keys, pending = stack[-1]
            if isinstance(container, list):
                loc = (*parent, len(container))
                container.append(value)
            else:
                assert pending is not None
                loc = (*parent, pending)
                container[pending] = value
                stack[-1] = (container, parent, keys, None)
        doc.value_at[loc] = at(event)
        return loc

    for event in stream:
        if isinstance(event, ScalarEvent):
            if stack and isinstance(stack[-1][0], dict) and stack[-1][3] is None:
                _take_key(doc, stack, event)
                continue
            place(_scalar(event, limits), event)
        elif isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            if stack and isinstance(stack[-1][0], dict) and stack[-1][3] is None:
                raise refuse(event, "Y115", "a key must be a plain string, not a collection")
            container: Any = {} if isinstance(event, MappingStartEvent) else []
            loc = place(container, event)
            stack.append((container, loc, set(), None))
        elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            stack.pop()
    if not root_set or doc.data is None:
        raise RefusedError(Problem(1, 1, "Y113", "the file holds no record"))
    if not isinstance(doc.data, dict):
        line, column = doc.value_at[()]
        raise RefusedError(
            Problem(line, column, "Y114", "the top level must be a mapping of field: value")
        )
    return doc


def _take_key(
    doc: Document, stack: list[tuple[Any, Loc, set[str], str | None]], event: ScalarEvent
) -> None:
    container, parent, keys, _ = stack[-1]
    plain = event.implicit[0]
    if plain and event.value == "<<":
        raise refuse(event, "Y108", "merge keys (<<) are refused; write each field out")
    if plain and not _is_string(event.value):
        raise refuse(event, "Y115", f"key {event.value!r} must be a plain string")
    key = event.value
    if key in keys:
        raise refuse(event, "Y102", f"duplicate key {key!r}; a key may appear once")
    keys.add(key)
    doc.key_at[(*parent, key)] = at(event)
    stack[-1] = (container, parent, keys, key)


def _is_string(value: str) -> bool:
    try:
        return isinstance(resolve(value), str)
    except _OutOfRangeError:
        return False


def _scalar(event: ScalarEvent, limits: Limits) -> Any:
    if not event.implicit[0]:  # quoted or block scalar: always a string
        bad = FORBIDDEN.search(event.value)
        if bad:
            raise refuse(
                event, "Y112", f"character U+{ord(bad.group()):04X} is not allowed in a record"
            )
        return event.value
    try:
        return resolve(event.value, limits)
    except _OutOfRangeError:
        raise refuse(
            event,
            "Y116",
            f"number {_shown(event.value)} is out of range: a real value has at most "
            f"{limits.max_int_digits} digits",
        ) from None


def _shown(value: str) -> str:
    return value if len(value) <= 24 else f"{value[:21]}..."
