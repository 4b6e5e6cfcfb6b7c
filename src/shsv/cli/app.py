"""The Typer application, its shared options, and the one place errors become exits.

Command modules import only this and the standard library at the top; whatever a
command needs heavier is imported inside it, so ``shsv --help`` stays instant.
"""

import os
import sys
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from shsv import __version__
from shsv.errors import ShsvError, UsageError
from shsv.kinds import FOLDERS, NAMES


class ShsvGroup(TyperGroup):
    """Maps ``ShsvError`` to its message on stderr and its exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ShsvError as exc:
            fail(exc)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """An unknown command names the nearest one: "valdiate" -> validate."""
        name = args[0] if args else ""
        if name[:1].isalpha() and not ctx.resilient_parsing and not self.get_command(ctx, name):
            import difflib

            near = difflib.get_close_matches(name, self.list_commands(ctx), n=1)
            if near:
                ctx.fail(f"no such command {name!r}; did you mean {near[0]}?")
        return super().resolve_command(ctx, args)


def fail(exc: ShsvError) -> NoReturn:
    typer.echo(f"shsv: error: {exc}", err=True)
    raise typer.Exit(exc.exit_code)


app = typer.Typer(
    cls=ShsvGroup,
    name="shsv",
    help="Records, checks, papers and timelines for council shared-services programmes.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"shsv {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Records, checks, papers and timelines for council shared-services programmes.

    Exit codes: 0 success, 1 findings or a failed command, 2 usage or configuration error.
    """


RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        help="The data repository (the folder holding data/). "
        "Default: the nearest one at or above the current directory.",
        file_okay=False,
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="Judge the records as of this day (YYYY-MM-DD). Default: today.",
        show_default=False,
    ),
]

NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        envvar="SHSV_NO_CACHE",
        help="Check every file afresh; neither read nor write .shsv-cache/.",
    ),
]


def as_of_date(value: str | None) -> date:
    if value is None:
        return date.today()
    from shsv.dates import DateError, parse_day

    try:
        return parse_day(value)
    except DateError as exc:
        raise UsageError(f"--as-of: {exc}") from None


def root_of(value: Path | None) -> Path:
    from shsv.layout import find_root

    return find_root(value)


def use_color() -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set."""
    return _color(sys.stdout.isatty(), os.environ)


def _color(isatty: bool, environ: Mapping[str, str]) -> bool:
    return isatty and not environ.get("NO_COLOR")  # set but empty counts as unset


def choice(value: str, allowed: tuple[str, ...], option: str) -> str:
    if value not in allowed:
        import difflib

        near = difflib.get_close_matches(value, allowed, n=1)
        hint = f"; did you mean {near[0]}?" if near else ""
        raise UsageError(f"{option} must be one of {', '.join(allowed)}, not {value!r}{hint}")
    return value


def kind_name(text: str) -> str:
    """A KIND argument as typed ('Reports', 'report') as the kind's name ('report'); a
    usage error naming the nearest kind when it is none."""
    return choice(_singular(text), NAMES, "KIND")


def kind_folder(text: str) -> str:
    """A KIND argument as typed ('Report', 'reports') as the kind's folder ('reports'); a
    usage error naming the nearest folder when it is none."""
    return choice(_singular(text) + "s", FOLDERS, "KIND")


def _singular(text: str) -> str:
    # No kind's name ends in "s", so one trailing "s" is always the plural's.
    return text.lower().removesuffix("s")
