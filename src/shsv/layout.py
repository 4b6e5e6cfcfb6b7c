"""Where a data repository's files are: its root, and each record file with its kind."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from shsv.errors import ConfigError
from shsv.model import KINDS

DATA = "data"
SUFFIXES = (".yaml", ".yml")


def find_root(start: Path | None = None) -> Path:
    """The folder holding ``data/``: ``start`` itself, or the nearest one above the cwd."""
    if start is not None:
        if not (start / DATA).is_dir():
            raise ConfigError(f"{start} is not a data repository: it has no {DATA}/ folder")
        return start.resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / DATA).is_dir():
            return folder
    raise ConfigError(
        f"no {DATA}/ folder here or above; run inside a data repository or pass --root DIR"
    )


@dataclass(slots=True)
class RecordFile:
    """One YAML file under ``data/``. (Not frozen, though never changed: a frozen
    dataclass is made through ``object.__setattr__``, which took twice as long, 4 ms
    of a cold run at 13,052 files.)"""

    where: str
    """Its path as the system takes it. A string: building 10,000 ``Path`` objects
    took longer than a cached run's own work."""
    rel: str
    """Path relative to the root, with ``/`` separators: how diagnostics name it."""
    folder: str | None
    """The kind folder it is in (``reports``), or None when it is in no kind's folder."""

    @property
    def path(self) -> Path:
        return Path(self.where)

    @property
    def name(self) -> str:
        return self.rel.rsplit("/", 1)[-1]

    @property
    def stem(self) -> str:
        return self.name.rsplit(".", 1)[0]


def discover(root: Path) -> list[RecordFile]:
    """Every YAML file under ``data/``, sorted, without following links out of it."""
    data = root / DATA
    files: list[RecordFile] = []
    start = len(str(data)) + 1
    for folder, dirs, names in os.walk(data, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        # Paths are built with string operations: pathlib's parsing of 10,000 paths
        # took longer than everything else a cached run does.
        parts = folder[start:].split(os.sep) if len(folder) >= start else []  # noqa: PTH206
        kind = parts[0] if parts and parts[0] in KINDS else None
        prefix = "/".join((DATA, *parts, ""))
        here = folder + os.sep
        for name in sorted(names):
            if name.startswith(".") or not name.endswith(SUFFIXES):
                continue
            files.append(RecordFile(here + name, prefix + name, kind))
    return files


def inside(root: Path, path: Path) -> bool:
    """Whether ``path``, links resolved, stays within ``root``."""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError):
        return False
    return True
