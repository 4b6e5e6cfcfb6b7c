"""The validation cache is never stale: after any change, a cached run finds exactly
what a run without the cache finds; and a cache that is corrupt, foreign or unwritable
is ignored without a word."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

import shsv.cache
import shsv.pool
import shsv.validate
from conftest import MEETING, minimal, write_tree
from shsv.checks.registry import Context
from shsv.cli import app
from shsv.layout import discover
from shsv.validate import Outcome, run

AS_OF = Context(as_of=date(2026, 1, 1))
REPORT = {
    "id": "a-report",
    "title": "Shared services",
    "council": "lancaster-city-council",
    "meetings": [{"meeting": "lancaster-cabinet-2012-06-20"}],
}
MILESTONE = {
    "id": "service-live",
    "title": "Service live",
    "programme": "shared-services",
    "actual": "2020-06-01",
}


@pytest.fixture(autouse=True)
def own_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A signing key of the test's own, never the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    yield tmp_path / "user-cache"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    files = minimal()
    files["data/reports/a-report.yaml"] = dict(REPORT)
    files["data/milestones/service-live.yaml"] = dict(MILESTONE)
    return write_tree(tmp_path / "repo", files)


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files phase one really checks (rather than takes from the cache)."""
    seen: list[str] = []
    real = shsv.validate.check_file

    def counting(file: Any, raw: bytes, context: Any, *, fast: bool = True) -> Any:
        seen.append(file.rel)
        return real(file, raw, context, fast=fast)

    monkeypatch.setattr(shsv.validate, "check_file", counting)
    return seen


def _summary(outcome: Outcome) -> tuple[Any, ...]:
    return (outcome.diagnostics, outcome.files, outcome.paths)


def same(root: Path, context: Context = AS_OF) -> Outcome:
    """A cached run, asserted equal to a run without the cache."""
    cached = run(root, context, cache=True)
    assert _summary(cached) == _summary(run(root, context))
    return cached


def write(root: Path, rel: str, data: Any) -> None:
    text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False)
    (root / rel).write_text(text, encoding="utf-8")


def test_a_warm_run_checks_nothing_and_finds_the_same(repo: Path, checked: list[str]) -> None:
    assert same(repo).diagnostics == []
    assert (repo / ".shsv-cache" / "validate.bin").is_file()
    checked.clear()
    assert run(repo, AS_OF, cache=True).diagnostics == []
    assert checked == []


