"""Straight-line code generated from the model's classes for the fast pass.

A report is read by one function generated for its edition: every object
of its tables is read inline, a cell costs one ``type()`` test instead of
two hook calls, each instance is built through its slots, and the
objects' key-value pairs are counted on the way (for the duplicate-key
test of :func:`~gkdisclosure.loads`). Each model class also gets such a
function of its own, for a converter asked for that class alone. The
code accepts exactly what the detailed converter accepts; on anything
else it raises, and the detailed pass says what was wrong.
"""

from __future__ import annotations

import itertools
import typing
from collections.abc import Callable
from typing import Any, Final

import attrs
from cattrs import Converter

from .._codegen import compile_function
from ..catalog import Edition
from ..limits import MAX_COUNT
from ..model import (
    Meta,
    Proactive2019,
    Proactive2021,
    Report,
    Requests2019,
    Requests2021,
    ReviewLitigation,
)
from ._hooks import ProblemError, agency, year

__all__ = ["MISSING", "TABLES", "fast_structurer", "report_reader"]

#: The classes of the tables 二 and 三 in each edition.
TABLES: Final = {
    Edition.E2019: (Proactive2019, Requests2019),
    Edition.E2021: (Proactive2021, Requests2021),
}
#: Stands for a key the document does not hold.
MISSING: Final = object()
#: The fields of a report that its reader fills itself.
_REPORT_OWN: Final = ("edition", "agency", "year")


def _settable(cls: type, *, trusted: frozenset[str] = frozenset()) -> tuple[Any, ...] | None:
    """The slots' setters, if an instance may be built without ``__init__``.

    That holds for a slotted attrs class whose ``__init__`` only stores its
    arguments: no validator, converter or default to compute, no
    ``__attrs_pre_init__``/``__attrs_post_init__``, no cached hash. Then
    ``object.__new__`` and each slot's setter build an instance equal in
    every way to one from ``__init__``, at half the cost (``__init__`` of a
    frozen class goes through ``object.__setattr__`` for each field).
    ``trusted`` names fields whose validator and converter the generated
    code makes hold by construction.
    """
    attributes = attrs.fields(cls)
    plain = all(
        a.init
        and a.alias == a.name
        and (a.name in trusted or (a.validator is None and a.converter is None))
        for a in attributes
    )
    hooks = ("__attrs_pre_init__", "__attrs_post_init__", "__attrs_init__")
    slots = set(getattr(cls, "__slots__", ()))
    if not plain or any(hasattr(cls, hook) for hook in hooks):
        return None
    if slots - {"__weakref__"} != {a.name for a in attributes}:
        return None  # not slotted, or a slot __init__ fills itself (a cached hash)
    return tuple(cls.__dict__[a.name].__set__ for a in attributes)


class _UnsupportedError(TypeError):
    """A class the generator does not read inline: cattrs' own code reads it."""


