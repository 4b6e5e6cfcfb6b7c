"""Reporters, chosen by name: each turns diagnostics into text for people or machines."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby

from shsv.diagnostics import Diagnostic, Severity, count


@dataclass(frozen=True, slots=True)
class Totals:
    files: int
    records: int
    errors: int
    warnings: int

    @classmethod
    def of(cls, diagnostics: list[Diagnostic], files: int, records: int) -> Totals:
        return cls(
            files, records, count(diagnostics, Severity.ERROR), count(diagnostics, Severity.WARNING)
        )


Reporter = Callable[[list[Diagnostic], Totals, bool], str]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def text(diagnostics: list[Diagnostic], totals: Totals, color: bool) -> str:
    """For people: grouped by file, one line a finding, then a summary line."""
    from rich.console import Console
    from rich.markup import escape

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        width=100,
        highlight=False,
        soft_wrap=True,
    )
    for path, group in groupby(diagnostics, key=lambda d: d.path):
        console.print(f"[bold]{escape(path)}[/]")
        for d in group:
            style = "red" if d.severity is Severity.ERROR else "yellow"
            console.print(
                f"  {d.line}:{d.column}: [{style}]{d.severity.value}[/] "
                f"[bold]{d.code}[/] {escape(d.message)}"
            )
    files_with = len({d.path for d in diagnostics})
    checked = f"{_plural(totals.files, 'file')}, {_plural(totals.records, 'record')} checked"
    if totals.errors or totals.warnings:
        mark = "[red]✗[/]" if totals.errors else "[yellow]![/]"
        console.print(
            f"{mark} {_plural(totals.errors, 'error')}, "
            f"{_plural(totals.warnings, 'warning')} in "
            f"{_plural(files_with, 'file')} ({checked})"
        )
    else:
        console.print(f"[green]✓[/] no problems ({checked})")
    return buffer.getvalue()


def as_json(diagnostics: list[Diagnostic], totals: Totals, color: bool) -> str:
    """For machines: ``diagnostics`` and ``summary``; the shape is a stable contract."""
    document = {
        "diagnostics": [d.as_dict() for d in diagnostics],
        "summary": {
            "files": totals.files,
            "records": totals.records,
            "errors": totals.errors,
            "warnings": totals.warnings,
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(diagnostics: list[Diagnostic], totals: Totals, color: bool) -> str:
    """GitHub Actions workflow commands: each finding annotates its line in the PR."""
    lines = []
    for d in diagnostics:
        level = "error" if d.severity is Severity.ERROR else "warning"
        props = ",".join(
            (
                f"file={_escape_property(d.path)}",
                f"line={d.line}",
                f"col={d.column}",
                f"title={_escape_property(d.code)}",
            )
        )
        lines.append(f"::{level} {props}::{_escape_data(f'{d.code} {d.message}')}")
    lines.append(
        f"shsv: {_plural(totals.errors, 'error')}, "
        f"{_plural(totals.warnings, 'warning')} "
        f"({_plural(totals.files, 'file')}, {_plural(totals.records, 'record')})"
    )
    return "\n".join(lines) + "\n"


REPORTERS: dict[str, Reporter] = {"text": text, "json": as_json, "github": github}
