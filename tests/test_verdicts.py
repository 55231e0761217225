"""The verdict of ``validate`` on every corpus document and bundled sample, and every change to it.

A verdict is what the findings about one document come to: each rule with its status and
severity, and how many findings it gave. ``BEFORE`` holds the verdicts the library gave before
the completeness rules (``report.blank_table``, ``report.incomplete_table``) and the narrative
read by its wording; ``CHANGES`` names each change since, document by document, with its
reason: what the document prints. Any other change to a verdict fails here, so that it is seen
and named before it lands.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from gkdisclosure import read, validate

ROOT = Path(__file__).parent
CORPUS = ROOT / "data" / "corpus"
SUFFIXES = (".html", ".txt", ".md", ".docx", ".pdf")
DOCUMENTS = {
    **{path.name: path for path in sorted(CORPUS.iterdir()) if path.suffix in SUFFIXES},
    **{path.name: path for path in sorted((ROOT.parent / "examples").glob("*.json"))},
}

#: Blank cells make the identities that read them unassessable (FORMAT.md §6 D2, D3): 上海 2019
#: leaves 总计 and the organisation columns blank in most rows; 沭阳 2023 fills only 自然人 and
#: 总计; its Word file printed to PDF also clips 表四 (复议后起诉), what is not printed staying
#: unknown. 上海 2019 states "诉讼9件" while its 复议后起诉 总计 is blank.
BEFORE: dict[str, dict[str, int]] = {
    "2019-pingtan.html": {},
    "2019-pingtan.txt": {},
    "2019-shanghai-bgt.html": {
        "narrative.litigation unassessable info": 1,
        "requests.applicant_sum unassessable info": 23,
        "requests.handled_sum unassessable info": 7,
        "requests.ledger unassessable info": 5,
        "review_litigation.sum unassessable info": 3,
    },
    "2021-fujian-gxt.txt": {},
    "2023-shuyang-fgj.docx": {
        "requests.applicant_sum unassessable info": 25,
        "requests.handled_sum unassessable info": 5,
        "requests.ledger unassessable info": 5,
    },
    "2023-shuyang-fgj.docx.pdf": {
        "requests.applicant_sum unassessable info": 25,
        "requests.handled_sum unassessable info": 5,
        "requests.ledger unassessable info": 5,
        "review_litigation.sum unassessable info": 1,
    },
    "2023-shuyang-fgj.html": {
        "requests.applicant_sum unassessable info": 25,
        "requests.handled_sum unassessable info": 5,
        "requests.ledger unassessable info": 5,
    },
    "2023-shuyang-fgj.print.pdf": {
        "requests.applicant_sum unassessable info": 25,
        "requests.handled_sum unassessable info": 5,
        "requests.ledger unassessable info": 5,
    },
    "2024-huaian-shi.pdf": {},
    "2024-pingtan.docx": {},
    "2024-pingtan.docx.pdf": {},
    "2024-pingtan.html": {},
    "2024-pingtan.print.pdf": {},
    "2025-shanghai-bgt.md": {},
    "2021-fujian-gxt.json": {},
}

_INCOMPLETE = "report.incomplete_table failed warning"
_BLANK_THREE = "表三 has blank cells (FORMAT.md §6 D2, D3): one warning for the table"
#: Each change to a verdict since ``BEFORE``: (document, rule status severity) → (count, why).
CHANGES: dict[tuple[str, str], tuple[int, str]] = {
    # report.blank_table / report.incomplete_table: every table printed, filled (§1, Art. 50)
    ("2019-pingtan.txt", "report.blank_table failed error"): (
        1,
        (
            "表二 is printed, but a crawler glued its digits past reading "
            "(规范性文件898989): a table that gives no number is an error"
        ),
    ),
    ("2019-shanghai-bgt.html", _INCOMPLETE): (
        2,
        "表三 and 表四 leave cells blank (&nbsp;, FORMAT.md §6 D2): one warning each",
    ),
    ("2023-shuyang-fgj.docx", _INCOMPLETE): (1, _BLANK_THREE),
    ("2023-shuyang-fgj.html", _INCOMPLETE): (1, _BLANK_THREE),
    ("2023-shuyang-fgj.print.pdf", _INCOMPLETE): (1, _BLANK_THREE),
    ("2023-shuyang-fgj.docx.pdf", _INCOMPLETE): (
        2,
        "表三 has blank cells and the page clips 表四's 复议后起诉: one warning each",
    ),
    ("2025-shanghai-bgt.md", _INCOMPLETE): (
        1,
        (
            "the converter printed two numbers for the three columns of 规章 and of 规范性文件 "
            "(| 规章 | 22 | 235 |): 表二's cells cannot be placed, one warning"
        ),
    ),
    # The narrative read whole (答复/办结 by their sentence, lines a PDF wrapped joined):
    # 淮安 2024 "答复 3050 件", 上海 2025 "办结 1191 件（含上年结转 189 件）" and 平潭 2024
    # "办理…申请218件" are now read and agree with their tables, so no verdict changes.
    # Short labels in messages change the sentences, not the verdicts.
}


def verdict(path: Path) -> dict[str, int]:
    """Each rule's findings about the document, counted by status and severity."""
    result = read(path)
    findings = validate(result.report, narrative=result.narrative)
    counts = Counter(f"{f.rule} {f.status.value} {f.severity.value}" for f in findings)
    return dict(sorted(counts.items()))


def expected(name: str) -> dict[str, int]:
    """The verdict before, with every named change applied."""
    now = dict(BEFORE[name])
    for (document, key), (count, _why) in CHANGES.items():
        if document == name:
            now[key] = count
    return dict(sorted((key, count) for key, count in now.items() if count))


def test_every_document_has_a_verdict() -> None:
    """A document added to the corpus or the examples must get its verdict here."""
    assert sorted(DOCUMENTS) == sorted(BEFORE)
    assert {document for document, _ in CHANGES} <= set(BEFORE)


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_the_verdict_is_as_before_but_for_the_named_changes(name: str) -> None:
    assert verdict(DOCUMENTS[name]) == expected(name)


def test_every_named_change_changes_something() -> None:
    """A change named here is a change: its count differs from the verdict before."""
    for (document, key), (count, why) in CHANGES.items():
        assert BEFORE[document].get(key, 0) != count, (document, key)
        assert why
