"""Whether each printed table is filled: ``report.blank_table`` and ``report.incomplete_table``.

FORMAT.md §2.2: "Section 一、报告内容 first says the contents follow Art. 50 strictly: nothing
may be left out" (不能遗漏). §6 D2: "Blank cells instead of 0 … Treat a blank as *missing*, not
0"; D4: '"/" and "-" placeholders in numeric cells. "—", "无" and "/" are plausible too.'
The cases below are the real layout of corpus/2024-pingtan.html with numbers taken out.
"""

from __future__ import annotations

import io
import itertools
import json
import re
from pathlib import Path
from types import SimpleNamespace

import attrs
import pytest

from gkdisclosure import Severity, Status, describe, from_dict, is_consistent, read_html, validate
from gkdisclosure.rules import PROFILES, RULES, _completeness
from gkdisclosure.rules._completeness import completeness_findings

CORPUS = Path(__file__).parent / "data" / "corpus"
PAGE = (CORPUS / "2024-pingtan.html").read_text(encoding="utf-8")
#: A cell holding one number, in this page's markup.
NUMBER = re.compile(r">([0-9]+(?:\.[0-9]+)?)</p>")
#: What real reports print where they give no number (FORMAT.md §6 D2, D4).
PLACEHOLDERS = ("", "/", "—", "-", "&nbsp;", "无")
#: The columns of 表三.
COLUMNS = (
    "natural_person",
    "commercial",
    "research",
    "public_interest",
    "legal_services",
    "other",
    "total",
)


def _tables(page: str) -> list[tuple[int, int]]:
    starts = [m.start() for m in re.finditer("<table", page)]
    ends = [m.end() for m in re.finditer("</table>", page)]
    return list(zip(starts, ends, strict=True))


def _replace_numbers(page: str, table: int, limit: int | None = None) -> str:
    """The page with the numbers of one table (表二 is 0) replaced by placeholders, in turn."""
    start, end = _tables(page)[table]
    placeholders = itertools.cycle(PLACEHOLDERS)
    text = NUMBER.sub(lambda _: f">{next(placeholders)}</p>", page[start:end], count=limit or 0)
    return page[:start] + text + page[end:]


def test_the_page_as_published_is_complete() -> None:
    """Every cell of the three tables holds a number: no completeness finding."""
    result = validate(read_html(io.StringIO(PAGE)).report)
    assert list(result) == []


def test_an_all_blank_table_three_is_one_error() -> None:
    """表三 printed with its grid and no number: one error, not 39 notes, and not consistent."""
    report = read_html(io.StringIO(_replace_numbers(PAGE, 1))).report
    assert report.requests is not None
    result = validate(report)
    assert [(f.rule, f.severity, f.path) for f in result] == [
        ("report.blank_table", Severity.ERROR, "requests")
    ]
    (finding,) = result
    assert finding.status is Status.FAILED
    assert finding.args["blank"] == finding.args["cells"] == 175  # 25 rows x 7 columns
    assert len(finding.missing) == 175
    assert not is_consistent(report)
    assert describe(finding, "en") == (
        "Table 3 gives no number: every cell is blank, a placeholder or could not be read."
    )
    assert describe(finding, "zh_CN").startswith("表三没有任何数字")


def test_a_table_two_of_placeholders_is_blank() -> None:
    """表二 has no identity, yet "/", "—", "-", "无" and blank cells in it are found."""
    report = read_html(io.StringIO(_replace_numbers(PAGE, 0))).report
    result = validate(report)
    assert [(f.rule, f.path) for f in result] == [("report.blank_table", "proactive")]
    assert not result.ok


