"""The catalog against the official labels of the format, transcribed by hand from the spec."""

from __future__ import annotations

import ast
import json
import pickle
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from gkdisclosure.catalog import (
    SECTIONS,
    Column,
    Edition,
    EditionSpec,
    Group,
    Identity,
    Row,
    Table,
    Term,
    ValueKind,
    edition,
    identities,
    normalize_label,
)

FORMAT: dict[str, Any] = json.loads(
    (Path(__file__).parent / "data" / "format_labels.json").read_text(encoding="utf-8")
)
EDITIONS = ("2019", "2021")
TABLE_KEYS = ("proactive", "requests", "review_litigation")
KINDS = {
    "int>=0": ValueKind.COUNT,
    "int (signed)": ValueKind.SIGNED,
    "decimal>=0": ValueKind.AMOUNT,
}
SRC = Path(__file__).parent.parent / "src" / "gkdisclosure"


def spec_of(which: str) -> dict[str, Any]:
    """The hand-transcribed labels of one edition."""
    result: dict[str, Any] = FORMAT["editions"][which]
    return result


def table_of(which: str, key: str) -> Table:
    """The catalog's table ``key`` of edition ``which``."""
    return edition(which).table(key)


def official_rows(table: Table) -> list[Row]:
    """The rows the format prints, in printed order."""
    return [row for row in table.rows if row.official]


def columns(row: Row) -> list[tuple[str, str, ValueKind]]:
    """A row's columns as (key, label, kind)."""
    return [(column.key, column.zh, column.kind) for column in row.columns]


def expected_columns(listed: list[list[str]]) -> list[tuple[str, str, ValueKind]]:
    """Columns of the file as (key, label, kind)."""
    return [(key, label, KINDS[kind]) for key, label, kind in listed]


# --- the editions -------------------------------------------------------------------------


@pytest.mark.parametrize("which", EDITIONS)
def test_edition_by_string_and_enum_is_the_same_spec(which: str) -> None:
    """``edition("2021")`` and ``edition(Edition.E2021)`` return the same catalog."""
    spec = edition(which)
    assert spec is edition(Edition(which))
    assert spec.edition is Edition(which)


@pytest.mark.parametrize(
    "which", ["2020", "2022", "2018", "", "E2021", "gb2021", " 2021", "2021年"]
)
def test_unknown_edition_raises_value_error(which: str) -> None:
    """Any edition other than 2019 and 2021 raises ValueError."""
    with pytest.raises(ValueError, match="valid Edition"):
        edition(which)


@pytest.mark.parametrize("which", EDITIONS)
def test_notice_number_and_title(which: str) -> None:
    """Each edition names its notice number and the format's title exactly."""
    spec = edition(which)
    assert spec.notice == spec_of(which)["notice"]
    assert spec.title == spec_of(which)["format_title"]


@pytest.mark.parametrize("which", EDITIONS)
def test_detection_markers(which: str) -> None:
    """The format-detection markers of spec section 7, in order."""
    assert list(edition(which).markers) == spec_of(which)["markers"]


@pytest.mark.parametrize("which", EDITIONS)
def test_tables_in_printed_order(which: str) -> None:
    """The three tables come as 表二, 表三, 表四 with their wire keys."""
    spec = edition(which)
    assert [table.key for table in spec.tables] == list(TABLE_KEYS)
    assert [table.number for table in spec.tables] == ["二", "三", "四"]
    assert spec.tables == (spec.proactive, spec.requests, spec.review_litigation)


@pytest.mark.parametrize("which", EDITIONS)
@pytest.mark.parametrize("key", TABLE_KEYS)
def test_table_heading(which: str, key: str) -> None:
    """Each table's heading is its section heading, exactly."""
    assert table_of(which, key).heading == spec_of(which)[key]["heading"]
    assert table_of(which, key).labels[0] == spec_of(which)[key]["heading"]


def test_section_headings() -> None:
    """The six section headings, in order, official wording first."""
    assert [variants[0] for variants in SECTIONS] == FORMAT["sections"]


@pytest.mark.parametrize(("official", "variant", "source"), FORMAT["section_variants"])
def test_section_heading_variants(official: str, variant: str, source: str) -> None:
    """Headings seen in published reports are listed beside the official one."""
    (variants,) = (v for v in SECTIONS if v[0] == official)
    assert variant in variants, source


# --- 表二 ------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", EDITIONS)
def test_proactive_block_captions(which: str) -> None:
    """表二's blocks are its groups: key and caption, in printed order."""
    blocks = spec_of(which)["proactive"]["blocks"]
    groups = table_of(which, "proactive").groups
    assert [(g.key, g.zh) for g in groups] == [(b["group"], b["caption"]) for b in blocks]


