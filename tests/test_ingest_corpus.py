"""Every document of the corpus reads with every cell right, against hand transcriptions.

``tests/data/corpus/<document>.expected.json`` is the report transcribed by
hand from the document (in the JSON contract); ``<document>.provenance.json``
lists, also by hand, the cells not read plainly, spot checks of provenance,
the notes and the narrative figures.
"""

from __future__ import annotations

import functools
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import gkdisclosure
from gkdisclosure import Proactive2019
from gkdisclosure.ingest import CellState, IngestResult, read_html, read_text
from helpers import flatten

CORPUS = Path(__file__).parent / "data" / "corpus"
DOCUMENTS = sorted(p.name for p in CORPUS.iterdir() if p.suffix in {".html", ".txt", ".md"})


@functools.cache
def _read(name: str, *, infer: bool = True) -> IngestResult:
    reader = read_html if name.endswith(".html") else read_text
    return reader(CORPUS / name, infer=infer)


def _expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CORPUS / f"{name}.expected.json").read_text("utf-8"))
    return data


def _provenance(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CORPUS / f"{name}.provenance.json").read_text("utf-8"))
    return data


def _cells(name: str) -> dict[str, Any]:
    flat = flatten(_expected(name))
    return {path: value for path, value in flat.items() if "." in path}


def _expand(prefixes: list[str], paths: list[str]) -> set[str]:
    return {p for p in paths for prefix in prefixes if p == prefix or p.startswith(prefix + ".")}


def test_the_corpus_is_the_shared_one() -> None:
    """The seven documents, each with both hand-written expectations."""
    assert len(DOCUMENTS) == 7
    for name in DOCUMENTS:
        assert (CORPUS / f"{name}.expected.json").is_file()
        assert (CORPUS / f"{name}.provenance.json").is_file()


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_cell_is_right(name: str) -> None:
    """The report read equals the hand transcription, cell by cell."""
    got = flatten(gkdisclosure.to_dict(_read(name).report))
    expected = flatten(_expected(name))
    wrong = {
        path: (got.get(path), value) for path, value in expected.items() if got.get(path) != value
    }
    assert wrong == {}
    assert _read(name).report == gkdisclosure.load(CORPUS / f"{name}.expected.json")


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_cell_has_its_state(name: str) -> None:
    """Listed cells have the listed state; the others are numbers, or blanks where null."""
    result = _read(name)
    cells = _cells(name)
    states: dict[str, str] = {
        path: "number" if value is not None else "blank" for path, value in cells.items()
    }
    for state, prefixes in _provenance(name)["states"].items():
        for path in _expand(prefixes, list(cells)):
            states[path] = state
    got = {source.path: source.state.value for source in result.provenance}
    assert got == states


@pytest.mark.parametrize("name", DOCUMENTS)
def test_spot_cells_have_their_provenance(name: str) -> None:
    """Raw text, labels as printed, position and unit of the cells checked by hand."""
    result = _read(name)
    for path, expected in _provenance(name)["cells"].items():
        source = result.provenance[path]
        got: dict[str, object] = {
            "raw": source.raw,
            "state": source.state.value,
            "row_label": source.row_label,
            "column_label": source.column_label,
            "unit": source.unit,
        }
        if source.position is not None:
            got["position"] = [source.position.table, source.position.row, source.position.column]
        assert {key: got.get(key) for key in expected} == expected, path


@pytest.mark.parametrize("name", DOCUMENTS)
def test_notes_are_the_expected_ones(name: str) -> None:
    """Each note's code and the cells it names (compared as a set of notes)."""
    result = _read(name)
    paths = [source.path for source in result.provenance]

    def key(code: str, prefixes: list[str]) -> tuple[str, frozenset[str]]:
        cells = _expand(prefixes, paths)
        return code, frozenset(cells or prefixes)

    expected = sorted(
        (key(note["code"], note["paths"]) for note in _provenance(name)["notes"]), key=repr
    )
    got = sorted((key(note.code, list(note.paths)) for note in result.notes), key=repr)
    assert got == expected


@pytest.mark.parametrize("name", DOCUMENTS)
def test_narrative_figures(name: str) -> None:
    """The totals the prose states, in reading order."""
    figures = [
        {
            "kind": figure.kind.value,
            "value": str(figure.value) if isinstance(figure.value, Decimal) else figure.value,
            "unit": figure.unit,
        }
        for figure in _read(name).narrative
    ]
    assert figures == _provenance(name)["narrative"]


def test_every_note_has_a_plain_message() -> None:
    """Notes carry a sentence and paths that exist in the report's provenance (or a table)."""
    for name in DOCUMENTS:
        result = _read(name)
        for note in result.notes:
            assert note.message
            for path in note.paths:
                assert any(
                    source.path == path or source.path.startswith(path + ".")
                    for source in result.provenance
                )


def test_inferred_cells_say_why() -> None:
    """Every inferred cell has a reason naming the identity that forced it."""
    for name in DOCUMENTS:
        for source in _read(name).provenance:
            if source.state is CellState.INFERRED:
                assert source.reason is not None
                assert "总计" in source.reason


def test_pingtan_text_never_contradicts_the_page() -> None:
    """Wherever the flattened text gives a number, the HTML of the same report agrees."""
    text = flatten(gkdisclosure.to_dict(_read("2019-pingtan.txt").report))
    page = flatten(gkdisclosure.to_dict(_read("2019-pingtan.html").report))
    read = {path: value for path, value in text.items() if value is not None}
    assert read
    assert {path: page[path] for path in read} == read


def test_pingtan_text_glued_proactive_cells_are_unreported_with_notes() -> None:
    """规范性文件898989 splits in ten ways and no identity checks 表二: None, noted."""
    result = _read("2019-pingtan.txt")
    source = result.provenance["proactive.normative_documents.published"]
    assert source.state is CellState.UNREADABLE
    assert isinstance(result.report.proactive, Proactive2019)
    assert result.report.proactive.normative_documents.published is None
    (note,) = [n for n in result.notes if "proactive.normative_documents.made" in n.paths]
    assert note.code == "cells.glued"
    assert "'898989'" in note.message
    assert "10 ways" in note.message


def test_fujian_rows_that_lost_a_zero_are_seven_inferred_zeros() -> None:
    """Six zeros for seven columns: which one was lost is unknown, so all seven are inferred."""
    result = _read("2021-fujian-gxt.txt")
    assert result.report.requests is not None
    row = result.report.requests.carried_over
    assert row.values() == (0, 0, 0, 0, 0, 0, 0)
    for column in ("natural_person", "total"):
        source = result.provenance[f"requests.carried_over.{column}"]
        assert source.state is CellState.INFERRED
        assert source.raw == "0 0 0 0 0 0"
        assert source.reason is not None
        assert "lost" in source.reason


@pytest.mark.parametrize("name", ["2021-fujian-gxt.txt", "2019-pingtan.txt"])
def test_inference_can_be_turned_off(name: str) -> None:
    """With infer=False no cell is inferred; the cells that were are unreported instead."""
    inferred = set(_read(name).provenance.paths(CellState.INFERRED))
    result = _read(name, infer=False)
    assert result.provenance.paths(CellState.INFERRED) == ()
    flat = flatten(gkdisclosure.to_dict(result.report))
    assert inferred
    assert all(flat[path] is None for path in inferred)
    assert all(result.provenance[path].state is CellState.UNREADABLE for path in inferred)
    assert any("inference is turned off" in note.message for note in result.notes)
