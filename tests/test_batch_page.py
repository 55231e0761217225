"""The batch page: ``gkdisclosure validate FOLDER --report out.html``, checked in a real browser.

The folder holds the corpus's published documents (HTML pages and text)
and one JSON report with a planted fault: 自然人 予以公开 9 instead of 8.
A second folder holds the 淮安 PDF, read with a fault planted after
reading (自然人 予以公开 1289; the PDF prints 1288 on page 4), whose
failed identities show as pictures of the printed cells.
"""

from __future__ import annotations

import base64
import io
import os
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from gkdisclosure import dump, load, read
from gkdisclosure.batch import Outcome, check_sources, iter_sources
from gkdisclosure.cli import main
from gkdisclosure.ingest import IngestResult
from gkdisclosure.render import render_batch
from gkdisclosure.testing import with_cell

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "examples" / "2021-fujian-gxt.json"
CORPUS = Path(__file__).parent / "data" / "corpus"
DOCUMENTS = sorted(p for p in CORPUS.iterdir() if p.suffix in {".html", ".txt"})
HUAIAN = CORPUS / "2024-huaian-shi.pdf"


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


def test_json_output_keeps_the_findings_for_the_page(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --format jsonl the page still marks the planted cell and charts its rules."""
    out = tmp_path / "batch.html"
    assert main(["validate", str(folder), "--format", "jsonl", "--report", str(out)]) == 2
    assert len(capsys.readouterr().out.splitlines()) == len(DOCUMENTS) + 2
    text = out.read_text(encoding="utf-8")
    assert re.search(
        r'<td class="gk-failed"[^>]*data-path="requests.granted.natural_person">9<', text
    )
    assert '<g data-rule="requests.applicant_sum">' in text


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


# --- a PDF's printed cells ---------------------------------------------------------------

#: Cells of the 淮安 PDF's 表三 column 自然人, in its rows: 予以公开 is printed 1288 on page 4.
PLANTED = {"requests.granted.natural_person": 1289}
#: Eleven rows of the same column, each one more than printed: 11 rows and the column break.
MANY = {
    f"requests.{row}.natural_person": value + 1
    for row, value in [
        ("granted", 1288),
        ("partially_granted", 447),
        ("withheld.state_secret", 2),
        ("withheld.prohibited_by_law", 30),
        ("withheld.security_stability", 5),
        ("withheld.third_party_rights", 6),
        ("withheld.internal_affairs", 7),
        ("withheld.process_information", 12),
        ("withheld.enforcement_files", 9),
        ("withheld.inquiry_matters", 105),
        ("unavailable.not_held", 746),
    ]
}


@attrs.frozen
class Planting:
    """Reads a document as :func:`gkdisclosure.read` does; in the PDF, some cells are changed."""

    cells: dict[str, int]

    def __call__(self, path: str) -> IngestResult:
        result = read(path)
        if Path(path).suffix != ".pdf":
            return result
        report = result.report
        for cell, value in self.cells.items():
            report = with_cell(report, cell, value)
        return attrs.evolve(result, report=report)


def _outcomes(folder: Path, cells: dict[str, int]) -> list[Outcome]:
    sources = iter_sources([folder])
    return list(check_sources(sources, reader=Planting(cells), keep_reports=True))


@pytest.fixture
def pdf_folder(tmp_path: Path) -> Path:
    """The 淮安 PDF and the 平潭 2024 page, in one folder."""
    folder = tmp_path / "pdfs"
    folder.mkdir()
    shutil.copy(HUAIAN, folder / HUAIAN.name)
    shutil.copy(CORPUS / "2024-pingtan.html", folder / "2024-pingtan.html")
    return folder


def _figures(text: str) -> list[tuple[str, str, str, str]]:
    """``(png base64, width, height, alt)`` of each picture of printed cells."""
    return re.findall(
        r'<figure class="gk-evidence"><figcaption>[^<]*</figcaption>'
        r'<img src="data:image/png;base64,([^"]+)" '
        r'width="(\d+)" height="(\d+)" alt="([^"]*)">',
        text,
    )


def test_a_failed_identity_in_a_pdf_shows_its_printed_cells(pdf_folder: Path) -> None:
    """One picture for each page of each failed identity's cells, each decoding to its size."""
    image = pytest.importorskip("PIL.Image")
    outcomes = _outcomes(pdf_folder, PLANTED)
    pdf = next(o for o in outcomes if o.source.endswith(".pdf"))
    assert {f.rule for f in pdf.findings} == {"requests.applicant_sum", "requests.handled_sum"}
    sent = pickle.loads(pickle.dumps(pdf))  # noqa: S301 - our own bytes, as workers send them
    assert sent.evidence == pdf.evidence
    text = render_batch(outcomes, locale="en")
    figures = _figures(text)
    # the row 予以公开 (page 4); the column 自然人, from 予以公开 on page 4 to 总计 on page 5
    assert len(figures) == 3
    alts = [alt for *_rest, alt in figures]
    row = next(alt for alt in alts if "（一）予以公开 / 总计" in alt)
    assert row.startswith("Page 4 of the PDF, these cells outlined: （一）予以公开 / 自然人; ")
    assert sorted(alt[:6] for alt in alts) == ["Page 4", "Page 4", "Page 5"]
    assert any("（七）总计 / 自然人" in alt for alt in alts)
    for data, width, height, _alt in figures:
        picture = image.open(io.BytesIO(base64.b64decode(data)))
        assert picture.format == "PNG"
        assert picture.size == (int(width), int(height))
        assert int(width) == 893  # the A4 page's width, 595 points at 1.5 pixels a point
    assert "As printed in the PDF" in text
    assert text.count('<section class="gk-section gk-printed">') == 1  # the HTML page has none


def test_cells_without_a_box_name_their_page(pdf_folder: Path) -> None:
    """Cells read from the text layer (a page, no box): the page's number, no picture."""
    outcomes = [
        attrs.evolve(o, evidence=tuple(attrs.evolve(c, box=None) for c in o.evidence))
        for o in _outcomes(pdf_folder, PLANTED)
    ]
    text = render_batch(outcomes, locale="en")
    assert _figures(text) == []
    assert "Printed on page 4: （一）予以公开 / 自然人; （一）予以公开 / 商业企 业" in text
    assert "Printed on page 5: " in text


def test_pictures_are_capped_per_report_and_per_page(
    pdf_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ten pictures a report, a hundred a page; past the cap the page's number stands alone."""
    outcomes = _outcomes(pdf_folder, MANY)
    text = render_batch(outcomes, locale="en")
    assert len(_figures(text)) == 10
    assert "3 more pictures are left out: the page shows at most 10 for a report" in text
    monkeypatch.setattr("gkdisclosure.render._batch.MAX_CROPS", 2)
    text = render_batch(outcomes, locale="en")
    assert len(_figures(text)) == 2
    assert "11 more pictures are left out" in text
    assert text.count("Printed on page") == 11


def test_a_pdf_that_cannot_be_drawn_names_the_page(
    pdf_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file gone since it was read, or no pdf extra: the page's number, and no error."""
    outcomes = _outcomes(pdf_folder, PLANTED)
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    text = render_batch(outcomes, locale="en")
    assert _figures(text) == []
    assert "Printed on page 4: " in text
    monkeypatch.delitem(sys.modules, "pypdfium2")
    (pdf_folder / HUAIAN.name).unlink()
    assert _figures(render_batch(outcomes, locale="zh_CN")) == []
    assert "印于第 4 页" in render_batch(outcomes, locale="zh_CN")


def test_the_command_keeps_where_a_pdf_printed_its_cells(
    pdf_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command's batch reads with provenance: nothing fails, so no pictures, no error."""
    out = tmp_path / "pdfs.html"
    assert main(["validate", str(pdf_folder), "--report", str(out)]) == 0
    capsys.readouterr()
    text = out.read_text(encoding="utf-8")
    assert "淮安市人民政府" in text
    assert "gk-printed" not in text


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


def test_the_pictures_of_printed_cells_load_in_the_browser(
    pdf_folder: Path, tmp_path: Path
) -> None:
    """No console message, and every picture decoded by the browser (naturalWidth above 0)."""
    page = tmp_path / "pdfs.html"
    text = render_batch(_outcomes(pdf_folder, PLANTED), locale="zh_CN")
    probe = (
        "<script>window.addEventListener('load', function () {"
        "var images = Array.prototype.slice.call(document.querySelectorAll('figure img'));"
        "document.body.setAttribute('data-images', images.length);"
        "document.body.setAttribute('data-loaded', images.filter(function (i) {"
        "return i.complete && i.naturalWidth > 0; }).length);"
        "});</script></body>"
    )
    page.write_text(text.replace("</body>", probe), encoding="utf-8")
    dom, log = _run_chromium(page.as_uri(), tmp_path)
    assert [line for line in log.splitlines() if "CONSOLE" in line] == []
    assert 'data-images="3"' in dom
    assert 'data-loaded="3"' in dom