def test_some_blank_cells_are_one_warning_per_table() -> None:
    """The first four numbers of 表二 replaced: one warning that counts and lists the four."""
    report = read_html(io.StringIO(_replace_numbers(PAGE, 0, limit=4))).report
    result = validate(report)
    (finding,) = result
    assert (finding.rule, finding.severity, finding.path) == (
        "report.incomplete_table",
        Severity.WARNING,
        "proactive",
    )
    assert finding.missing == (
        "proactive.regulations.issued",
        "proactive.regulations.repealed",
        "proactive.regulations.in_force",
        "proactive.normative_documents.issued",
    )
    assert (finding.args["blank"], finding.args["cells"]) == (4, 10)
    assert result.ok
    assert describe(finding, "en") == (
        "Table 2: 4 of 10 cells give no number "
        "(blank, a placeholder or not readable): regulations / issued, "
        "regulations / repealed, regulations / in force, "
        "normative documents / issued."
    )


def test_a_long_list_of_blank_cells_is_cut_short() -> None:
    """The 沭阳县 2023 report fills only 自然人 and 总计: 125 blank cells, five named."""
    case = Path(__file__).parent / "data" / "rules" / "shuyang-2023-report.json"
    report = from_dict(json.loads(case.read_text("utf-8"))["report"])
    (finding,) = validate(report).for_rule("report.incomplete_table")
    assert (finding.path, finding.args["blank"], finding.args["cells"]) == ("requests", 125, 175)
    text = describe(finding, "en")
    assert text.endswith(", 120 more.")
    assert text.count(" / ") == 5


@pytest.mark.parametrize(
    ("profile", "severity"),
    [("default", Severity.WARNING), ("strict", Severity.ERROR), ("lenient", None)],
)
def test_profiles_decide_what_incompleteness_is(profile: str, severity: Severity | None) -> None:
    """strict makes incompleteness an error (portals that generate reports); lenient drops it."""
    report = read_html(io.StringIO(_replace_numbers(PAGE, 0, limit=1))).report
    found = [f.severity for f in validate(report, profile=profile)]  # type: ignore[arg-type]
    assert found == ([] if severity is None else [severity])


def test_lenient_keeps_only_failed_identities() -> None:
    """lenient: a blank table, a cell not reported and a wrong year are all left out."""
    report = read_html(io.StringIO(_replace_numbers(PAGE, 1, limit=1))).report
    assert {f.rule for f in validate(report)} >= {"report.incomplete_table"}
    assert list(validate(report, profile="lenient")) == []
    kept = validate(report, profile="lenient", severity={"report.incomplete_table": "error"})
    assert [f.rule for f in kept] == ["report.incomplete_table"]


def test_the_rules_are_listed() -> None:
    """Both rules are report-level, with the severities the docs give."""
    assert (RULES["report.blank_table"].scope, RULES["report.blank_table"].severity) == (
        "report",
        Severity.ERROR,
    )
    assert RULES["report.incomplete_table"].severity is Severity.WARNING


def test_a_row_missing_from_a_table_is_walked_cell_by_cell() -> None:
    """A table without one of its rows (built by hand) is read row by row: that row is blank."""
    report = read_html(io.StringIO(PAGE)).report
    assert report.requests is not None
    requests = attrs.evolve(report.requests, granted=None)  # type: ignore[arg-type]  # by hand
    damaged = attrs.evolve(report, requests=requests)
    (finding,) = completeness_findings(damaged, dict(PROFILES["default"]))
    assert (finding.rule, finding.path) == ("report.incomplete_table", "requests")
    assert finding.missing == tuple(f"requests.granted.{column}" for column in COLUMNS)
    assert finding.args["blank"] == len(COLUMNS)


def test_the_cells_of_a_one_cell_table_are_read_as_a_tuple() -> None:
    """``attrgetter`` of one name gives the value alone; the getter of a table always a tuple."""
    holder = SimpleNamespace(row=SimpleNamespace(cell=3))
    assert _completeness._getter(["row.cell"])(holder) == (3,)  # noqa: SLF001
    assert _completeness._getter(["row.cell", "row.cell"])(holder) == (3, 3)  # noqa: SLF001
