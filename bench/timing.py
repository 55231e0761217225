"""Timing side by side: every contender runs in the same rounds, so noise hits all alike.

The machine the figures come from is shared and noisy, so no figure is
read alone: each round runs every contender once over the whole
dataset, in an order that rotates from round to round, and the figures
compared are those of the same run. A contender's time is the best
round (the least disturbed); the median is kept to show the spread.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

import attrs

__all__ = ["Timing", "Work", "each", "side_by_side"]

_T = TypeVar("_T")


@attrs.frozen
class Timing:
    """The rounds of one contender over ``items`` items of work."""

    name: str
    items: int
    #: Seconds per round, in the order they ran.
    rounds: tuple[float, ...]

    @property
    def best(self) -> float:
        """Microseconds per item in the best round."""
        return min(self.rounds) / self.items * 1e6

    @property
    def median(self) -> float:
        """Microseconds per item in the median round."""
        return statistics.median(self.rounds) / self.items * 1e6

    @property
    def rate(self) -> float:
        """Items per second in the best round."""
        return self.items / min(self.rounds)


def _round(work: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


@attrs.frozen
class Work:
    """A piece of work over ``items`` items, run whole by calling it."""

    run: Callable[[], object]
    items: int

    def __call__(self) -> object:
        """Do the whole work once."""
        return self.run()


def side_by_side(contenders: Mapping[str, Work], repeat: int) -> dict[str, Timing]:
    """Time each contender ``repeat`` times, rotating their order round by round.

    Each contender does its whole work once per round; it runs once before
    the timed rounds, to warm caches and compile what is compiled lazily.
    """
    names = list(contenders)
    for name in names:
        contenders[name]()
    rounds: dict[str, list[float]] = {name: [] for name in names}
    for index in range(repeat):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            rounds[name].append(_round(contenders[name]))
    return {name: Timing(name, contenders[name].items, tuple(rounds[name])) for name in names}


def each(function: Callable[[_T], object], items: Iterable[_T]) -> Work:
    """Work that applies ``function`` to every item, keeping no result."""
    fixed = tuple(items)

    def work() -> None:
        for item in fixed:
            function(item)

    return Work(work, len(fixed))
