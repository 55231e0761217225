"""Analysis: the figures people compute from the tables, across years and agencies.

:func:`indicators` computes the rates people quote, :func:`aggregate`
sums the reports of many agencies, and :func:`compare` sets two years of
one agency side by side.

Below the presentation layer and above the rules: it reads reports and
findings and returns typed values; it never formats, reads files or
imports :mod:`gkdisclosure.render`.
"""

from __future__ import annotations

from ._aggregate import UNIT_AS_PRINTED, Aggregate, aggregate, aggregate_counts
from ._compare import ComparedCell, Comparison, compare
from ._indicators import INDICATORS, Figure, Indicator, Indicators, indicators

__all__ = [
    "INDICATORS",
    "UNIT_AS_PRINTED",
    "Aggregate",
    "ComparedCell",
    "Comparison",
    "Figure",
    "Indicator",
    "Indicators",
    "aggregate",
    "aggregate_counts",
    "compare",
    "indicators",
]