@pytest.mark.parametrize("which", EDITIONS)
def test_proactive_rows(which: str) -> None:
    """表二's rows: key, label and block, in printed order; all of them official."""
    table = table_of(which, "proactive")
    expected = [
        (key, label, block["group"])
        for block in spec_of(which)["proactive"]["blocks"]
        for key, label in block["rows"]
    ]
    assert [(row.key, row.zh, row.group) for row in table.rows] == expected
    assert all(row.official for row in table.rows)


@pytest.mark.parametrize("which", EDITIONS)
def test_proactive_columns(which: str) -> None:
    """Every row of 表二 has its block's columns: key, label and kind, in printed order."""
    table = table_of(which, "proactive")
    for block in spec_of(which)["proactive"]["blocks"]:
        for key, _ in block["rows"]:
            assert columns(table.row(key)) == expected_columns(block["columns"]), key


# --- 表三 ------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", EDITIONS)
def test_requests_corner_note(which: str) -> None:
    """表三 carries the corner note that states the ledger identity, exactly."""
    assert table_of(which, "requests").note == spec_of(which)["requests"]["corner_note"]


@pytest.mark.parametrize("which", EDITIONS)
def test_requests_groups(which: str) -> None:
    """表三's merged row labels: key and label, in printed order."""
    groups = table_of(which, "requests").groups
    assert [[g.key, g.zh] for g in groups] == spec_of(which)["requests"]["groups"]


@pytest.mark.parametrize("which", EDITIONS)
def test_requests_official_rows(which: str) -> None:
    """表三's official rows: key, label and group, in printed order."""
    table = table_of(which, "requests")
    rows = [[row.key, row.zh, row.group] for row in official_rows(table)]
    assert rows == spec_of(which)["requests"]["rows"]


@pytest.mark.parametrize("which", EDITIONS)
def test_requests_columns(which: str) -> None:
    """Every row of 表三 has the seven applicant columns, in printed order."""
    expected = expected_columns(spec_of(which)["requests"]["columns"])
    for row in table_of(which, "requests").rows:
        assert columns(row) == expected, row.key


@pytest.mark.parametrize("which", EDITIONS)
def test_requests_subtotal_rows(which: str) -> None:
    """A group with sub-rows has an unofficial subtotal row, labelled as the group, first."""
    table = table_of(which, "requests")
    keys = [row.key for row in table.rows]
    with_sub_rows = sorted({row.key.split(".")[0] for row in table.rows if "." in row.key})
    subtotals = [row for row in table.rows if not row.official]
    assert sorted(row.group for row in subtotals if row.group) == with_sub_rows
    assert all(row.group for row in subtotals)
    for row in subtotals:
        assert row.group is not None
        group = table.group(row.group)
        assert row.key == f"{group.key}.subtotal" == group.subtotal
        assert row.zh == group.zh
        assert row.role == "subtotal"
        first_sub_row = min(keys.index(k) for k in keys if k.startswith(f"{group.key}."))
        assert keys.index(row.key) == first_sub_row


@pytest.mark.parametrize(
    ("which", "groups"),
    [
        ("2019", ["withheld", "not_processed", "unavailable"]),
        ("2021", ["other_handling", "withheld", "not_processed", "unavailable"]),
    ],
)
def test_requests_groups_with_subtotals(which: str, groups: list[str]) -> None:
    """（三）–（五） (and （六） in 2021) may carry a subtotal; 三、本年度办理结果 never does."""
    table = table_of(which, "requests")
    assert sorted(g.key for g in table.groups if g.subtotal) == sorted(groups)
    assert table.group("handled").subtotal is None


@pytest.mark.parametrize(("which", "outcomes"), [("2019", 19), ("2021", 21)])
def test_requests_row_roles(which: str, outcomes: int) -> None:
    """The outcome rows are exactly those that （七）总计 sums (spec section 5, I2)."""
    roles = [row.role for row in official_rows(table_of(which, "requests"))]
    assert roles[:2] == ["received", "carried_over"]
    assert roles[-2:] == ["total", "carried_forward"]
    assert roles[2:-2] == ["outcome"] * outcomes


# --- 表四 ------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", EDITIONS)
def test_review_litigation_blocks(which: str) -> None:
    """表四's three blocks: key, label and group (行政诉讼 over two of them), in order."""
    table = table_of(which, "review_litigation")
    expected = spec_of(which)["review_litigation"]
    assert [[g.key, g.zh] for g in table.groups] == expected["groups"]
    assert [[row.key, row.zh, row.group] for row in table.rows] == expected["blocks"]


@pytest.mark.parametrize("which", EDITIONS)
def test_review_litigation_columns(which: str) -> None:
    """Each block of 表四 has the five outcome columns, in printed order."""
    expected = expected_columns(spec_of(which)["review_litigation"]["columns"])
    for row in table_of(which, "review_litigation").rows:
        assert columns(row) == expected, row.key


