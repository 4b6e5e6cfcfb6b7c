"""Numbering as papers write it: 1, 2.; 1.1, 1.2; 2.0, 3.0; a, b, c; (1), (2)."""

from __future__ import annotations

import string
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from shsv.checks.registry import Context, check
from shsv.findings import Finding
from shsv.model import Decision, Report
from shsv.model.parts import OptionsQuestion, Paragraph, Recommendation, Section
from shsv.yamlread import Loc


@lru_cache(maxsize=4096)  # a few hundred numbers a paper, the same ones in every paper
def parse_number(written: str) -> tuple[int, ...] | None:
    """'2.1' -> (2, 1); '3.0' and '3.' -> (3,); 'c' -> (3,); '(2)' -> (2,); else None."""
    text = written.strip().strip("()").rstrip(".")
    if len(text) == 1 and text in string.ascii_letters:
        return (string.ascii_lowercase.index(text.lower()) + 1,)
    parts = text.split(".")
    if not all(part.isdigit() for part in parts):
        return None
    numbers = tuple(int(part) for part in parts)
    while len(numbers) > 1 and numbers[-1] == 0:
        numbers = numbers[:-1]
    return numbers


def gaps(
    numbered: Sequence[tuple[Loc, str | None]], *, what: str, start_at_one: bool = False
) -> Iterator[Finding]:
    """Findings where a sibling's number does not follow the one before it."""
    previous: tuple[int, ...] | None = None
    for loc, written in numbered:
        if written is None:
            continue
        number = parse_number(written)
        if number is None:
            continue
        letters = written.strip().strip("()").rstrip(".").isalpha()
        if previous is None:
            if start_at_one and number[-1] != 1:
                yield Finding("D409", loc, f"{what} {written} should be numbered from 1")
        elif (
            len(number) != len(previous)
            or number[:-1] != previous[:-1]
            or number[-1] != previous[-1] + 1
        ):
            before = _show(previous, letters)
            expected = _show((*previous[:-1], previous[-1] + 1), letters)
            yield Finding(
                "D409", loc, f"{what} {written} does not follow {before}; expected {expected}"
            )
        previous = number


def _show(number: tuple[int, ...], letters: bool = False) -> str:
    if letters and len(number) == 1 and 1 <= number[0] <= 26:
        return string.ascii_lowercase[number[0] - 1]
    return ".".join(str(part) for part in number)


def _number_of(entry: Any) -> str | None:
    return entry.number if isinstance(entry, (Paragraph, Recommendation)) else None


@check(Report, "D409")
def report_numbering(report: Report, context: Context) -> Iterable[Finding]:
    """Sections, paragraphs, recommendations and options are numbered without gaps
    or repeats, and a paragraph numbered 2.1 sits in section 2."""
    yield from _recommendations(report.recommendations, ("recommendations",))
    yield from _sections(report.body, ("body",))


def _recommendations(entries: list[Any], loc: Loc) -> Iterator[Finding]:
    numbered = [((*loc, i, "number"), _number_of(e)) for i, e in enumerate(entries)]
    yield from gaps(numbered, what="recommendation")
    for i, entry in enumerate(entries):
        if isinstance(entry, Recommendation):
            yield from _recommendations(entry.items, (*loc, i, "items"))


def _sections(sections: list[Section], loc: Loc) -> Iterator[Finding]:
    yield from gaps(
        [((*loc, i, "number"), s.number) for i, s in enumerate(sections)], what="section"
    )
    for i, section in enumerate(sections):
        here = (*loc, i)
        paragraphs = [
            ((*here, "paragraphs", j, "number"), _number_of(p))
            for j, p in enumerate(section.paragraphs)
        ]
        misplaced = list(_in_section(section, paragraphs))
        wrong = {finding.loc for finding in misplaced}
        yield from gaps([p for p in paragraphs if p[0] not in wrong], what="paragraph")
        yield from misplaced
        yield from _options(section.options, (*here, "options"))
        yield from _sections(section.subsections, (*here, "subsections"))


def _in_section(section: Section, paragraphs: list[tuple[Loc, str | None]]) -> Iterator[Finding]:
    major = parse_number(section.number) if section.number else None
    if not major:
        return
    for loc, written in paragraphs:
        number = parse_number(written) if written else None
        if number and len(number) > 1 and number[0] != major[0]:
            yield Finding(
                "D409",
                loc,
                f"paragraph {written} is in section {section.number}; number it {major[0]}.n",
            )


def _options(questions: list[OptionsQuestion], loc: Loc) -> Iterator[Finding]:
    for i, question in enumerate(questions):
        numbered = [
            ((*loc, i, "options", j, "number"), str(o.number))
            for j, o in enumerate(question.options)
        ]
        yield from gaps(numbered, what="option", start_at_one=True)


@check(Decision, "D408", "D409")
def decision_numbering(decision: Decision, context: Context) -> Iterable[Finding]:
    """Resolutions are numbered (1), (2), (3)... from 1 without gaps; options likewise."""
    for finding in gaps(
        [(("resolutions", i, "number"), str(r.number)) for i, r in enumerate(decision.resolutions)],
        what="resolution",
        start_at_one=True,
    ):
        yield Finding("D408", finding.loc, finding.message)
    yield from _options(decision.options, ("options",))
