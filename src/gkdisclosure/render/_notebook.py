"""Notebook views of reports, results and diagnoses, registered for their ``_repr_html_``."""

from __future__ import annotations

from html import escape

from .._views import html_view
from ..diagnose import Diagnosis
from ..findings import ValidationResult
from ..model import Report
from ._diagnosis import describe_suspect
from ._report import render_report

__all__ = ["diagnosis_html", "report_html", "result_html"]


@html_view.register
def report_html(report: Report) -> str:
    """The report's tables as an HTML fragment, in Chinese (the language of the format)."""
    return render_report(report, to="html", standalone=False)


@html_view.register
def result_html(result: ValidationResult) -> str:
    """The report's tables with the findings marked, as an HTML fragment."""
    return render_report(result.report, to="html", findings=result, standalone=False)


@html_view.register
def diagnosis_html(diagnosis: Diagnosis) -> str:
    """A diagnosis for notebooks: the tables with the failed cells marked, then the suspects."""
    failed = [finding for problem in diagnosis.problems for finding in problem.failed]
    tables = render_report(diagnosis.report, to="html", findings=failed, standalone=False)
    items = "".join(
        f"<li>{escape(describe_suspect(suspect))}</li>"
        for suspect in (*diagnosis.leading, *diagnosis.fills)
    )
    return tables + (f'\n<ol class="gk-suspects">{items}</ol>' if items else "")
