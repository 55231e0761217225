"""Notebook views and short ``repr`` texts of reports and results (Jupyter's ``_repr_html_``)."""

from __future__ import annotations

from typing import Any

from ..findings import Finding, ValidationResult
from ..model import Report
from ._report import render_report

__all__ = [
    "diagnosis_html",
    "finding_repr",
    "report_html",
    "report_repr",
    "result_html",
    "result_repr",
]

_SHOWN_RULES = 3


def report_repr(report: Report) -> str:
    """``<Report agency year (edition E), tables: ...>``."""
    tables = [key for key in ("proactive", "requests", "review_litigation") if getattr(report, key)]
    listed = ", ".join(tables) if tables else "none"
    return (
        f"<Report {report.agency!r} {report.year} (edition {report.edition.value}), "
        f"tables: {listed}>"
    )


def result_repr(result: ValidationResult) -> str:
    """``<ValidationResult agency year: error=N warning=N info=N [rule ×n, ...]>``."""
    by_severity = result.by_severity().items()
    counts = " ".join(f"{severity.value}={n}" for severity, n in reversed(by_severity))
    rules = sorted(result.by_rule().items(), key=lambda item: (-item[1], item[0]))
    shown = ", ".join(f"{rule} ×{count}" for rule, count in rules[:_SHOWN_RULES])
    if len(rules) > _SHOWN_RULES:
        shown += ", ..."
    report: Any = result.report
    who = "" if report is None else f" {report.agency!r} {report.year}"
    return f"<ValidationResult{who}: {counts}" + (f" [{shown}]>" if shown else ">")


def finding_repr(finding: Finding) -> str:
    """``<Finding rule status severity at path: actual vs expected>``."""
    text = (
        f"<Finding {finding.rule} {finding.status.value} {finding.severity.value} at {finding.path}"
    )
    if finding.actual is not None or finding.expected is not None:
        text += f": actual {finding.actual}, expected {finding.expected}"
    return text + ">"


def report_html(report: Report) -> str:
    """The report's tables as an HTML fragment, in Chinese (the language of the format)."""
    return render_report(report, to="html", standalone=False)


def result_html(result: ValidationResult) -> str:
    """The report's tables with the findings marked, as an HTML fragment."""
    return render_report(result.report, to="html", findings=result, standalone=False)


def diagnosis_html(diagnosis: Any) -> str:
    """A diagnosis for notebooks: the tables with the failed cells marked, then the suspects."""
    from html import escape  # noqa: PLC0415 - notebooks only

    from ._diagnosis import describe_suspect  # noqa: PLC0415 - it imports the diagnose layer

    failed = [finding for problem in diagnosis.problems for finding in problem.failed]
    tables = render_report(diagnosis.report, to="html", findings=failed, standalone=False)
    items = "".join(
        f"<li>{escape(describe_suspect(suspect))}</li>"
        for suspect in (*diagnosis.leading, *diagnosis.fills)
    )
    return tables + (f'\n<ol class="gk-suspects">{items}</ol>' if items else "")
