"""Suspects in words, zh_CN and en, and ``gkdisclosure validate --explain``."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
import pytest

from gkdisclosure import (
    Report,
    Suspect,
    UnsupportedLocaleError,
    describe_suspect,
    diagnose_report,
    from_dict,
    load,
)
from gkdisclosure.cli import main
from gkdisclosure.render import diagnosis_heading
from gkdisclosure.testing import with_cell

ROOT = Path(__file__).parent.parent
SAMPLE = load(ROOT / "examples" / "2021-fujian-gxt.json")
CJK = re.compile(r"[\u3400-\u9fff\uff08\uff09\uff1a\uff0c\u3001\u3002]")


def with_cells(report: Report, cells: Mapping[str, int | None]) -> Report:
    """The report with these cells (wire paths) set, by the testing kit's ``with_cell``."""
    for path, value in cells.items():
        report = with_cell(report, path, value)
    return report


@attrs.frozen
class Origin:
    """A cell's provenance, as ingest records it."""

    state: str
    raw: str


#: One suspect of each kind, by the changes that make it, and phrases of its English sentence.
KINDS: dict[str, tuple[dict[str, int | None], tuple[str, ...]]] = {
    "glued, high": (
        {"requests.granted.natural_person": 80},
        (
            "(1) granted / natural persons should probably be 8, not 80.",
            "80 reads like 8 with the digits of a neighbouring cell glued on (8 | 0).",
            "It also fits a misread digit.",
            "Confidence high: it is the only one-cell change",
            "and 2 identities agree on it.",
        ),
    ),
    "split": (
        {"requests.received.natural_person": 1},
        ("1 reads like 11 split in two across adjacent cells (1 | 1).",),
    ),
    "misread": (
        {"requests.total_handled.total": 17},
        ("17 and 11 differ in one digit: a misread digit.",),
    ),
    "zero total, medium": (
        {
            "review_litigation.review.upheld": 10,
            "review_litigation.review.corrected": 1,
            "review_litigation.review.total": 0,
        },
        (
            "A total printed as 0 over parts that are not all 0.",
            "Confidence medium:",
            "other repairs (4) were ruled out only because a count would be negative.",
            "Every identity that reads this cell reads review / upheld,",
        ),
    ),
    "ambiguous": (
        {"review_litigation.review.upheld": 10},
        ("Ambiguous: 2 changes repair the failed identities equally well",),
    ),
    "wrong column": (
        {"requests.received.natural_person": 10, "requests.received.other": 1},
        (
            "1 counted under other orgs instead of natural persons;",
            "the row still adds up.",
            "the only two-cell change",
        ),
    ),
    "low": (
        {
            "requests.received.natural_person": 2,
            "requests.unavailable.not_held.total": 20,
            "requests.granted.total": 1,
        },
        ("Confidence low: repairs 2 of the 5 failed identities and breaks none",),
    ),
    "no further check": (
        {"requests.received.natural_person": 13, "requests.received.commercial": None},
        ("but no further identity checks it.",),
    ),
}


def first(changes: Mapping[str, int | None]) -> Suspect:
    return diagnose_report(with_cells(SAMPLE, changes)).suspects[0]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_of_suspect_is_said_in_english(kind: str) -> None:
    """The change, the damage it undoes and the grounds of the confidence, in plain words."""
    changes, phrases = KINDS[kind]
    text = describe_suspect(first(changes), "en")
    for phrase in phrases:
        assert phrase in text
    assert not CJK.search(text)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_of_suspect_is_said_in_chinese(kind: str) -> None:
    """The Chinese sentence differs from the English one and is Chinese; zh_CN is the default."""
    suspect = first(KINDS[kind][0])
    text = describe_suspect(suspect)
    assert text == describe_suspect(suspect, "zh_Hans_CN")
    assert text != describe_suspect(suspect, "en")
    assert CJK.search(text)
    assert "Confidence" not in text


def test_the_chinese_sentence_of_a_glued_cell() -> None:
    """The glued 80 of （一）予以公开 / 自然人, word for word."""
    assert describe_suspect(first({"requests.granted.natural_person": 80})) == (
        "（一）予以公开 / 自然人 很可能应为 8，而非 80。"
        "80 像是 8 与相邻单元格的数字粘连在一起（8 | 0）。"
        "也符合认错一位数字的情形。"
        "把握较大：这是唯一能让这里所有不成立的勾稽关系都成立的单格改动，"
        "且有 2 个勾稽关系相互印证。"
    )


