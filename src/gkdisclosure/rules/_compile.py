"""Compile the catalog's identities into straight-line checking code.

A generic loop over identities costs 25–38 µs a report; the generated
function reads each cell once into a local and tests each identity with a
few comparisons. It only decides *which* identities did not pass (their
indexes); :mod:`._evaluate` then builds the findings for those few with
the generic code, which is also the reference the compiled code is tested
against.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..catalog import Identity, Term

__all__ = ["Checker", "compile_checker"]

#: ``checker(table, out)`` appends to ``out`` the index of every identity
#: that did not pass.
Checker = Callable[[Any, list[int]], None]


class _Source:
    """The generated lines and the local name bound to each row and cell."""

    def __init__(self, table: str, *, blank_as_zero: bool) -> None:
        self.table = table
        self.blank_as_zero = blank_as_zero
        self.bindings: list[str] = []
        self.checks: list[str] = []
        self.names: dict[str, str] = {table: "t"}
        self.temporaries = 0

    def row(self, path: str) -> str:
        """Bind a row or group (``None`` when an optional row is absent); return its name."""
        if path not in self.names:
            parent_path, _, attribute = path.rpartition(".")
            parent = self.row(parent_path)
            name = self.names[path] = f"r{len(self.names)}"
            self.bindings.append(f"{name} = {parent}.{attribute}")
        return self.names[path]

    def cell(self, path: str) -> str:
        """Bind a cell (``None`` when not reported or its row is absent); return its name."""
        if path not in self.names:
            row_path, _, attribute = path.rpartition(".")
            row = self.row(row_path)
            name = self.names[path] = f"v{len(self.names)}"
            value = f"{row}.{attribute}"
            if row_path.endswith(".subtotal"):
                value = f"None if {row} is None else {value}"
            self.bindings.append(f"{name} = {value}")
            if self.blank_as_zero:
                self.bindings.append(f"{name}z = 0 if {name} is None else {name}")
        return self.names[path]

    def value(self, path: str) -> str:
        """The expression the identities compare for a cell."""
        name = self.cell(path)
        return f"{name}z" if self.blank_as_zero else name

    def term(self, term: Term, indent: str) -> str:
        """Emit what a term adds; return the name holding it."""
        if term.fallback is None:
            (path,) = term.paths
            return self.value(path)
        names = [self.cell(path) for path in term.paths]
        fallback = self.cell(term.fallback)
        self.temporaries += 1
        name = f"g{self.temporaries}"
        reported = " and ".join(f"{n} is not None" for n in names)
        total = " + ".join(self.value(path) for path in term.paths)
        if self.blank_as_zero:
            self.checks.append(
                f"{indent}{name} = {total} if ({reported}) or {fallback} is None else {fallback}"
            )
        else:
            self.checks.append(f"{indent}{name} = {total} if ({reported}) else {fallback}")
        return name

    def identity(self, index: int, identity: Identity) -> None:
        indent = ""
        if identity.when is not None:
            self.checks.append(f"if {self.row(identity.when)} is not None:")
            indent = "    "
        target = self.cell(identity.target)
        if not identity.terms:
            self.checks.append(f"{indent}if {target} is not None and {target} < 0:")
            self.checks.append(f"{indent}    out({index})")
            return
        terms = [self.term(term, indent) for term in identity.terms]
        signed = [
            f"{'+' if term.sign > 0 else '-'} {name}"
            for term, name in zip(identity.terms, terms, strict=True)
        ]
        expression = " ".join(signed).removeprefix("+ ")
        if self.blank_as_zero:
            condition = f"{self.value(identity.target)} != {expression}"
        else:
            known = " and ".join(f"{name} is not None" for name in (target, *terms))
            condition = f"not ({known}) or {target} != {expression}"
        self.checks.append(f"{indent}if {condition}:")
        self.checks.append(f"{indent}    out({index})")


def compile_checker(
    table: str, numbered: list[tuple[int, Identity]], *, blank_as_zero: bool
) -> Checker:
    """Generate and compile the checker of one table's identities.

    ``numbered`` pairs each identity with the index the checker reports it by.
    """
    source = _Source(table, blank_as_zero=blank_as_zero)
    for index, identity in numbered:
        source.identity(index, identity)
    body = [*source.bindings, *source.checks] or ["pass"]
    lines = "\n".join(f"    {line}" for line in body)
    code = f"def check(t, out_list):\n    out = out_list.append\n{lines}\n"
    namespace: dict[str, Any] = {}
    exec(compile(code, f"<gkdisclosure rules: {table}>", "exec"), namespace)  # noqa: S102 - code generated from the catalog
    checker: Checker = namespace["check"]
    checker.__doc__ = code
    return checker
