"""Readings of printed pieces, and inference only where the identities force one value."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from gkdisclosure import Edition
from gkdisclosure.catalog import ValueKind, edition, identities
from gkdisclosure.ingest import CellState, IngestResult, Position, read_text
from gkdisclosure.ingest._material import Material
from gkdisclosure.ingest._readings import FREE, Piece, enumerate_readings
from gkdisclosure.ingest._resolve import resolve

FUJIAN = (Path(__file__).parent / "data" / "corpus" / "2021-fujian-gxt.txt").read_text("utf-8")
RECEIVED = "一、本年新收政府信息公开申请数量\t\t11\t0\t0\t0\t0\t0\t11\t"
CARRIED_OVER = "二、上年结转政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t"
COUNT = ValueKind.COUNT


def _pieces(text: str) -> list[Piece]:
    return [Piece(token, None) for token in text.split()]


def _values(text: str, cells: int = 7) -> list[list[object]]:
    readings, _ = enumerate_readings(_pieces(text), [COUNT] * cells, [None] * cells)
    return [[candidate.value for candidate in reading] for reading in readings]


def _received(printed: str) -> IngestResult:
    return read_text(
        io.StringIO(FUJIAN.replace(RECEIVED, f"一、本年新收政府信息公开申请数量\t\t{printed}\t", 1))
    )


def test_glued_digits_split_every_way_without_leading_zeros() -> None:
    assert _values("7000007") == [[7, 0, 0, 0, 0, 0, 7]]
    assert _values("230 000023") == [
        [230, 0, 0, 0, 0, 2, 3],
        [2, 30, 0, 0, 0, 0, 23],
        [23, 0, 0, 0, 0, 0, 23],
    ]
    assert len(_values("898989", 3)) == 10


def test_a_lost_cell_is_presumed_only_when_the_digits_cannot_fill_the_row() -> None:
    lost = _values("0 0 0 0 0 0")
    assert len(lost) == 7
    assert all(reading.count(FREE) == 1 for reading in lost)
    assert _values("0 0 0 0 0") == []


def test_neighbours_are_joined_when_there_are_too_many_numbers() -> None:
    assert _values("1 2 0 0 0 0 0 12") == [[12, 0, 0, 0, 0, 0, 12], [1, 20, 0, 0, 0, 0, 12]]


def test_amounts_keep_their_fraction_and_unit_on_the_last_part() -> None:
    kinds = [ValueKind.COUNT, ValueKind.AMOUNT]
    readings, how = enumerate_readings(_pieces("13575394432.52元"), kinds, [None, None])
    assert how == "glued"
    values = [[c.value for c in r] for r in readings]
    assert [135, __import__("decimal").Decimal("75394432.52")] in values
    assert all(r[1].unit == "元" for r in readings)


def test_a_row_that_reads_both_ways_is_settled_by_the_ledger() -> None:
    """ "1 1 …" reads as 11 or as 1 and 10; the 自然人 ledger (11 + 0 = 11 + 0) picks 11."""
    result = _received("1 1\t0\t0\t0\t0\t0\t11")
    assert result.report.requests is not None
    assert result.report.requests.received.values() == (11, 0, 0, 0, 0, 0, 11)
    (note,) = [n for n in result.notes_about("cells.inferred") if "received" in n.paths[0]]
    assert "ledger" in note.message


def test_readings_the_identities_cannot_tell_apart_leave_those_cells_unreported() -> None:
    """With 二 blank the ledger cannot choose: 11/0 or 1/10 stay unknown, the rest is read."""
    text = FUJIAN.replace(
        RECEIVED, "一、本年新收政府信息公开申请数量\t\t1 1\t0\t0\t0\t0\t0\t11\t", 1
    )
    text = text.replace(
        CARRIED_OVER, "二、上年结转政府信息公开申请数量\t\t/\t/\t/\t/\t/\t/\t/\t", 1
    )
    result = read_text(io.StringIO(text))
    assert result.report.requests is not None
    assert result.report.requests.received.values() == (None, None, 0, 0, 0, 0, 11)
    (note,) = result.notes_about("cells.split")
    assert note.paths == ("requests.received.natural_person", "requests.received.commercial")
    assert "2 readings remain" in note.message
    source = result.provenance["requests.received.commercial"]
    assert (source.state, source.raw) == (CellState.UNREADABLE, "1 1 0 0 0 0 0 11")


def test_as_many_numbers_as_cells_are_read_as_printed() -> None:
    """Seven numbers for seven cells that keep 总计 = the sum are the cells."""
    result = _received("5\t0\t0\t0\t4\t0 9")
    assert result.report.requests is not None
    assert result.report.requests.received.values() == (5, 0, 0, 0, 4, 0, 9)
    assert result.provenance["requests.received.total"].state is CellState.NUMBER


def test_text_numbers_that_break_their_row_are_refused() -> None:
    """In text, seven numbers whose 总计 is not their sum may be another row's: not read."""
    result = _received("5\t0\t0\t0\t0\t0 9")
    assert result.report.requests is not None
    assert result.report.requests.received.values() == (None,) * 7
    (note,) = result.notes_about("cells.disordered")
    assert note.paths[0] == "requests.received.natural_person"
    assert "does not hold" in note.message
    source = result.provenance["requests.received.total"]
    assert (source.state, source.raw) == (CellState.UNREADABLE, "5 0 0 0 0 0 9")