def test_review_litigation_is_the_same_in_both_editions() -> None:
    """表四 did not change from 2019 to 2021."""
    assert edition("2019").review_litigation == edition("2021").review_litigation


# --- header labels ----------------------------------------------------------------------------


def strings_of(value: object, seen: set[int] | None = None) -> Iterator[str]:
    """Every string reachable from a catalog object (attrs fields, tuples, dicts)."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return
    seen.add(id(value))
    cls = type(value)
    if isinstance(value, str):
        yield value
    elif attrs.has(cls):
        for attribute in attrs.fields(cls):
            yield from strings_of(getattr(value, attribute.name), seen)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from strings_of(item, seen)
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_of(item, seen)


HEADER_LABELS = [
    pytest.param(which, table, spec_of(which)[table][field], id=f"{which}-{table}-{field}")
    for which in EDITIONS
    for table, field in (
        ("proactive", "first_header_cell"),
        ("requests", "top_header"),
        ("requests", "column_group"),
    )
]


@pytest.mark.parametrize(("which", "table", "label"), HEADER_LABELS)
def test_header_labels_are_carried(which: str, table: str, label: str | dict[str, Any]) -> None:
    """The header cells 信息内容, 申请人情况 and 法人或其他组织 are catalog data too.

    Rendering the official layout and recognising header rows need them,
    and no module outside the catalog may spell them.
    """
    text = label if isinstance(label, str) else label["label"]
    assert text in set(strings_of(table_of(which, table)))


# --- keys ------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", EDITIONS)
@pytest.mark.parametrize("key", TABLE_KEYS)
def test_keys_are_unique(which: str, key: str) -> None:
    """Row, group, column and cell keys are unique where they are looked up."""
    table = table_of(which, key)
    row_keys = [row.key for row in table.rows]
    assert len(row_keys) == len(set(row_keys))
    group_keys = [group.key for group in table.groups]
    assert len(group_keys) == len(set(group_keys))
    for row in table.rows:
        column_keys = [column.key for column in row.columns]
        assert len(column_keys) == len(set(column_keys)), row.key
    paths = [cell.path for cell in table.cells()]
    assert len(paths) == len(set(paths))


@pytest.mark.parametrize("which", EDITIONS)
@pytest.mark.parametrize("key", TABLE_KEYS)
def test_keys_are_wire_keys(which: str, key: str) -> None:
    """Keys are lower-case snake_case; row keys nest at most one group deep."""
    table = table_of(which, key)
    wire = re.compile(r"[a-z][a-z0-9_]*\Z")
    for row in table.rows:
        *groups, leaf = row.key.split(".")
        assert len(groups) <= 1
        assert all(wire.match(part) for part in (*groups, leaf)), row.key
        assert groups in ([], [row.group]), row.key
        assert all(wire.match(column.key) for column in row.columns), row.key
    assert all(wire.match(group.key) for group in table.groups)


@pytest.mark.parametrize("which", EDITIONS)
@pytest.mark.parametrize("key", TABLE_KEYS)
def test_every_row_group_exists(which: str, key: str) -> None:
    """A row's group is one of its table's groups."""
    table = table_of(which, key)
    for row in table.rows:
        if row.group is not None:
            assert table.group(row.group).key == row.group


@pytest.mark.parametrize("which", EDITIONS)
@pytest.mark.parametrize("key", TABLE_KEYS)
def test_lookup_by_key(which: str, key: str) -> None:
    """Tables, rows, groups and cells are found by their wire keys."""
    spec = edition(which)
    table = spec.table(key)
    assert table.key == key
    for row in table.rows:
        assert table.row(row.key) is row
        for column in row.columns:
            cell = spec.cell(f"{key}.{row.key}.{column.key}")
            assert (cell.table, cell.row, cell.column) == (table, row, column)
    for group in table.groups:
        assert table.group(group.key) is group


@pytest.mark.parametrize(
    ("which", "lookup"),
    [
        ("2021", lambda s: s.table("table3")),
        ("2021", lambda s: s.table("")),
        ("2021", lambda s: s.requests.row("withheld")),
        ("2021", lambda s: s.requests.row("other_handling")),
        ("2019", lambda s: s.requests.row("other_handling.other")),
        ("2021", lambda s: s.requests.group("total_handled")),
        ("2021", lambda s: s.cell("requests.withheld.total")),
        ("2021", lambda s: s.cell("requests.received")),
        ("2021", lambda s: s.cell("proactive.procurement.amount")),
        ("2019", lambda s: s.cell("proactive.fees.decisions")),
    ],
)
def test_lookup_of_unknown_key_raises_key_error(
    which: str, lookup: Callable[[EditionSpec], object]
) -> None:
    """An unknown table, row, group or cell key raises KeyError."""
    with pytest.raises(KeyError):
        lookup(edition(which))


# --- cells -------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", EDITIONS)
@pytest.mark.parametrize("key", TABLE_KEYS)
def test_official_cell_counts(which: str, key: str) -> None:
    """2021: 10 + 175 + 15 official value cells; 2019: 22 + 161 + 15."""
    official = [cell for cell in table_of(which, key).cells() if cell.row.official]
    assert len(official) == spec_of(which)[key]["value_cells"]


@pytest.mark.parametrize(
    ("which", "total"), [("2019", 22 + 161 + 3 * 7 + 15), ("2021", 10 + 203 + 15)]
)
def test_edition_cells_in_printed_order(which: str, total: int) -> None:
    """An edition's cells are its tables' cells, table by table, row by row, column by column."""
    spec = edition(which)
    paths = [cell.path for cell in spec.cells()]
    assert len(paths) == total
    expected = [
        f"{table.key}.{row.key}.{column.key}"
        for table in spec.tables
        for row in table.rows
        for column in row.columns
    ]
    assert paths == expected


@pytest.mark.parametrize(
    ("which", "path", "kind"),
    [
        ("2021", "proactive.fees.amount_10k_yuan", ValueKind.AMOUNT),
        ("2021", "proactive.regulations.in_force", ValueKind.COUNT),
        ("2019", "proactive.procurement.amount", ValueKind.AMOUNT),
        ("2019", "proactive.procurement.projects", ValueKind.COUNT),
        ("2019", "proactive.licensing.change", ValueKind.SIGNED),
        ("2019", "proactive.fees.change", ValueKind.SIGNED),
        ("2019", "requests.other_handling.total", ValueKind.COUNT),
        ("2021", "review_litigation.review.total", ValueKind.COUNT),
    ],
)
def test_cell_kind(which: str, path: str, kind: ValueKind) -> None:
    """Cells know whether they hold a count, a signed count or an amount."""
    assert edition(which).cell(path).column.kind is kind


@pytest.mark.parametrize("which", EDITIONS)
def test_only_2019_item_changes_are_signed_and_only_money_is_an_amount(which: str) -> None:
    """Signed cells are the 2019 本年增/减 column; amounts are the money columns."""
    kinds: dict[ValueKind, set[str]] = {kind: set() for kind in ValueKind}
    for cell in edition(which).cells():
        kinds[cell.column.kind].add(cell.column.zh)
    expected = {
        "2019": ({"本年增/减"}, {"采购总金额"}),
        "2021": (set(), {"本年收费金额（单位：万元）"}),
    }[which]
    assert (kinds[ValueKind.SIGNED], kinds[ValueKind.AMOUNT]) == expected


# --- labels: normalisation and lookup -----------------------------------------------------------

_FULL_WIDTH_DIGITS = str.maketrans("0123456789.", "０１２３４５６７８９．")
_HALF_WIDTH = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "“": '"', "”": '"'})

PRINTINGS: dict[str, Callable[[str], str]] = {
    "as in the spec": lambda s: s,
    "line break inside": lambda s: f"{s[:2]}\n{s[2:]}",
    "ideographic spaces between characters": "\u3000".join,
    "spaces, tabs and a CRLF around": lambda s: f" \t{' '.join(s)}\r\n",
    "half-width brackets, colon and comma": lambda s: s.translate(_HALF_WIDTH),
    "full-width digits and full stop": lambda s: s.translate(_FULL_WIDTH_DIGITS),
    "1、 for 1.": lambda s: re.sub(r"^(\d+)\.", r"\1、", s),
    "1 、 with a space": lambda s: re.sub(r"^(\d+)\.", r"\1 、", s),
    "straight quotes": lambda s: s.replace("“", '"').replace("”", '"'),
}


def printed(kind: str) -> list[tuple[str, str, str, str]]:
    """Every official label of ``kind`` in each edition: (edition, table, label, key)."""
    cases: list[tuple[str, str, str, str]] = []
    for which in EDITIONS:
        spec = spec_of(which)
        if kind == "row":
            cases += [
                (which, "proactive", label, key)
                for block in spec["proactive"]["blocks"]
                for key, label in block["rows"]
            ]
            cases += [(which, "requests", label, key) for key, label, _ in spec["requests"]["rows"]]
            cases += [
                (which, "review_litigation", label, key)
                for key, label, _ in spec["review_litigation"]["blocks"]
            ]
        elif kind == "column":
            cases += [
                (which, "proactive", label, key)
                for block in spec["proactive"]["blocks"]
                for key, label, _ in block["columns"]
            ]
            cases += [
                (which, table, label, key)
                for table in ("requests", "review_litigation")
                for key, label, _ in spec[table]["columns"]
            ]
        else:
            cases += [
                (which, "proactive", block["caption"], block["group"])
                for block in spec["proactive"]["blocks"]
            ]
            cases += [
                (which, table, label, key)
                for table in ("requests", "review_litigation")
                for key, label in spec[table]["groups"]
            ]
    return cases


def unique(cases: list[tuple[str, str, str, str]]) -> list[Any]:
    """The cases without repeats, in first-seen order, named by edition, table and key."""
    return [
        pytest.param(*case, id=f"{case[0]}-{case[1]}-{case[3]}") for case in dict.fromkeys(cases)
    ]


@pytest.mark.parametrize("printing", PRINTINGS)
@pytest.mark.parametrize(("which", "table", "label", "key"), unique(printed("row")))
def test_find_row_after_normalisation(
    which: str, table: str, label: str, key: str, printing: str
) -> None:
    """Every official row label is found however the report printed it."""
    row = table_of(which, table).find_row(PRINTINGS[printing](label))
    assert row is not None
    assert (row.key, row.official) == (key, True)


@pytest.mark.parametrize("printing", PRINTINGS)
@pytest.mark.parametrize(("which", "table", "label", "key"), unique(printed("column")))
def test_find_column_after_normalisation(
    which: str, table: str, label: str, key: str, printing: str
) -> None:
    """Every official column label is found however the report printed it."""
    column = table_of(which, table).find_column(PRINTINGS[printing](label))
    assert column is not None
    assert column.key == key


@pytest.mark.parametrize("printing", PRINTINGS)
@pytest.mark.parametrize(("which", "table", "label", "key"), unique(printed("group")))
def test_find_group_after_normalisation(
    which: str, table: str, label: str, key: str, printing: str
) -> None:
    """Every block caption and merged row label is found however the report printed it."""
    group = table_of(which, table).find_group(PRINTINGS[printing](label))
    assert group is not None
    assert group.key == key


@pytest.mark.parametrize("printing", PRINTINGS)
@pytest.mark.parametrize("which", EDITIONS)
@pytest.mark.parametrize("key", TABLE_KEYS)
def test_find_table_after_normalisation(which: str, key: str, printing: str) -> None:
    """Every table is found by its section heading however the report printed it."""
    heading = spec_of(which)[key]["heading"]
    table = edition(which).find_table(PRINTINGS[printing](heading))
    assert table is not None
    assert table.key == key


VARIANTS = [
    pytest.param(v, id=f"{v['edition']}-{v['table']}-{v['kind']}-{v['key']}-{number}")
    for number, v in enumerate(FORMAT["label_variants"])
]


def find(which: str, table: str, kind: str, text: str) -> Row | Column | Group | Table | None:
    """Look a label up the way its kind is looked up."""
    catalog = edition(which)
    if kind == "heading":
        return catalog.find_table(text)
    if kind == "row":
        return catalog.table(table).find_row(text)
    if kind == "column":
        return catalog.table(table).find_column(text)
    return catalog.table(table).find_group(text)


@pytest.mark.parametrize("printing", PRINTINGS)
@pytest.mark.parametrize("variant", VARIANTS)
def test_label_variants_of_real_reports(variant: dict[str, str], printing: str) -> None:
    """The label variants of spec section 6 that the catalog carries are recognised."""
    text = PRINTINGS[printing](variant["label"])
    found = find(variant["edition"], variant["table"], variant["kind"], text)
    assert found is not None, variant["source"]
    assert found.key == variant["key"], variant["source"]


@pytest.mark.parametrize(
    ("which", "label", "key", "official"),
    [
        ("2019", "（六）其他处理", "other_handling", True),
        ("2021", "（六）其他处理", "other_handling.subtotal", False),
        ("2021", "（三）不予公开", "withheld.subtotal", False),
        ("2021", "(四)无法提供", "unavailable.subtotal", False),
        ("2019", "（五） 不予处理", "not_processed.subtotal", False),
    ],
)
def test_printed_group_line_is_found_as_its_row(
    which: str, label: str, key: str, official: bool
) -> None:
    """A group label printed as a row with numbers is found as the group's own row."""
    row = edition(which).requests.find_row(label)
    assert row is not None
    assert (row.key, row.official) == (key, official)


