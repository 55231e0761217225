"""Compile the catalog's identities into straight-line checking code.

A generic loop over identities costs 25–38 µs a report; the generated
function reads each cell once into a local and tests each identity with a
few comparisons. It only decides *which* identities did not pass (their
indexes); :mod:`._evaluate` then builds the findings for those few with
the generic code, which is also the reference the compiled code is tested
against.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .._codegen import compile_function
from ..catalog import Identity, Term
from ..findings import Finding, Severity, Status
from ._evaluate import make_finding

__all__ = ["Checker", "Explainer", "compile_checker", "compile_explainer"]

#: ``checker(table, out)`` appends to ``out`` the index of every identity
#: that did not pass, and returns whether every cell of ``filled`` (see
#: :func:`compile_checker`) is reported.
Checker = Callable[[Any, list[int]], bool]


class _Source:
    """The generated lines and the local name bound to each row and cell."""

    def __init__(self, table: str, *, blank_as_zero: bool) -> None:
        self.table = table
        self.blank_as_zero = blank_as_zero
        self.bindings: list[str] = []
        self.checks: list[str] = []
        self.names: dict[str, str] = {table: "t"}
        self.temporaries = 0
        #: The cells that are read straight from a row that is always there
        #: (a dict: kept in order, and asked about often).
        self.plain: dict[str, None] = {}
        #: Whether the last lines are an ``if not clean:`` block of sign checks.
        self.unclean_block = False

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
            else:
                self.plain[name] = None
            self.bindings.append(f"{name} = {value}")
            if self.blank_as_zero:
                self.bindings.append(f"{name}z = 0 if {name} is None else {name}")
        return self.names[path]

    def value(self, path: str) -> str:
        """The expression the identities compare for a cell."""
        name = self.cell(path)
        return f"{name}z" if self.blank_as_zero else name

    def known(self, names: list[str]) -> str:
        """The condition that every one of these names is reported.

        Where the table is ``clean`` (every plain cell reported and not
        negative) only the others are tested.
        """
        plain = [name for name in names if name in self.plain]
        tests = [f"{name} is not None" for name in names if name not in self.plain]
        if plain:
            chain = " and ".join(f"{name} is not None" for name in plain)
            tests.insert(0, f"(clean or {chain})")
        return " and ".join(tests)

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
            reported = self.known(names)
            self.checks.append(f"{indent}{name} = {total} if {reported} else {fallback}")
        return name

    def identity(self, index: int, identity: Identity) -> None:
        indent = ""
        if identity.when is not None:
            self.checks.append(f"if {self.row(identity.when)} is not None:")
            indent = "    "
        target = self.cell(identity.target)
        if not identity.terms and target in self.plain and not self.blank_as_zero and not indent:
            # a clean table has no negative plain cell: one test skips a run of them
            if not self.unclean_block:
                self.checks.append("if not clean:")
                self.unclean_block = True
            self.checks.append(f"    if {target} is not None and {target} < 0:")
            self.checks.append(f"        out({index})")
            return
        self.unclean_block = False
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
            condition = f"not ({self.known([target, *terms])}) or {target} != {expression}"
        self.checks.append(f"{indent}if {condition}:")
        self.checks.append(f"{indent}    out({index})")


def compile_checker(
    table: str,
    numbered: list[tuple[int, Identity]],
    *,
    blank_as_zero: bool,
    filled: Iterable[str] = (),
) -> Checker:
    """Generate and compile the checker of one table's identities.

    ``numbered`` pairs each identity with the index the checker reports it by.
    The checker returns ``True`` only where every cell of ``filled`` is
    reported: it answers that from the same test that lets it skip most
    checks on a clean table (every cell read straight from a row that is
    always there reported and not negative), when ``filled`` is among those
    cells; else it returns ``False``, which says nothing.
    """
    source = _Source(table, blank_as_zero=blank_as_zero)
    for index, identity in numbered:
        source.identity(index, identity)
    clean = []
    answer = "False"
    if source.plain and not source.blank_as_zero:
        # one pass over the cells answers, for most reports, every "is it
        # reported?" and "is it negative?" at once: 0 <= None raises
        at_least_zero = " and ".join(f"0 <= {name}" for name in source.plain)
        clean = ["try:", f"    clean = {at_least_zero}", "except TypeError:", "    clean = False"]
        if all(source.names.get(path) in source.plain for path in filled):
            answer = "clean"
    body = [*source.bindings, *clean, *source.checks, f"return {answer}"]
    lines = "\n".join(f"    {line}" for line in body)
    code = f"def check(t, out_list):\n    out = out_list.append\n{lines}\n"
    checker: Checker = compile_function(code, "check", f"rules: {table}", {})
    return checker


#: ``explain(report, severities)`` returns the finding of one identity, or
#: ``None`` where it holds or does not apply.
Explainer = Callable[[Any, dict[str, Severity]], Finding | None]


def compile_explainer(identity: Identity, *, blank_as_zero: bool) -> Explainer:
    """Generate and compile the function that builds one identity's finding.

    It is :func:`._evaluate.evaluate` for that identity unrolled: each cell
    read once into a local, each term spelt out, the finding built by the
    same :func:`._evaluate.make_finding`. The checkers call for it only
    on the few identities that did not pass; the generic ``evaluate``
    stays the reference it is tested against.
    """
    source = _Source(identity.table, blank_as_zero=False)
    body: list[str] = []
    if identity.when is not None:
        body.append(f"if {source.row(identity.when)} is None: return None")
    target = source.cell(identity.target)
    namespace: dict[str, Any] = {
        "identity": identity,
        "finding": make_finding,
        "FAILED": Status.FAILED,
        "UNASSESSABLE": Status.UNASSESSABLE,
    }
    if not identity.terms:
        body.append(f"if {target} is None or {target} >= 0: return None")
        body.append(
            f"return finding(identity, report, severities, FAILED, actual={target},"
            f" operands={{{identity.target!r}: {target}}})"
        )
        return _explainer(identity, source, body, namespace)
    lost = "zeroed" if blank_as_zero else "missing"
    body += ["operands = {}", "missing = []", "zeroed = []", "shown = []", "expected = 0"]
    body.append(f"if {target} is not None: operands[{identity.target!r}] = {target}")
    body.append(f"else: {lost}.append({identity.target!r})")
    actual = target
    if blank_as_zero:
        actual = "actual"
        body.append(f"actual = 0 if {target} is None else {target}")

    def add(path: str, name: str, sign: int, indent: str) -> None:
        read_as = f"(0 if {name} is None else {name})" if blank_as_zero else name
        operator = "+=" if sign > 0 else "-="
        body.extend(
            f"{indent}{line}"
            for line in (
                f"if {name} is not None: operands[{path!r}] = {name}",
                f"else: {lost}.append({path!r})",
                f"shown.append(({sign}, {path!r}, {read_as}))",
                f"expected {operator} {name} or 0",
            )
        )

    for term in identity.terms:
        names = [source.cell(path) for path in term.paths]
        if term.fallback is None:
            for path, name in zip(term.paths, names, strict=True):
                add(path, name, term.sign, "")
            continue
        fallback = source.cell(term.fallback)
        blank = " or ".join(f"{name} is None" for name in names)
        body.append(f"if {fallback} is not None and ({blank}):")
        add(term.fallback, fallback, term.sign, "    ")
        body.append("else:")
        for path, name in zip(term.paths, names, strict=True):
            add(path, name, term.sign, "    ")
    body.append("if missing:")
    body.append(
        f"    return finding(identity, report, severities, UNASSESSABLE, actual={actual},"
        " operands=operands, missing=missing, zeroed=zeroed, shown=shown)"
    )
    body.append(f"if {actual} == expected: return None")
    body.append(
        f"return finding(identity, report, severities, FAILED, expected=expected,"
        f" actual={actual}, operands=operands, zeroed=zeroed, shown=shown)"
    )
    return _explainer(identity, source, body, namespace)


def _explainer(
    identity: Identity, source: _Source, body: list[str], namespace: dict[str, Any]
) -> Explainer:
    lines = "\n".join(f"    {line}" for line in (*source.bindings, *body))
    code = f"def explain(report, severities):\n    t = report.{identity.table}\n{lines}\n"
    what = f"rules: {identity.rule} {identity.target}"
    explain: Explainer = compile_function(code, "explain", what, namespace)
    return explain