def test_no_reading_keeps_the_identities() -> None:
    result = _received("5\t0\t0\t0\t0\t0 1 9")
    assert result.report.requests is not None
    assert result.report.requests.received.values() == (None,) * 7
    assert "no reading keeps the identities" in result.notes_about("cells.split")[0].message


def test_a_lost_cell_the_identities_cannot_give() -> None:
    """Six pieces, one a placeholder: the lost cell cannot be solved; nothing is invented."""
    result = _received("0\t/\t0\t0\t0\t0")
    assert result.report.requests is not None
    assert result.report.requests.received.values() == (None,) * 7
    assert result.notes_about("cells.lost")


def test_a_lost_cell_that_would_be_negative_is_no_reading() -> None:
    result = _received("5\t9\t0\t0\t0\t11")
    assert result.report.requests is not None
    assert result.report.requests.received.values() == (None,) * 7


@pytest.mark.parametrize(
    "printed",
    ["1" + "0" * 60, " ".join(["1"] * 70), "9" * 200, "1234567890 1234567890 1234567890"],
)
def test_too_many_readings_are_not_tried(printed: str) -> None:
    result = _received(printed)
    assert result.report.requests is not None
    assert result.report.requests.received.total is None
    messages = [n.message for n in result.notes if n.paths[0].startswith("requests.received")]
    assert any(
        "too many ways" in m or "no reading keeps" in m or "cannot fill" in m for m in messages
    )


def test_words_where_numbers_belong_fill_no_cell() -> None:
    result = _received("十一\t零")
    assert result.report.requests is not None
    assert result.report.requests.received.total is None


def test_materials_of_bound_cells() -> None:
    """HTML cells name their column: a missing one is missing, a split one joined if it checks."""
    spec = edition(Edition.E2021)
    paths = tuple(
        f"review_litigation.review.{key}"
        for key in ("upheld", "corrected", "other", "pending", "total")
    )
    where = Position(0, 3, 0)

    def material(texts: list[str | None]) -> Material:
        return Material(
            paths=paths,
            kinds=(COUNT,) * 5,
            units=(None,) * 5,
            row_labels=("行政复议",) * 5,
            column_labels=("结果维持", "结果纠正", "其他结果", "尚未审结", "总计"),
            pieces=tuple(
                Piece(t, where, p) for t, p in zip(texts, paths, strict=True) if t is not None
            ),
            bound=True,
        )

    cells, notes = resolve([material(["1", None, "0", "0", "1"])], identities(spec), infer=True)
    assert cells["review_litigation.review.corrected"].source.state is CellState.MISSING
    assert notes == []
    cells, notes = resolve([material(["1 0", "0", "0", "0", "10"])], identities(spec), infer=True)
    assert cells["review_litigation.review.upheld"].value == 10
    assert [n.code for n in notes] == ["cells.inferred"]
    cells, notes = resolve([material(["abc", "0", "0", "0", "10"])], identities(spec), infer=True)
    assert cells["review_litigation.review.upheld"].source.state is CellState.UNREADABLE
    assert [n.code for n in notes] == ["cells.unreadable"]
