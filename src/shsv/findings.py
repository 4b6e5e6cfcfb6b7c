"""A finding before it has a position: a code, a place in the record's data, a message.

Checks and the schema return findings located by ``loc`` (the path of keys and indexes
into the record's data); the validator turns them into positioned ``Diagnostic``s by
reading the file with the position-keeping reader, only when there is something to say.
"""

from __future__ import annotations

from dataclasses import dataclass

from shsv.diagnostics import Severity
from shsv.rules import BY_CODE
from shsv.yamlbase import Loc


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    loc: Loc
    message: str
    on_key: bool = False
    """Point at the key (e.g. an unknown field) rather than its value."""

    @property
    def severity(self) -> Severity:
        return BY_CODE[self.code].severity


def dotted(loc: Loc) -> str:
    """``('body', 0, 'paragraphs')`` -> ``body[0].paragraphs``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the record"
