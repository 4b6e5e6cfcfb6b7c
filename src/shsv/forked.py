"""Work split over forked processes: this one and its children, each taking the next
batch as it is free, so a faster process takes more.

Why not ``multiprocessing.Pool``: its feeder and collector threads, and its pickling of
every result into a queue, cost the parent a tenth of phase one's time, and the parent
sat idle besides. Here the parent works too, and its own results are never pickled;
the batch numbers wait in a pipe (reads of a few bytes from a pipe are atomic, so no
two processes take the same batch); each child sends each batch's results down its
own pipe, which the parent reads between its own batches. A child that dies leaves
its unsent batches to the parent, so a crash costs time, not results.
"""

from __future__ import annotations

import contextlib
import gc
import os
import select
import signal
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from shsv.cache import dumps, loads

T = TypeVar("T")
_NUMBER = 4  # bytes per batch number in the pipe
_LENGTH = 8  # bytes of the length before each result


def forked(
    check: Callable[[int, int], list[T]],
    total: int,
    batch: int,
    jobs: int,
    remote: Callable[[int, int], list[T]] | None = None,
) -> Iterator[list[T]]:
    """``check(start, stop)`` for every batch of ``range(total)``, on ``jobs``
    processes; each batch's results as they come, in no particular order. ``remote``:
    what the children run instead, when results sent down a pipe should differ from
    those that stay in this process."""
    # The batch numbers are written at once, before any reader, so they must fit in the
    # pipe: 16 KiB, the smallest buffer among the systems that fork (macOS).
    spans = batches(total, max(batch, -(-total // (16_000 // _NUMBER))))
    todo, numbers = os.pipe()
    os.write(numbers, b"".join(n.to_bytes(_NUMBER, "little") for n in range(len(spans))))
    os.close(numbers)  # so a read finds the end once every number is taken
    children: dict[int, int] = {}  # a child's result pipe -> its process id
    try:
        child = remote or check
        _fork(children, jobs - 1, lambda sender: _child(child, spans, todo, sender))
        sent: set[int] = set()
        buffers = {fd: bytearray() for fd in children}
        while (number := _take(todo)) is not None:
            yield check(*spans[number])
            sent.add(number)
            yield from _receive(buffers, sent, wait=False)
        yield from _receive(buffers, sent, wait=True)
        for number in range(len(spans)):  # any batch a child took and never sent
            if number not in sent:
                yield check(*spans[number])
    finally:
        os.close(todo)
        for fd, pid in children.items():
            os.close(fd)
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)  # nothing if it is done; stop it if not
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)


def _fork(children: dict[int, int], count: int, life: Callable[[int], None]) -> None:
    """Start ``count`` children, each living ``life(its sending end)``; fewer when the
    system has no more processes to give (those there are do the work)."""
    gc.freeze()  # children share the parent's objects instead of copying them
    try:
        for _ in range(count):
            results, sender = os.pipe()
            try:
                pid = os.fork()
            except OSError:
                os.close(results)
                os.close(sender)
                return
            if pid == 0:
                life(sender)  # never returns
            os.close(sender)  # so the next child holds none of this one's pipe
            children[results] = pid
    finally:
        gc.unfreeze()


def batches(total: int, batch: int) -> list[tuple[int, int]]:
    """``range(total)`` cut into (start, stop) spans of ``batch``, the last shorter."""
    return [(i, min(i + batch, total)) for i in range(0, total, batch)]


def _take(todo: int) -> int | None:
    number = os.read(todo, _NUMBER)
    return int.from_bytes(number, "little") if number else None


def _child(
    check: Callable[[int, int], list[Any]],
    spans: list[tuple[int, int]],
    todo: int,
    sender: int,
) -> None:
    """A child's whole life: it never returns into the parent's code."""
    code = 1
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        gc.disable()  # the young objects here die by reference counting
        while (number := _take(todo)) is not None:
            blob = dumps((number, check(*spans[number])))
            _send(sender, len(blob).to_bytes(_LENGTH, "little") + blob)
        code = 0
    finally:
        os._exit(code)


def _send(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _receive(buffers: dict[int, bytearray], sent: set[int], *, wait: bool) -> Iterator[Any]:
    """Every whole result the children have sent (``wait``: until all have ended)."""
    while buffers:
        ready, _, _ = select.select(list(buffers), [], [], None if wait else 0)
        if not ready:
            return
        for fd in ready:
            data = os.read(fd, 1 << 20)
            if not data:  # this child is done (or dead)
                del buffers[fd]
                continue
            buffer = buffers[fd]
            buffer += data
            while len(buffer) >= _LENGTH:
                size = int.from_bytes(buffer[:_LENGTH], "little")
                if len(buffer) < _LENGTH + size:
                    break
                number, results = loads(bytes(buffer[_LENGTH : _LENGTH + size]))
                del buffer[: _LENGTH + size]
                sent.add(number)
                yield results
