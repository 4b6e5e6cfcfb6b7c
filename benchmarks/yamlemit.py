"""A small YAML emitter for the generated corpus, writing the way people write records.

It mixes the styles found in hand-kept files (plain, single- and double-quoted, folded
block scalars, flow lists of ids), so every reading path is exercised. Only what the
generator produces is supported: dicts, lists, str, int, float and bool.
"""

from __future__ import annotations

import re
import textwrap
import zlib
from typing import Any

from shsv.yamlread import resolve

_BAD_START = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_BAD = set(",[]{}")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
WIDTH = 68


def plain_ok(text: str, *, flow: bool = False) -> bool:
    if not text or text != text.strip() or "\n" in text or text[0] in _BAD_START:
        return False
    if ": " in text or " #" in text or text.endswith(":") or "\t" in text:
        return False
    if flow and any(c in _FLOW_BAD for c in text):
        return False
    return isinstance(resolve(text), str)


def _roll(text: str) -> float:
    """A number in [0, 1) fixed by the text, so a fragment emits the same alone or whole."""
    return (zlib.crc32(text.encode()) % 1000) / 1000


def quoted(text: str) -> str:
    if "'" in text and '"' not in text and "\\" not in text and _roll(text) < 0.5:
        return '"' + text + '"'
    return "'" + text.replace("'", "''") + "'"


def scalar(value: Any, *, flow: bool = False) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    assert isinstance(value, str), value
    return value if plain_ok(value, flow=flow) else quoted(value)


class Emitter:
    def __init__(self, fold: float = 0.4) -> None:
        self.fold = fold
        """How often a long text is written as a folded block rather than on one line."""
        self.lines: list[str] = []

    def folds(self, text: str) -> bool:
        return len(text) > 90 and _roll(text) < self.fold

    def text(self, data: dict[str, Any]) -> str:
        self.mapping(data, 0, "")
        return "\n".join(self.lines) + "\n"

    def mapping(self, data: dict[str, Any], indent: int, first: str) -> None:
        """``first`` prefixes the first key (a list item's ``- ``)."""
        pad = " " * indent
        for i, (key, value) in enumerate(data.items()):
            lead = first if i == 0 else pad
            self.entry(f"{lead}{key}:", value, indent)

    def entry(self, head: str, value: Any, indent: int) -> None:
        if isinstance(value, dict):
            self.lines.append(head)
            self.mapping(value, indent + 2, " " * (indent + 2))
        elif isinstance(value, list):
            self.sequence(head, value, indent)
        elif isinstance(value, str) and self.folds(value):
            self.folded(head, value, indent + 2)
        else:
            self.lines.append(f"{head} {scalar(value)}")

    def sequence(self, head: str, items: list[Any], indent: int) -> None:
        if not items:
            self.lines.append(f"{head} []")
            return
        if all(isinstance(i, str) and _ID.match(i) for i in items) and len(items) <= 6:
            self.lines.append(f"{head} [{', '.join(items)}]")
            return
        self.lines.append(head)
        pad = " " * (indent + 2)
        for item in items:
            if isinstance(item, dict):
                self.mapping(item, indent + 4, f"{pad}- ")
            elif isinstance(item, list):
                cells = ", ".join(scalar(c, flow=True) for c in item)
                self.lines.append(f"{pad}- [{cells}]")
            elif isinstance(item, str) and self.folds(item):
                self.folded(f"{pad}-", item, indent + 4)
            else:
                self.lines.append(f"{pad}- {scalar(item)}")

    def folded(self, head: str, text: str, indent: int) -> None:
        self.lines.append(f"{head} >-")
        pad = " " * indent
        wrapped = textwrap.wrap(
            text, width=max(40, WIDTH - indent), break_long_words=False, break_on_hyphens=False
        )
        self.lines.extend(pad + line for line in wrapped)


def emit(data: dict[str, Any], fold: float = 0.4) -> str:
    return Emitter(fold).text(data)
