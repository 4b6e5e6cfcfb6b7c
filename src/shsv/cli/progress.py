"""A progress bar on stderr for long runs on a terminal; nothing in pipes or CI.

It appears only once a run has taken a second, so everyday runs print nothing extra,
and it draws from the caller's thread (no refresh thread, so worker processes can be
forked safely while it is up).
"""

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
    """On a terminal, and not in CI (where logs would keep every redraw)."""
    if os.environ.get("CI") or os.environ.get("GITHUB_ACTIONS"):
        return False
    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"


class Bar:
    """A ``progress(done, total)`` callback that draws once ``DELAY`` has passed."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.start = time.monotonic()
        self.drawn = 0.0
        self.shown: Any = None
        """The rich progress display, once it is up."""
        self._task: Any = None

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.start < DELAY or (now - self.drawn < REFRESH and done < total):
            return
        if self.shown is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self.shown = Progress(
                TextColumn(self.what),
                BarColumn(),
                MofNCompleteColumn(),
                console=Console(stderr=True),
                auto_refresh=False,
                transient=True,
            )
            self.shown.start()
            self._task = self.shown.add_task(self.what, total=total)
        self.shown.update(self._task, completed=done, total=total)
        self.shown.refresh()
        self.drawn = now

    def close(self) -> None:
        if self.shown is not None:
            self.shown.stop()


@contextmanager
def bar(what: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress callback, or None when no bar is wanted."""
    if not wanted():
        yield None
        return
    shown = Bar(what)
    try:
        yield shown
    finally:
        shown.close()