def test_the_cache_is_written_whole_before_the_run_returns(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It is written on a thread; the run waits for it, even when writing is slow."""
    real = shsv.cache.write_atomic

    def slow(*args: Any, **kwargs: Any) -> None:
        time.sleep(0.3)
        real(*args, **kwargs)

    monkeypatch.setattr(shsv.cache, "write_atomic", slow)
    run(repo, AS_OF, cache=True)
    assert not [t for t in threading.enumerate() if t.name == "shsv-cache"]
    store = shsv.cache.open_store(repo, shsv.cache.fingerprint("fast=True"))
    assert store is not None
    assert sorted(store.entries) == sorted(f.rel for f in discover(repo))


def test_a_cache_written_in_parts_reads_back_as_written(
    repo: Path, checked: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each part is a pickle of its own, read with a memo of its own: what entries in
    one part share (the context their checks read) is read back as itself."""
    for n in range(8):
        write(repo, f"data/milestones/step-{n}.yaml", dict(MILESTONE, id=f"step-{n}"))
    stamp = shsv.cache.fingerprint("fast=True")
    same(repo)
    whole = shsv.cache.open_store(repo, stamp)
    shutil.rmtree(repo / ".shsv-cache")
    monkeypatch.setattr(shsv.cache.Writer, "PART", 4)
    same(repo)
    parted = shsv.cache.open_store(repo, stamp)
    assert whole is not None and parted is not None
    assert len(parted.entries) == len(discover(repo)) > 3 * 4
    assert sum(entry.context is not None for entry in parted.entries.values()) > 4
    assert parted.entries == whole.entries
    assert parted.cross == whole.cross
    checked.clear()
    assert run(repo, AS_OF, cache=True).diagnostics == []
    assert checked == []


def test_a_run_that_fails_in_phase_two_leaves_the_cache_as_it_was(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache is being written while phase two runs: if phase two fails, the writing
    stops, the old file stays byte-identical and no thread is left waiting."""
    same(repo)
    folder = repo / ".shsv-cache"
    before = (folder / "validate.bin").read_bytes()
    write(repo, "data/reports/a-report.yaml", dict(REPORT, title="Changed"))

    def failing(*args: Any) -> list[Any]:
        raise KeyboardInterrupt

    monkeypatch.setattr(shsv.validate, "cross_diagnostics", failing)
    with pytest.raises(KeyboardInterrupt):
        run(repo, AS_OF, cache=True)
    assert not [t for t in threading.enumerate() if t.name == "shsv-cache"]
    assert (folder / "validate.bin").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["stamp", "validate.bin"]


def test_editing_a_file_in_place_same_size_same_time(repo: Path) -> None:
    same(repo)
    path = repo / "data/reports/a-report.yaml"
    before = path.stat()
    # One character changed in place, the size kept, the time stamp as the file system
    # kept it (a coarse clock): the stat cannot tell, but the file was changed too close
    # to the run for its stat to have been trusted, so it is read and hashed.
    write(repo, "data/reports/a-report.yaml", dict(REPORT, council="lancaster-city-councix"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_ino) == (before.st_size, before.st_ino)
    codes = [d.code for d in same(repo).diagnostics]
    assert codes == ["R301"]


def test_changing_a_referenced_record(repo: Path) -> None:
    same(repo)
    write(repo, "data/meetings/lancaster-cabinet-2012-06-20.yaml", dict(MEETING, id="renamed"))
    found = [(d.path, d.code) for d in same(repo).diagnostics]
    assert ("data/reports/a-report.yaml", "R301") in found
    assert ("data/meetings/lancaster-cabinet-2012-06-20.yaml", "R303") in found
    write(repo, "data/meetings/lancaster-cabinet-2012-06-20.yaml", dict(MEETING))
    assert same(repo).diagnostics == []


def test_deleting_a_file(repo: Path) -> None:
    same(repo)
    (repo / "data/meetings/lancaster-cabinet-2012-06-20.yaml").unlink()
    found = [(d.path, d.code) for d in same(repo).diagnostics]
    assert found == [("data/reports/a-report.yaml", "R301")]


def test_renaming_a_file(repo: Path) -> None:
    same(repo)
    old = repo / "data/reports/a-report.yaml"
    old.rename(old.with_name("b-report.yaml"))
    found = [(d.path, d.code) for d in same(repo).diagnostics]
    assert found == [("data/reports/b-report.yaml", "R303")]


def test_moving_a_file_out_of_its_kind_folder(repo: Path) -> None:
    same(repo)
    (repo / "data/reports/a-report.yaml").rename(repo / "data/a-report.yaml")
    found = [(d.path, d.code) for d in same(repo).diagnostics]
    assert found == [("data/a-report.yaml", "R306")]


def test_a_check_that_reads_the_date_is_redone_for_another_date(
    repo: Path, checked: list[str]
) -> None:
    before = same(repo, Context(as_of=date(2020, 1, 1)))
    assert [d.code for d in before.diagnostics] == ["D415"]
    checked.clear()
    assert same(repo, Context(as_of=date(2021, 1, 1))).diagnostics == []
    # Only the milestone's check reads the date: the cache served every other file.
    assert checked.count("data/milestones/service-live.yaml") == 2  # cached run, plain run
    assert len(checked) == 2 + 4  # and the plain run checked the other four


def test_a_link_follows_its_target(repo: Path) -> None:
    target = repo / "data/reports/a-report.yaml"
    link = repo / "data/reports/b-report.yaml"
    link.symlink_to(target)
    same(repo)
    write(repo, "data/reports/a-report.yaml", dict(REPORT, council="nowhere"))
    found = sorted((d.path, d.code) for d in same(repo).diagnostics)
    assert ("data/reports/b-report.yaml", "R301") in found


def test_a_changed_program_starts_afresh(
    repo: Path, checked: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    same(repo)
    checked.clear()
    monkeypatch.setattr(shsv.validate, "fingerprint", lambda extra="": b"another version")
    run(repo, AS_OF, cache=True)
    assert len(checked) == 5


def test_the_cache_belongs_to_the_installed_yaml_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """PyYAML (libyaml inside) is found by its installed files, not imported: an upgrade
    changed what the exact reader refuses once (libyaml 0.2.6 stops deep flow early)."""
    before = shsv.cache.fingerprint()
    real = shsv.cache._installed
    assert real("yaml") is not None
    monkeypatch.setattr(
        shsv.cache, "_installed", lambda package: (1, 2) if package == "yaml" else real(package)
    )
    assert shsv.cache.fingerprint() != before


def test_the_fingerprint_covers_the_rules() -> None:
    first = shsv.cache.fingerprint()
    assert shsv.cache.fingerprint() == first
    assert shsv.cache.fingerprint("other limits") != first


def test_a_corrupt_cache_is_ignored(repo: Path) -> None:
    same(repo)
    stored = repo / ".shsv-cache" / "validate.bin"
    for damage in (b"", b"\x00" * 10, stored.read_bytes()[:-100], os.urandom(4000)):
        stored.write_bytes(damage)
        assert same(repo).diagnostics == []


def test_a_cache_signed_by_someone_else_is_ignored(
    repo: Path, own_key: Path, checked: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A committed cache file cannot vouch for a broken record."""
    write(repo, "data/reports/a-report.yaml", dict(REPORT, council="nowhere"))
    run(repo, AS_OF, cache=True)
    write(repo, "data/reports/a-report.yaml", dict(REPORT))  # the forger's clean copy
    run(repo, AS_OF, cache=True)  # the cache now says: this content is clean
    write(repo, "data/reports/a-report.yaml", dict(REPORT, council="nowhere"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(own_key.parent / "another-user"))
    checked.clear()
    found = [d.code for d in same(repo).diagnostics]
    assert found == ["R301"]
    assert len(checked) == 10  # every file, twice: nothing was taken from that cache


def test_no_cache_where_none_can_be_written(repo: Path) -> None:
    (repo / ".shsv-cache").write_text("a file where the folder would be")
    assert same(repo).diagnostics == []
    (repo / ".shsv-cache").unlink()
    (repo / ".shsv-cache").mkdir()
    (repo / ".shsv-cache" / "validate.bin").mkdir()  # the cache file cannot be replaced
    assert same(repo).diagnostics == []


def test_no_key_no_cache(repo: Path, own_key: Path) -> None:
    own_key.write_text("a file where the key's folder would be")
    assert same(repo).diagnostics == []
    assert not (repo / ".shsv-cache" / "validate.bin").exists()


def test_the_command_caches_unless_told_not_to(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "repo", minimal())
    runner = CliRunner()
    args = ["validate", "--root", str(root)]
    quiet = {"GITHUB_ACTIONS": "", "SHSV_NO_CACHE": "1"}
    result = runner.invoke(app, [*args, "--no-cache"], env={**quiet, "SHSV_NO_CACHE": ""})
    assert result.exit_code == 0 and not (root / ".shsv-cache").exists()
    result = runner.invoke(app, args, env=quiet)
    assert result.exit_code == 0 and not (root / ".shsv-cache").exists()
    first = runner.invoke(app, args, env={**quiet, "SHSV_NO_CACHE": ""})
    assert (root / ".shsv-cache" / "validate.bin").is_file()
    second = runner.invoke(app, args, env={**quiet, "SHSV_NO_CACHE": ""})
    assert first.stdout == second.stdout == "✓ no problems (3 files, 3 records checked)\n"


@pytest.mark.parametrize("command", [["list", "reports"], ["report", "a-report"]])
def test_list_and_report_read_the_cache_setting_as_validate_does(
    repo: Path, command: list[str]
) -> None:
    runner = CliRunner()
    args = [*command, "--root", str(repo)]
    quiet = {"GITHUB_ACTIONS": "", "NO_COLOR": "1"}
    for setting, flag in (("1", []), ("true", []), ("", ["--no-cache"])):
        result = runner.invoke(app, [*args, *flag], env={**quiet, "SHSV_NO_CACHE": setting})
        assert result.exit_code == 0 and not (repo / ".shsv-cache").exists(), setting
    result = runner.invoke(app, args, env={**quiet, "SHSV_NO_CACHE": "0"})
    assert result.exit_code == 0 and (repo / ".shsv-cache" / "validate.bin").is_file()


def test_a_repository_cannot_steer_the_cache_through_links(repo: Path, tmp_path: Path) -> None:
    """A repository (from a pull request, say) may hold a .shsv-cache of its own."""
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "precious").write_text("keep me")
    (repo / ".shsv-cache").symlink_to(victim)
    assert same(repo).diagnostics == []
    assert sorted(p.name for p in victim.iterdir()) == ["precious"]
    (repo / ".shsv-cache").unlink()
    (repo / ".shsv-cache").mkdir()
    (repo / ".shsv-cache" / "stamp").symlink_to(victim / "precious")
    assert same(repo).diagnostics == []
    assert (victim / "precious").read_text() == "keep me"
    (repo / ".shsv-cache" / "stamp").unlink()
    (repo / ".shsv-cache" / "validate.bin").symlink_to("/dev/zero")
    assert same(repo).diagnostics == []  # and it did not read forever


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files phase one reads (and hashes) rather than trusts by their stat."""
    seen: list[str] = []
    real = shsv.pool._read

    def counting(file: Any) -> Any:
        seen.append(file.rel)
        return real(file)

    monkeypatch.setattr(shsv.pool, "_read", counting)
    return seen


def _age(root: Path, hours: int = 1) -> None:
    """Every file's time well before the run, so that its stat can be trusted."""
    then = time.time_ns() - hours * 3_600_000_000_000
    for path in (root / "data").rglob("*.yaml"):
        os.utime(path, ns=(then, then))


def test_what_a_run_learns_about_stats_is_kept(repo: Path, reads: list[str]) -> None:
    """Files validated right after they were written, then touched or checked out
    again unchanged: each is read once more to trust its stat, and never after."""
    run(repo, AS_OF, cache=True)  # just written: no stat is trusted yet
    _age(repo)
    reads.clear()
    run(repo, AS_OF, cache=True)
    assert len(reads) == 5  # each read once more, its content unchanged
    reads.clear()
    assert run(repo, AS_OF, cache=True).diagnostics == []
    assert reads == []
    _age(repo, hours=2)  # a touch, a checkout: new times, the same content
    reads.clear()
    run(repo, AS_OF, cache=True)
    assert len(reads) == 5
    reads.clear()
    assert run(repo, AS_OF, cache=True).diagnostics == []
    assert reads == []


def test_a_check_redone_for_another_date_is_kept(
    repo: Path, reads: list[str], checked: list[str]
) -> None:
    _age(repo)
    run(repo, Context(as_of=date(2020, 1, 1)), cache=True)
    run(repo, Context(as_of=date(2021, 1, 1)), cache=True)  # the milestone checked again
    reads.clear()
    checked.clear()
    assert run(repo, Context(as_of=date(2021, 1, 1)), cache=True).diagnostics == []
    assert (reads, checked) == ([], [])


@contextlib.contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    """Fail, rather than hang the test run, when what is inside waits too long."""

    def expired(signum: int, frame: Any) -> None:
        # Not a TimeoutError: that is an OSError, which the code under test may catch.
        raise AssertionError(f"still waiting after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.skipif(
    not hasattr(os, "mkfifo") or not hasattr(signal, "SIGALRM"), reason="no named pipes"
)
@pytest.mark.parametrize("name", ["validate.bin", "stamp"])
def test_a_pipe_in_the_cache_folder_does_not_hang_the_run(repo: Path, name: str) -> None:
    (repo / ".shsv-cache").mkdir()
    os.mkfifo(repo / ".shsv-cache" / name)
    with _deadline(10):
        for _ in range(2):  # and the run after it, whatever the first one kept
            assert same(repo).diagnostics == []
