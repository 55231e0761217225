"""The batch page: ``gkdisclosure validate FOLDER --report out.html``, checked in a real browser.

The folder holds the corpus's published documents (HTML pages and text)
and one JSON report with a planted fault: 自然人 予以公开 9 instead of 8.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from gkdisclosure import dump, load
from gkdisclosure.batch import check_sources, iter_sources
from gkdisclosure.cli import main
from gkdisclosure.render import render_batch
from gkdisclosure.testing import with_cell

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "examples" / "2021-fujian-gxt.json"
CORPUS = Path(__file__).parent / "data" / "corpus"
DOCUMENTS = sorted(p for p in CORPUS.iterdir() if p.suffix in {".html", ".txt"})


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The corpus's documents and a planted fault, in one folder."""
    reports = tmp_path / "reports"
    reports.mkdir()
    for document in DOCUMENTS:
        shutil.copy(document, reports / document.name)
    dump(with_cell(load(SAMPLE), "requests.granted.natural_person", 9), reports / "planted.json")
    (reports / "broken.json").write_text("{", encoding="utf-8")
    return reports


@pytest.fixture
def page(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The page the command writes for the folder (exit 2: one file is unreadable)."""
    out = tmp_path / "batch.html"
    assert main(["validate", str(folder), "--report", str(out), "--locale", "en"]) == 2
    capsys.readouterr()
    return out


def _section(text: str, cls: str) -> str:
    found = re.search(rf'<table class="gk-list {cls}">.*?</table>', text, flags=re.DOTALL)
    assert found is not None
    return found.group(0)


def test_every_report_with_its_verdict_worst_first(page: Path) -> None:
    """Unreadable first, then the report with errors, then the rest; one row per source."""
    text = page.read_text(encoding="utf-8")
    rows = re.findall(r'<tr class="gk-verdict-(\w+)"><td>(.*?)</td>', _section(text, "gk-reports"))
    assert len(rows) == len(DOCUMENTS) + 2
    # the planted fault, and the flattened 2019 text whose 表二 cannot be read (report.blank_table)
    assert [verdict for verdict, _ in rows[:3]] == ["unreadable", "errors", "errors"]
    assert "broken.json" in rows[0][1]
    assert {"planted.json" in rows[1][1], "planted.json" in rows[2][1]} == {True, False}
    assert any("2019-pingtan.txt" in row[1] for row in rows[1:3])
    assert {verdict for verdict, _ in rows[3:]} == {"ok"}
    assert "Validation of 8 reports" in text
    assert "7 reports read, 2 with errors, 1 unreadable" in text


def test_the_chart_counts_findings_by_rule(page: Path) -> None:
    """Inline SVG, one bar group per rule; the planted fault breaks two identities."""
    text = page.read_text(encoding="utf-8")
    svg = re.search(r"<svg .*?</svg>", text, flags=re.DOTALL)
    assert svg is not None
    rules = re.findall(r'<g data-rule="([^"]+)">', svg.group(0))
    assert {"requests.applicant_sum", "requests.handled_sum"} <= set(rules)
    assert "<script src" not in text
    assert "http" not in text.replace("http://www.w3.org/2000/svg", "")  # nothing fetched


def test_the_failing_cells_are_marked_in_the_report_s_tables(page: Path) -> None:
    """The planted cell is marked failing in its report's tables, which are open."""
    text = page.read_text(encoding="utf-8")
    details = re.search(r"<details id=\"gk-r1\" open>.*?</details>", text, flags=re.DOTALL)
    assert details is not None
    cell = re.search(
        r'<td class="gk-failed"[^>]*data-path="requests.granted.natural_person">9</td>',
        details.group(0),
    )
    assert cell is not None


def test_the_indicators_sort_by_value(page: Path) -> None:
    """Each rate carries its exact value for sorting: 实质公开率 100/218 of 平潭 2024."""
    table = _section(page.read_text(encoding="utf-8"), "gk-indicators")
    row = re.search(r"<tr><td>[^<]*2024-pingtan.html</td>.*?</tr>", table)
    assert row is not None
    assert f'data-sort="{100 / 218!r}">45.9%' in row.group(0)
    assert 'data-sort="NaN">—' in table  # 上海 2019 printed no 总计 for 予以公开


def test_an_outcome_without_its_report_is_listed_without_tables() -> None:
    """Outcomes kept without reports still make a page: listed, no indicators, no tables."""
    outcomes = list(check_sources(iter_sources([SAMPLE])))
    text = render_batch(outcomes, locale="zh_CN")
    assert "<details" not in text
    assert "福建省工业和信息化厅" in text


def test_an_unwritable_report_is_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--report into a missing folder: a one-line reason."""
    target = tmp_path / "missing" / "batch.html"
    assert main(["validate", str(SAMPLE), "--report", str(target)]) == 2
    assert "cannot write" in capsys.readouterr().err


# --- in a real browser -------------------------------------------------------------------


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is required in CI (.ci/run installs it)")
        pytest.skip("chromium is not installed: the page is not checked in a browser")
    return found


def _run_chromium(url: str, tmp_path: Path) -> tuple[str, str]:
    """Load the page headless; return the DOM after the scripts ran, and the browser's log."""
    profile = tmp_path / "profile"
    completed = subprocess.run(  # noqa: S603 - a fixed command on a file of the test
        [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return completed.stdout, completed.stderr


def test_a_console_message_is_caught(tmp_path: Path) -> None:
    """The check below can fail: an error on a page shows in the browser's log."""
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><p>x</p><script>notDefined();</script>", encoding="utf-8")
    _dom, log = _run_chromium(bad.as_uri(), tmp_path)
    assert "CONSOLE" in log
    assert "notDefined is not defined" in log


def test_the_page_opens_without_console_errors_and_sorts(page: Path, tmp_path: Path) -> None:
    """The page loads with nothing on the console; a click on a heading sorts its table."""
    probe = page.with_name("probe.html")
    click = (
        "<script>var th = document.querySelectorAll('table.gk-indicators thead th')[3];"
        "th.click();"  # 受理合计, largest first
        "document.body.setAttribute('data-first', "
        "document.querySelector('table.gk-indicators tbody tr td:nth-child(4)').textContent);"
        "</script></body>"
    )
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", click), encoding="utf-8")
    dom, log = _run_chromium(page.as_uri(), tmp_path)
    assert [line for line in log.splitlines() if "CONSOLE" in line] == []
    assert "gk-batch" in dom
    dom, log = _run_chromium(probe.as_uri(), tmp_path)
    assert [line for line in log.splitlines() if "CONSOLE" in line] == []
    # unsorted, the worst report comes first (the planted one: 11 + 0); sorted by 受理合计,
    # the largest: 上海市人民政府办公厅 2019, 859 received + 18 carried over
    assert 'data-first="877"' in dom