@pytest.mark.parametrize(
    ("which", "table", "kind", "label"),
    [
        (
            "2019",
            "requests",
            "row",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ),
        ("2019", "requests", "row", "3.其他"),
        ("2021", "proactive", "row", "政府集中采购"),
        ("2021", "proactive", "row", "其他对外管理服务事项"),
        ("2021", "proactive", "column", "本年新制作数量"),
        ("2021", "proactive", "column", "上一年项目数量"),
        ("2019", "proactive", "column", "本年制发件数"),
        ("2019", "proactive", "column", "本年收费金额（单位：万元）"),
        ("2021", "proactive", "group", "第二十条第（九）项"),
        ("2021", "requests", "column", "法人或其他组织小计"),
        ("2021", "requests", "row", ""),
        ("2021", "requests", "row", "其他"),
        ("2021", "requests", "column", "1.属于国家秘密"),
        ("2021", "requests", "group", "（七）总计"),
        ("2021", "requests", "row", "属于国家秘密2"),
    ],
)
def test_labels_of_the_other_edition_or_place_are_not_found(
    which: str, table: str, kind: str, label: str
) -> None:
    """A label that does not belong in a table is not found there."""
    assert find(which, table, kind, label) is None


@pytest.mark.parametrize("which", EDITIONS)
@pytest.mark.parametrize("label", [u["label"] for u in FORMAT["unofficial_rows"]])
def test_non_official_rows_of_third_party_code_are_not_modelled(which: str, label: str) -> None:
    """Rows such as 属于工作秘密 (spec section 4: no published support) are not recognised."""
    for table in edition(which).tables:
        assert table.find_row(label) is None


