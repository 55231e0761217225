"""A whole-row shift of 表三 is named as one pattern, in both languages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import gkdisclosure
from gkdisclosure.catalog import Edition, edition
from gkdisclosure.diagnose import DamagePattern, diagnose_report
from gkdisclosure.render import describe_suspect
from helpers import flatten

TRUTH = Path(__file__).parent / "data" / "corpus" / "2024-huaian-shi.pdf.expected.json"
ROWS = [row.key for row in edition(Edition.E2021).requests.rows if row.role != "subtotal"]


def _node(data: dict[str, Any], key: str) -> tuple[dict[str, Any], str]:
    *parents, last = key.split(".")
    node = data["requests"]
    for part in parents:
        node = node[part]
    return node, last


def _shifted(step: int) -> tuple[gkdisclosure.Report, dict[str, Any]]:
    """The 淮安 report with every row of 表三 holding its neighbour's numbers."""
    data = json.loads(TRUTH.read_text("utf-8"))
    truth = json.loads(TRUTH.read_text("utf-8"))
    for index, key in enumerate(ROWS):
        node, last = _node(data, key)
        source = index + step
        if 0 <= source < len(ROWS):
            other, other_last = _node(truth, ROWS[source])
            node[last] = dict(other[other_last])
        else:
            node[last] = dict.fromkeys(node[last])
    return gkdisclosure.from_dict(data), truth


def test_each_row_holding_the_next_rows_numbers_is_one_shift() -> None:
    """Numbers read before their labels: the leading suspect moves every row back."""
    report, truth = _shifted(1)
    (problem,) = diagnose_report(report).problems
    leading = problem.suspects[0]
    assert leading.pattern is DamagePattern.ROW_SHIFT
    right = flatten(truth)
    assert leading.changes
    assert all(right[change.path] == change.suggested for change in leading.changes)
    assert not any(change.path.startswith("requests.received.") for change in leading.changes)
    assert {finding.rule for finding in leading.repairs} == {"requests.handled_sum"}
    english = describe_suspect(leading, locale="en")
    assert english.startswith(
        "Every row of the requests table holds the numbers of the row after it"
    )
    assert f"{len(leading.changes)} cells change" in english
    assert describe_suspect(leading, locale="zh_CN").startswith("表三的每一行都是其下一行的数字")


def test_each_row_holding_the_previous_rows_numbers_is_one_shift() -> None:
    report, truth = _shifted(-1)
    (problem,) = diagnose_report(report).problems
    leading = problem.suspects[0]
    assert leading.pattern is DamagePattern.ROW_SHIFT
    right = flatten(truth)
    assert all(right[change.path] == change.suggested for change in leading.changes)
    assert describe_suspect(leading, locale="en").startswith(
        "Every row of the requests table holds the numbers of the row before it"
    )
    assert "表三的每一行都是其上一行的数字" in describe_suspect(leading, locale="zh_CN")


def test_one_wrong_cell_is_no_shift() -> None:
    data = json.loads(TRUTH.read_text("utf-8"))
    data["requests"]["granted"]["natural_person"] = 1289
    report = gkdisclosure.from_dict(data)
    for problem in diagnose_report(report).problems:
        assert all(s.pattern is not DamagePattern.ROW_SHIFT for s in problem.suspects)
