"""Numbering as papers write it: 1, 2.; 1.1, 1.2; 2.0, 3.0; a, b, c; (1), (2)."""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from shsv.checks.registry import Context, check
from shsv.findings import Finding
from shsv.model import Decision, Report
from shsv.model.parts import OptionsQuestion, Paragraph, Recommendation, Section
from shsv.yamlbase import Loc


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


Place = Callable[[int], Loc]
"""Where the i-th number of a list is written: built only for a finding."""


def gaps(
    numbers: Sequence[str | None],
    place: Place,
    *,
    what: str,
    start_at_one: bool = False,
    skip: frozenset[int] = frozenset(),
) -> Iterator[Finding]:
    """Findings where a sibling's number does not follow the one before it."""
    previous: tuple[int, ...] | None = None
    for i, written in enumerate(numbers):
        if written is None or i in skip:
            continue
        number = parse_number(written)
        if number is None:
            continue
        if previous is None:
            if start_at_one and number[-1] != 1:
                yield Finding("D409", place(i), f"{what} {written} should be numbered from 1")
        elif (
            len(number) != len(previous)
            or number[:-1] != previous[:-1]
            or number[-1] != previous[-1] + 1
        ):
            letters = written.strip().strip("()").rstrip(".").isalpha()
            before = _show(previous, letters)
            expected = _show((*previous[:-1], previous[-1] + 1), letters)
            yield Finding(
                "D409",
                place(i),
                f"{what} {written} does not follow {before}; expected {expected}",
            )
        previous = number


def _show(number: tuple[int, ...], letters: bool = False) -> str:
    if letters and len(number) == 1 and 1 <= number[0] <= 26:
        return string.ascii_lowercase[number[0] - 1]
    return ".".join(str(part) for part in number)


def _numbers(entries: list[Any]) -> list[str | None]:
    """The number of each entry written as a mapping; None for one written as text."""
    return [e.number if isinstance(e, (Paragraph, Recommendation)) else None for e in entries]


def _at(loc: Loc, *after: str) -> Place:
    return lambda i: (*loc, i, *after)


@check(Report, "D409")
def report_numbering(report: Report, context: Context) -> Iterable[Finding]:
    """Sections, paragraphs, recommendations and options are numbered without gaps
    or repeats, and a paragraph numbered 2.1 sits in section 2."""
    # One list filled by plain loops: a clean paper, the usual case, then costs no
    # generator and no place per section.
    found: list[Finding] = []
    _recommendations(report.recommendations, ("recommendations",), found)
    _sections(report.body, ("body",), found)
    return found


def _nowhere(i: int) -> Loc:
    return ()


@lru_cache(maxsize=4096)
def _in_order(numbers: tuple[str | None, ...], major: str | None = None) -> bool:
    """Whether these sibling numbers need no finding: each follows the one before and,
    under a section numbered ``major``, each paragraph's first part is the section's.
    Papers repeat the same few sequences, so the answer is remembered, and findings
    are worked out only when it is False."""
    if next(gaps(numbers, _nowhere, what=""), None) is not None:
        return False
    if major is None:
        return True
    return next(_in_section(major, numbers, _nowhere), None) is None


def _recommendations(entries: list[Any], loc: Loc, found: list[Finding]) -> None:
    numbers = _numbers(entries)
    if any(numbers) and not _in_order(tuple(numbers)):
        found.extend(gaps(numbers, _at(loc, "number"), what="recommendation"))
    for i, entry in enumerate(entries):
        if isinstance(entry, Recommendation) and entry.items:
            _recommendations(entry.items, (*loc, i, "items"), found)


def _sections(sections: list[Section], loc: Loc, found: list[Finding]) -> None:
    numbers = [s.number for s in sections]
    if not _in_order(tuple(numbers)):
        found.extend(gaps(numbers, _at(loc, "number"), what="section"))
    for i, section in enumerate(sections):
        numbers = _numbers(section.paragraphs)
        if numbers and not _in_order(tuple(numbers), section.number):
            _paragraph_findings(section.number, numbers, (*loc, i, "paragraphs"), found)
        if section.options:
            _options(section.options, (*loc, i, "options"), found)
        if section.subsections:
            _sections(section.subsections, (*loc, i, "subsections"), found)


def _paragraph_findings(
    section: str | None, numbers: list[str | None], loc: Loc, found: list[Finding]
) -> None:
    place = _at(loc, "number")
    misplaced = list(_in_section(section, numbers, place))
    wrong = frozenset(index for index, _ in misplaced)
    found.extend(gaps(numbers, place, what="paragraph", skip=wrong))
    found.extend(finding for _, finding in misplaced)


def _in_section(
    section: str | None, numbers: Sequence[str | None], place: Place
) -> Iterator[tuple[int, Finding]]:
    major = parse_number(section) if section else None
    if not major:
        return
    for i, written in enumerate(numbers):
        number = parse_number(written) if written else None
        if number and len(number) > 1 and number[0] != major[0]:
            yield (
                i,
                Finding(
                    "D409",
                    place(i),
                    f"paragraph {written} is in section {section}; number it {major[0]}.n",
                ),
            )


def _from_one(numbers: list[int]) -> bool:
    """Whether whole numbers run 1, 2, 3...: the usual case, which ``gaps`` would pass."""
    return numbers == list(range(1, len(numbers) + 1))


def _options(questions: list[OptionsQuestion], loc: Loc, found: list[Finding]) -> None:
    for i, question in enumerate(questions):
        numbers = [o.number for o in question.options]
        if not _from_one(numbers):
            place = _at((*loc, i, "options"), "number")
            written = [str(n) for n in numbers]
            found.extend(gaps(written, place, what="option", start_at_one=True))


@check(Decision, "D408", "D409")
def decision_numbering(decision: Decision, context: Context) -> Iterable[Finding]:
    """Resolutions are numbered (1), (2), (3)... from 1 without gaps; options likewise."""
    found: list[Finding] = []
    numbers = [r.number for r in decision.resolutions]
    if not _from_one(numbers):
        place = _at(("resolutions",), "number")
        written = [str(n) for n in numbers]
        for finding in gaps(written, place, what="resolution", start_at_one=True):
            found.append(Finding("D408", finding.loc, finding.message))
    _options(decision.options, ("options",), found)
    return found
