"""Atomic writes: the new content appears whole, or the old file stays byte-identical.

Every file shsv writes (papers, exports, reformatted records, new records, schemas)
goes through ``write_atomic``: a temporary file in the same folder, flushed to disk,
then renamed over the target. A failure at any point (an encoding error, a full disk,
an interrupt) removes the temporary file and leaves the target as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from shsv.errors import WriteError


def check_target(path: Path, folder: Path | None = None) -> Path:
    """The real file to write: refuses a link that leads out of ``folder``
    (default: the target's own folder) and a target that is a directory."""
    folder = (folder or path.parent).resolve()
    if path.is_symlink():
        real = path.resolve()
        if not real.is_relative_to(folder):
            raise WriteError(
                f"{path} is a link to {real}, outside {folder}; refusing to write through it"
            )
        path = real
    if path.is_dir():
        raise WriteError(f"{path} is a folder; give a file name")
    return path


def write_atomic(
    path: Path, content: str | bytes, *, folder: Path | None = None, exclusive: bool = False
) -> None:
    """Write ``content`` to ``path`` atomically.

    ``exclusive`` refuses to replace an existing file (for new records). Text is
    encoded as UTF-8 before anything touches the disk.
    """
    target = check_target(path, folder)
    data = content.encode("utf-8") if isinstance(content, str) else content
    if exclusive and target.exists():
        raise WriteError(f"{target} already exists; shsv does not overwrite it")
    parent = target.parent
    if not parent.is_dir():
        raise WriteError(f"cannot write {target}: the folder {parent} does not exist")
    try:
        handle, name = tempfile.mkstemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise WriteError(f"cannot write {target}: {exc.strerror}") from None
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            temporary.chmod(target.stat().st_mode & 0o7777)
        else:
            temporary.chmod(0o666 & ~_umask())
        if exclusive:
            os.link(temporary, target)  # fails if a file appeared meanwhile
            temporary.unlink()
        else:
            temporary.replace(target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(exc, FileExistsError):
            raise WriteError(f"{target} already exists; shsv does not overwrite it") from None
        if isinstance(exc, OSError):
            raise WriteError(
                f"cannot write {target}: {exc.strerror}; the existing file is unchanged"
            ) from None
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
