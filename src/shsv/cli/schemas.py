"""``shsv schema``: JSON Schemas for editors, and the first line that points at them."""

from pathlib import Path
from typing import Annotated

import typer

from shsv.cli.app import RootOption, app, kind_name, root_of
from shsv.kinds import NAMES


@app.command()
def schema(
    kind: Annotated[
        str | None,
        typer.Argument(help="Only this kind (" + ", ".join(NAMES) + ").", show_default=False),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            help="Folder to write into, or - for stdout. Default: schemas/ in the repository.",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; exit 1 if a schema file is out of date."),
    ] = False,
    link: Annotated[
        bool,
        typer.Option(
            "--link",
            help="Also give each record file a first line pointing editors at its schema.",
        ),
    ] = False,
    root: RootOption = None,
) -> None:
    """Write a JSON Schema (draft-07) for each kind of record, for editors and CI.

    Editors with the YAML language server (VS Code, Neovim, Emacs) then complete field
    names and flag mistakes as you type in any record file whose first line is
    '# yaml-language-server: $schema=../../schemas/KIND.schema.json'.

    Example: shsv schema --link
    """
    from shsv import jsonschemas

    if kind is None:
        texts = jsonschemas.render_all()
    else:
        from shsv.model import KINDS

        name = kind_name(kind)
        texts = {jsonschemas.file_name(name): jsonschemas.render(KINDS[f"{name}s"])}
    if output == "-":
        _print(texts)
        return
    folder = Path(output) if output else root_of(root) / jsonschemas.FOLDER
    if check:
        _check(folder, texts)
        return
    _write(folder, texts)
    if link:
        _link(root_of(root))


def _print(texts: dict[str, str]) -> None:
    if len(texts) == 1:
        typer.echo(next(iter(texts.values())), nl=False)
        return
    import json

    typer.echo(json.dumps({name: json.loads(text) for name, text in texts.items()}, indent=2))


def _check(folder: Path, texts: dict[str, str]) -> None:
    out_of_date = [name for name, text in texts.items() if _current(folder / name) != text]
    if out_of_date:
        typer.echo(
            f"{len(out_of_date)} schema file(s) in {_shown(folder)} are missing, unreadable "
            "or out of date: "
            f"{', '.join(out_of_date)}; run shsv schema to rewrite them",
            err=True,
        )
        raise typer.Exit(1)
    typer.echo(f"{len(texts)} schema file(s) in {_shown(folder)} are up to date")


def _current(path: Path) -> str | None:
    """A schema file's text; None when it is missing or cannot be read as UTF-8 text."""
    if not path.is_file():  # a pipe or a device would block the read
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _shown(folder: Path) -> str:
    """The folder as the user would type it: relative to where they are, when inside."""
    try:
        return folder.absolute().relative_to(Path.cwd()).as_posix() or "."
    except ValueError:
        return str(folder)


def _write(folder: Path, texts: dict[str, str]) -> None:
    from shsv.atomic import write_folder

    write_folder(folder, texts)
    typer.echo(f"wrote {len(texts)} schema file(s) to {_shown(folder)}")


def _link(root: Path) -> None:
    from shsv.atomic import write_atomic
    from shsv.jsonschemas import with_modeline
    from shsv.layout import discover, inside

    changed = 0
    for file in discover(root):
        if file.folder is None or not inside(root, file.path):
            continue
        text = _record_text(file.path)
        if text is None:
            continue  # shsv validate reports the file; nothing to link here
        linked = with_modeline(text, file.rel)
        if linked != text:
            write_atomic(file.path, linked, folder=root / "data")
            changed += 1
    typer.echo(f"pointed {changed} record file(s) at their schemas")


def _record_text(path: Path) -> str | None:
    """A record file's text exactly as it is (BOM and CRLF line ends kept), or None when
    it is no plain file, too large or not UTF-8."""
    from shsv.yamltext import read_bytes

    raw = read_bytes(path)
    if isinstance(raw, bytes):
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return None
