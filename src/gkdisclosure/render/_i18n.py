"""Locales and message catalogs: the gettext catalogs compiled by pybabel."""

from __future__ import annotations

from decimal import Decimal, localcontext
from functools import cache
from pathlib import Path
from typing import Final, Literal

from babel import Locale, UnknownLocaleError
from babel.core import parse_locale
from babel.numbers import format_decimal
from babel.support import Translations

from ..errors import UnsupportedLocaleError

__all__ = ["DOMAIN", "LOCALES", "LocaleName", "format_number", "gettext", "normalize_locale"]

LocaleName = Literal["zh_CN", "en"]
#: The locales the library has messages for.
LOCALES: Final[tuple[LocaleName, ...]] = ("zh_CN", "en")
#: The gettext domain of the library's catalogs.
DOMAIN: Final = "gkdisclosure"
_DIRECTORY: Final = Path(__file__).parent.parent / "locale"
_TRADITIONAL: Final = frozenset({"TW", "HK", "MO"})


def normalize_locale(locale: str | Locale) -> LocaleName:
    """Map any spelling of a supported locale to the name of its catalog.

    ``zh``, ``zh_CN``, ``zh-CN``, ``zh_Hans_CN`` and ``zh_CN.UTF-8`` give
    ``"zh_CN"``; ``en``, ``en_US``, ``en-GB`` give ``"en"``. Anything else
    (Traditional Chinese included: the library has no such catalog) raises
    :exc:`~gkdisclosure.errors.UnsupportedLocaleError` rather than falling
    back silently.
    """
    if isinstance(locale, Locale):
        parsed, script = locale, locale.script
    else:
        text = str(locale).strip().split(".", 1)[0].split("@", 1)[0].replace("-", "_")
        if text in {"C", "POSIX"}:
            raise UnsupportedLocaleError(str(locale))
        try:
            # read the script as asked: babel resolves zh_Hant_CN to zh_Hans_CN
            script = parse_locale(text)[2]
            parsed = Locale.parse(text)
        except (ValueError, TypeError, UnknownLocaleError):
            raise UnsupportedLocaleError(str(locale)) from None
    if parsed.language == "zh":
        script = script or parsed.script
        traditional = script == "Hant" or (script is None and parsed.territory in _TRADITIONAL)
        if not traditional:
            return "zh_CN"
    if parsed.language == "en":
        return "en"
    raise UnsupportedLocaleError(str(locale))


@cache
def _translations(name: LocaleName) -> Translations:
    found = Translations.load(_DIRECTORY, [name], DOMAIN)
    if isinstance(found, Translations):
        return found
    # a broken installation: the wheel ships the compiled catalogs
    msg = (
        f"the compiled message catalog for {name} is missing under {_DIRECTORY}"  # pragma: no cover
    )
    raise RuntimeError(msg)  # pragma: no cover


def gettext(message: str, locale: LocaleName) -> str:
    """Translate a message into a supported locale (its catalog name)."""
    return _translations(locale).gettext(message)


@cache
def _babel_locale(name: LocaleName) -> Locale:
    """The parsed locale (babel parses a name again on every call otherwise)."""
    return Locale.parse(name)


def format_number(value: int | Decimal, locale: LocaleName, *, signed: bool = False) -> str:
    """Format a count or an amount for the locale, digits of an amount kept as given.

    Any value formats, however large; an amount that is not a number (``NaN``, an infinity,
    which no document can hold) is written as Python writes it.
    """
    if isinstance(value, Decimal) and not value.is_finite():
        return str(value)
    places = 0
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    pattern = "#,##0" + ("." + "0" * places if places else "")
    # babel rounds in the current decimal context (28 digits by default): give it room for
    # every digit, so that any value the model holds formats whole rather than raising
    number = Decimal(value)
    with localcontext() as context:
        context.prec = max(context.prec, number.adjusted() + places + 2)
        text = format_decimal(
            number, format=pattern, locale=_babel_locale(locale), decimal_quantization=False
        )
    if signed and value > 0:
        return f"+{text}"
    return text
