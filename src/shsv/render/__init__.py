"""Papers from records: a report as a cabinet paper, a decision as a minute.

Gather, then render, then write: ``render`` returns the document (text, or bytes for a
PDF) and never touches the disk; the command writes it atomically.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

from shsv.errors import RenderError, UsageError
from shsv.model import Decision, Report
from shsv.render import context, environment
from shsv.repository import Repository

FORMATS = ("md", "html", "pdf")
GENERIC = "generic"


@dataclass(frozen=True, slots=True)
class Options:
    format: str = "md"
    style: str | None = None
    """A house style by name, instead of the publishing council's."""
    templates: Path | None = None
    """A folder of templates searched before the repository's own and the shipped ones."""


def renderable(repo: Repository, record_id: str) -> Report | Decision:
    """The report or decision with this id, or a usage error saying what exists."""
    record = repo.records.get(record_id)
    if isinstance(record, (Report, Decision)):
        return record
    if record is None:
        # Repository.get explains a missing id or a record with errors.
        return repo.get(record_id, Report)
    raise UsageError(f"{record_id} is not a report or a decision; only those are rendered")


def style_for(repo: Repository, record: Report | Decision, options: Options) -> str:
    folders = environment.search_path(repo.root, options.templates)
    known = environment.styles(folders)
    if options.style is not None:
        if options.style not in known:
            raise UsageError(
                f"--style {options.style!r} is not a house style; choose from {', '.join(known)}"
            )
        return options.style
    council = context.publisher(repo, record)
    wanted = council.style or council.id
    return wanted if wanted in known else GENERIC


def render(repo: Repository, record_id: str, options: Options) -> str | bytes:
    """The record as a paper in ``options.format``: text for md and html, bytes for pdf."""
    record = renderable(repo, record_id)
    style = style_for(repo, record, options)
    markup = "md" if options.format == "md" else "html"
    if isinstance(record, Report):
        paper = context.for_report(repo, record, style, markup)
    else:
        paper = context.for_decision(repo, record, style, markup)
    folders = environment.search_path(repo.root, options.templates)
    text = _run(environment.make(tuple(folders), markup), paper, folders)
    if options.format == "pdf":
        from shsv.render.pdf import to_pdf

        return to_pdf(text)
    return tidy_markdown(text) if markup == "md" else text


def _run(env: environment.PaperEnvironment, paper: context.Paper, folders: list[Path]) -> str:
    names = [
        f"{paper.style}/{paper.kind}.{paper.format}.j2",
        f"{GENERIC}/{paper.kind}.{paper.format}.j2",
    ]
    environment.start_budget()
    try:
        template = env.select_template(names)
        return str(template.render(paper=paper))
    except TemplateSyntaxError as exc:
        where = _shown(exc.filename or exc.name or "?", folders)
        raise RenderError(f"{where}:{exc.lineno}: template syntax error: {exc.message}") from None
    except TemplateNotFound as exc:
        raise RenderError(f"no template {exc.name} in {_folders(folders)}") from None
    except RecursionError:
        raise RenderError("a template nests too deeply (does a macro call itself?)") from None
    except (
        TemplateError,
        ArithmeticError,
        AttributeError,  # a built-in filter given the wrong thing: dictsort on a list
        LookupError,
        TypeError,
        ValueError,
    ) as exc:
        where = _template_line(exc.__traceback__, folders)
        raise RenderError(f"{where}template error: {exc}") from None


def _template_line(tb: TracebackType | None, folders: list[Path]) -> str:
    """'file:line: ' of the innermost template frame, from Jinja's rewritten traceback."""
    found = ""
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = f"{_shown(filename, folders)}:{tb.tb_lineno}: "
        tb = tb.tb_next
    return found


def _shown(filename: str, folders: list[Path]) -> str:
    path = Path(filename)
    if path.is_relative_to(environment.PACKAGED):
        return f"shsv/{path.relative_to(environment.PACKAGED).as_posix()}"
    for folder in folders:
        if path.is_relative_to(folder):
            return (folder / path.relative_to(folder)).as_posix()
    return filename


def _folders(folders: list[Path]) -> str:
    return ", ".join(
        _shown(str(f), folders) if f == environment.PACKAGED else str(f) for f in folders
    )


_BLANKS = re.compile(r"\n{3,}")
_TRAILING = re.compile(r"[ \t]+\n")


def tidy_markdown(text: str) -> str:
    """One blank line between blocks, no trailing spaces, one final newline."""
    text = _TRAILING.sub("\n", text)
    return _BLANKS.sub("\n\n", text).strip("\n") + "\n"