def test_a_count_in_the_wrong_row_names_the_rows() -> None:
    """WRONG_ROW names the two rows of the column the count moved between."""
    changes = {
        "requests.granted.natural_person": 9,
        "requests.partially_granted.natural_person": 0,
    }
    texts = [
        describe_suspect(s, "en") for s in diagnose_report(with_cells(SAMPLE, changes)).leading
    ]
    assert "1 counted in (1) granted instead of (2) partially granted" in texts[0]
    assert "1 counted in (2) partially granted" in texts[1]


def test_digits_split_across_two_cells_are_shown() -> None:
    """A number split over a cell and its neighbour is shown in its pieces."""
    split = first({"requests.received.natural_person": 1, "requests.received.commercial": 1})
    text = describe_suspect(split, "en")
    assert "11 read as 1 | 1: a number split across two adjacent cells." in text
    assert "一个数被拆进了相邻的两格" in describe_suspect(split)


def test_digits_glued_from_a_neighbour_are_shown() -> None:
    """8 and 0 read as 80 in one cell, the next cell reading a stray 5: both repaired, named."""
    glued = first({"requests.granted.natural_person": 80, "requests.granted.commercial": 5})
    assert glued.values == {"requests.granted.natural_person": 8, "requests.granted.commercial": 0}
    assert "8 | 0 read as 80: two adjacent cells glued together." in describe_suspect(glued, "en")


def test_the_pieces_of_a_split_keep_their_order() -> None:
    """23 printed as its last digit is 2 | 3, its first digit 2 | 3 as well."""
    document = json.loads(
        (ROOT / "tests" / "data" / "corpus" / "2019-pingtan.html.expected.json").read_text()
    )
    pingtan = from_dict(document)
    for printed in (3, 2):
        report = with_cells(pingtan, {"requests.received.natural_person": printed})
        text = describe_suspect(diagnose_report(report).suspects[0], "en")
        assert f"{printed} reads like 23 split in two across adjacent cells (2 | 3)." in text


def test_fills_are_said_with_their_grounds() -> None:
    """A blank the identities fill: its value, a 0 left blank, and how many identities agree."""
    report = with_cells(
        SAMPLE,
        {"requests.carried_over.commercial": None, "requests.granted.natural_person": None},
    )
    zero, eight = diagnose_report(report).fills
    assert describe_suspect(zero, "en") == (
        "2. carried over / enterprises is not reported; "
        "the identities give 0. Probably a 0 left blank. "
        "Confidence high: 2 identities give this value."
    )
    assert "Probably a 0" not in describe_suspect(eight, "en")
    assert describe_suspect(zero).startswith("二、上年结转 / 商业企业 未填报")


def test_a_fill_checked_by_one_identity_says_so() -> None:
    """Medium confidence when one identity alone gives the value."""
    report = with_cells(
        SAMPLE,
        {
            "requests.total_handled.natural_person": 9,
            "requests.granted.natural_person": None,
            "requests.granted.total": None,
        },
    )
    fill = diagnose_report(report).fills[0]
    assert describe_suspect(fill, "en").endswith(
        "Confidence medium: one identity gives this value and none checks it."
    )


def test_the_printed_text_is_quoted() -> None:
    """With provenance, the sentence quotes what was printed and how it was read."""
    report = with_cells(SAMPLE, {"requests.granted.natural_person": 80})
    origins = {"requests.granted.natural_person": Origin("inferred", "80 0")}
    suspect = diagnose_report(report, provenance=origins).suspects[0]
    assert "Read from the printed text “80 0” (inferred)." in describe_suspect(suspect, "en")
    assert "该格读自原文“80 0”（推断）。" in describe_suspect(suspect)


def test_a_blank_cell_says_nothing_was_printed() -> None:
    """A blank cell's sentence says nothing was printed, in the locale's words only."""
    report = with_cells(SAMPLE, {"requests.granted.commercial": None})
    origins = {"requests.granted.commercial": Origin("blank", "")}
    (fill,) = diagnose_report(report, provenance=origins).fills
    assert "Nothing was printed in this cell (blank)." in describe_suspect(fill, "en")
    chinese = describe_suspect(fill)
    assert "该格原文无内容（空白）。" in chinese
    assert "blank" not in chinese


