"""The exported JSON Schema: valid draft 2020-12, in step with the library, printed by the CLI."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from gkdisclosure import ReportDataError, from_dict, to_dict
from gkdisclosure.catalog import Edition, ValueKind, edition
from gkdisclosure.cli import main
from gkdisclosure.schema import SCHEMA_ID, json_schema
from gkdisclosure.testing import reports

VALIDATOR = Draft202012Validator(json_schema())
SAMPLE = Path(__file__).parent.parent / "examples" / "2021-fujian-gxt.json"
ZEROS = dict.fromkeys(
    ("natural_person", "commercial", "research", "public_interest", "legal_services", "other"), 0
) | {"total": 0}


def sample() -> dict[str, Any]:
    """A fresh copy of the bundled sample (edition 2021) as plain data."""
    data: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return data


def sample_2019() -> dict[str, Any]:
    """A small valid edition-2019 document."""
    return {
        "edition": "2019",
        "agency": "雄县人民政府",
        "year": 2019,
        "proactive": {
            "fees": {"previous_items": 3, "change": -1},
            "procurement": {"amount": "8040"},
        },
        "requests": {"received": dict(ZEROS), "other_handling": dict(ZEROS)},
        "review_litigation": None,
    }


def schema_errors(document: object) -> list[str]:
    """The instance paths (dotted wire keys) where the schema finds a problem."""
    return sorted(
        ".".join(map(str, error.absolute_path)) for error in VALIDATOR.iter_errors(document)
    )


def library_accepts(document: dict[str, Any]) -> bool:
    try:
        from_dict(document)
    except ReportDataError:
        return False
    return True


# --- the schema itself -----------------------------------------------------------------


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    """json_schema() passes the draft 2020-12 metaschema and names its draft and $id."""
    schema = json_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_ID


def test_the_schema_is_plain_json() -> None:
    """The schema survives json.dumps and json.loads unchanged."""
    schema = json_schema()
    assert json.loads(json.dumps(schema, ensure_ascii=False)) == schema


def test_the_sample_validates() -> None:
    """The bundled sample report is valid under the schema."""
    assert schema_errors(sample()) == []


def test_a_small_2019_document_validates() -> None:
    """A 2019 document with its own blocks, signed changes and a single （六） row is valid."""
    document = sample_2019()
    assert schema_errors(document) == []
    assert library_accepts(document)


@pytest.mark.parametrize(
    "strategy",
    [
        reports(edition="2019"),
        reports(edition="2021"),
        reports(blanks=True),
        reports(consistent=False, blanks=True),
    ],
    ids=["2019", "2021", "blanks", "inconsistent-blanks"],
)
@given(data=st.data())
def test_generated_reports_validate(data: st.DataObject, strategy: st.SearchStrategy[Any]) -> None:
    """Every report the library writes is valid under the schema."""
    assert schema_errors(to_dict(data.draw(strategy))) == []


@pytest.mark.parametrize("which", list(Edition))
def test_the_schema_types_every_cell_of_the_catalog(which: Edition) -> None:
    """Each cell of the catalog is typed at its own wire path, as the library types it."""
    wrong = {ValueKind.COUNT: "1", ValueKind.SIGNED: "1", ValueKind.AMOUNT: 1}
    mismatches = []
    for cell in edition(which).cells():
        document: dict[str, Any] = {"edition": which.value, "agency": "某局", "year": 2021}
        *parents, leaf = cell.path.split(".")
        node = document
        for key in parents:
            node = node.setdefault(key, {})
        node[leaf] = wrong[cell.column.kind]
        if schema_errors(document) != [cell.path] or library_accepts(document):
            mismatches.append(cell.path)
    assert mismatches == []


# --- documents both refuse ---------------------------------------------------------------


def put(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    """A change that sets the value at a dotted path."""

    def change(document: dict[str, Any]) -> None:
        *parents, leaf = path.split(".")
        node = document
        for key in parents:
            node = node[key]
        node[leaf] = value

    return change


def drop(key: str) -> Callable[[dict[str, Any]], None]:
    """A change that removes a top-level key."""
    return lambda document: document.pop(key) and None


BAD_2021 = [
    pytest.param(put("extra", 1), id="unknown-key-report"),
    pytest.param(put("proactive.extra", {}), id="unknown-key-table2"),
    pytest.param(put("proactive.fees.amount", "1"), id="unknown-key-table2-row"),
    pytest.param(put("requests.extra", dict(ZEROS)), id="unknown-key-table3"),
    pytest.param(put("requests.withheld.extra", dict(ZEROS)), id="unknown-key-group"),
    pytest.param(put("requests.received.subtotal", 0), id="unknown-key-table3-row"),
    pytest.param(put("review_litigation.extra", {}), id="unknown-key-table4"),
    pytest.param(put("review_litigation.review.dismissed", 0), id="unknown-key-table4-block"),
    pytest.param(put("meta", {"source": "x"}), id="unknown-key-meta"),
    pytest.param(
        put("proactive.procurement", {"projects": 1, "amount": "2"}), id="2019-block-in-2021"
    ),
    pytest.param(put("proactive.licensing.change", 1), id="2019-column-in-2021"),
    pytest.param(put("requests.other_handling", dict(ZEROS)), id="2019-other-handling-in-2021"),
    pytest.param(put("requests.received.natural_person", "11"), id="count-as-string"),
    pytest.param(put("requests.received.natural_person", True), id="count-as-bool"),
    pytest.param(put("requests.received.natural_person", 1.5), id="count-as-fraction"),
    pytest.param(put("requests.received.natural_person", 10**12), id="count-too-large"),
    pytest.param(put("requests.received.natural_person", -(10**12)), id="count-too-negative"),
    pytest.param(put("requests.received.natural_person", 10**28), id="count-28-digits"),
    pytest.param(put("proactive.fees.amount_10k_yuan", "1" * 19), id="amount-19-digits"),
    pytest.param(put("proactive.fees.amount_10k_yuan", "1" * 10 + "." + "1" * 9), id="amount-19"),
    pytest.param(put("proactive.fees.amount_10k_yuan", "0." + "0" * 18 + "1"), id="amount-tiny"),
    pytest.param(put("year", 10**12), id="year-too-large"),
    pytest.param(put("requests.received", None), id="row-null"),
    pytest.param(put("requests.withheld", None), id="group-null"),
    pytest.param(put("requests.received", [1, 2, 3]), id="row-as-array"),
    pytest.param(put("proactive.fees.amount_10k_yuan", 800.68), id="amount-as-number"),
    pytest.param(put("proactive.fees.amount_10k_yuan", "800,68"), id="amount-with-comma"),
    pytest.param(put("proactive.fees.amount_10k_yuan", "8e2"), id="amount-exponent"),
    pytest.param(put("proactive.fees.amount_10k_yuan", "800.68\n"), id="amount-newline"),
    pytest.param(put("proactive.fees.amount_10k_yuan", "８００"), id="amount-full-width"),
    pytest.param(drop("agency"), id="missing-agency"),
    pytest.param(drop("year"), id="missing-year"),
    pytest.param(drop("edition"), id="missing-edition"),
    pytest.param(put("agency", ""), id="empty-agency"),
    pytest.param(put("agency", " \u3000"), id="blank-agency"),
    pytest.param(put("agency", 1), id="agency-number"),
    pytest.param(put("year", 0), id="year-zero"),
    pytest.param(put("year", "2021"), id="year-string"),
    pytest.param(put("edition", "2022"), id="unknown-edition"),
    pytest.param(put("edition", 2021), id="edition-number"),
    pytest.param(put("meta", {"published": 20220131}), id="date-as-number"),
]


@pytest.mark.parametrize("change", BAD_2021)
def test_the_schema_and_the_library_refuse_bad_documents(
    change: Callable[[dict[str, Any]], None],
) -> None:
    """A document the library refuses is refused by the schema too."""
    document = sample()
    change(document)
    assert schema_errors(document) != []
    assert not library_accepts(document)


BAD_2019 = [
    pytest.param(put("proactive.fees", {"amount_10k_yuan": "1"}), id="2021-fee-in-2019"),
    pytest.param(
        put("proactive.regulations", {"issued": 0, "repealed": 0, "in_force": 0}),
        id="2021-columns-in-2019",
    ),
    pytest.param(
        put("requests.other_handling", {"overdue_fee": dict(ZEROS)}), id="2021-group-in-2019"
    ),
    pytest.param(put("proactive.procurement.amount", 8040), id="amount-as-number"),
    pytest.param(put("proactive.fees.change", "-1"), id="signed-as-string"),
]


@pytest.mark.parametrize("change", BAD_2019)
def test_the_schema_refuses_the_other_editions_tables(
    change: Callable[[dict[str, Any]], None],
) -> None:
    """A 2019 document with 2021 blocks, rows or columns is refused by both."""
    document = sample_2019()
    change(document)
    assert schema_errors(document) != []
    assert not library_accepts(document)


def test_a_document_without_edition_gets_one_error() -> None:
    """Without "edition", the schema says so once, not once per edition's tables."""
    document = sample()
    del document["edition"]
    assert [error.message for error in VALIDATOR.iter_errors(document)] == [
        "'edition' is a required property"
    ]


