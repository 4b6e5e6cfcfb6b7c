"""Atomic writes: the new content appears whole, or the old file stays byte-identical.

Every file shsv writes (papers, exports, reformatted records, new records, schemas)
goes through ``write_atomic``: a temporary file in the same folder, flushed to disk,
then renamed over the target. A failure at any point (an encoding error, a full disk,
an interrupt) removes the temporary file and leaves the target as it was.

Names and places are checked first: ``safe_name`` refuses a file name made from an id
that would climb out of its folder or name a device, and ``check_target`` refuses a
target that is, or lies behind, a link leading out of the folder it should be in.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

from shsv.errors import UsageError, WriteError

DEVICES = frozenset(
    {"con", "prn", "aux", "nul", "conin$", "conout$", "clock$"}
    | {f"{port}{n}" for port in ("com", "lpt") for n in (*"0123456789", "¹", "²", "³")}
)
"""Names Windows keeps for devices, whatever the extension ("con.html" is the console):
no file shsv writes, and no record id, may take one."""
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")


def safe_name(stem: str, suffix: str = "") -> str:
    """``stem + suffix`` as a file name, or a usage error if ``stem`` (an id, say)
    could not be one safely: no folders, no climbing out, no devices, nothing hidden."""
    name = stem + suffix
    problem = None
    if not stem or stem in {".", ".."}:
        problem = "it is empty or a folder reference"
    elif _UNSAFE.search(stem):
        problem = "it holds a path separator, a drive colon or a character files cannot"
    elif stem.startswith((".", "-")) or stem.endswith((".", " ")):
        problem = "it starts with a dot or a hyphen, or ends with a dot or a space"
    elif name.split(".")[0].rstrip(" ").lower() in DEVICES:
        problem = "it is a device name on Windows"
    elif len(name.encode("utf-8")) > 200:
        problem = "it is too long"
    if problem:
        raise UsageError(f"{stem!r} cannot be used as a file name: {problem}")
    return name


def write_folder(folder: Path, files: dict[str, str] | None = None) -> Path:
    """Make ``folder`` (and its parents) for a command's files and write ``files``
    into it, each atomically and none through a link out of it; a WriteError, never a
    traceback, when the folder cannot be made (a file in the way, no permission)."""
    if folder.exists() and not folder.is_dir():
        raise WriteError(f"{folder} is a file; give a folder for the files")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"cannot create {folder}: {exc.strerror}") from None
    for name, text in (files or {}).items():
        write_atomic(folder / name, text, folder=folder)
    return folder


def check_target(path: Path, folder: Path | None = None) -> Path:
    """The real file to write: refuses a target whose real place, links resolved, is
    outside ``folder`` (default: the target's own folder, so that only a link in the
    last step is checked) and a target that is a folder."""
    try:
        base = (folder or path.parent).resolve()
        real = path.resolve()
    except (OSError, RuntimeError) as exc:  # a loop of links
        raise WriteError(f"cannot write {path}: {exc}") from None
    if not real.is_relative_to(base):
        if path.is_symlink():
            raise WriteError(
                f"{path} is a link to {real}, outside {base}; refusing to write through it"
            )
        raise WriteError(f"{path} leads to {real}, outside {base}; refusing to write there")
    if real.is_dir():
        raise WriteError(f"{path} is a folder; give a file name")
    return real


def write_atomic(
    path: Path,
    content: str | bytes | Iterable[bytes],
    *,
    folder: Path | None = None,
    exclusive: bool = False,
    durable: bool = True,
) -> None:
    """Write ``content`` to ``path`` atomically.

    ``exclusive`` refuses to replace an existing file (for new records). Text is
    encoded as UTF-8 before anything touches the disk. Parts (an iterable of bytes)
    are written as they come; if producing one fails, the target stays as it was.
    ``durable=False`` skips flushing to disk: the write is still whole or nothing while
    the system runs, but a power cut soon after may leave the file empty or torn. Only
    for what checks itself when read (the signed validation cache, whose 10 MB took
    15 ms to flush).
    """
    target = check_target(path, folder)
    data = _encode(content, target)
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
            for part in (data,) if isinstance(data, bytes) else data:
                stream.write(part)
            stream.flush()
            if durable:
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
                f"cannot write {target}: {exc.strerror or exc}; the existing file is unchanged"
            ) from None
        raise
    if durable:
        _sync_folder(parent)


def _encode(content: str | bytes | Iterable[bytes], target: Path) -> bytes | Iterable[bytes]:
    if not isinstance(content, str):
        return content
    try:
        return content.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise WriteError(
            f"cannot write {target}: the text holds {exc.object[exc.start]!r} at character "
            f"{exc.start}, which is not valid Unicode; nothing was written"
        ) from None


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; some systems cannot, which costs only that."""
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