class _Writer:
    """Writes the lines that read objects inline, and the namespace they run in."""

    def __init__(
        self, conv: Converter, *, count: bool, inline: bool, checked: bool = False
    ) -> None:
        self.conv = conv
        #: Whether the counts were checked already (by msgspec, against the same limits).
        self.checked = checked
        #: Whether the code adds each object's pairs to ``n``.
        self.count = count
        #: Whether objects within objects are read inline, or by the converter's hooks.
        self.inline = inline
        self.lines: list[str] = []
        self.namespace: dict[str, Any] = {
            "new": object.__new__,
            "ProblemError": ProblemError,
            "MISSING": MISSING,
            "LARGEST": MAX_COUNT,
            "dispatch": conv.structure,
        }
        self._numbers = itertools.count()

    def number(self) -> int:
        """A number not used before, for names of the generated code."""
        return next(self._numbers)

    def constant(self, value: object, prefix: str) -> str:
        """Put ``value`` in the namespace under a new name, and return the name."""
        name = f"{prefix}{self.number()}"
        self.namespace[name] = value
        return name

    def object(self, cls: type, source: str, indent: str) -> None:
        """Read the object in variable ``source`` as ``cls``, leaving the instance in ``source``.

        A ``dict`` holding every key (what :func:`dumps` writes), or every
        key but ``subtotal``, is read by subscripts; any other ``dict``
        whose keys the class knows, by ``get``.
        """
        attributes = attrs.fields(attrs.resolve_types(cls))
        names = [a.name for a in attributes]
        number = self.number()
        values = [f"v{number}_{index}" for index in range(len(names))]
        kinds = [self._kind(cls, a) for a in attributes]
        add = self.lines.append
        branches = [("if", f"type({source}) is dict and len({source}) == {len(names)}", "")]
        if "subtotal" in names:  # left out where a report did not print it
            test = f"type({source}) is dict and len({source}) == {len(names) - 1}"
            branches.append(("elif", f"{test} and 'subtotal' not in {source}", "subtotal"))
        for keyword, test, omitted in branches:
            add(f"{indent}{keyword} {test}:")
            if self.count:
                add(f"{indent}    n += {len(names) - bool(omitted)}")
            add(f"{indent}    try:")
            for value, name, kind in zip(values, names, kinds, strict=True):
                read = f"{source}[{name!r}]"
                if name == omitted:
                    read = "MISSING" if attrs.has(kind) else "None"
                add(f"{indent}        {value} = {read}")
            add(f"{indent}    except KeyError:")
            add(f"{indent}        raise ProblemError('an unknown key') from None")
        known = self.constant(frozenset(names), "known")
        add(f"{indent}elif isinstance({source}, dict) and {source}.keys() <= {known}:")
        if self.count:
            add(f"{indent}    n += len({source})")
        for value, name, kind in zip(values, names, kinds, strict=True):
            absent = ", MISSING" if attrs.has(kind) else ""
            add(f"{indent}    {value} = {source}.get({name!r}{absent})")
        add(f"{indent}else:")
        add(f"{indent}    raise ProblemError('not an object of this class')")
        for value, attribute, kind in zip(values, attributes, kinds, strict=True):
            self._field(value, attribute, kind, indent)
        self.build(cls, values, source, indent)

    def _kind(self, cls: type, attribute: attrs.Attribute[Any]) -> Any:
        """The type a field holds besides ``None``; only what the generator can read."""
        kinds = list(typing.get_args(attribute.type) or (attribute.type,))
        others = [k for k in kinds if k is not type(None)]
        if len(others) != 1:
            raise _UnsupportedError(f"{cls.__name__}.{attribute.name}: {attribute.type}")
        kind = others[0]
        optional = len(kinds) > 1
        default = attribute.default
        if attrs.has(kind) and isinstance(default, attrs.Factory):  # type: ignore[arg-type]  # attrs.Factory is a class at run time
            if getattr(default, "takes_self", False):
                raise _UnsupportedError(f"{cls.__name__}.{attribute.name}: a factory taking self")
        elif not (optional and default is None):
            raise _UnsupportedError(f"{cls.__name__}.{attribute.name}: no default of None")
        return kind

    def _field(self, value: str, attribute: attrs.Attribute[Any], kind: Any, indent: str) -> None:
        """Check and convert a field's value, read into ``value``, in place."""
        add = self.lines.append
        if kind is int:
            if self.checked:
                return
            # the test for None last: most cells hold a count
            add(
                f"{indent}if (type({value}) is not int or not -LARGEST <= {value} <= LARGEST)"
                f" and {value} is not None:"
            )
            add(f"{indent}    raise ProblemError('not a count')")
        elif not attrs.has(kind):
            hook = self.constant(self.conv.get_structure_hook(kind), "hook")
            cls = self.constant(kind, "kind")
            add(f"{indent}if {value} is not None: {value} = {hook}({value}, {cls})")
        else:
            default: Any = attribute.default
            optional = type(None) in typing.get_args(attribute.type)
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]  # a class at run time
                factory = self.constant(default.factory, "default")
                add(f"{indent}if {value} is MISSING: {value} = {factory}()")
            else:
                add(f"{indent}if {value} is MISSING: {value} = None")
            if optional:
                add(f"{indent}elif {value} is not None:")
            else:
                add(f"{indent}else:")
            if self.inline:
                self.object(kind, value, indent + "    ")
            else:  # hooks registered after this code was written are called too
                add(f"{indent}    {value} = dispatch({value}, {self.constant(kind, 'kind')})")

    def build(self, cls: type, values: list[str], target: str, indent: str, **trusted: Any) -> None:
        """Build an instance of ``cls`` from the values in order, into variable ``target``."""
        add = self.lines.append
        setters = _settable(cls, trusted=frozenset(trusted))
        if setters is None:
            names = [a.name for a in attrs.fields(cls)]
            arguments = ", ".join(f"{n}={v}" for n, v in zip(names, values, strict=True))
            add(f"{indent}{target} = {self.constant(cls, 'cls')}({arguments})")
            return
        built = f"b{self.number()}"
        add(f"{indent}{built} = new({self.constant(cls, 'cls')})")
        for setter, value in zip(setters, values, strict=True):
            add(f"{indent}{self.constant(setter, 'set')}({built}, {value})")
        add(f"{indent}{target} = {built}")