@pytest.mark.parametrize(
    "heading", ["五、存在的主要问题及改进情况", "一、总体情况", "六、其他需要报告的事项", ""]
)
def test_headings_of_prose_sections_find_no_table(heading: str) -> None:
    """Only the three table sections are tables."""
    assert edition("2021").find_table(heading) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("（一）予以公开", "(一)予以公开"),
        ("(一) 予以公开", "(一)予以公开"),
        ("商业\n企业", "商业企业"),
        ("三、本 年 度 办 理 结 果", "三、本年度办理结果"),
        ("\u3000规章\u3000", "规章"),
        ("1、属于国家秘密", "1.属于国家秘密"),
        ("12、其他", "12.其他"),
        ("1. 属于国家秘密", "1.属于国家秘密"),
        ("１．属于国家秘密", "1.属于国家秘密"),
        ("3.危及“三安全一稳定”", '3.危及"三安全一稳定"'),
        ('3.危及"三安全一稳定"', '3.危及"三安全一稳定"'),
        ("本年收费金额（单位：万元）", "本年收费金额(单位:万元)"),
        ("一、本年新收", "一、本年新收"),
        ("逾期不补正、行政机关", "逾期不补正、行政机关"),
        ("逾期不补正，行政机关", "逾期不补正,行政机关"),
        ("本年增/减", "本年增/减"),
        ("本年增／减", "本年增/减"),
    ],
)
def test_normalize_label(text: str, expected: str) -> None:
    """NFKC, no white space, straight quotes, a leading 1、 as 1.; nothing else changes."""
    assert normalize_label(text) == expected


