"""``shsv rules`` and the README's table of codes, from the one catalogue."""

from __future__ import annotations

import json

from shsv.errors import UsageError
from shsv.rules import BY_CODE, RULES


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


def explain(code: str) -> str:
    """One code in full: its summary, its law, and the documentation of its checks."""
    import inspect

    from shsv.checks.registry import CHECKS

    rule = BY_CODE.get(code)
    if rule is None:
        raise UsageError(f"no diagnostic code {code}; shsv rules lists them")
    lines = [f"{rule.code} {rule.name} ({rule.severity.value})", "", rule.summary]
    if rule.citation:
        lines += ["", f"Law: {rule.citation}."]
    checks = [c for c in CHECKS if code in c.codes]
    for check in checks:
        doc = inspect.getdoc(check.run) or ""
        lines += ["", f"Checked on each {check.kind.__name__.lower()}: {doc}"]
    return "\n".join(lines)
