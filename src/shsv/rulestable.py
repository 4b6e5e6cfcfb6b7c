"""``shsv rules`` and the README's table of codes, from the one catalogue."""

from __future__ import annotations

import json

from shsv.rules import RULES


def render(format: str) -> str:
    if format == "json":
        return (
            json.dumps(
                [
                    {
                        "code": r.code,
                        "name": r.name,
                        "severity": r.severity.value,
                        "summary": r.summary,
                        "citation": r.citation or None,
                    }
                    for r in RULES
                ],
                indent=2,
            )
            + "\n"
        )
    if format == "markdown":
        lines = ["| code | name | severity | what it means | law |", "|---|---|---|---|---|"]
        lines += [
            f"| {r.code} | {r.name} | {r.severity.value} | {r.summary} | {r.citation} |"
            for r in RULES
        ]
        return "\n".join(lines) + "\n"
    out = []
    for r in RULES:
        out.append(f"{r.code}  {r.name:<26} {r.severity.value:<8} {r.summary}")
        if r.citation:
            out.append(f"{'':6}{'':<26} {'':<8} ({r.citation})")
    return "\n".join(out) + "\n"
