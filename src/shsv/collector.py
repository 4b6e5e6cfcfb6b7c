"""Pausing Python's cyclic garbage collector where many objects are made and none
form cycles worth collecting. Standard library only, so the command line can pause it
before it loads the models."""

from __future__ import annotations

import gc


class no_gc:  # noqa: N801 - used as a context manager, like a function
    """No cyclic collection while many small objects are made: they die (or live on)
    by reference counting, and the collector walking them again and again cost up to
    a quarter of the time. A class rather than a generator: it is entered per file,
    and a generator-based one cost some 5 µs each time."""

    __slots__ = ("_enabled",)

    def __enter__(self) -> None:
        self._enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *_: object) -> None:
        if self._enabled:
            gc.enable()
