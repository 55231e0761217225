"""Point at the cells that break a report's identities and say what they should probably be."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final

import attrs

from ..catalog import ValueKind, edition
from ..errors import OptionError
from ..findings import Finding, ValidationResult
from ..model import Report, paths
from ..rules import validate
from ._model import (
    Applied,
    CellChange,
    Confidence,
    DamagePattern,
    Diagnosis,
    DiagnosisProblem,
    Origins,
    Suspect,
)
from ._patterns import change_patterns, pair_pattern
from ._search import NON_NEGATIVE, Candidate, Key, Search, components
from ._shift import RowShift, row_shift
from ._system import System, build, solve_blanks

__all__ = ["apply_repairs", "diagnose_report"]

#: Provenance states of a cell read as printed, or not read at all: no reason for suspicion.
_PLAIN_STATES: Final = frozenset({"number", "blank", "placeholder", "missing"})


def diagnose_report(
    report: Report, result: ValidationResult | None = None, *, provenance: Origins | None = None
) -> Diagnosis:
    """Find the cells that probably break the report's identities, and their probable values.

    ``result`` is the report's :class:`~gkdisclosure.ValidationResult`, if
    already computed (else the report is validated). ``provenance`` maps
    wire paths to where each cell came from (an ingest
    :class:`~gkdisclosure.ingest.Provenance`, or any mapping of objects with
    ``state`` and ``raw``): among repairs that fit equally well, a cell that
    was inferred or glued comes first, and each change carries its printed text.

    Failed identities that share cells, or read cells that another identity
    reads together, form one :class:`DiagnosisProblem`; the others are separate. For each,
    every change of one cell that repairs them all is sought; failing
    that, every change of two cells; failing that, the changes of one cell
    that repair some of them and break none. Several equally good repairs
    are all listed, graded :attr:`Confidence.AMBIGUOUS`. Blank cells read
    as not reported (as by default in :func:`~gkdisclosure.validate`); the
    cells the identities determine come back as the diagnosis' ``fills``.
    The cross-report rules are not diagnosed.
    """
    if result is None:
        result = validate(report)
    elif result.report is not report and result.report != report:
        raise OptionError("the validation result is of another report")
    system = build(report)
    position = {(f.rule, f.path): i for i, f in enumerate(result.findings)}
    by_key = {(f.rule, f.path): f for f in result.findings}
    groups = components(system)
    cells = [frozenset().union(*(c.cells for c in group)) for group in groups]
    context = _Context(report, system, by_key, provenance)
    problems: list[tuple[int, DiagnosisProblem]] = []
    doubtful: set[str] = set()
    shift = row_shift(system, report.edition)
    for i, group in enumerate(groups):
        foreign = frozenset().union(*(other for j, other in enumerate(cells) if j != i))
        ordered = sorted(group, key=lambda c: position.get(c.key, len(position)))
        failed = tuple(context.finding(constraint.key) for constraint in ordered)
        search = Search(system, ordered, foreign)
        suspects = _suspects(search, failed, context)
        # a whole-row shift, only where no change of one or two cells explains the failures
        explained = bool(suspects) and suspects[0].complete
        if shift is not None and not explained and any(c.key in shift.repaired for c in ordered):
            suspects = (_shifted(shift, failed, context), *suspects)
        problem = DiagnosisProblem(failed=failed, suspects=suspects)
        problems.append((position[ordered[0].key], problem))
        # the cells probably wrong: those the leading suspects change, or
        # every cell of the failed identities where no suspect explains them
        doubtful.update(path for suspect in problem.leading for path in suspect.paths)
        if not problem.explained:
            doubtful.update(cells[i])
    problems.sort(key=lambda item: item[0])
    fills = _fills(context, frozenset(doubtful))
    return Diagnosis(report=report, problems=tuple(p for _, p in problems), fills=fills)


class _Context:
    """What building suspects needs: the report's cells, findings and provenance."""

    def __init__(
        self,
        report: Report,
        system: System,
        by_key: Mapping[Key, Finding],
        provenance: Origins | None,
    ) -> None:
        self.report = report
        self.system = system
        self.by_key = by_key
        self.provenance = provenance
        self.order = {path: i for i, path in enumerate(system.values)}

    def finding(self, key: Key) -> Finding:
        try:
            return self.by_key[key]
        except KeyError:
            raise OptionError(
                f"the validation result has no finding for {key[0]} at {key[1]}: "
                "it is of another report"
            ) from None

    def origin(self, path: str) -> tuple[str | None, str | None]:
        """The printed text and state of a cell, if the provenance has it."""
        if self.provenance is None or path not in self.provenance:
            return None, None
        found = self.provenance[path]
        if isinstance(found, str):
            return None, str(found)
        return found.raw, str(found.state)

    def suspicious(self, suspect: Suspect) -> bool:
        """Whether the provenance says a changed cell was not read plainly as printed."""
        return any(
            change.state is not None and change.state not in _PLAIN_STATES
            for change in suspect.changes
        )

    def rank(self, suspect: Suspect) -> tuple[int, int, int]:
        """Order among equals: suspicious provenance, then a known pattern, then catalog order."""
        return (
            not self.suspicious(suspect),
            suspect.pattern is None,
            self.order[suspect.changes[0].path],
        )


