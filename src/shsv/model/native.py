"""Building blocks for field checks that pydantic-core runs natively, without calling
back into Python.

Every record file is validated once per run, tens of thousands of times on a large
repository, and each call from pydantic-core into a Python function (a discriminator,
a plain validator) costs more than the check it makes. These blocks keep the common
path inside pydantic-core; ``shsv.schema`` turns the errors they raise back into the
findings a Python check would have given, so messages, codes and places stay the same.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from typing import Any, cast

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

FAST_FORM = "as-common-form"
"""The label of a fast check's branch: its errors are never shown (the exact check,
tried next, has the last word)."""
EXACT_FORM = "as-written"
"""The label of the exact check that runs when the fast one refuses a value."""


class LeftToRight:
    """Marks a union whose branches are tried in order, the first that fits winning.

    pydantic-core runs the branches itself, where a callable discriminator would call
    Python for every value. When every branch fails, it reports each branch's errors
    under the branch's label (its ``Tag``); ``shsv.schema`` keeps only those of the
    branch the value's type chose. Editors still see ``oneOf``, as they did with a
    discriminated union.
    """

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        schema = handler(source)
        if schema["type"] != "union":
            raise TypeError(f"{source!r} is not a union")
        union = cast(core_schema.UnionSchema, schema)
        union["mode"] = "left_to_right"
        return union

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        if "anyOf" in json_schema:
            json_schema["oneOf"] = json_schema.pop("anyOf")
        return json_schema


class Native:
    """An annotation that gives a field a ready-made core schema."""

    def __init__(self, schema: CoreSchema) -> None:
        self.schema = schema

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        # A copy for each field: pydantic adds the field's own annotations (its JSON
        # Schema, its serializer) to the schema it is given.
        return copy.deepcopy(self.schema)


def fast_or_exact(fast: CoreSchema, exact: Callable[[Any], Any]) -> Native:
    """``fast`` where it accepts a value, else the Python function ``exact``.

    ``fast`` must accept only values ``exact`` accepts, and give the same result for
    them; it need not accept them all. A value it refuses goes to ``exact``, whose
    errors alone are reported.
    """
    exact_schema = core_schema.no_info_plain_validator_function(exact)
    return Native(
        core_schema.union_schema(
            [(fast, FAST_FORM), (exact_schema, EXACT_FORM)], mode="left_to_right"
        )
    )


def words_except(alphabet: str, words: Iterable[str]) -> str:
    """A regex (no look-around: pydantic-core's regex engine has none) for one or more
    characters of the class ``alphabet`` (e.g. ``a-z0-9``) other than ``words``.

    Built from a trie of ``words``: at each prefix, the text may end there (if the
    prefix is no word), go on with a character no word goes on with, or follow a word.
    """
    chars = _expand(alphabet)
    trie: dict[str, Any] = {}
    for word in words:
        assert word and set(word) <= set(chars), word
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # the end of a word
    return _rest(trie, chars, alphabet, first=True)


def _rest(node: dict[str, Any], chars: str, alphabet: str, *, first: bool) -> str:
    branches = [] if first or "" in node else [""]
    others = "".join(char for char in chars if char not in node)
    if others == chars:
        branches.append(f"[{alphabet}]+")
    elif others:
        branches.append(f"[{_ranges(others)}][{alphabet}]*")
    for char in sorted(key for key in node if key):
        branches.append(char + _rest(node[char], chars, alphabet, first=False))
    return "(?:" + "|".join(branches) + ")"


def _expand(alphabet: str) -> str:
    """``a-z0-9`` -> every character it stands for."""
    chars, index = [], 0
    while index < len(alphabet):
        if index + 2 < len(alphabet) and alphabet[index + 1] == "-":
            low, high = alphabet[index], alphabet[index + 2]
            chars += [chr(code) for code in range(ord(low), ord(high) + 1)]
            index += 3
        else:
            chars.append(alphabet[index])
            index += 1
    return "".join(chars)


def _ranges(chars: str) -> str:
    """The shortest class body for ``chars`` (sorted, no ``-`` or ``]`` among them)."""
    out: list[str] = []
    for char in chars:
        if out and ord(out[-1][-1]) + 1 == ord(char):
            out[-1] = out[-1] + char
        else:
            out.append(char)
    return "".join(run if len(run) < 3 else f"{run[0]}-{run[-1]}" for run in out)
