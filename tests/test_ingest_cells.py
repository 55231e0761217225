"""Reading one cell's printed text: value, state, unit, annotation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import NumberFormatError, parse_decimal
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gkdisclosure.catalog import ValueKind
from gkdisclosure.ingest import CellState
from gkdisclosure.ingest._cells import (
    MAX_DIGITS,
    is_annotation,
    is_value_like,
    label_unit,
    read_cell,
)
from gkdisclosure.ingest._cells import _number as parse_number

COUNT, SIGNED, AMOUNT = ValueKind.COUNT, ValueKind.SIGNED, ValueKind.AMOUNT


@pytest.mark.parametrize(
    ("raw", "kind", "state", "value"),
    [
        ("12", COUNT, CellState.NUMBER, 12),
        ("\xa00", COUNT, CellState.NUMBER, 0),
        ("１２", COUNT, CellState.NUMBER, 12),
        ("1,234", COUNT, CellState.NUMBER, 1234),
        ("1，234", COUNT, CellState.NUMBER, 1234),
        ("0件", COUNT, CellState.NUMBER, 0),
        ("", COUNT, CellState.BLANK, None),
        ("\xa0 \u3000", COUNT, CellState.BLANK, None),
        ("/", COUNT, CellState.PLACEHOLDER, None),
        ("／", COUNT, CellState.PLACEHOLDER, None),
        ("—", COUNT, CellState.PLACEHOLDER, None),
        ("-", COUNT, CellState.PLACEHOLDER, None),
        ("无", COUNT, CellState.PLACEHOLDER, None),
        ("22（其中修订16件）", COUNT, CellState.ANNOTATED, 22),
        ("22，其中修订16件", COUNT, CellState.ANNOTATED, 22),
        ("+1036", SIGNED, CellState.NUMBER, 1036),
        ("-8", SIGNED, CellState.NUMBER, -8),
        ("−8", SIGNED, CellState.NUMBER, -8),
        ("800.68", AMOUNT, CellState.NUMBER, Decimal("800.68")),
        ("251000元", AMOUNT, CellState.NUMBER, Decimal(251000)),
        ("12,34", COUNT, CellState.UNREADABLE, None),
        ("1 2", COUNT, CellState.UNREADABLE, None),
        ("012", COUNT, CellState.UNREADABLE, None),
        ("5.5", COUNT, CellState.UNREADABLE, None),
        ("5元", COUNT, CellState.UNREADABLE, None),
        ("5件", AMOUNT, CellState.UNREADABLE, None),
        ("1" * 16, COUNT, CellState.UNREADABLE, None),
        ("Infinity", COUNT, CellState.UNREADABLE, None),
        ("١٢", COUNT, CellState.UNREADABLE, None),
        ("12 件数", COUNT, CellState.UNREADABLE, None),
        ("0(四)", COUNT, CellState.UNREADABLE, None),
    ],
)
def test_read_cell(raw: str, kind: ValueKind, state: CellState, value: object) -> None:
    cell = read_cell(raw, kind)
    assert (cell.state, cell.value) == (state, value)
    assert type(cell.value) is type(value)
    assert cell.raw == raw.strip()


def test_babel_strict_parsing_gives_suggestions() -> None:
    """ "12,34" is an error with babel's suggestions, never 1234."""
    cell = read_cell("12,34", COUNT)
    assert cell.problem == "not a well-formed number; babel suggests 1,234 or 12.34"


#: What the cell reader's pattern lets through to the number parser (ASCII digits, "," and ".").
_NUMBERS = st.from_regex(r"[0-9]+(?:,[0-9]+)*(?:\.[0-9]+)?|\.[0-9]+", fullmatch=True) | st.text(
    "0123456789,.", min_size=1, max_size=20
).filter(lambda text: text[0] != "," and text.count(".") <= 1 and ".," not in text)


@settings(deadline=None, max_examples=500)
@given(_NUMBERS)
def test_number_parsing_equals_babels_strict_parse(num: str) -> None:
    """The quick path for plain digits gives exactly babel's answer: same digits, same exponent."""
    digits = num.split(".", 1)[0].replace(",", "")
    assume(not (len(digits) > 1 and digits[0] == "0") and len(digits) <= MAX_DIGITS)
    assume(not num.endswith((",", ".")) and ",," not in num)
    try:
        expected: object = parse_decimal(num, locale="zh_CN", strict=True).as_tuple()
    except NumberFormatError:
        expected = CellState.UNREADABLE
    got = parse_number(num, num)
    assert (got.as_tuple() if isinstance(got, Decimal) else got.state) == expected


def test_units_of_amounts() -> None:
    assert read_cell("251000元", AMOUNT).unit == "元"
    assert read_cell("800.68万元", AMOUNT, "万元").value == Decimal("800.68")
    wrong = read_cell("8006800元", AMOUNT, "万元")
    assert (wrong.state, wrong.problem) == (
        CellState.UNREADABLE,
        "printed in 元; the column is in 万元",
    )
    assert read_cell("8006800", AMOUNT, "万元").value == Decimal(8006800)


def test_annotations_are_kept() -> None:
    cell = read_cell("22（其中修订16件）", COUNT)
    assert cell.annotation == "(其中修订16件)"


@pytest.mark.parametrize(
    ("text", "value_like"),
    [
        ("12", True),
        ("", True),
        ("/", True),
        ("1 2", True),
        ("251000元", True),
        ("22（其中修订16件）", True),
        ("1.属于国家秘密", False),
        ("规章", False),
        ("(四)", False),
    ],
)
def test_is_value_like(text: str, value_like: bool) -> None:
    assert is_value_like(text) is value_like


def test_is_annotation() -> None:
    assert is_annotation("（其中修订16件）")
    assert not is_annotation("（四）")
    assert not is_annotation("其中")


def test_label_unit() -> None:
    assert label_unit("本年收费金额（单位：万元）") == "万元"
    assert label_unit("采购总金额") is None
