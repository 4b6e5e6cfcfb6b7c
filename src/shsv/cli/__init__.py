"""The command line: a thin layer that turns options into calls of the core.

Each command lives in its own module; importing it registers the command on ``app``.
"""

from shsv.cli import catalogue as catalogue
from shsv.cli import export as export
from shsv.cli import fmt as fmt
from shsv.cli import report as report
from shsv.cli import scaffold as scaffold
from shsv.cli import schemas as schemas
from shsv.cli import timeline as timeline
from shsv.cli import validate as validate
from shsv.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    app()
