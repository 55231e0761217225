"""Reading, replacing and walking a report's values by wire path."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from gkdisclosure import (
    ApplicantCounts,
    ItemCounts2019,
    Proactive2019,
    Report,
    ReviewLitigation,
    load,
)
from gkdisclosure.catalog import edition
from gkdisclosure.model import paths

SAMPLE = load(Path(__file__).parent.parent / "examples" / "2021-fujian-gxt.json")


def test_get_reads_a_cell_a_row_and_a_table() -> None:
    """A path names a cell, a row or a table; the value is the model's own."""
    assert paths.get(SAMPLE, "requests.received.total") == 11
    assert paths.get(SAMPLE, "requests.received") is SAMPLE.requests.received  # type: ignore[union-attr]
    assert paths.get(SAMPLE, "review_litigation") is SAMPLE.review_litigation


def test_get_past_an_absent_row_is_none() -> None:
    """A subtotal row the report does not print reads as None, as a blank cell does."""
    assert SAMPLE.requests is not None
    assert SAMPLE.requests.withheld.subtotal is None
    assert paths.get(SAMPLE, "requests.withheld.subtotal.total") is None


def test_get_refuses_a_key_the_model_does_not_have() -> None:
    """A misspelt key is an AttributeError, not a blank."""
    with pytest.raises(AttributeError):
        paths.get(SAMPLE, "requests.recieved.total")


def test_replace_rebuilds_every_level_and_leaves_the_original() -> None:
    """The copy differs at the path only; the original report is untouched."""
    changed = paths.replace(SAMPLE, "requests.received.natural_person", 99)
    assert paths.get(changed, "requests.received.natural_person") == 99
    assert paths.get(SAMPLE, "requests.received.natural_person") == 11
    assert changed.review_litigation is SAMPLE.review_litigation


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("requests.withheld.subtotal.total", "'requests.withheld.subtotal' is None"),
        ("requests.recieved.total", "Requests2021 has no field 'recieved'"),
        ("requests.received.total.digits", "'requests.received.total' is 11"),
    ],
)
def test_replace_refuses_a_path_it_cannot_follow(path: str, message: str) -> None:
    """Through an absent row, a wrong key or past a cell: ValueError naming the place."""
    with pytest.raises(ValueError, match=message):
        paths.replace(SAMPLE, path, 0)


def test_replace_with_build_makes_an_absent_table_and_row_blank() -> None:
    """build=True makes the absent table of the edition's class, and an absent row, blank."""
    bare = Report(edition="2019", agency="某局", year=2020)
    built = paths.replace(bare, "proactive.licensing.previous_items", 3, build=True)
    assert type(built.proactive) is Proactive2019
    assert built.proactive == attrs.evolve(
        Proactive2019(), licensing=ItemCounts2019(previous_items=3)
    )
    assert built.requests is None  # nothing else is made
    assert SAMPLE.requests is not None
    row = paths.replace(SAMPLE, "requests.withheld.subtotal.total", 7, build=True)
    assert paths.get(row, "requests.withheld.subtotal") == ApplicantCounts(total=7)
    blank = paths.replace(bare, "review_litigation.review.total", None, build=True)
    assert blank.review_litigation == ReviewLitigation()


def test_replace_with_build_still_refuses_a_wrong_key() -> None:
    """build makes absent tables and rows only: a key the model does not have is refused."""
    bare = Report(edition="2021", agency="某局", year=2022)
    with pytest.raises(ValueError, match="Requests2021 has no field 'recieved'"):
        paths.replace(bare, "requests.recieved.total", 1, build=True)


def test_cells_walks_every_present_cell_in_catalog_order() -> None:
    """Every cell of the edition whose row is present, with its value, in the catalog's order."""
    walked = list(paths.cells(SAMPLE))
    expected = [
        cell.path
        for cell in edition(SAMPLE.edition).cells()
        if paths.get(SAMPLE, f"{cell.table.key}.{cell.row.key}") is not None
    ]
    assert [cell.path for cell, _ in walked] == expected
    assert all(value == paths.get(SAMPLE, cell.path) for cell, value in walked)
    assert not any(".subtotal." in cell.path for cell, _ in walked)


def test_replace_works_on_a_row_alone() -> None:
    """A row is an attrs object too: paths are relative to what is given."""
    assert paths.replace(ApplicantCounts.zeros(), "total", 3).total == 3