# --- documents both accept ----------------------------------------------------------------


GOOD = [
    pytest.param(put("proactive", None), id="table-null"),
    pytest.param(put("requests.received.natural_person", None), id="cell-null"),
    pytest.param(put("requests.withheld.subtotal", None), id="subtotal-null"),
    pytest.param(put("requests.withheld.subtotal", dict(ZEROS)), id="subtotal-row"),
    pytest.param(put("requests.received", {}), id="row-empty"),
    pytest.param(put("requests.received.natural_person", -1), id="negative-count"),
    pytest.param(put("proactive.fees.amount_10k_yuan", "-0.5"), id="negative-amount"),
    pytest.param(put("requests.received.natural_person", 10**12 - 1), id="largest-count"),
    pytest.param(put("requests.received.natural_person", 1 - 10**12), id="most-negative"),
    pytest.param(put("proactive.fees.amount_10k_yuan", "1" * 18), id="amount-18-digits"),
    pytest.param(put("proactive.fees.amount_10k_yuan", "-000" + "9" * 18), id="amount-zeros"),
    pytest.param(put("proactive.fees.amount_10k_yuan", "00." + "0" * 17 + "1"), id="amount-18"),
    pytest.param(put("proactive.fees.amount_10k_yuan", "1" * 9 + "." + "1" * 9), id="amount-9.9"),
    pytest.param(put("meta", None), id="meta-null"),
    pytest.param(put("meta", {"published": "2022-01-31", "level": "省级"}), id="meta"),
    pytest.param(drop("review_litigation"), id="table-missing"),
]


