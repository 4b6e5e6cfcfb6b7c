"""``shsv report``: a report as a cabinet paper, a decision as a minute."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from shsv.cli.app import NoCacheOption, RootOption, app, as_of_date, choice, root_of
from shsv.errors import RecordError, RenderError, UsageError, WriteError

if TYPE_CHECKING:
    from shsv.render import Options
    from shsv.repository import Repository

FORMATS = ("md", "html", "pdf")


@app.command()
def report(
    record_id: Annotated[
        str | None,
        typer.Argument(metavar="ID", help="The report or decision to render.", show_default=False),
    ] = None,
    root: RootOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="md, html or pdf.")] = "md",
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file ('-' for stdout). Needed for pdf. With --all: a folder.",
            show_default=False,
        ),
    ] = None,
    style: Annotated[
        str | None,
        typer.Option(
            "--style",
            help="Print in this house style instead of the council's own.",
            show_default=False,
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            help="A folder of templates searched first (before the repository's templates/).",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    every: Annotated[
        bool,
        typer.Option("--all", help="Render every report and decision into the folder -o names."),
    ] = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Render a report as a cabinet paper, or a decision as a minute, in the house style
    of the council that publishes it.

    Without -o, md and html go to stdout. Exit 1 when the records it needs have errors
    or a template fails; 2 for an unknown id, style or option.

    Example: shsv report lancaster-2011-07-26-shared-services-programme --format html -o paper.html
    """
    from shsv.render import Options, render
    from shsv.repository import Repository

    name = choice(format, FORMATS, "--format")
    if templates is not None and not templates.is_dir():
        raise UsageError(f"--templates {templates}: no such folder")
    if every == (record_id is not None):
        raise UsageError("give a report or decision ID, or --all with -o FOLDER (not both)")
    target = None if output is None or output == "-" else Path(output)
    if every and target is None:
        raise UsageError("--all writes one file per paper: give -o FOLDER")
    if name == "pdf" and target is None:
        raise UsageError("a pdf is binary: give -o FILE.pdf")
    repo = Repository.open(root_of(root), as_of_date(None), cache=not no_cache)
    options = Options(format=name, style=style, templates=templates)
    if every:
        assert target is not None
        _render_all(repo, options, target)
        return
    assert record_id is not None
    _deliver(render(repo, record_id, options), target)


def _deliver(document: str | bytes, target: Path | None) -> None:
    from shsv.atomic import write_atomic

    if target is None:
        typer.echo(document, nl=False)
        return
    write_atomic(target, document)


def _render_all(repo: "Repository", options: "Options", output: Path) -> None:
    """Every paper that renders is written; each one that fails is named on stderr and
    the command fails at the end, so one bad record does not stop the rest."""
    from shsv.atomic import safe_name, write_atomic, write_folder
    from shsv.model import Decision, Report
    from shsv.render import render

    folder = write_folder(output)
    # By id, so a large repository's records are read as needed, not held all at once.
    papers = [*repo.ids_of(Report), *repo.ids_of(Decision)]
    failed = 0
    for record_id in papers:
        target = folder / safe_name(record_id, f".{options.format}")
        try:
            write_atomic(target, render(repo, record_id, options), folder=folder)
        except (RecordError, RenderError, WriteError) as exc:
            typer.echo(f"shsv: error: {record_id}: {exc}", err=True)
            failed += 1
    typer.echo(f"{len(papers) - failed} papers written to {folder}", err=True)
    if failed:
        raise RenderError(f"{failed} of {len(papers)} papers failed; see above")
