"""Reporters, chosen by name: each turns diagnostics into text for people or machines."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
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
    """For people: grouped by file, one line a finding, then a summary line. In colour
    through rich; without, the same characters, joined here (rich took 10 ms to import,
    a twentieth of a run on a small repository, in every pipe and CI log)."""
    lines = list(_text_lines(diagnostics, totals))
    if not color:
        return "".join("".join(piece for piece, _ in line) + "\n" for line in lines)
    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=100, highlight=False, soft_wrap=True)
    for line in lines:
        console.print(Text.assemble(*line))
    return buffer.getvalue()


Piece = tuple[str, str]
"""Some text, and its style in colour (a rich style name; "" for none)."""


def _text_lines(diagnostics: list[Diagnostic], totals: Totals) -> Iterator[list[Piece]]:
    for path, group in groupby(diagnostics, key=lambda d: d.path):
        yield [(path, "bold")]
        for d in group:
            style = "red" if d.severity is Severity.ERROR else "yellow"
            yield [
                (f"  {d.line}:{d.column}: ", ""),
                (d.severity.value, style),
                (" ", ""),
                (d.code, "bold"),
                (f" {d.message}", ""),
            ]
    files_with = len({d.path for d in diagnostics})
    checked = f"{_plural(totals.files, 'file')}, {_plural(totals.records, 'record')} checked"
    if totals.errors or totals.warnings:
        mark = ("✗", "red") if totals.errors else ("!", "yellow")
        counts = f"{_plural(totals.errors, 'error')}, {_plural(totals.warnings, 'warning')}"
        yield [mark, (f" {counts} in {_plural(files_with, 'file')} ({checked})", "")]
    else:
        yield [("✓", "green"), (f" no problems ({checked})", "")]


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


def gitlab(diagnostics: list[Diagnostic], totals: Totals, color: bool) -> str:
    """GitLab Code Quality JSON: merge requests show what a change adds or fixes.

    GitLab matches findings between runs by ``fingerprint``, so it leaves the line out
    (a finding keeps its fingerprint when lines are added above it); identical findings
    in one file are told apart by their order.
    """
    import hashlib

    seen: dict[tuple[str, str, str], int] = {}
    issues = []
    for d in diagnostics:
        key = (d.path, d.code, d.message)
        seen[key] = seen.get(key, 0) + 1
        digest = hashlib.sha256("\0".join((*key, str(seen[key]))).encode("utf-8"))
        issues.append(
            {
                "type": "issue",
                "description": f"{d.code} {d.message}",
                "check_name": d.code,
                "fingerprint": digest.hexdigest(),
                "severity": "major" if d.severity is Severity.ERROR else "minor",
                "location": {"path": d.path, "lines": {"begin": d.line}},
            }
        )
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


@cache
def _not_xml() -> re.Pattern[str]:
    """Characters XML 1.0 cannot hold at all, not even escaped: compiled when first
    needed (3 ms, for every run in any format, when it was compiled on import)."""
    return re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(value: str) -> str:
    return _not_xml().sub(lambda m: f"\\x{ord(m.group()):02x}", value)


def junit(diagnostics: list[Diagnostic], totals: Totals, color: bool) -> str:
    """JUnit XML, the test report CI systems read: one test case a finding; errors fail,
    warnings pass with their text. A clean run is one passing case."""
    from xml.etree import ElementTree as ET

    suites = ET.Element("testsuites", name="shsv validate")
    suite = ET.SubElement(suites, "testsuite", name="shsv validate")
    for d in diagnostics:
        place = f"{d.path}:{d.line}:{d.column}"
        case = ET.SubElement(
            suite,
            "testcase",
            classname=_xml_text(d.path),
            name=_xml_text(f"{d.code} {place}"),
            file=_xml_text(d.path),
            line=str(d.line),
        )
        text = _xml_text(f"{place}: {d.severity.value} {d.code} {d.message}")
        if d.severity is Severity.ERROR:
            failure = ET.SubElement(case, "failure", type=d.code, message=_xml_text(d.message))
            failure.text = text
        else:
            ET.SubElement(case, "system-out").text = text
    if not diagnostics:
        case = ET.SubElement(suite, "testcase", classname="shsv", name="validate")
        checked = f"{_plural(totals.files, 'file')}, {_plural(totals.records, 'record')}"
        ET.SubElement(case, "system-out").text = f"no problems ({checked} checked)"
    counts = {"tests": str(len(suite)), "failures": str(totals.errors), "errors": "0"}
    for element in (suites, suite):
        element.attrib.update(counts)
    suite.set("skipped", "0")
    ET.indent(suites)
    body = ET.tostring(suites, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


REPORTERS: dict[str, Reporter] = {
    "text": text,
    "json": as_json,
    "github": github,
    "gitlab": gitlab,
    "junit": junit,
}
