"""The progress bar: only on a terminal, never in CI, and only for long runs."""

from __future__ import annotations

import io
import sys

import pytest

from shsv.cli import progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> _Terminal:
    """stderr as a terminal (set in the test itself: pytest's capture resets it after
    fixtures have run)."""
    stream = _Terminal()
    monkeypatch.setattr(sys, "stderr", stream)
    for name in ("CI", "GITHUB_ACTIONS", "TERM"):
        monkeypatch.delenv(name, raising=False)
    return stream


def test_wanted_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    on_a_terminal(monkeypatch)
    assert progress.wanted()
    for name in ("CI", "GITHUB_ACTIONS"):
        monkeypatch.setenv(name, "true")
        assert not progress.wanted()
        monkeypatch.delenv(name)
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert not progress.wanted()
    with progress.bar("Checking") as callback:
        assert callback is None


def test_a_short_run_draws_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = on_a_terminal(monkeypatch)
    with progress.bar("Checking") as callback:
        assert isinstance(callback, progress.Bar)
        callback(1, 2)
        callback(2, 2)
        assert callback.shown is None
    assert terminal.getvalue() == ""


def test_a_long_run_draws_a_bar_on_stderr(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal = on_a_terminal(monkeypatch)
    monkeypatch.setattr(progress, "DELAY", 0.0)
    with progress.bar("Checking records") as callback:
        assert isinstance(callback, progress.Bar)
        callback(5, 10)
        callback(10, 10)
        shown = callback.shown
        assert shown is not None
        assert shown.tasks[0].completed == 10 and shown.tasks[0].total == 10
    assert shown.finished
    assert "Checking records" in terminal.getvalue()
    assert capsys.readouterr().out == ""
