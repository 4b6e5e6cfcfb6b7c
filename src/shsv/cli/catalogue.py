"""``shsv list`` and ``shsv rules``: what is in the records, and what is checked."""

from typing import Annotated

import typer

from shsv.cli.app import (
    NoCacheOption,
    RootOption,
    app,
    as_of_date,
    choice,
    kind_folder,
    root_of,
    use_color,
)
from shsv.kinds import FOLDERS


@app.command("list")
def list_records(
    kind: Annotated[
        str, typer.Argument(help="One of: " + ", ".join(FOLDERS) + ".", show_default=False)
    ],
    root: RootOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    no_cache: NoCacheOption = False,
) -> None:
    """List the records of one kind: id, title or name, date, file and sources.

    Example: shsv list reports --format json
    """
    import json

    from shsv.listing import rows
    from shsv.repository import Repository

    folder = kind_folder(kind)
    name = choice(format, ("table", "json"), "--format")
    repo = Repository.open(root_of(root), as_of_date(None), cache=not no_cache)
    found = rows(repo, folder)
    if repo.errors:
        typer.echo(
            f"shsv: {len(repo.errors)} error(s) in the records; records with errors "
            "are left out (run shsv validate)",
            err=True,
        )
    if name == "json":
        typer.echo(json.dumps(found, indent=2, ensure_ascii=False))
        return
    _table(found, folder)


@app.command()
def rules(
    code: Annotated[
        str | None, typer.Argument(help="Explain one code in full.", show_default=False)
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text, json or markdown.")] = "text",
) -> None:
    """List every diagnostic code with its severity, explanation and legal citation,
    or explain one code with the checks that report it.

    Example: shsv rules D401
    """
    from shsv.rulestable import explain, render

    if code is not None:
        typer.echo(explain(code.upper()))
        return
    typer.echo(render(choice(format, ("text", "json", "markdown"), "--format")), nl=False)


COLUMNS = ("id", "title", "date", "path", "sources")


def _cells(row: dict[str, object]) -> list[str]:
    sources = row["sources"]
    assert isinstance(sources, list)
    documents = ", ".join(source["document"] for source in sources)
    return [str(row["id"]), str(row["title"]), str(row["date"] or ""), str(row["path"]), documents]


def _table(found: list[dict[str, object]], folder: str) -> None:
    rows = [_cells(row) for row in found]
    if not use_color():
        # Plain, stable columns for pipes and NO_COLOR: never wrapped, no trailing space.
        widths = [max([len(c), *(len(r[i]) for r in rows)]) for i, c in enumerate(COLUMNS)]
        for line in [list(COLUMNS), *rows]:
            typer.echo(
                "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
            )
        return
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{len(found)} {folder}", title_justify="left", box=box.SIMPLE_HEAD)
    for column in COLUMNS:
        table.add_column(column, overflow="fold")
    for cells in rows:
        table.add_row(*map(Text, cells))  # data, never markup: "[phase 2]" is text
    Console(highlight=False).print(table)
