"""``shsv validate``."""

import os
from typing import Annotated

import typer

from shsv.cli.app import (
    AsOfOption,
    NoCacheOption,
    RootOption,
    app,
    as_of_date,
    choice,
    root_of,
    use_color,
)

FORMATS = ("text", "json", "github", "gitlab", "junit")


@app.command()
def validate(
    root: RootOption = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="text, json, github, gitlab or junit. "
            "Default: github when GITHUB_ACTIONS is set, else text.",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (exit 1) on warnings too.")
    ] = False,
    no_cache: NoCacheOption = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Processes to check files with. Default: one per core, "
            "when there are enough files to pay for them.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check every record: YAML, schema, references and statutory rules.

    Exit 0 when clean (warnings allowed unless --strict), 1 on findings, 2 on usage or
    configuration errors. Results are cached in .shsv-cache/, so a second run checks
    only the files that changed.

    Example: shsv validate --format json --as-of 2012-06-01
    """
    from shsv.collector import no_gc

    # Loading the models and checking make no garbage cycles worth collecting: the
    # collector would only walk every object again and again (a tenth of a run).
    with no_gc():
        from shsv.checks.registry import Context
        from shsv.cli.progress import bar
        from shsv.diagnostics import Severity
        from shsv.reporters import REPORTERS, Totals
        from shsv.validate import run

        default = "github" if os.environ.get("GITHUB_ACTIONS") else "text"
        name = choice(format or default, FORMATS, "--format")
        context = Context(as_of=as_of_date(as_of))
        with bar("Checking records") as progress:
            outcome = run(root_of(root), context, cache=not no_cache, jobs=jobs, progress=progress)
    records = len(outcome.paths)
    totals = Totals.of(outcome.diagnostics, outcome.files, records)
    typer.echo(REPORTERS[name](outcome.diagnostics, totals, use_color()), nl=False)
    failed = totals.errors or (
        strict and any(d.severity is Severity.WARNING for d in outcome.diagnostics)
    )
    raise typer.Exit(1 if failed else 0)