@pytest.mark.parametrize("spelling", ["fr", "zh_TW", "C"])
def test_unsupported_locales_are_refused(spelling: str) -> None:
    """As for findings: no silent fallback to another language."""
    suspect = first({"requests.granted.natural_person": 80})
    with pytest.raises(UnsupportedLocaleError):
        describe_suspect(suspect, spelling)
    with pytest.raises(UnsupportedLocaleError):
        diagnosis_heading("suspects", spelling)


@pytest.mark.parametrize(
    ("part", "en", "zh"),
    [
        ("suspects", "Suspects", "可疑单元格"),
        ("fills", "Blank cells the identities determine", "勾稽关系可以确定的空白单元格"),
        (
            "unexplained",
            "No change of one or two cells repairs these failed identities.",
            "改动一两个单元格都无法修复这些不成立的勾稽关系。",
        ),
    ],
)
def test_headings(part: str, en: str, zh: str) -> None:
    """The headings the command line prints over the suspects and fills."""
    assert diagnosis_heading(part, "en") == en
    assert diagnosis_heading(part) == zh


# --- the command line -----------------------------------------------------------------------------


def write(folder: Path, changes: Mapping[str, int | None]) -> str:
    data: dict[str, Any] = json.loads((ROOT / "examples" / "2021-fujian-gxt.json").read_text())
    for path, value in changes.items():
        *parents, leaf = path.split(".")
        node = data
        for key in parents:
            node = node[key]
        node[leaf] = value
    target = folder / "report.json"
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(target)


BROKEN = {
    "requests.granted.natural_person": 80,
    "review_litigation.review.total": 0,
    "requests.carried_over.commercial": None,
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(list(argv))
    return status, capsys.readouterr().out


def test_explain_prints_the_suspects_beneath_the_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Numbered by problem and rank, then the blanks the identities fill; the status is kept."""
    path = write(tmp_path, BROKEN)
    status, out = run(capsys, "validate", "--explain", "--locale", "en", path)
    assert status == 1
    lines = out.splitlines()
    start = lines.index("  Suspects:")
    assert all(not line.startswith("      ") for line in lines[start:])
    assert lines[start + 1].startswith(
        "    1.1 (1) granted / natural persons should probably be 8, not 80."
    )
    assert lines[start + 2].startswith("    2.1 Review / upheld should probably be 0")
    assert lines[start + 3].startswith("    2.2 Review / total should probably be 1")
    assert lines[start + 4] == "  Blank cells the identities determine:"
    assert lines[start + 5].startswith("    - 2. carried over / enterprises")
    _, plain = run(capsys, "validate", "--locale", "en", path)
    assert out.startswith(plain)
    assert "Suspects" not in plain


def test_explain_says_when_nothing_explains_a_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A problem with no suspect is listed with a sentence that says so.

    结果维持 -1 and 总计 -1 add up; any change of one of them breaks the sum, and the sum
    cannot say what both should be.
    """
    changes = {"review_litigation.review.upheld": -1, "review_litigation.review.total": -1}
    _, out = run(capsys, "validate", "--explain", "--locale", "en", write(tmp_path, changes))
    assert "    1. No change of one or two cells repairs these failed identities." in out


def test_explain_prints_nothing_more_for_a_clean_report(capsys: pytest.CaptureFixture[str]) -> None:
    """No problem and no blank: the output is that of validate alone."""
    sample = str(ROOT / "examples" / "2021-fujian-gxt.json")
    status, out = run(capsys, "validate", "--explain", sample)
    assert status == 0
    assert out == run(capsys, "validate", sample)[1]


def test_explain_in_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--format json`` carries the diagnosis, each suspect with its sentence in the locale."""
    path = write(tmp_path, BROKEN)
    _, out = run(capsys, "validate", "--explain", "--format", "json", path)
    (document,) = json.loads(out)
    diagnosis = document["diagnosis"]
    assert [len(problem["suspects"]) for problem in diagnosis["problems"]] == [1, 2]
    assert [problem["ambiguous"] for problem in diagnosis["problems"]] == [False, True]
    suspect = diagnosis["problems"][0]["suspects"][0]
    assert suspect["changes"][0]["suggested"] == 8
    assert suspect["message"].startswith("（一）予以公开 / 自然人 很可能应为 8")
    assert diagnosis["fills"][0]["message"].startswith("二、上年结转")
    _, plain = run(capsys, "validate", "--format", "json", path)
    assert "diagnosis" not in json.loads(plain)[0]
