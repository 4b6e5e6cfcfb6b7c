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


_left: list[object] | None = None


def end_at_once() -> None:
    """Declare that this process ends with ``os._exit`` as soon as its command has
    run (``cli.main`` does): what is then given to ``leave`` is never freed."""
    global _left  # one switch for the whole process
    _left = []


def leave(*objects: object) -> None:
    """Hand over a large working set that is no longer needed. In a process that ends
    at once, freeing it object by object is work for nothing (16-20 ms of a cold run
    at 13,052 files), so it is kept until the end, as compilers such as clang do with
    their syntax trees; anywhere else (a test, a library caller) it is freed as usual,
    when the caller lets go of it."""
    if _left is not None:
        _left.append(objects)
        # Out of the collector's way too (with every object alive now): the next
        # collection would walk them all again, some 30 ms.
        gc.freeze()
