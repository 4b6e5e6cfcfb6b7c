"""The kinds of record by name, light enough for the command line to import at start
(the model, which says the same in ``shsv.model.KINDS``, is not; a test keeps them equal)."""

NAMES = (
    "council",
    "organisation",
    "programme",
    "arrangement",
    "meeting",
    "report",
    "decision",
    "milestone",
)
FOLDERS = tuple(f"{name}s" for name in NAMES)
"""Each kind's folder under ``data/``."""


def name_of(text: str) -> str:
    """A KIND argument as typed ('Reports', 'report') as the kind's name ('report'); a
    usage error naming the nearest kind when it is none."""
    from shsv.cli.app import choice

    return choice(_singular(text), NAMES, "KIND")


def folder_of(text: str) -> str:
    """A KIND argument as typed ('Report', 'reports') as the kind's folder ('reports'); a
    usage error naming the nearest folder when it is none."""
    from shsv.cli.app import choice

    return choice(_singular(text) + "s", FOLDERS, "KIND")


def _singular(text: str) -> str:
    # No kind's name ends in "s", so one trailing "s" is always the plural's.
    return text.lower().removesuffix("s")
