"""``gkdisclosure validate`` reads at a glance: one line per failed finding, one per table.

Snapshots of the command on every corpus document and the bundled sample, in both locales,
as reviewed in tests/snapshots/validate (refresh with GKDISCLOSURE_UPDATE_SNAPSHOTS=1).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gkdisclosure import Status, dumps, load, read, validate
from gkdisclosure.cli import main
from gkdisclosure.testing import with_cell

ROOT = Path(__file__).parent
CORPUS = ROOT / "data" / "corpus"
SNAPSHOTS = ROOT / "snapshots" / "validate"
UPDATE = os.environ.get("GKDISCLOSURE_UPDATE_SNAPSHOTS") == "1"
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
DOCUMENTS = [
    *sorted(
        path
        for path in CORPUS.iterdir()
        # every document the command reads: pages, text, Markdown, Word and PDF files
        if path.suffix in {".html", ".txt", ".md", ".docx", ".pdf"}
    ),
    ROOT.parent / "examples" / "2021-fujian-gxt.json",
]


@pytest.fixture(autouse=True)
def _clean_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in LOCALE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.chdir(ROOT.parent)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    main(["validate", *argv])
    return capsys.readouterr().out


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_validate_matches_its_snapshot(
    path: Path, locale: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The brief output of every corpus document, as reviewed."""
    out = _run(capsys, str(path.relative_to(ROOT.parent)), "--locale", locale)
    snapshot = SNAPSHOTS / f"{path.name}.{locale}.txt"
    if UPDATE:  # pragma: no cover - run by hand to refresh the snapshots
        snapshot.parent.mkdir(exist_ok=True)
        snapshot.write_text(out, encoding="utf-8")
    assert out == snapshot.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_one_line_per_failed_finding_and_one_per_table(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The summary, each failed finding, one line per table that cannot be checked, the notes."""
    result = read(path)
    findings = validate(result.report, narrative=result.narrative)
    failed = [f for f in findings if f.status is Status.FAILED]
    tables = {f.table for f in findings if f.status is Status.UNASSESSABLE}
    out = _run(capsys, str(path.relative_to(ROOT.parent)), "--locale", "en")
    lines = out.splitlines()
    notes = result.notes if path.suffix != ".json" else ()  # a JSON report has no reading notes
    assert len(lines) == 1 + len(failed) + len(tables) + (1 if notes else 0)
    assert all(line.startswith("  [") for line in lines[1 : 1 + len(failed) + len(tables)])


def test_verbose_shows_every_finding(capsys: pytest.CaptureFixture[str]) -> None:
    """--verbose lists every finding with its rule and path, and every reading note."""
    page = str((CORPUS / "2019-shanghai-bgt.html").relative_to(ROOT.parent))
    brief = _run(capsys, page, "--locale", "en").splitlines()
    verbose = _run(capsys, page, "--locale", "en", "--verbose").splitlines()
    assert brief[0] == verbose[0]
    assert len(brief) == 5  # summary, 2 incomplete tables, 表三 and 表四 cannot be checked
    assert sum(line.startswith("  [info] requests.") for line in verbose) == 35
    # three sums of 表四 and the text's count of lawsuits
    assert sum(line.startswith("  [info] review_litigation.") for line in verbose) == 3
    assert sum(line.startswith("  [info] narrative.litigation") for line in verbose) == 1
    assert brief[3].startswith("  [info] Table 3: 35 identities cannot be checked; not reported: ")
    assert brief[4].startswith("  [info] Table 4: 4 identities cannot be checked; not reported: ")


def test_one_blank_cell_is_named_by_its_short_label(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """One blank cell of 表三 reads in one glance: "（六）2 逾期未缴费 / 自然人", not the official
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 / 自然人"."""
    sample = load(ROOT.parent / "examples" / "2021-fujian-gxt.json")
    report = tmp_path / "one-blank.json"
    report.write_text(
        dumps(with_cell(sample, "requests.other_handling.overdue_fee.natural_person", None)),
        encoding="utf-8",
    )
    zh = _run(capsys, str(report), "--locale", "zh_CN").splitlines()
    en = _run(capsys, str(report), "--locale", "en").splitlines()
    assert zh[1:] == [
        (
            "  [警告] 表三：175个单元格中有1个没有数字（空白、占位符或无法读取）："
            "（六）2 逾期未缴费 / 自然人。"
        ),
        "  [提示] 表三：2项勾稽关系无法核对；未填报：（六）2 逾期未缴费 / 自然人。",
    ]
    assert en[1:] == [
        (
            "  [warning] Table 3: 1 of 175 cells give no number (blank, a placeholder or not "
            "readable): (6)2 overdue fee / natural persons."
        ),
        (
            "  [info] Table 3: 2 identities cannot be checked; not reported: "
            "(6)2 overdue fee / natural persons."
        ),
    ]