@pytest.mark.parametrize("change", GOOD)
def test_the_schema_and_the_library_accept_the_same_partial_documents(
    change: Callable[[dict[str, Any]], None],
) -> None:
    """Blanks, missing parts and out-of-domain values (left to the rules) pass both."""
    document = sample()
    change(document)
    assert schema_errors(document) == []
    assert library_accepts(document)


def test_integral_floats_are_the_known_gap() -> None:
    """JSON Schema counts 1.0 as an integer; the library refuses it (documented in json_schema)."""
    document = sample()
    document["requests"]["received"]["natural_person"] = 11.0
    assert schema_errors(document) == []
    with pytest.raises(ReportDataError) as refused:
        from_dict(document)
    assert [error.path for error in refused.value.errors] == ["requests.received.natural_person"]
    assert "1.0" in (json_schema.__doc__ or "")


# --- the command line ---------------------------------------------------------------------


def test_the_cli_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """`gkdisclosure schema` prints json_schema() as JSON and exits 0."""
    assert main(["schema"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == json_schema()
    assert err == ""


def test_json_schema_returns_a_fresh_object() -> None:
    """Changing one returned schema does not change the next."""
    schema = json_schema()
    schema["properties"].clear()
    assert json_schema()["properties"] != {}
    assert copy.deepcopy(json_schema()) == json_schema()


@given(
    st.from_regex(r"\A-?0{0,3}[0-9]{0,21}(\.[0-9]{0,21})?\Z"),
)
def test_the_schema_and_the_library_count_the_digits_of_an_amount_alike(amount: str) -> None:
    """An amount is accepted by the schema exactly when the library accepts it."""
    document = put("proactive.fees.amount_10k_yuan", amount)
    changed = sample()
    document(changed)
    assert (schema_errors(changed) == []) == library_accepts(changed)