def fast_structurer(cls: type, conv: Converter) -> Callable[[Any, Any], Any] | None:
    """Generate a straight-line structuring function for a model class.

    The objects it holds are read inline (see :meth:`_Writer.object`);
    the instances are built by :func:`_settable`'s setters where they
    exist. ``None`` for a class with a field the generator does not read
    (a required one, a union of classes, a factory taking ``self``).
    """
    writer = _Writer(conv, count=False, inline=False)
    writer.lines.append("def structure(o, _):")
    try:
        writer.object(cls, "o", "    ")
    except _UnsupportedError:
        return None
    writer.lines.append("    return o")
    code = "\n".join(writer.lines) + "\n"
    return compile_function(code, "structure", f"structure {cls.__name__}", writer.namespace)


def report_reader(
    edition: Edition, conv: Converter, *, inline: bool = True, checked: bool = False
) -> Callable[[dict[str, Any]], tuple[Report, int]]:
    """Generate the function that reads a report of an edition, and counts its pairs.

    The function takes a ``dict`` whose ``edition`` is this edition's and
    returns the report and the number of key-value pairs of the objects
    it read. Every object of the report is read inline, and the report
    is built through its slots: the edition is given, and the tables'
    classes are the edition's, which is all that the report's converter
    and validator ensure. With ``inline=False`` the objects are read by
    the converter's hooks instead, as a converter of
    :func:`make_converter` does, so that hooks registered on it are used
    (and only the report's own pairs are counted). With ``checked=True``
    the counts are taken as they are: for data msgspec decoded against
    the edition's schema (:mod:`._typed`), which checked them.
    """
    writer = _Writer(conv, count=True, inline=inline, checked=checked)
    proactive, requests = TABLES[edition]
    add = writer.lines.append
    known = writer.constant(frozenset(a.name for a in attrs.fields(Report)), "known")
    writer.namespace |= {"agency": agency, "year": year, "EDITION": edition}
    add("def read(o):")
    add(f"    if not o.keys() <= {known}:")
    add("        raise ProblemError('an unknown key')")
    add("    n = len(o)")
    values = ["EDITION", "agency(o['agency'])", "year(o['year'])"]
    for name, cls in (
        ("meta", Meta),
        ("proactive", proactive),
        ("requests", requests),
        ("review_litigation", ReviewLitigation),
    ):
        add(f"    {name} = o.get({name!r})")
        add(f"    if {name} is not None:")
        if inline:
            writer.object(cls, name, "        ")
        else:
            add(f"        {name} = dispatch({name}, {writer.constant(cls, 'kind')})")
        values.append(name)
    writer.build(Report, values, "report", "    ", edition=edition)
    add("    return report, n")
    code = "\n".join(writer.lines) + "\n"
    return compile_function(code, "read", f"read a report of {edition.value}", writer.namespace)
