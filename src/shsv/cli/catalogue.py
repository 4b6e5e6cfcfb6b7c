"""``shsv list``."""

from __future__ import annotations

from typing import Annotated

import typer

from shsv.cli.app import RootOption, app, as_of_date, choice, root_of, use_color

KIND_FOLDERS = (
    "councils",
    "organisations",
    "programmes",
    "arrangements",
    "meetings",
    "reports",
    "decisions",
    "milestones",
)


@app.command("list")
def list_records(
    kind: Annotated[
        str, typer.Argument(help="One of: " + ", ".join(KIND_FOLDERS) + ".", show_default=False)
    ],
    root: RootOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """List the records of one kind: id, title or name, date, file and sources.

    Example: shsv list reports --format json
    """
    import json

    from shsv.listing import rows
    from shsv.repository import Repository

    folder = choice(kind if kind.endswith("s") else f"{kind}s", KIND_FOLDERS, "KIND")
    name = choice(format, ("table", "json"), "--format")
    repo = Repository.load(root_of(root), as_of_date(None))
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


def _table(found: list[dict[str, object]], folder: str) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    color = use_color()
    table = Table(
        title=f"{len(found)} {folder}",
        title_justify="left",
        box=box.SIMPLE_HEAD if color else None,
        show_edge=False,
        pad_edge=False,
    )
    for column in ("id", "title", "date", "path", "sources"):
        table.add_column(column, overflow="fold")
    for row in found:
        sources = row["sources"]
        assert isinstance(sources, list)
        table.add_row(
            str(row["id"]),
            str(row["title"]),
            str(row["date"] or ""),
            str(row["path"]),
            ", ".join(s["document"] for s in sources),
        )
    Console(
        force_terminal=color, no_color=not color, width=None if color else 160, highlight=False
    ).print(table)
