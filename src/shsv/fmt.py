"""Canonical layout for record files, through ruamel.yaml's round trip, checked.

The layout is the one the shipped data follows: mappings indented two spaces, list
items indented two spaces with their dash, long lines never re-wrapped, no leading
blank lines, one final newline. Comments, key order and quoting stay as written.

A file is read first by the exact reader, so anything hostile or broken is refused
with its position before ruamel.yaml sees it. The result is trusted only when reading
it back gives the same data and the same comments in the same order, and when
formatting it again changes nothing; otherwise the file is left as it is.
"""

from __future__ import annotations

import io
import re
from bisect import bisect_right
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.resolver import VersionedResolver

from shsv import yamlread
from shsv.yamlread import Document, Problem
from shsv.yamlscan import PARSER

CODE = ""
"""The code of a problem of the formatter's own: none (reading problems keep their Y code)."""


def reformat(raw: bytes) -> str | Problem:
    """The canonical text of a record file, or why it cannot be given safely."""
    original = yamlread.read(raw)
    if isinstance(original, Problem):
        return original
    text = yamlread.decode(raw)
    assert isinstance(text, str)  # read() has decoded it already
    # The comments to keep, found once: the second pass checks ``first``, which holds
    # the same comments in the same order.
    kept = comments(text)
    first = _canonical(text, original, kept)
    if isinstance(first, Problem) or first == text:
        return first
    second = _canonical(first, original, kept)
    if second != first:
        return Problem(1, 1, CODE, "the layout does not settle; the file is left as it is")
    return first


Comment = tuple[int, int, str]
"""A comment's 1-based line and column, and its text."""


def _canonical(text: str, original: Document, kept: list[Comment]) -> str | Problem:
    dumped = _round_trip(text)
    if isinstance(dumped, Problem):
        return dumped
    tidy = dumped.lstrip("\n").rstrip("\n") + "\n"
    # Trailing newlines can be content (a "|+" block last); then only ruamel's own
    # output is a candidate, and the check below decides.
    problem: Problem | None = None
    for candidate in dict.fromkeys((tidy, dumped)):
        problem = _differs(original, kept, candidate)
        if problem is None:
            return candidate
    assert problem is not None
    return problem


class _Resolver(VersionedResolver):
    """YAML 1.2 core without timestamps: ruamel.yaml reads 2011-02-30 as a date (and
    fails); records keep dates as text until their schema reads them."""

    @property
    def versioned_resolver(self) -> Any:
        resolvers = super().versioned_resolver
        return {
            first: [(tag, rx) for tag, rx in pairs if not tag.endswith(":timestamp")]
            for first, pairs in resolvers.items()
        }


def _yaml() -> YAML:
    handler = YAML(typ="rt")
    handler.Resolver = _Resolver
    handler.preserve_quotes = True
    handler.indent(mapping=2, sequence=4, offset=2)
    handler.width = 1_000_000  # never re-wrap a long line
    return handler


_TOKEN_AT = re.compile(r"line: (\d+), col: (\d+)")


def _round_trip(text: str) -> str | Problem:
    handler = _yaml()
    try:
        data = handler.load(text)
        out = io.StringIO()
        handler.dump(data, out)
    except NotImplementedError as exc:  # ruamel.yaml's "overlap in comment"
        found = _TOKEN_AT.search(str(exc))
        line, column = (int(found[1]) + 1, int(found[2]) + 1) if found else (1, 1)
        return Problem(
            line,
            column,
            CODE,
            "cannot reformat: ruamel.yaml cannot keep this comment (after a key whose "
            "value starts on the next line); move it onto a line of its own",
        )
    except Exception as exc:  # ruamel.yaml fails in many ways on odd input; never crash
        mark = getattr(exc, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        what = str(exc).splitlines()[0] if str(exc) else ""
        return Problem(
            line, column, CODE, f"cannot reformat: ruamel.yaml: {type(exc).__name__} {what}"
        )
    return out.getvalue()


def _differs(original: Document, kept: list[Comment], after: str) -> Problem | None:
    """Why ``after`` cannot replace the text that reads as ``original`` with the comments
    ``kept``: other data, or a comment lost or moved out of order. None when it can."""
    reread = yamlread.read(after.encode("utf-8"))
    if not isinstance(reread, Document) or repr(reread.data) != repr(original.data):
        return Problem(1, 1, CODE, "reformatting would change the data; the file is left as it is")
    found = [comment for _, _, comment in comments(after)]
    for index, (line, column, comment) in enumerate(kept):
        if index >= len(found) or found[index] != comment:
            return Problem(
                line,
                column,
                CODE,
                "reformatting would lose or move this comment; the file is left as it is",
            )
    if len(found) != len(kept):
        return Problem(1, 1, CODE, "reformatting would add a comment; the file is left as it is")
    return None


def comments(text: str) -> list[Comment]:
    """Every comment in a readable YAML text, with its 1-based line and column, in order.

    Found independently of ruamel.yaml: the text between libyaml's tokens holds
    only white space and comments."""
    scanner = PARSER(text)
    found: list[Comment] = []
    ends = [i for i, c in enumerate(text) if c == "\n"] if "#" in text else []
    done = 0
    try:
        while scanner.check_token():
            token = scanner.get_token()
            start, end = token.start_mark.index, token.end_mark.index
            if start > done:
                found.extend(_in_gap(text, ends, done, start))
            done = max(done, end)
    finally:
        scanner.dispose()
    found.extend(_in_gap(text, ends, done, len(text)))
    return found


def _in_gap(text: str, ends: list[int], start: int, end: int) -> list[Comment]:
    out = []
    at = text.find("#", start, end)
    while at >= 0:
        stop = text.find("\n", at, end)
        stop = end if stop < 0 else stop
        line = bisect_right(ends, at)
        column = at - (ends[line - 1] + 1 if line else 0)
        out.append((line + 1, column + 1, text[at:stop].rstrip()))
        at = text.find("#", stop, end)
    return out
