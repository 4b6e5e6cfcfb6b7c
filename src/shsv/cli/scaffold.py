"""``shsv init`` and ``shsv new``: a new data repository, a new record."""

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from shsv.cli.app import RootOption, app, kind_folder, root_of
from shsv.kinds import NAMES


def interactive() -> bool:
    """Ask for what is missing only when a person is at a terminal."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _opt(name: str, text: str) -> Any:
    return typer.Option(name, help=text, show_default=False)


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="The folder to create (or an empty one).")],
    council: Annotated[str | None, _opt("--council", "The first council's name.")] = None,
    tier: Annotated[
        str | None,
        _opt("--tier", "Its tier: county, district, unitary, metropolitan-district, ..."),
    ] = None,
    council_id: Annotated[
        str | None, _opt("--council-id", "Its id. Default: made from the name.")
    ] = None,
) -> None:
    """Create a data repository that validates clean: data/ with its first council,
    schemas/, a templates/ override folder, .gitignore, a GitHub Actions workflow, a
    pre-commit config and a README.

    Refuses a folder that already holds data/ or any file it would write; other
    files (a .git folder, a licence) are left alone. On a terminal it asks for what
    the options do not give.

    Example: shsv init records --council "Preston City Council" --tier district
    """
    from shsv import skeleton, starter
    from shsv.model import Council

    council = council or _ask("--council", "Council name")
    tier = tier or _ask("--tier", "Tier", skeleton.choices(Council, "tier"))
    council_id = council_id or skeleton.slug(council)
    files = starter.files(council_id, council, tier)
    _write_all(directory, files)
    typer.echo(
        f"created a data repository in {directory} ({len(files)} files); "
        f"next: cd {directory} && shsv validate"
    )


def _ask(option: str, label: str, allowed: tuple[str, ...] | None = None) -> str:
    from shsv.errors import UsageError

    if not interactive():
        raise UsageError(f"{option} is needed (or run on a terminal to be asked)")
    hint = f" ({', '.join(allowed)})" if allowed else ""
    while True:
        answer = str(typer.prompt(f"{label}{hint}")).strip()
        if answer and (not allowed or answer in allowed):
            return answer
        typer.echo(f"please give one of: {', '.join(allowed)}" if allowed else "please answer")


def _write_all(directory: Path, files: dict[str, str]) -> None:
    """Check every target first, so a refusal leaves nothing half made."""
    from shsv.atomic import write_atomic, write_folder
    from shsv.errors import UsageError
    from shsv.layout import inside

    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory} is a file; give a folder for the new repository")
    if (directory / "data").exists():
        raise UsageError(f"{directory} already holds a data/ folder; shsv init starts new ones")
    present = [rel for rel in files if (directory / rel).exists()]
    if present:
        raise UsageError(
            f"{directory} already has {', '.join(present[:5])}; shsv init overwrites nothing"
        )
    for rel in files:
        if directory.exists() and not inside(directory, directory / rel):
            raise UsageError(
                f"{directory / rel} leads outside {directory}; refusing to write there"
            )
    for folder in sorted({(directory / rel).parent for rel in files}):
        write_folder(folder)
    for rel, text in files.items():
        write_atomic(directory / rel, text, folder=directory, exclusive=True)


@app.command()
def new(
    kind: Annotated[str, typer.Argument(help="One of: " + ", ".join(NAMES) + ".")],
    id_: Annotated[str | None, _opt("--id", "The id. Default: made from the name.")] = None,
    name: Annotated[str | None, _opt("--name", "A council's or organisation's name.")] = None,
    title: Annotated[str | None, _opt("--title", "The title.")] = None,
    tier: Annotated[str | None, _opt("--tier", "A council's tier.")] = None,
    type_: Annotated[str | None, _opt("--type", "An organisation's type.")] = None,
    programme: Annotated[str | None, _opt("--programme", "The programme's id.")] = None,
    council: Annotated[str | None, _opt("--council", "The council's id.")] = None,
    meeting: Annotated[str | None, _opt("--meeting", "The meeting's id.")] = None,
    body: Annotated[str | None, _opt("--body", "A meeting's body, e.g. Cabinet.")] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="The file (or its folder) under data/KINDs/, or - for stdout. "
            "Default: data/KINDs/ID.yaml.",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
) -> None:
    """Write a new record: a commented skeleton with its required fields filled in.

    Takes the required fields as options; on a terminal, asks for those not given.
    Never overwrites a file, and refuses an id that another record already has.

    Example: shsv new programme --title "Shared Services Programme"
    """
    from shsv import skeleton
    from shsv.atomic import write_atomic
    from shsv.layout import DATA, discover
    from shsv.model import KINDS

    given = {
        "id": id_,
        "name": name,
        "title": title,
        "tier": tier,
        "type": type_,
        "programme": programme,
        "council": council,
        "meeting": meeting,
        "body": body,
    }
    folder = kind_folder(kind)
    model = KINDS[folder]
    values = skeleton.complete(
        model, {k: v for k, v in given.items() if v is not None}, _ask if interactive() else None
    )
    repository = root_of(root)
    known = {(f.folder.removesuffix("s"), f.stem) for f in discover(repository) if f.folder}
    skeleton.check_new(model, values, known)
    home = repository / DATA / folder
    place = _place(home, values["id"], None if output == "-" else output)
    rel = f"{DATA}/{folder}/{place}"
    text = skeleton.record_text(model, values, rel)
    if output == "-":
        typer.echo(text, nl=False)
        return
    path = home / place
    if path.parent == home:
        home.mkdir(exist_ok=True)
    write_atomic(path, text, folder=repository / DATA, exclusive=True)
    typer.echo(f"created {rel}")


def _place(home: Path, record_id: str, output: str | None) -> str:
    """Where the new record goes, relative to ``home`` (its kind's folder) and named for
    its id: the given file or folder, with ``..`` and links resolved, must be under it."""
    from shsv.atomic import safe_name
    from shsv.errors import UsageError

    name = safe_name(record_id, ".yaml")
    if output is None:
        return name
    path = Path(output)
    if path.is_dir():
        path = path / name
    if path.name != name:
        raise UsageError(f"the file for {record_id} is named {name}, not {path.name}")
    try:
        folder = path.parent.resolve().relative_to(home.resolve())
    except (ValueError, OSError, RuntimeError):  # outside it, or a loop of links
        raise UsageError(f"records of this kind live under {home}; {output} is not there") from None
    return (folder / name).as_posix()
