"""Writes are atomic and stay where they belong: a failure part-way leaves the old
file byte-identical and no temporary file; names made from ids cannot climb out of
their folder; links leading out of the target folder are refused."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from shsv import atomic
from shsv.atomic import check_target, safe_name, write_atomic
from shsv.errors import UsageError, WriteError

OLD = b"id: x\nname: The old content\n"


@pytest.fixture
def target(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "paper.html"
    path.write_bytes(OLD)
    path.chmod(0o640)
    return path


def unchanged(path: Path) -> None:
    """The old file is byte-identical and nothing else was left in its folder."""
    assert path.read_bytes() == OLD
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


@pytest.mark.parametrize(
    "name", ["lancaster-city-council", "a", "x1-2", "report-2011-07-26", "cons", "com10"]
)
def test_safe_names(name: str) -> None:
    assert safe_name(name, ".html") == f"{name}.html"


@pytest.mark.parametrize(
    "name",
    [
        "",
        ".",
        "..",
        "../x",
        "../../etc/passwd",
        "/etc/passwd",
        "a/b",
        "a\\b",
        "C:x",
        "con",
        "CON",
        "nul",
        "aux",
        "prn",
        "com1",
        "LPT9",
        "conin$",
        "x\x00y",
        "x\ny",
        ".hidden",
        "-rf",
        "x.",
        "x ",
        "a" * 300,
    ],
)
def test_unsafe_names_are_refused(name: str) -> None:
    with pytest.raises(UsageError, match="cannot be used as a file name"):
        safe_name(name, ".html")


def test_a_device_name_is_refused_with_any_suffix() -> None:
    with pytest.raises(UsageError):
        safe_name("nul", ".yaml")


def test_file_names_and_ids_refuse_the_same_devices() -> None:
    from shsv import skeleton
    from shsv.model.types import ID_JSON_SCHEMA, MAX_ID, is_id

    for device in atomic.DEVICES:
        with pytest.raises(UsageError, match="device name"):
            safe_name(device, ".yaml")
        assert not is_id(device)
    slugs = sorted(device for device in atomic.DEVICES if device.isalnum() and device.isascii())
    assert ID_JSON_SCHEMA["not"] == {"enum": slugs} and len(slugs) == 24
    assert is_id("a" * MAX_ID) and not is_id("a" * (MAX_ID + 1))
    assert ID_JSON_SCHEMA["maxLength"] == MAX_ID == 80
    assert skeleton.check_id("a" * MAX_ID) == "a" * MAX_ID
    with pytest.raises(UsageError, match=f"at most {MAX_ID} characters"):
        skeleton.check_id("com1")


def test_a_link_out_of_the_folder_is_refused(target: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"precious")
    link = target.parent / "link.html"
    link.symlink_to(outside)
    with pytest.raises(WriteError, match=r"is a link to .*outside"):
        write_atomic(link, "<p>new</p>")
    assert outside.read_bytes() == b"precious" and link.is_symlink()


def test_a_dangling_link_out_of_the_folder_is_refused(target: Path, tmp_path: Path) -> None:
    link = target.parent / "link.html"
    link.symlink_to(tmp_path / "not-yet")
    with pytest.raises(WriteError, match="outside"):
        write_atomic(link, "x")
    assert not (tmp_path / "not-yet").exists()


def test_a_link_inside_the_folder_is_followed(target: Path) -> None:
    link = target.parent / "link.html"
    link.symlink_to(target.name)
    write_atomic(link, "new")
    assert target.read_text() == "new" and link.is_symlink()


def test_a_linked_folder_leading_out_is_refused(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "papers").symlink_to(elsewhere)
    with pytest.raises(WriteError, match=r"leads to .*outside"):
        write_atomic(out / "papers" / "x.html", "x", folder=out)
    with pytest.raises(WriteError, match="outside"):
        write_atomic(out / ".." / "x.html", "x", folder=out)
    assert list(elsewhere.iterdir()) == [] and not (tmp_path / "x.html").exists()


def test_a_loop_of_links_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.html").symlink_to(tmp_path / "b.html")
    (tmp_path / "b.html").symlink_to(tmp_path / "a.html")
    with pytest.raises(WriteError):
        write_atomic(tmp_path / "a.html", "x")


def test_a_folder_is_not_a_target(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="is a folder"):
        check_target(tmp_path)


def test_a_write_replaces_whole_and_keeps_the_mode(target: Path) -> None:
    write_atomic(target, "<p>new £</p>")
    assert target.read_bytes() == "<p>new £</p>".encode()
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


def test_an_encoding_error_writes_nothing(target: Path) -> None:
    with pytest.raises(WriteError, match="not valid Unicode"):
        write_atomic(target, "half a pair: \udc80")
    unchanged(target)


def test_parts_are_written_in_order(target: Path) -> None:
    write_atomic(target, iter([b"one, ", b"", b"two"]))
    assert target.read_bytes() == b"one, two"


def test_a_part_that_cannot_be_made_leaves_the_old_file(target: Path) -> None:
    """The parts come from a producer (the cache's, a queue fed by the run) that may
    give up part-way: whatever was written so far goes with the temporary file."""

    class GaveUpError(Exception):
        pass

    def parts() -> Iterator[bytes]:
        yield b"half of the new content"
        raise GaveUpError

    with pytest.raises(GaveUpError):
        write_atomic(target, parts())
    unchanged(target)


def test_a_full_disk_leaves_the_old_file(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(handle: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(WriteError, match="No space left on device; the existing file"):
        write_atomic(target, "new" * 1000)
    unchanged(target)


def test_an_interrupt_leaves_the_old_file(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(handle: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new")
    unchanged(target)


def test_a_failed_rename_leaves_the_old_file(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Path, other: Path) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(Path, "replace", refuse)
    with pytest.raises(WriteError, match="Permission denied"):
        write_atomic(target, "new")
    unchanged(target)


def test_a_real_file_size_limit_leaves_the_old_file(target: Path) -> None:
    """The operating system refuses the write part-way (as on a full disk)."""
    script = textwrap.dedent(
        """
        import resource, signal, sys
        from pathlib import Path
        from shsv.atomic import write_atomic
        from shsv.errors import WriteError
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, resource.RLIM_INFINITY))
        try:
            write_atomic(Path(sys.argv[1]), "x" * 100_000)
        except WriteError as exc:
            print(exc)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(target)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "File too large; the existing file is unchanged" in done.stdout
    unchanged(target)


def test_exclusive_never_replaces(target: Path) -> None:
    with pytest.raises(WriteError, match="already exists"):
        write_atomic(target, "new", exclusive=True)
    unchanged(target)
    fresh = target.parent / "new.yaml"
    write_atomic(fresh, "id: new\n", exclusive=True)
    assert fresh.read_text() == "id: new\n"


def test_a_missing_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="does not exist"):
        write_atomic(tmp_path / "no" / "such.html", "x")


def test_a_write_that_need_not_last_skips_only_the_flush(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flushed: list[int] = []
    monkeypatch.setattr(atomic.os, "fsync", flushed.append)
    write_atomic(target, "<p>new</p>", durable=False)
    assert flushed == []
    assert target.read_bytes() == b"<p>new</p>"
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]
    write_atomic(target, "<p>newer</p>")
    assert len(flushed) == 2  # the file, then its folder
