"""render_comparison and ``gkdisclosure compare``: both years in one table, changes marked."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gkdisclosure import Comparison, compare, load
from gkdisclosure.cli import main
from gkdisclosure.render import render_comparison

CORPUS = Path(__file__).parent / "data" / "corpus"
OLD = CORPUS / "2019-pingtan.html"
NEW = CORPUS / "2024-pingtan.html"


def _comparison() -> Comparison:
    return compare(
        load(CORPUS / "2019-pingtan.html.expected.json"),
        load(CORPUS / "2024-pingtan.html.expected.json"),
    )


def _cell(page: str, path: str) -> str:
    found = re.search(rf'<td[^>]*data-path="{re.escape(path)}"[^>]*>.*?</td>', page)
    assert found is not None, path
    return found.group(0)


def test_a_changed_cell_shows_both_years_and_is_marked() -> None:
    """表三 received, 总计: 218 now, 23 in 2019, +195, marked up."""
    page = render_comparison(_comparison(), locale="zh_CN")
    cell = _cell(page, "requests.received.total")
    assert 'class="gk-up"' in cell
    assert ">218<" in cell
    assert "23 · " in cell
    assert "+195" in cell
    down = _cell(page, "requests.not_processed.repeated.total")  # 3 → 1
    assert 'class="gk-down"' in down
    assert "-2" in down


def test_a_cell_without_counterpart_stands_alone() -> None:
    """现行有效件数 has no 2019 counterpart: its number only, no change."""
    page = render_comparison(_comparison(), locale="en")
    cell = _cell(page, "proactive.normative_documents.in_force")
    assert 'class="gk-alone"' in cell
    assert "gk-was" not in cell
    assert "Not compared: the editions count these differently" in page
    assert "2019 · Centralised government procurement · Procurement projects" in page


def test_the_page_lists_the_group_findings_and_indicators() -> None:
    """（六）其他处理 as a whole, series.sequence, 实质公开率 34.8% → 45.9%."""
    page = render_comparison(_comparison(), locale="zh_CN")
    assert "<h1>平潭综合实验区：2024年与2019年对比</h1>" in page
    assert "（六）其他处理 · 总计：0 → 3（+3）" in page
    assert 'data-rule="series.sequence"' in page
    row = re.search(r'<tr data-indicator="disclosure_rate">.*?</tr>', page)
    assert row is not None
    assert "34.8%" in row.group(0)
    assert "45.9%" in row.group(0)
    assert "+11.1个百分点" in row.group(0)


def test_the_text_lists_changed_cells_only() -> None:
    """37 of 179 compared cells changed; unchanged cells are not listed."""
    text = render_comparison(_comparison(), to="text", locale="en")
    assert "37 of 179 compared cells changed." in text
    assert "1. New requests received this year · Total: 23 → 218 (+195)" in text
    assert "(3) Withheld 1. State secret · Total: 0 → 4 (+4)" in text
    assert "Carried forward" not in text.split("Findings")[0]
    assert "  Correction rate in review: — → 16.7% (—)" in text


def test_another_format_is_refused() -> None:
    """Only html and text."""
    with pytest.raises(ValueError, match="choose 'html' or 'text'"):
        render_comparison(_comparison(), to="pdf")  # type: ignore[arg-type]  # the point


def test_the_command_reads_two_pages(capsys: pytest.CaptureFixture[str]) -> None:
    """``gkdisclosure compare A B`` reads both pages and prints the changes."""
    assert main(["compare", str(OLD), str(NEW), "--locale", "en"]) == 0
    out = capsys.readouterr().out
    head = "平潭综合实验区: 2024 compared with 2019\n37 of 179 compared cells changed.\n"
    assert out.startswith(head)


def test_the_command_writes_json_and_html(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--to json: exact rates as fractions; --to html -o: a page in the file."""
    assert main(["compare", str(OLD), str(NEW), "--to", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["indicators"]["current"]["disclosure_rate.total"] == "50/109"
    change = next(c for c in data["changes"] if c["path"] == "requests.received.total")
    assert (change["previous"], change["current"], change["delta"]) == (23, 218, 195)
    out = tmp_path / "compare.html"
    assert main(["compare", str(OLD), str(NEW), "--to", "html", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_an_unreadable_file_is_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing file or an unwritable output: a one-line reason, exit 2."""
    assert main(["compare", str(OLD), str(tmp_path / "missing.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("gkdisclosure: ")
    assert "missing.json" in err
    assert err.count("\n") == 1
    target = tmp_path / "no" / "such" / "dir.html"
    assert main(["compare", str(OLD), str(NEW), "-o", str(target)]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_blanks_absent_tables_and_no_findings() -> None:
    """A blank on one side is marked apart; an absent table is a heading; no finding is said."""
    import attrs  # noqa: PLC0415 - only here

    from gkdisclosure.testing import with_cell  # noqa: PLC0415 - only here

    sample = load(Path(__file__).parent.parent / "examples" / "2021-fujian-gxt.json")
    previous = with_cell(attrs.evolve(sample, year=2020), "requests.granted.total", None)
    current = attrs.evolve(sample, year=2022, review_litigation=None)
    page = render_comparison(compare(previous, current), locale="en")
    assert 'class="gk-blank-side"' in _cell(page, "requests.granted.total")
    assert '<section class="gk-section" id="gk-review_litigation"><h2>' in page
    # 65 in force last year + 13 issued − 0 repealed = 78: the series rules find nothing
    path = "proactive.normative_documents.in_force"
    before = with_cell(attrs.evolve(sample, year=2021), path, 65)
    text = render_comparison(compare(before, current), "text", "en")
    assert "No finding across the two reports." in text
    assert "  Caseload: 11 → 11 (0)" in text
    assert "  Change in administrative normative documents in force: — → 13 (—)" in text
