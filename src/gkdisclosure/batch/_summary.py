"""Counts over a batch, added up one outcome at a time."""

from __future__ import annotations

import heapq
from collections import Counter
from typing import Any, Final

from attrs import define, field

from ..findings import Severity
from ._check import Outcome

__all__ = ["Summary"]

_WORST: Final = 10


@define
class Summary:
    """Counts over a batch, added up one outcome at a time (constant memory).

    ``worst`` keeps the ``keep`` reports with the most errors (then the
    most findings), worst first.
    """

    keep: int = _WORST
    reports: int = field(default=0, init=False)
    unreadable: int = field(default=0, init=False)
    failing: int = field(default=0, init=False)
    cells: int = field(default=0, init=False)
    by_rule: Counter[str] = field(factory=Counter, init=False)
    by_severity: Counter[str] = field(factory=Counter, init=False)
    _heap: list[tuple[int, int, int, str]] = field(factory=list, init=False)

    def add(self, outcome: Outcome) -> None:
        """Count one outcome in."""
        if outcome.error is not None:
            self.unreadable += 1
            return
        self.reports += 1
        self.cells += outcome.cells
        errors = outcome.errors
        if errors:
            self.failing += 1
        if outcome.tally:
            self.by_rule.update(rule for rule, _severity in outcome.tally)
            self.by_severity.update(severity for _rule, severity in outcome.tally)
            item = (errors, len(outcome.tally), -self.reports, outcome.source)
            if len(self._heap) < self.keep:
                heapq.heappush(self._heap, item)
            else:
                heapq.heappushpop(self._heap, item)

    @property
    def worst(self) -> tuple[tuple[str, int, int], ...]:
        """``(source, errors, findings)`` of the worst reports, worst first."""
        ranked = sorted(self._heap, reverse=True)
        return tuple((source, errors, count) for errors, count, _order, source in ranked)

    def to_dict(self) -> dict[str, Any]:
        """The summary as JSON-ready data."""
        return {
            "reports": self.reports,
            "unreadable": self.unreadable,
            "failing": self.failing,
            "cells": self.cells,
            "findings": sum(self.by_rule.values()),
            "by_severity": {s.value: self.by_severity[s.value] for s in Severity},
            "by_rule": dict(sorted(self.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))),
            "worst": [
                {"file": source, "errors": errors, "findings": count}
                for source, errors, count in self.worst
            ],
        }
