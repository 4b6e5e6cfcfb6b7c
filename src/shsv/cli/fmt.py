"""``shsv fmt``: record files in the canonical layout, or a list of those that are not."""

from pathlib import Path
from typing import Annotated

import typer

from shsv.cli.app import RootOption, app, root_of
from shsv.errors import UsageError


@app.command()
def fmt(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH",
            help="Record files or folders to reformat. Default: every record under data/.",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; list the files that would change."),
    ] = False,
) -> None:
    """Rewrite record files in the canonical layout, keeping every comment, the order
    of keys and the quoting.

    A file is rewritten only when reading it back gives the same data and the same
    comments; a file that cannot be read, or not reformatted safely, is reported with
    its line and left as it is. Exit 0 when every file is (now) canonical; 1 when
    --check finds files to change or a file could not be reformatted; 2 on usage errors.

    Example: shsv fmt --check
    """
    from shsv.atomic import write_atomic
    from shsv.errors import WriteError
    from shsv.fmt import reformat
    from shsv.layout import inside
    from shsv.yamlread import Problem, read_bytes

    base = root_of(root)
    changed: list[str] = []
    failed = 0
    files = _files(base, paths or [])
    for path, rel in files:
        raw = (
            read_bytes(path)
            if inside(base, path)
            else Problem(1, 1, "Y117", "the file is a link to outside the repository; refused")
        )
        result = raw if isinstance(raw, Problem) else reformat(raw)
        if isinstance(result, Problem):
            code = f"{result.code} " if result.code else ""
            typer.echo(f"{rel}:{result.line}:{result.column}: {code}{result.message}", err=True)
            failed += 1
            continue
        if result.encode("utf-8") == raw:
            continue
        if not check:
            try:
                write_atomic(path, result, folder=base)
            except WriteError as exc:
                typer.echo(f"{rel}: {exc}", err=True)
                failed += 1
                continue
        changed.append(rel)
        typer.echo(f"{'would reformat' if check else 'reformatted'} {rel}")
    typer.echo(_summary(len(files), len(changed), failed, check), err=True)
    raise typer.Exit(1 if failed or (check and changed) else 0)


def _summary(files: int, changed: int, failed: int, check: bool) -> str:
    done = "would be reformatted" if check else "reformatted"
    parts = [f"{changed} {_files_word(changed)} {done}", f"{files - changed - failed} unchanged"]
    if failed:
        parts.append(f"{failed} left as {'it is' if failed == 1 else 'they are'} (see above)")
    return ", ".join(parts)


def _files_word(count: int) -> str:
    return "file" if count == 1 else "files"


def _files(base: Path, paths: list[Path]) -> list[tuple[Path, str]]:
    """The files to format, each with the name to show: relative to the root. A folder
    given stands for the record files under it (those ``shsv validate`` reads)."""
    from shsv.layout import discover, inside

    if not paths:
        return [(file.path, file.rel) for file in discover(base)]
    records = discover(base) if any(given.is_dir() for given in paths) else []
    found: dict[str, Path] = {}
    for given in paths:
        if not given.exists():
            raise UsageError(f"{given}: no such file or folder")
        if not inside(base, given):
            raise UsageError(f"{given} is outside the data repository {base}")
        if given.is_file():
            found.setdefault(_shown(base, given), given)
            continue
        folder = given.resolve()
        for file in records:
            if file.path.is_relative_to(folder):
                found.setdefault(file.rel, file.path)
    return [(path, rel) for rel, path in sorted(found.items())]


def _shown(base: Path, path: Path) -> str:
    try:
        return path.absolute().relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()
