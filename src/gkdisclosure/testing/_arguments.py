"""The arguments of the public strategies, checked as Hypothesis checks its own."""

from __future__ import annotations

import typing

from hypothesis.errors import InvalidArgument

from ..catalog import Edition

__all__ = ["bounds", "edition_argument", "flag"]


def bounds(min_value: object, max_value: object) -> tuple[int, int]:
    for name, value in (("min_value", min_value), ("max_value", max_value)):
        if type(value) is not int:
            raise InvalidArgument(f"{name} must be an int, got {value!r}")
    lo, hi = typing.cast("int", min_value), typing.cast("int", max_value)
    if lo < 0:
        raise InvalidArgument(f"min_value={lo}: counts are never negative")
    if lo > hi:
        raise InvalidArgument(f"min_value={lo} is greater than max_value={hi}")
    return lo, hi


def flag(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidArgument(f"{name} must be True or False, got {value!r}")
    return value


def edition_argument(value: object) -> Edition | None:
    if value is None or isinstance(value, Edition):
        return value
    choices = [e.value for e in Edition]
    if isinstance(value, str) and value in choices:
        return Edition(value)
    raise InvalidArgument(f"edition must be None, an Edition or one of {choices}, got {value!r}")