@pytest.mark.parametrize("which", EDITIONS)
@pytest.mark.parametrize("key", TABLE_KEYS)
def test_labels_list_the_official_label_first(which: str, key: str) -> None:
    """``labels`` of rows, columns and groups start with the official label."""
    table = table_of(which, key)
    for row in table.rows:
        assert row.labels[0] == row.zh
        assert all(column.labels[0] == column.zh for column in row.columns)
    assert all(group.labels[0] == group.zh for group in table.groups)


# --- short labels for messages ---------------------------------------------------------------

_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|[0-9]+\.)")
_ORDINAL_EN = re.compile(r"^(?:[0-9]+\. |\([0-9]+\) )")


def _subsequence(short: str, full: str) -> bool:
    """Whether every character of ``short`` occurs in ``full``, in the same order."""
    rest = iter(full)
    return all(char in rest for char in short)


def format_rows(which: str, key: str) -> dict[str, tuple[str, str | None]]:
    """FORMAT.md's row labels of a table, with the label of the group each sits in."""
    table = spec_of(which)[key]
    if key == "requests":
        groups = dict(table["groups"])
        return {k: (label, groups.get(g)) for k, label, g in table["rows"]}
    if key == "proactive":
        return {k: (label, None) for block in table["blocks"] for k, label in block["rows"]}
    return {k: (label, None) for k, label, _ in table["blocks"]}


def format_columns(which: str, key: str) -> dict[str, str]:
    """FORMAT.md's column labels of a table."""
    table = spec_of(which)[key]
    blocks = table["blocks"] if key == "proactive" else [table]
    return {k: label for block in blocks for k, label, _ in block["columns"]}


def _expected_prefix(label: str, group: str | None, pattern: re.Pattern[str]) -> str:
    """A short label starts with the ordinals of the full one: "（三）1 " under "（三）…"."""
    own = pattern.match(label)
    if group is not None and own is not None and own.group()[0].isdigit():
        outer = pattern.match(group)
        if outer is not None:
            return f"{outer.group().strip()}{own.group().strip(' .')} "
    return "" if own is None else own.group()


