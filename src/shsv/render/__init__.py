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
from shsv.model import Council, Decision, Report
from shsv.render import context, environment
from shsv.repository import Repository

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


def render(repo: Repository, record_id: str, options: Options) -> str | bytes:
    """The record as a paper in ``options.format``: text for md and html, bytes for pdf."""
    record = renderable(repo, record_id)
    folders = environment.search_path(repo.root, options.templates)
    known = environment.styles(folders)
    if options.style is not None and options.style not in known:
        raise UsageError(
            f"--style {options.style!r} is not a house style; choose from {', '.join(known)}"
        )
    markup = "md" if options.format == "md" else "html"
    if isinstance(record, Report):
        council = context.publisher(repo, record)
        style = options.style or house_style(council, known)
        paper = context.for_report(repo, record, council, style, markup)
    else:
        meeting = context.meeting_of(repo, record)
        council = context.publisher(repo, meeting)
        style = options.style or house_style(council, known)
        paper = context.for_decision(repo, record, meeting, council, style, markup)
    text = _run(environment.make(folders, markup), paper, folders)
    if options.format == "pdf":
        from shsv.render.pdf import to_pdf

        return to_pdf(text)
    return tidy_markdown(text) if markup == "md" else text


def house_style(council: Council, known: tuple[str, ...]) -> str:
    """The council's own style (named in its record, or after its id) if there is one."""
    wanted = council.style or council.id
    return wanted if wanted in known else GENERIC


def _run(env: environment.PaperEnvironment, paper: context.Paper, folders: tuple[Path, ...]) -> str:
    names = [
        f"{paper.style}/{paper.kind}.{paper.format}.j2",
        f"{GENERIC}/{paper.kind}.{paper.format}.j2",
    ]
    environment.start_budget()
    try:
        template = env.select_template(names)
        return str(template.render(paper=paper))
    except TemplateSyntaxError as exc:
        where = _shown(exc.filename or exc.name or "?")
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
        raise RenderError(f"{_template_line(exc.__traceback__)}template error: {exc}") from None


def _template_line(tb: TracebackType | None) -> str:
    """'file:line: ' of the innermost template frame, from Jinja's rewritten traceback."""
    found = ""
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = f"{_shown(filename)}:{tb.tb_lineno}: "
        tb = tb.tb_next
    return found


def _shown(filename: str) -> str:
    """A shipped template as ``shsv/<style>/...`` (how an override extends it); any
    other by the path it was found at."""
    path = Path(filename)
    if path.is_relative_to(environment.PACKAGED):
        return f"shsv/{path.relative_to(environment.PACKAGED).as_posix()}"
    return filename


def _folders(folders: tuple[Path, ...]) -> str:
    return ", ".join("shsv's own styles" if f == environment.PACKAGED else str(f) for f in folders)


_BLANKS = re.compile(r"\n{3,}")
_TRAILING = re.compile(r"[ \t]+\n")


def tidy_markdown(text: str) -> str:
    """One blank line between blocks, no trailing spaces, one final newline."""
    text = _TRAILING.sub("\n", text)
    return _BLANKS.sub("\n\n", text).strip("\n") + "\n"
