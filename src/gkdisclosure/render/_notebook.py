"""Notebook views of reports, results and diagnoses (Jupyter's ``_repr_html_``)."""

from __future__ import annotations

from typing import Any

from ..findings import ValidationResult
from ..model import Report
from ._report import render_report

__all__ = ["diagnosis_html", "report_html", "result_html"]


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