@pytest.mark.parametrize("which", EDITIONS)
@pytest.mark.parametrize("key", TABLE_KEYS)
def test_short_row_labels_keep_the_format_ordinals_and_words(which: str, key: str) -> None:
    """A message names a row by its official ordinals and some of its words, in their order.

    "（六）1 逾期不补正" for FORMAT.md's "1.申请人无正当理由逾期不补正、行政机关不再处理其
    政府信息公开申请" under "（六）其他处理"; a subtotal row by its group's label.
    """
    labels = format_rows(which, key)
    groups = dict(spec_of(which)[key].get("groups", []))
    table = table_of(which, key)
    for row in table.rows:
        label, group = labels.get(row.key) or (groups[row.group or ""], None)
        prefix = _expected_prefix(label, group, _ORDINAL)
        assert row.short_zh.startswith(prefix), (row.key, row.short_zh, prefix)
        words = row.short_zh.removeprefix(prefix)
        assert words, row.key
        assert _subsequence(words, _ORDINAL.sub("", label)), (row.key, words, label)
        group_en = table.group(row.group).en if row.group and row.role != "subtotal" else None
        prefix_en = _expected_prefix(row.en, group_en, _ORDINAL_EN)
        assert row.short_en.startswith(prefix_en), (row.key, row.short_en, prefix_en)
        words_en = row.short_en.removeprefix(prefix_en)
        assert 0 < len(words_en) <= len(_ORDINAL_EN.sub("", row.en)), (row.key, row.short_en)


@pytest.mark.parametrize("which", EDITIONS)
@pytest.mark.parametrize("key", TABLE_KEYS)
def test_short_column_labels_are_words_of_the_format_labels(which: str, key: str) -> None:
    """A message names a column by some of the words of its official label, in their order."""
    labels = format_columns(which, key)
    for column in {c.key: c for row in table_of(which, key).rows for c in row.columns}.values():
        assert column.short_zh, column.key
        assert _subsequence(column.short_zh, labels[column.key]), (column.key, column.short_zh)
        assert column.short_en, column.key
        assert len(column.short_en) <= len(column.en)


@pytest.mark.parametrize("which", EDITIONS)
@pytest.mark.parametrize("key", TABLE_KEYS)
def test_short_labels_are_unique_in_their_table(which: str, key: str) -> None:
    """No two rows, and no two columns, of a table share a short label in either language."""
    table = table_of(which, key)
    columns = list({c.key: c for row in table.rows for c in row.columns}.values())
    for items in (table.rows, columns):
        for language in ("short_zh", "short_en"):
            shorts = [getattr(item, language) for item in items]
            assert len(set(shorts)) == len(shorts), (key, language)


def test_short_labels_in_the_issue_example() -> None:
    """The short labels read as the ones messages were designed around."""
    requests = table_of("2021", "requests")
    overdue = requests.row("other_handling.overdue_correction")
    secret = requests.row("withheld.state_secret")
    assert (overdue.short_zh, overdue.short_en) == ("（六）1 逾期不补正", "(6)1 overdue correction")
    assert (secret.short_zh, secret.short_en) == ("（三）1 国家秘密", "(3)1 state secret")


# --- catalog construction ---------------------------------------------------------------------

_A = Column("a", "甲", "A")
_B = Column("b", "乙", "B")


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ((Row("x", "子", "X", (_A,)), Row("x", "丑", "X", (_A,))), "row key 'x' twice"),
        ((Row("x", "子", "X", (_A,)), Row("y", "子", "Y", (_A,))), "is both 'x' and 'y'"),
        (
            (Row("x", "子", "X", (_A,)), Row("y", "丑", "Y", (_A,), aliases=("\u3000子 ",))),
            "is both 'x' and 'y'",
        ),
        ((Row("x", "子", "X", (_A,)), Row("y", "丑", "Y", (Column("b", "甲", "B"),))), "two keys"),
        (
            (Row("x", "子", "X", (_A,), short_zh="寅"), Row("y", "丑", "Y", (_A,), short_zh="寅")),
            "short label '寅' of two rows",
        ),
        (
            (Row("x", "子", "X", (_A,), short_en="z"), Row("y", "丑", "Y", (_A,), short_en="z")),
            "short label 'z' of two rows",
        ),
        ((Row("x", "子", "X", (_A, Column("b", "乙", "B", short_en="A"))),), "of two columns"),
    ],
)
def test_table_refuses_ambiguous_keys_and_labels(rows: tuple[Row, ...], message: str) -> None:
    """A table whose keys or normalised labels collide cannot be built."""
    with pytest.raises(ValueError, match=re.escape(message)):
        Table(key="t", number="一", heading="一、表", en="T", rows=rows)