def _suspects(
    search: Search, failed: tuple[Finding, ...], context: _Context
) -> tuple[Suspect, ...]:
    singles = list(search.singles())
    complete = [c for c in singles if search.complete(c)]
    chosen = [c for c in complete if not c.negative]
    excluded = len(complete) - len(chosen)
    if not chosen:
        pairs = list(search.pairs())
        chosen = [c for c in pairs if not c.negative]
        excluded = len(pairs) - len(chosen)
    if chosen:
        built = [_suspect(c, search, failed, context) for c in chosen]
        built.sort(key=context.rank)
        if len(built) == 1:
            (only,) = built
            grade = Confidence.MEDIUM
            if only.checks > len(only.changes) and not excluded:
                grade = Confidence.HIGH
            return (attrs.evolve(only, confidence=grade, excluded=excluded),)
        return tuple(
            attrs.evolve(
                suspect,
                confidence=Confidence.AMBIGUOUS,
                alternatives=len(built) - 1,
                excluded=excluded,
            )
            for suspect in built
        )
    partial = [_suspect(c, search, failed, context) for c in singles if not c.negative]
    partial.sort(key=lambda s: (-len(s.repairs), *context.rank(s)))
    return tuple(partial)


def _suspect(
    candidate: Candidate, search: Search, failed: tuple[Finding, ...], context: _Context
) -> Suspect:
    totals = {key[1] for key in candidate.repaired if key[0] != NON_NEGATIVE}
    changes = []
    for path, delta in candidate.deltas:
        printed = context.system.values[path]
        suggested = (printed or 0) + delta
        raw, state = context.origin(path)
        patterns = change_patterns(printed, suggested, total=path in totals)
        changes.append(CellChange(path=path, printed=printed, suggested=suggested,
                                  patterns=patterns, raw=raw, state=state))  # fmt: skip
    pattern: DamagePattern | None
    if len(changes) == 1:
        pattern = changes[0].patterns[0] if changes[0].patterns else None
    else:
        first, second = changes
        pattern = pair_pattern(first, second, context.system.neighbours)
    own = {path for path, _ in candidate.deltas}
    twins = tuple(
        dict.fromkeys(twin for path in own for twin in search.twins(path) if twin not in own)
    )
    repaired = {context.finding(key) for key in candidate.repaired}
    return _repairing(context, changes, failed, repaired, Confidence.LOW, candidate.checks,
                      pattern, twins)  # fmt: skip


def _shifted(shift: RowShift, failed: tuple[Finding, ...], context: _Context) -> Suspect:
    """Every row moved back by one: the cells it changes, as one suspect."""
    changes = []
    for path, suggested in shift.values.items():
        printed = context.system.values.get(path)
        if suggested is None or suggested == printed or path not in context.system.values:
            continue
        raw, state = context.origin(path)
        change = CellChange(
            path=path,
            printed=printed,
            suggested=suggested,
            patterns=(DamagePattern.ROW_SHIFT,),
            raw=raw,
            state=state,
        )
        changes.append(change)
    repaired = {context.finding(key) for key in shift.repaired if key in context.by_key}
    return _repairing(context, changes, failed, repaired, Confidence.MEDIUM, shift.checks,
                      DamagePattern.ROW_SHIFT)  # fmt: skip


