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


@dataclass(frozen=True, slots=True)
class RecordFile:
    """One YAML file under ``data/``."""

    path: Path
    rel: str
    """Path relative to the root, with ``/`` separators: how diagnostics name it."""
    folder: str | None
    """The kind folder it is in (``reports``), or None when it is in no kind's folder."""

    @property
    def stem(self) -> str:
        return self.path.name.rsplit(".", 1)[0]


def discover(root: Path) -> list[RecordFile]:
    """Every YAML file under ``data/``, sorted, without following links out of it."""
    data = root / DATA
    files: list[RecordFile] = []
    for folder, dirs, names in os.walk(data, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith(".") or not name.endswith(SUFFIXES):
                continue
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            parts = path.relative_to(data).parts
            kind = parts[0] if len(parts) > 1 and parts[0] in KINDS else None
            files.append(RecordFile(path, rel, kind))
    return files


def inside(root: Path, path: Path) -> bool:
    """Whether ``path``, links resolved, stays within ``root``."""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError):
        return False
    return True