def test_table_allows_a_shared_column_in_several_rows() -> None:
    """The same column (same key and label) may appear in many rows."""
    table = Table(
        key="t",
        number="一",
        heading="一、表",
        en="T",
        rows=(Row("x", "子", "X", (_A, _B)), Row("y", "丑", "Y", (_A,))),
    )
    assert table.find_column("甲") is _A
    assert [cell.path for cell in table.cells()] == ["t.x.a", "t.x.b", "t.y.a"]


# --- no labels outside the catalog -------------------------------------------------------------

_CJK = re.compile(
    "[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
    "\U00020000-\U0003134f]"
)


def documentation_strings(tree: ast.Module) -> set[int]:
    """The ids of string constants that are statements of their own: docstrings."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }


#: Han ideographs: Chinese words. CJK punctuation alone (、，（）) is no label.
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def cjk_string_literals(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every string literal of ``path`` that holds a Chinese word."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    docs = documentation_strings(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docs
        and _HAN.search(node.value)
    ]


MODULES = sorted(
    path.relative_to(SRC).as_posix()
    for path in SRC.rglob("*.py")
    if "catalog" not in path.relative_to(SRC).parts
)


def test_the_source_scan_sees_the_modules() -> None:
    """The scan below covers the library's modules outside the catalog."""
    assert {"model/_classes.py", "converter/_json.py", "errors.py", "__init__.py"} <= set(MODULES)


def test_the_source_scan_finds_labels() -> None:
    """The scan finds labels in code strings and ignores docstrings (checked on the catalog)."""
    found = cjk_string_literals(SRC / "catalog" / "_data.py")
    assert any(text == "一、总体情况" for _, text in found)
    assert not any(text.startswith("The two editions") for _, text in found)


@pytest.mark.parametrize("module", MODULES)
def test_no_label_outside_the_catalog(module: str) -> None:
    """No string literal outside catalog/ holds a Chinese word (a Han ideograph).

    The catalog is the only place that spells a label or any other Chinese
    vocabulary. The scan reads the syntax tree, so comments are ignored,
    and so are docstrings (string statements): they may quote a label to
    say what a class stands for, but code never reads them. Every other
    string constant counts, f-string parts included. Punctuation alone
    (、，（）：, the ideographic space) is not vocabulary: parsers may name it.
    """
    assert cjk_string_literals(SRC / module) == []


def spec_labels(value: object) -> Iterator[str]:
    """Every string of the hand-transcribed file that holds a CJK character."""
    if isinstance(value, str):
        if _CJK.search(value):
            yield value
    elif isinstance(value, list):
        for item in value:
            yield from spec_labels(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from spec_labels(item)


#: The format's labels, less the two-character ones that are also plain words.
LABELS = {normalize_label(label) for label in spec_labels(FORMAT)} - {
    "其他",
    "总计",
    "合计",
    "规章",
}


@pytest.mark.parametrize("module", MODULES)
def test_no_official_label_spelled_outside_the_catalog(module: str) -> None:
    """No string literal outside catalog/ is, after normalisation, a label of the format.

    Narrower than the test above: it flags only the labels, headings,
    notices and variants of ``data/format_labels.json`` (but not the
    two-character labels that are also plain words, such as 其他), so it
    still holds a module to the rule if other Chinese text is ever allowed
    there.
    """
    found = [
        (line, text)
        for line, text in cjk_string_literals(SRC / module)
        if normalize_label(text) in LABELS
    ]
    assert found == []


def test_catalog_objects_are_frozen() -> None:
    """The catalog cannot be changed at run time."""
    spec = edition("2021")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        spec.notice = "x"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        spec.requests.rows[0].zh = "x"  # type: ignore[misc]
    assert isinstance(spec.requests.rows, tuple)


def test_an_identity_s_paths_are_its_cells_in_order_kept_from_construction() -> None:
    """``paths``: the target, then each term's cells and fallback; made once, not per access."""
    identity = Identity(
        "x.rule",
        "t.total.c",
        (Term(1, ("t.a.c", "t.b.c"), "t.sub.c"), Term(-1, ("t.d.c",))),
        "t",
        None,
        "c",
    )
    assert identity.paths == ("t.total.c", "t.a.c", "t.b.c", "t.sub.c", "t.d.c")
    assert identity.paths is identity.paths
    moved = attrs.evolve(identity, target="t.other.c")
    assert moved.paths[0] == "t.other.c"
    assert moved != identity
    assert pickle.loads(pickle.dumps(identity)).paths == identity.paths  # noqa: S301 - our own bytes
    assert repr(identity).endswith("column='c', when=None)")  # a derived field, not shown
    for each in identities(edition("2021")):
        assert each.paths[0] == each.target
