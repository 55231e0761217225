"""Straight-line code generated from the model's classes for the fast pass.

A cell read by generated code costs one ``type()`` test instead of two
hook calls. The code accepts exactly what the careful converter accepts;
on anything else it raises, and the careful pass says what was wrong.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Mapping
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
    Requests2019,
    Requests2021,
    ReviewLitigation,
)
from ._hooks import ProblemError

__all__ = ["MISSING", "TABLES", "fast_structurer", "pair_counter"]

#: The classes of the tables 二 and 三 in each edition.
TABLES: Final = {
    Edition.E2019: (Proactive2019, Requests2019),
    Edition.E2021: (Proactive2021, Requests2021),
}
#: Stands for a key the document does not hold.
MISSING: Final = object()


def _settable(cls: type) -> tuple[Any, ...] | None:
    """The slots' setters, if an instance may be built without ``__init__``.

    That holds for a slotted attrs class whose ``__init__`` only stores its
    arguments: no validator, converter or default to compute, no
    ``__attrs_pre_init__``/``__attrs_post_init__``, no cached hash. Then
    ``object.__new__`` and each slot's setter build an instance equal in
    every way to one from ``__init__``, at half the cost (``__init__`` of a
    frozen class goes through ``object.__setattr__`` for each field).
    """
    attributes = attrs.fields(cls)
    plain = all(
        a.init and a.validator is None and a.converter is None and a.alias == a.name
        for a in attributes
    )
    hooks = ("__attrs_pre_init__", "__attrs_post_init__", "__attrs_init__")
    slots = set(getattr(cls, "__slots__", ()))
    if not plain or any(hasattr(cls, hook) for hook in hooks):
        return None
    if slots - {"__weakref__"} != {a.name for a in attributes}:
        return None  # not slotted, or a slot __init__ fills itself (a cached hash)
    return tuple(cls.__dict__[a.name].__set__ for a in attributes)


def fast_structurer(cls: type, conv: Converter) -> Callable[[Any, Any], Any]:
    """Generate a straight-line structuring function for a model class.

    The fast path of :func:`from_dict`: a cell costs one ``type()`` test
    instead of two hook calls; an object holding every key (what
    :func:`dumps` writes), or every key but ``subtotal``, is read by
    subscripts; the instance is built by :func:`_settable`'s setters
    where they exist. It accepts exactly what the detailed converter
    accepts; on anything else it raises and the detailed pass explains
    what was wrong.
    """
    attributes = attrs.fields(attrs.resolve_types(cls))
    names = [a.name for a in attributes]
    namespace: dict[str, Any] = {
        "cls": cls,
        "new": object.__new__,
        "known": frozenset(names),
        "ProblemError": ProblemError,
        "MISSING": MISSING,
    }
    # an exact dict with as many keys as the class has fields has them all
    lines = ["def structure(o, _):"]
    lines += _subscripts(f"type(o) is dict and len(o) == {len(names)}", names, "if")
    if "subtotal" in names:  # left out where a report did not print it
        test = f"type(o) is dict and len(o) == {len(names) - 1} and 'subtotal' not in o"
        lines += _subscripts(test, names, "elif", omitted="subtotal")
    lines.append("    elif isinstance(o, dict) and o.keys() <= known:")
    checks = []
    for index, attribute in enumerate(attributes):
        got, check = _field(index, attribute, conv, namespace)
        lines.append(f"        v{index} = {got}")
        checks += check
    lines += ["    else:", "        raise ProblemError('not an object of this class')", *checks]
    setters = _settable(cls)
    if setters is None:
        arguments = ", ".join(f"{name}=v{index}" for index, name in enumerate(names))
        lines.append(f"    return cls({arguments})")
    else:
        lines.append("    self = new(cls)")
        for index, setter in enumerate(setters):
            namespace[f"set{index}"] = setter
            lines.append(f"    set{index}(self, v{index})")
        lines.append("    return self")
    code = "\n".join(lines) + "\n"
    return compile_function(code, "structure", f"structure {cls.__name__}", namespace)


def _subscripts(test: str, names: list[str], keyword: str, omitted: str = "") -> list[str]:
    """Read every key by subscript; a missing one means an unknown one took its place."""
    reads = [
        f"            v{index} = {'MISSING' if name == omitted else f'o[{name!r}]'}"
        for index, name in enumerate(names)
    ]
    return [
        f"    {keyword} {test}:",
        "        try:",
        *reads,
        "        except KeyError:",
        "            raise ProblemError('an unknown key') from None",
    ]


def _field(
    index: int, attribute: attrs.Attribute[Any], conv: Converter, namespace: dict[str, Any]
) -> tuple[str, list[str]]:
    """How the partial branch gets a field's value, and the lines that check and convert it."""
    value, name = f"v{index}", attribute.name
    kinds = list(typing.get_args(attribute.type) or (attribute.type,))
    optional = type(None) in kinds
    (kind,) = [k for k in kinds if k is not type(None)]
    if kind is int:
        namespace["LARGEST"] = MAX_COUNT
        check = (
            f"    if {value} is not None and (type({value}) is not int"
            f" or not -LARGEST <= {value} <= LARGEST):"
        )
        return f"o.get({name!r})", [check, "        raise ProblemError('not a count')"]
    if not attrs.has(kind):
        namespace[f"h{index}"] = conv.get_structure_hook(kind)
        namespace[f"k{index}"] = kind
        return f"o.get({name!r})", [
            f"    if {value} is not None: {value} = h{index}({value}, k{index})"
        ]
    namespace[f"s{index}"] = conv.get_structure_hook(kind)
    default: Any = attribute.default
    namespace[f"d{index}"] = (
        default.factory if isinstance(default, attrs.Factory) else lambda: None  # type: ignore[arg-type]  # attrs.Factory is a class at run time
    )
    guard = f"{value} is not None" if optional else "True"
    return f"o.get({name!r}, MISSING)", [
        f"    if {value} is MISSING: {value} = d{index}()",
        f"    elif {guard}: {value} = s{index}({value}, None)",
    ]


def pair_counter(edition: Edition) -> Callable[[dict[str, Any]], int]:
    """Generate a function counting the key-value pairs of a report's objects.

    It is straight-line code over the objects an edition's report can
    hold, and meant only for a document that structured without a
    problem: every value it meets where the model has a class is an
    object, ``null``, or absent.
    """
    proactive, requests = TABLES[edition]
    classes = {"meta": Meta, "proactive": proactive, "requests": requests}
    classes["review_litigation"] = ReviewLitigation
    lines = ["def count(o):", "    n = len(o)"]
    names = iter(f"o{i}" for i in range(1, 1000))

    def visit(parent: str, children: Mapping[str, type], indent: str) -> None:
        for key, cls in children.items():
            name = next(names)
            lines.append(f"{indent}{name} = {parent}.get({key!r})")
            lines.append(f"{indent}if {name} is not None:")
            lines.append(f"{indent}    n += len({name})")
            hints = typing.get_type_hints(cls)
            visit(
                name,
                {a: _class_of(hints[a]) for a in hints if _class_of(hints[a])},
                indent + "    ",
            )

    visit("o", classes, "    ")
    lines.append("    return n")
    code = "\n".join(lines) + "\n"
    return compile_function(code, "count", f"pairs {edition.value}", {})


def _class_of(hint: Any) -> Any:
    """The attrs class of a field's type hint (``X | None`` included), or ``None``."""
    kinds = [k for k in typing.get_args(hint) or (hint,) if attrs.has(k)]
    return kinds[0] if len(kinds) == 1 else None
