"""Spreading work over the cores: chunks in order, a bounded number in flight."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = ["chunks", "cores", "ordered", "workers"]

_T = TypeVar("_T")
_R = TypeVar("_R")


def cores() -> int:
    """How many cores this process may run on (its affinity where the system tells it)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover - systems without sched_getaffinity (macOS)
        return os.cpu_count() or 1


def workers(jobs: int | None) -> int:
    """The number of workers: one per core for ``None`` or 0, never more than the cores."""
    available = cores()
    if jobs is None or jobs <= 0:
        return available
    return min(jobs, available)


def chunks(
    items: Iterable[_T], size: int, weight: Callable[[_T], int] | None = None
) -> Iterator[list[_T]]:
    """The items in lists of ``size``, or of items whose ``weight`` adds up to ``size``."""
    iterator = iter(items)
    if weight is None:
        while chunk := list(islice(iterator, size)):
            yield chunk
        return
    chunk = []
    used = 0
    for item in iterator:
        chunk.append(item)
        used += weight(item)
        if used >= size:
            yield chunk
            chunk, used = [], 0
    if chunk:
        yield chunk


def ordered(
    function: Callable[[list[_T]], list[_R]],
    items: Iterable[_T],
    *,
    jobs: int | None,
    chunk: int,
    weight: Callable[[_T], int] | None = None,
) -> Iterator[_R]:
    """Apply ``function`` to chunks of the items in order, two chunks a worker in flight at most."""
    count = workers(jobs)
    if count == 1:
        for part in chunks(items, chunk, weight):
            yield from function(part)
        return
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415 - only batches need it

    with ProcessPoolExecutor(max_workers=count) as pool:
        pending: deque[Future[list[_R]]] = deque()
        for part in chunks(items, chunk, weight):
            pending.append(pool.submit(function, part))
            if len(pending) >= 2 * count:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
