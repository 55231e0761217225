"""How one value of a document is read, and how a wrong one is named for people."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Final

from ..catalog import Edition
from ..limits import MAX_AMOUNT_DIGITS, MAX_COUNT

__all__ = [
    "EDITIONS",
    "ProblemError",
    "agency",
    "date",
    "decimal",
    "edition",
    "integer",
    "kind",
    "string",
    "text",
    "year",
]

_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
EDITIONS: Final = {e.value: e for e in Edition}


class ProblemError(ValueError):
    """A value of the wrong kind; the message is for people."""


_TOO_LARGE: Final = (
    f"expected an integer of at most 12 digits (at most {MAX_COUNT:,}), got a larger one"
)


def integer(value: object, _: object) -> int:
    """A count or a year: an integer of at most 12 digits, never ``true``, ``1.0`` or ``"1"``."""
    if type(value) is int:
        if -MAX_COUNT <= value <= MAX_COUNT:
            return value
        raise ProblemError(_TOO_LARGE)
    if isinstance(value, bool):
        raise ProblemError(f"expected an integer, got {json.dumps(value)}")
    if isinstance(value, float):
        raise ProblemError(f"expected an integer, got the number {value!r}")
    if isinstance(value, str):
        raise ProblemError(f"expected an integer, got the string {value!r}")
    raise ProblemError(f"expected an integer, got {kind(value)}")


def text(value: str) -> str:
    """A string that can be written as UTF-8 (no lone surrogate)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = f"\\u{ord(value[exc.start]):04x}"
        problem = f"not valid text: a lone surrogate {bad} at character {exc.start}"
        raise ProblemError(problem) from None
    return value


def string(value: object, _: object) -> str:
    """A JSON string."""
    if isinstance(value, str):
        return text(value)
    raise ProblemError(f"expected a string, got {kind(value)}")


def decimal(value: object, _: object) -> Decimal:
    """An amount: digits with an optional fraction, written as a string; 18 digits at most."""
    if isinstance(value, str) and _DECIMAL.match(value):
        whole, _point, fraction = value.removeprefix("-").partition(".")
        digits = len(whole.lstrip("0")) + len(fraction)
        if digits <= MAX_AMOUNT_DIGITS:
            return Decimal(value)
        raise ProblemError(
            f"expected an amount of at most {MAX_AMOUNT_DIGITS} digits, got {digits:,} digits"
        )
    if isinstance(value, str):
        raise ProblemError(
            f'expected a decimal number written as a string like "800.68", got {value!r}'
        )
    raise ProblemError(
        f'expected a decimal number written as a string like "800.68", got {kind(value)}'
    )


def edition(value: object, _: object) -> Edition:
    """The edition, ``"2019"`` or ``"2021"``."""
    if isinstance(value, str):
        found = EDITIONS.get(value)
        if found is not None:
            return found
    choices = " or ".join(f'"{e.value}"' for e in Edition)
    raise ProblemError(f"expected the edition {choices}, got {json.dumps(value)[:40]}")


def date(value: object, _: object) -> datetime.date:
    """A date written ``YYYY-MM-DD``."""
    if isinstance(value, str) and _DATE.match(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise ProblemError(f'expected a date written as "YYYY-MM-DD", got {json.dumps(value)[:40]}')


def agency(value: object) -> str:
    """The agency's name: a string that is not blank."""
    if isinstance(value, str) and value.strip():
        return text(value)
    if isinstance(value, str):
        raise ProblemError("the agency must not be empty")
    raise ProblemError(f"expected the agency's name as a string, got {kind(value)}")


def year(value: object) -> int:
    """The report's year: a positive integer."""
    found = integer(value, None)
    if found < 1:
        raise ProblemError(f"expected a year such as 2021, got {found}")
    return found


def kind(value: object) -> str:
    """Name a JSON value the way a person reading the file would."""
    if value is None or isinstance(value, bool):
        named = json.dumps(value)
    elif isinstance(value, Mapping):
        named = "an object"
    elif isinstance(value, list | tuple):
        named = "an array"
    elif isinstance(value, int | float):
        named = f"the number {value!r}"
    elif isinstance(value, str):
        named = f"the string {value!r}"
    else:
        named = type(value).__name__
    return named
