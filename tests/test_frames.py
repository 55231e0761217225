"""Tidy frames: one row per cell with its status, one row per report with its counts."""

from __future__ import annotations

import sys
from pathlib import Path

import attrs
import pytest

from gkdisclosure import Report, load, to_frame, validate
from gkdisclosure.frames import CELL_COLUMNS, INDICATOR_COLUMNS, REPORT_COLUMNS, summary_frame

pytest.importorskip("pandas")

SAMPLE = Path(__file__).parent.parent / "examples" / "2021-fujian-gxt.json"


def _planted() -> Report:
    report = load(SAMPLE)
    assert report.requests is not None
    received = attrs.evolve(report.requests.received, natural_person=12, research=None)
    return attrs.evolve(report, requests=attrs.evolve(report.requests, received=received))


def test_one_row_per_cell_with_labels_value_and_status() -> None:
    """200 cells of a 2021 report; the planted cell failed, the blank one is <NA>."""
    frame = to_frame([validate(_planted())])
    assert tuple(frame.columns) == CELL_COLUMNS
    assert len(frame) == 10 + 175 + 15
    cells = frame.set_index("path")
    planted = cells.loc["requests.received.natural_person"]
    assert (planted["value"], planted["status"], planted["row_label"]) == (
        12,
        "failed",
        "一、本年新收政府信息公开申请数量",
    )
    assert "requests.applicant_sum" in planted["rules"]
    assert cells.loc["requests.received.research", "value"] is pd_na()
    assert cells.loc["proactive.fees.amount_10k_yuan", "value"] == pytest.approx(800.68)
    assert cells.loc["proactive.licensing.decisions", "status"] == "passed"


def pd_na() -> object:
    import pandas as pd  # noqa: PLC0415 - imported after the skip

    return pd.NA


def test_reports_are_validated_and_absent_tables_left_out() -> None:
    """A Report is validated on the way; a table it lacks has no rows."""
    report = attrs.evolve(load(SAMPLE), review_litigation=None)
    frame = to_frame([report])
    assert set(frame["table"]) == {"proactive", "requests"}
    assert set(frame["status"]) == {"passed"}


def test_a_printed_subtotal_has_rows() -> None:
    """A subtotal the report prints is in the frame; one it does not print is not."""
    report = load(SAMPLE)
    assert report.requests is not None
    withheld = attrs.evolve(
        report.requests.withheld, subtotal=report.requests.withheld.state_secret
    )
    report = attrs.evolve(report, requests=attrs.evolve(report.requests, withheld=withheld))
    rows = set(to_frame([report])["row"])
    assert "withheld.subtotal" in rows
    assert "unavailable.subtotal" not in rows


def test_the_summary_has_one_row_per_report_and_a_column_per_rule() -> None:
    """Counts by severity, reported cells, and rule:<id> columns filled with 0."""
    frame = summary_frame([load(SAMPLE), _planted()])
    assert tuple(frame.columns[: len(REPORT_COLUMNS)]) == REPORT_COLUMNS
    assert list(frame["ok"]) == [True, False]
    assert list(frame["reported"]) == [200, 199]
    rule_columns = [c for c in frame.columns if c.startswith("rule:")]
    assert rule_columns
    assert frame.loc[0, rule_columns].sum() == 0


def test_without_pandas_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    """ImportError names the extra to install."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"gkdisclosure\[pandas\]"):
        to_frame([load(SAMPLE)])
    with pytest.raises(ImportError, match="summary_frame needs pandas"):
        summary_frame([load(SAMPLE)])


def test_the_summary_counts_only_the_tables_a_report_has() -> None:
    """A report without 表四 has 15 cells fewer."""
    frame = summary_frame([attrs.evolve(load(SAMPLE), review_litigation=None)])
    assert list(frame["cells"]) == [185]


def test_the_summary_has_the_indicators_of_the_total_column() -> None:
    """实质公开率 (8 + 1) ÷ 11 of the sample; <NA> where a figure is unknown (a blank cell)."""
    frame = summary_frame([load(SAMPLE), _planted()])
    start = len(REPORT_COLUMNS)
    assert tuple(frame.columns[start : start + len(INDICATOR_COLUMNS)]) == INDICATOR_COLUMNS
    assert frame.loc[0, "disclosure_rate"] == pytest.approx(9 / 11)
    assert frame.loc[0, "caseload"] == 11
    assert frame.loc[0, "regulations_in_force_change"] is pd_na()  # no previous report
    assert str(frame["disclosure_rate"].dtype) == "Float64"


def test_each_cell_names_the_indicators_that_read_it() -> None:
    """requests.received.total feeds 受理合计, 办结率, 结转率 and 争议转化率."""
    cells = to_frame([load(SAMPLE)]).set_index("path")
    assert cells.loc["requests.received.total", "indicators"] == (
        "carry_forward_rate,caseload,completion_rate,dispute_rate"
    )
    assert cells.loc["proactive.fees.amount_10k_yuan", "indicators"] == ""
