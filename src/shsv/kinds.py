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
