"""``shsv export``: the records as CSV files, one JSON document, or a SQLite database."""

from pathlib import Path
from typing import Annotated

import typer

from shsv.cli.app import AsOfOption, RootOption, app, as_of_date, choice, root_of

FORMATS = ("csv", "json", "sqlite")


@app.command()
def export(
    format: Annotated[
        str,
        typer.Option("--format", "-f", help="csv (a folder of files), json or sqlite."),
    ],
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="The file (a folder for csv), or - for stdout.",
            show_default=False,
        ),
    ],
    table: Annotated[
        str | None,
        typer.Option(
            "--table",
            help="csv: only this table (e.g. reports); needed with -o -.",
            show_default=False,
        ),
    ] = None,
    skip_invalid: Annotated[
        bool,
        typer.Option(
            "--skip-invalid", help="Export the valid records even when others have errors."
        ),
    ] = False,
    root: RootOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Export the records for analysts: flat CSV tables, one JSON document, or a SQLite
    database with foreign keys and full-text search that opens in Datasette.

    sqlite needs the optional 'export' extra: pip install 'shsv[export]'.

    Example: shsv export --format sqlite -o shsv.sqlite
    """
    from shsv import export as exporting
    from shsv.errors import RecordError, UsageError
    from shsv.repository import Repository

    name = choice(format, FORMATS, "--format")
    if table is not None and name != "csv":
        raise UsageError(f"--table picks one csv table; --format {name} writes every table")
    repo = Repository.load(root_of(root), as_of_date(as_of))
    if repo.errors:
        first = repo.errors[0]
        where = f"{first.path}:{first.line}:{first.column}: {first.code} {first.message}"
        if not skip_invalid:
            raise RecordError(
                f"{len(repo.errors)} error(s) in the records, e.g. {where}; fix them "
                "(shsv validate) or pass --skip-invalid to export the valid records only"
            )
        typer.echo(
            f"shsv: {len(repo.errors)} error(s) in the records; records with errors "
            "are left out (run shsv validate)",
            err=True,
        )
    if name == "csv":
        _csv(exporting.as_csv(repo), output, table)
        return
    content = exporting.as_json(repo) if name == "json" else exporting.as_sqlite(repo)
    if output == "-":
        typer.echo(content, nl=False)
        return
    from shsv.atomic import write_atomic

    write_atomic(Path(output), content)
    typer.echo(f"exported {len(repo.records)} records to {output}")


def _csv(files: dict[str, str], output: str, table: str | None) -> None:
    from shsv.atomic import write_folder
    from shsv.errors import UsageError

    if table is not None:
        wanted = choice(table, tuple(f.removesuffix(".csv") for f in files), "--table")
        files = {f"{wanted}.csv": files[f"{wanted}.csv"]}
    if output == "-":
        if table is None:
            raise UsageError("csv is a folder of files; with -o - give --table (e.g. reports)")
        typer.echo(next(iter(files.values())), nl=False)
        return
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file; csv writes a folder of files")
    write_folder(folder, files)
    typer.echo(f"exported {len(files)} table(s) to {folder}")
