"""The library's exceptions: one base, and leaves that are also the built-in they are."""

from __future__ import annotations

from attrs import frozen

from ._deprecation import renamed

__all__ = [
    "ArgumentTypeError",
    "DataProblem",
    "GkDisclosureError",
    "IngestError",
    "MismatchedReportsError",
    "MissingExtraError",
    "OptionError",
    "OutputError",
    "ReportDataError",
    "UnknownKeyError",
    "UnsupportedLocaleError",
]


class GkDisclosureError(Exception):
    """Base of every exception the library raises on purpose."""


@frozen
class DataProblem:
    """One problem in a report document.

    ``path`` is the dotted wire-key path of the offending value
    (``"requests.received.natural_person"``), ``""`` for the document
    itself; ``message`` says what is wrong in plain words.
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path or '(document)'}: {self.message}"


#: How many of a document's problems the message of :exc:`ReportDataError` lists.
_SHOWN = 20


class ReportDataError(GkDisclosureError, ValueError):
    """A document is not a valid report; :attr:`errors` lists every problem found.

    Its message lists the first twenty, and says how many more there are.

    ``source`` names the file or input the document came from, if known.
    """

    errors: tuple[DataProblem, ...]
    source: str | None

    def __init__(self, errors: tuple[DataProblem, ...], source: str | None = None) -> None:
        self.errors = tuple(errors)
        self.source = source
        super().__init__(self.errors, source)

    def __str__(self) -> str:
        """The source and the count, then the first twenty problems and how many more."""
        where = f"{self.source}: " if self.source else ""
        count = len(self.errors)
        head = f"{where}not a valid report ({count:,} problem{'s' if count != 1 else ''})"
        shown = [f"  {error}" for error in self.errors[:_SHOWN]]
        if count > _SHOWN:
            shown.append(f"  … and {count - _SHOWN:,} more")
        return "\n".join([head, *shown])

    def __reduce__(
        self,
    ) -> tuple[type[ReportDataError], tuple[tuple[DataProblem, ...], str | None]]:
        return (type(self), (self.errors, self.source))


class UnsupportedLocaleError(GkDisclosureError, ValueError):
    """A locale the library has no messages for (it has ``zh_CN`` and ``en``)."""

    locale: str

    def __init__(self, locale: str) -> None:
        self.locale = locale
        super().__init__(locale)

    def __str__(self) -> str:
        return (
            f"no messages for the locale {self.locale!r}: use zh_CN (also zh, zh-CN, "
            "zh_Hans_CN) or en (also en_US, en-GB)"
        )

    def __reduce__(self) -> tuple[type[UnsupportedLocaleError], tuple[str]]:
        return (type(self), (self.locale,))


class IngestError(GkDisclosureError, ValueError):
    """A document could not be read as a report.

    ``reason`` says what was not found or what was wrong, in plain words;
    ``source`` names the file or input, if known.
    """

    reason: str
    source: str | None

    def __init__(self, reason: str, source: str | None = None) -> None:
        self.reason = reason
        self.source = source
        super().__init__(reason, source)

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}" if self.source else self.reason

    def __reduce__(self) -> tuple[type[IngestError], tuple[str, str | None]]:
        return (type(self), (self.reason, self.source))


class MissingExtraError(GkDisclosureError, ImportError):
    """A feature needs an optional extra that is not installed; the message says how to add it.

    ``extra`` is the extra's name (``"docx"``), ``feature`` what needs it,
    ``package`` the distribution it installs.
    """

    extra: str
    feature: str
    package: str

    def __init__(self, extra: str, feature: str, package: str) -> None:
        self.extra = extra
        self.feature = feature
        self.package = package
        super().__init__(extra, feature, package)

    def __str__(self) -> str:
        return f"{self.feature} needs {self.package}: pip install 'gkdisclosure[{self.extra}]'"

    def __reduce__(self) -> tuple[type[MissingExtraError], tuple[str, str, str]]:
        return (type(self), (self.extra, self.feature, self.package))


class OptionError(GkDisclosureError, ValueError):
    """An argument with a value the library does not accept, such as ``profile="bogus"``.

    The message names the argument, the value given and the values accepted.
    """


class ArgumentTypeError(GkDisclosureError, TypeError):
    """An argument of a type the library does not accept, such as a number for a document."""


class OutputError(GkDisclosureError, ValueError):
    """A path the library will not write a file to, and why.

    Only an ordinary file (or a new one) is written: never a folder, a
    special file (a FIFO, a device), the target of a symbolic link, or the
    file the document was read from. ``path`` is the path as given.
    """

    path: str
    reason: str

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(path, reason)

    def __str__(self) -> str:
        return f"{self.path or repr(self.path)}: {self.reason}"

    def __reduce__(self) -> tuple[type[OutputError], tuple[str, str]]:
        return (type(self), (self.path, self.reason))


#: The name of 0.1 development versions, kept for one release.
__getattr__ = renamed(__name__, {"DataError": "DataProblem"})


class MismatchedReportsError(GkDisclosureError, ValueError):
    """Reports that cannot be combined: of different editions or years, or none at all.

    ``reason`` says which, naming the reports that differ.
    """

    reason: str

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)

    def __str__(self) -> str:
        return self.reason

    def __reduce__(self) -> tuple[type[MismatchedReportsError], tuple[str]]:
        return (type(self), (self.reason,))


class UnknownKeyError(GkDisclosureError, KeyError):
    """A key or wire path looked up where there is none, such as ``spec.cell("requests.x")``.

    Also a :exc:`KeyError` (so a :exc:`LookupError`): code that catches
    those keeps working. ``key`` is the key as given; ``where`` names what
    was searched, and the message says both.
    """

    key: str
    where: str

    def __init__(self, key: str, where: str) -> None:
        self.key = key
        self.where = where
        super().__init__(key, where)

    def __str__(self) -> str:
        return f"{self.key!r}: no such key in {self.where}"

    def __reduce__(self) -> tuple[type[UnknownKeyError], tuple[str, str]]:
        return (type(self), (self.key, self.where))
