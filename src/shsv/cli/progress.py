"""A progress bar on stderr for long runs on a terminal; nothing in pipes or CI.

It appears only once a run has taken a second, so everyday runs print nothing extra,
and it draws from the caller's thread (no refresh thread, so worker processes can be
forked safely while it is up).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

DELAY = 1.0
"""Seconds before the bar appears."""
REFRESH = 0.1


def wanted() -> bool:
    """On a terminal, and not in CI (where logs keep every redraw)."""
    if os.environ.get("CI") or os.environ.get("GITHUB_ACTIONS"):
        return False
    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"


@contextmanager
def bar(what: str) -> Iterator[Callable[[int, int], None] | None]:
    """A ``progress(done, total)`` callback, or None when no bar is wanted."""
    if not wanted():
        yield None
        return
    state: dict[str, Any] = {"start": time.monotonic(), "drawn": 0.0}

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if now - state["start"] < DELAY or (now - state["drawn"] < REFRESH and done < total):
            return
        if "bar" not in state:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            shown = Progress(
                TextColumn(what),
                BarColumn(),
                MofNCompleteColumn(),
                console=Console(stderr=True),
                auto_refresh=False,
                transient=True,
            )
            shown.start()
            state["bar"], state["task"] = shown, shown.add_task(what, total=total)
        state["bar"].update(state["task"], completed=done, total=total)
        state["bar"].refresh()
        state["drawn"] = now

    try:
        yield progress
    finally:
        if "bar" in state:
            state["bar"].stop()
