"""The command line: a thin layer that turns options into calls of the core."""

from shsv.cli import catalogue, validate
from shsv.cli.app import app

__all__ = ["app", "catalogue", "main", "validate"]


def main() -> None:
    app()
