"""The Jinja2 environment papers are rendered in: sandboxed, strict, escaped and bounded.

Templates are code and are reviewed like code, but they run in a sandbox anyway: no
dunder or internal attribute access, no mutation of the records, loops and string
repetition bounded, and every undefined name an error. HTML templates (``*.html.j2``)
are autoescaped; record text reaches them only through the ``inline`` filter, which
renders its Markdown with raw HTML off.

The search path puts a data repository's own ``templates/`` (or ``--templates DIR``)
first, then the house styles that ship with shsv; the shipped ones are also reachable
as ``shsv/<style>/...`` so an override can extend the template it replaces.
"""

from __future__ import annotations

import contextvars
import operator
from collections.abc import Callable, Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, NoReturn

from jinja2 import (
    ChoiceLoader,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    Undefined,
)
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from shsv.dates import DateSpan
from shsv.render.inline import escape_markdown, link_html, link_markdown, to_html, to_markdown

PACKAGED = Path(__file__).resolve().parent.parent / "templates"
"""The house styles that ship inside the package."""

MAX_ITERATIONS = 200_000
"""Items ``range`` may yield in one rendering, all loops together."""
MAX_REPEAT = 100_000
"""Longest string or list a template may build with ``*``."""

_budget: contextvars.ContextVar[list[int]] = contextvars.ContextVar("budget")


def start_budget() -> None:
    """Give the next rendering its own iteration budget."""
    _budget.set([MAX_ITERATIONS])


def _bounded_range(*args: int) -> Iterator[int]:
    budget = _budget.get([MAX_ITERATIONS])
    for number in range(*args):
        budget[0] -= 1
        if budget[0] < 0:
            raise SecurityError(f"the template loops more than {MAX_ITERATIONS:,} times")
        yield number


class PaperEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, with ``*`` and ``**`` checked so no template builds a huge value."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "**":
            if isinstance(right, (int, float)) and abs(right) > 64:
                raise SecurityError("the template raises a number to too high a power")
            return operator.pow(left, right)
        for value, times in ((left, right), (right, left)):
            sized = isinstance(value, (str, list, tuple)) and isinstance(times, int)
            if sized and len(value) * times > MAX_REPEAT:
                raise SecurityError("the template repeats a value too many times")
        return operator.mul(left, right)


def _refuse(name: str, wanted: str, value: object) -> NoReturn:
    """A filter given the wrong thing: a missing value fails as missing, anything else
    names the filter (not an AttributeError from deep inside it)."""
    if isinstance(value, Undefined):
        value._fail_with_undefined_error()
    raise TypeError(f"the {name} filter takes {wanted}, not {type(value).__name__}")


def _text(name: str, value: object) -> str:
    return value if isinstance(value, str) else _refuse(name, "text", value)


def long_date(span: object, ordinal: bool = False) -> str:
    """An exact day (a DateSpan or date) as '26 July 2011' (or '15th December 2009');
    other dates as written, None as nothing."""
    if span is None:
        return ""
    if isinstance(span, DateSpan):
        if not span.exact:
            return span.text
        day = span.end
    elif isinstance(span, date):
        day = span
    else:
        _refuse("long_date", "a date", span)
    suffix = _ordinal(day.day) if ordinal else ""
    return f"{day.day}{suffix} {day:%B} {day.year}"


def _ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def _is_html(name: str | None) -> bool:
    return bool(name and name.endswith(".html.j2"))


def search_path(root: Path | None, templates: Path | None) -> tuple[Path, ...]:
    """Override folders first (``--templates``, then the repository's ``templates/``)."""
    folders = [templates] if templates else []
    if root is not None and (root / "templates").is_dir():
        folders.append(root / "templates")
    return (*folders, PACKAGED)


@cache
def make(folders: tuple[Path, ...], format: str) -> PaperEnvironment:
    """An environment for one output format (md or html), kept so templates compile once."""
    loader = ChoiceLoader(
        [
            FileSystemLoader([str(f) for f in folders]),
            PrefixLoader({"shsv": FileSystemLoader(str(PACKAGED))}),
        ]
    )
    env = PaperEnvironment(
        loader=loader,
        autoescape=_is_html,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    html = format == "html"
    inline: Callable[[str], Any] = to_html if html else to_markdown
    link = link_html if html else link_markdown
    env.filters.update(
        inline=lambda value: inline(_text("inline", value)),
        text=str if html else lambda value: escape_markdown(_text("text", value)),
        link=lambda title, url: link(_text("link", title), _text("link", url)),
        long_date=long_date,
    )
    env.globals.update(range=_bounded_range)
    return env


@cache
def styles(folders: tuple[Path, ...]) -> tuple[str, ...]:
    """Every style a paper can be printed in: folders holding a paper template (listed
    once per search path, as ``make`` compiles templates once)."""
    found = {
        child.name
        for folder in folders
        if folder.is_dir()
        for child in folder.iterdir()
        if (child / "paper.md.j2").is_file() and child.name != "base"
    }
    return tuple(sorted(found))