def _repairing(  # noqa: PLR0913, PLR0917 - the suspect's parts, in the order of its fields
    context: _Context,
    changes: list[CellChange],
    failed: tuple[Finding, ...],
    repaired: set[Finding],
    confidence: Confidence,
    checks: int,
    pattern: DamagePattern | None,
    twins: tuple[str, ...] = (),
) -> Suspect:
    """A suspect whose changes repair some of the failed findings and leave the others failing."""
    return Suspect(
        changes=tuple(changes),
        repairs=tuple(f for f in failed if f in repaired),
        leaves=tuple(f for f in failed if f not in repaired),
        confidence=confidence,
        checks=checks,
        twins=twins,
        pattern=pattern,
        edition=context.report.edition,
    )


def _fills(context: _Context, doubtful: frozenset[str]) -> tuple[Suspect, ...]:
    found: list[Suspect] = []
    for fill in solve_blanks(context.system, doubtful):
        raw, state = context.origin(fill.path)
        change = CellChange(
            path=fill.path,
            printed=None,
            suggested=fill.value,
            patterns=(DamagePattern.BLANK,),
            raw=raw,
            state=state,
        )
        found.append(
            Suspect(
                changes=(change,),
                repairs=tuple(
                    context.by_key[e.key] for e in fill.checks if e.key in context.by_key
                ),
                leaves=(),
                confidence=Confidence.HIGH if len(fill.checks) > 1 else Confidence.MEDIUM,
                checks=len(fill.checks),
                pattern=DamagePattern.BLANK,
                edition=context.report.edition,
            )
        )
    found.sort(key=lambda s: context.order[s.changes[0].path])
    return tuple(found)


# --- applying suggestions ---------------------------------------------------------------


def apply_repairs(report: Report, suggestions: Iterable[Suspect | CellChange]) -> Applied:
    """Return the report with the suggested values set, and the changes made.

    ``suggestions`` are suspects (every change of each) or single changes,
    e.g. ``diagnosis.fills`` or ``diagnosis.leading``. The report is not
    touched; a new one is built. Raises :exc:`~gkdisclosure.OptionError` if two
    suggestions give one cell different values, if a cell's current value
    is not the one the suggestion was made from, or if the cell is not a
    count of the report (its table or row is absent).
    """
    changes: dict[str, CellChange] = {}
    for item in suggestions:
        for change in item.changes if isinstance(item, Suspect) else (item,):
            known = changes.setdefault(change.path, change)
            if known.suggested != change.suggested:
                raise OptionError(
                    f"{change.path}: suggested both {known.suggested} and {change.suggested}"
                )
    spec = edition(report.edition)
    updated: Any = report
    for path, change in changes.items():
        try:
            cell = spec.cell(path)
        except KeyError:
            raise OptionError(f"{path}: no such cell in the {report.edition} edition") from None
        if cell.column.kind is not ValueKind.COUNT:
            raise OptionError(f"{path}: not a count")
        row_path = path.rpartition(".")[0]
        if paths.get(updated, row_path) is None:
            absent = next(p for p in _prefixes(row_path) if paths.get(updated, p) is None)
            raise OptionError(f"{path}: the report has no {absent.rpartition('.')[2]}")
        printed = paths.get(updated, path)
        if printed != change.printed:
            raise OptionError(f"{path}: the report prints {printed}, not {change.printed}")
        updated = paths.replace(updated, path, change.suggested)
    return Applied(updated, tuple(changes.values()))


def _prefixes(path: str) -> Iterator[str]:
    """``a``, ``a.b``, ``a.b.c`` for ``a.b.c``."""
    parts = path.split(".")
    return (".".join(parts[: i + 1]) for i in range(len(parts)))
