"""The pre-scan: libyaml's event stream, checked one event at a time before use.

Every event passes here before the reader builds anything from it, so a resource bomb
is refused while it is still text: aliases are refused rather than expanded, and the
depth and the number of values are counted as they stream by. Nothing is kept but a
stack as deep as the nesting (itself bounded), so memory stays small whatever the
file. The scan also refuses the few invalid YAML forms that libyaml lets through
(indentation and comment rules that the YAML 1.2 specification and its test suite
require), so both reading paths refuse the same files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    NodeEvent,
    ScalarEvent,
)

from shsv.yamlbase import DEFAULT_LIMITS as DEFAULT_LIMITS
from shsv.yamlbase import LINE_BREAK as LINE_BREAK
from shsv.yamlbase import Limits as Limits
from shsv.yamlbase import Pos as Pos
from shsv.yamlbase import Problem as Problem
from shsv.yamlbase import RefusedError as RefusedError

PARSER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def at(event: Event) -> Pos:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _start(event: Event) -> Any:
    """The event's start mark (libyaml gives every event both marks)."""
    return event.start_mark


def _end(event: Event) -> Any:
    return event.end_mark


def refuse(event: Event, code: str, message: str) -> RefusedError:
    line, column = at(event)
    return RefusedError(Problem(line, column, code, message))


def events(text: str, limits: Limits = DEFAULT_LIMITS) -> Iterator[Event]:
    """The file's events, each yielded only after it has passed every check.

    Raises ``RefusedError`` (or libyaml's ``MarkedYAMLError``) at the first problem.
    """
    parser = PARSER(text)
    scan = _Scan(text, limits)
    try:
        while parser.check_event():
            event = parser.get_event()
            scan.check(event)
            yield event
    finally:
        parser.dispose()


# A block scalar's header: indicator, optional indentation and chomping, then a
# comment only after white space (libyaml accepts ">#c").
_BLOCK_HEADER = re.compile(r"[|>][1-9+-]{0,2}(?:[ \t]+(?:#.*)?)?\r?")


class _Scan:
    def __init__(self, text: str, limits: Limits) -> None:
        self.text = text
        self.limits = limits
        self.nodes = self.documents = 0
        # One entry per open collection: its column if block style, None if flow.
        self.open: list[int | None] = []
        self.flow_from: Event | None = None
        self._lines: list[str] | None = None

    def check(self, event: Event) -> None:
        if isinstance(event, DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise refuse(
                    event, "Y105", "a second YAML document starts here; one record per file"
                )
        elif isinstance(event, AliasEvent):
            raise refuse(event, "Y106", "aliases (*name) are refused; write the value out")
        elif isinstance(event, NodeEvent):
            self._node(event)
        elif isinstance(event, CollectionEndEvent):
            self._close(event)

    def _node(self, event: NodeEvent) -> None:
        if event.anchor is not None:
            raise refuse(
                event, "Y106", f"anchor &{event.anchor} is refused; records are plain data"
            )
        tag = getattr(event, "tag", None)
        if tag is not None:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise refuse(event, "Y107", f"tag {shown} is refused; remove it")
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            raise refuse(event, "Y111", f"more than {self.limits.max_nodes:,} values in one file")
        if isinstance(event, CollectionStartEvent):
            if len(self.open) >= self.limits.max_depth:
                raise refuse(event, "Y110", f"nested more than {self.limits.max_depth} levels deep")
            flow = bool(event.flow_style)
            if flow and self.flow_from is None:
                self.flow_from = event
            self.open.append(None if flow else _start(event).column)
        elif isinstance(event, ScalarEvent):
            self._scalar(event)

    def _close(self, event: Event) -> None:
        self.open.pop()
        start = self.flow_from
        if start is not None and None not in self.open:
            self.flow_from = None
            self._no_comment_glued(event)
            self._continuations(start, event, skip="#]}")

    def _scalar(self, event: ScalarEvent) -> None:
        if event.style in ('"', "'"):
            self._no_comment_glued(event)
            if self.flow_from is None:
                self._continuations(event, event, skip="")
        elif event.style in ("|", ">"):
            self._block_scalar(event)

    def _no_comment_glued(self, event: Event) -> None:
        end = _end(event).index
        if self.text[end : end + 1] == "#":
            mark = _end(event)
            raise RefusedError(
                Problem(
                    mark.line + 1,
                    mark.column + 1,
                    "Y101",
                    "YAML syntax error: a comment needs a space before the #",
                )
            )

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = LINE_BREAK.split(self.text)
        return self._lines

    def _indent(self) -> int:
        """The indentation of the innermost block collection (-1 at the top level)."""
        return next((c for c in reversed(self.open) if c is not None), -1)

    def _continuations(self, start: Event, end: Event, skip: str) -> None:
        """Lines after the first of a quoted scalar or flow collection sit deeper than
        the block around it (libyaml accepts them at any indentation)."""
        first, last = _start(start).line, _end(end).line
        if first == last:
            return
        indent = self._indent()
        for number in range(first + 1, last + 1):
            line = self.lines[number]
            content = line.lstrip(" ")
            if not content.strip() or content[0] in skip:
                continue
            if len(line) - len(content) <= indent:
                raise RefusedError(
                    Problem(
                        number + 1,
                        1,
                        "Y101",
                        "YAML syntax error: this line continues a value and must be "
                        f"indented more than {indent} spaces",
                    )
                )

    def _block_scalar(self, event: ScalarEvent) -> None:
        mark = _start(event)
        header = self.lines[mark.line][mark.column :]
        if not _BLOCK_HEADER.fullmatch(header):
            raise refuse(
                event,
                "Y101",
                "YAML syntax error: a block scalar's header is | or > "
                "with optional indentation and chomping, then a space before any comment",
            )
        if any(c.isdigit() for c in header.split("#")[0]):
            return
        self._leading_blank_lines(mark.line, self._indent())

    def _leading_blank_lines(self, header_line: int, indent: int) -> None:
        widest = 0
        for number in range(header_line + 1, len(self.lines)):
            line = self.lines[number].rstrip("\r")
            content = line.lstrip(" ")
            spaces = len(line) - len(content)
            if content:
                if indent < spaces < widest:
                    raise RefusedError(
                        Problem(
                            number + 1,
                            1,
                            "Y101",
                            "YAML syntax error: a blank line at the start of this block "
                            "scalar has more spaces than its first line",
                        )
                    )
                return
            widest = max(widest, spaces)
