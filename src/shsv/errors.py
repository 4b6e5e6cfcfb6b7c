"""The one exception root. The CLI maps each kind to a message and an exit code.

Anything that is not a ``ShsvError`` is a bug and keeps its traceback.
"""

from __future__ import annotations


class ShsvError(Exception):
    """A failure the user can act on. ``exit_code`` is part of the CLI contract."""

    exit_code = 1


class UsageError(ShsvError):
    """The command line asks for something impossible (bad option, unknown id)."""

    exit_code = 2


class ConfigError(ShsvError):
    """The data repository cannot be found or is not laid out as shsv expects."""

    exit_code = 2


class RecordError(ShsvError):
    """The records needed for a command have errors; run ``shsv validate``."""

    exit_code = 1


class RenderError(ShsvError):
    """A template failed while rendering a paper."""

    exit_code = 1


class WriteError(ShsvError):
    """An output file could not be written; any earlier file is left untouched."""

    exit_code = 1
