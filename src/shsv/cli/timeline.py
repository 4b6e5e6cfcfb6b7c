"""``shsv timeline``: where every programme stands, as of any date."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from shsv.cli.app import AsOfOption, RootOption, app, as_of_date, choice, root_of, use_color

if TYPE_CHECKING:
    from shsv.timeline.items import Status
    from shsv.timeline.view import View

FORMATS = ("table", "json", "ics")
STATUSES = ("done", "on-track", "due-soon", "overdue", "slipped", "cancelled", "fallen", "undated")


@app.command()
def timeline(
    programmes: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PROGRAMME_ID",
            help="Show only these programmes (default: all).",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
    as_of: AsOfOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, json or ics.")] = "table",
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            "-s",
            metavar="S",
            help="Show only items with this status (repeat it or separate with commas): "
            + ", ".join(STATUSES)
            + ".",
            show_default=False,
        ),
    ] = None,
    within: Annotated[
        int, typer.Option("--within", metavar="DAYS", help="'Due soon' means within DAYS days.")
    ] = 28,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            metavar="overdue",
            help="Exit 1 when any item of the chosen programmes is overdue (for CI).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (atomically) instead of standard output.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
) -> None:
    """Show milestones, meetings, decisions and status changes with each item's status
    as of a date: done, on track, due soon, overdue, slipped, cancelled, fallen or
    undated. Exit 0, or 1 with --fail-on overdue when something is overdue; 2 on
    usage errors.

    Example: shsv timeline lancaster-shared-services-programme --as-of 2012-06-01
    """
    from shsv.errors import UsageError
    from shsv.repository import Repository
    from shsv.timeline.view import make_view

    name = choice(format, FORMATS, "--format")
    if fail_on is not None:
        choice(fail_on, ("overdue",), "--fail-on")
    if within < 0:
        raise UsageError(f"--within must be 0 or more days, not {within}")
    wanted = _statuses(status or [])
    day = as_of_date(as_of)
    repo = Repository.load(root_of(root), day)
    view = make_view(repo, day, within=within, ids=programmes or [], statuses=wanted)
    if repo.errors:
        typer.echo(
            f"shsv: {len(repo.errors)} error(s) in the records; records with errors "
            "are left out (run shsv validate)",
            err=True,
        )
    _emit(view, name, output)
    if fail_on and view.overdue:
        raise typer.Exit(1)


def _statuses(values: list[str]) -> "frozenset[Status] | None":
    from shsv.timeline.items import Status

    if not values:
        return None
    words = [
        w.strip().lower().replace(" ", "-").replace("_", "-") for v in values for w in v.split(",")
    ]
    return frozenset(Status(choice(w, STATUSES, "--status")) for w in words if w)


def _emit(view: "View", name: str, output: Path | None) -> None:
    from shsv.timeline import export, table

    if name == "json":
        content: str | bytes = export.to_json(view)
    elif name == "ics":
        content = export.to_ics(view)
    elif output is None and use_color():
        _print_rich(view)
        return
    else:
        content = table.plain(view)
    if output is not None:
        from shsv.atomic import write_atomic

        write_atomic(output, content)
    else:
        typer.echo(content, nl=False)  # bytes go to the binary stream, CRLF intact


def _print_rich(view: "View") -> None:
    from rich.console import Console
    from rich.text import Text

    from shsv.timeline.table import STYLES, layout

    console = Console(highlight=False)
    for line in layout(view, console.width):
        text = Text.assemble(*((t, STYLES.get(s, "")) for t, s in line))
        text.rstrip()
        console.print(text, no_wrap=True, overflow="crop")
