"""JSON in and out: the strict contract, whole-file writes and errors located by wire keys."""

from __future__ import annotations

import copy
import datetime
import io
import json
import os
import pickle
import re
from collections import OrderedDict
from decimal import Decimal
from pathlib import Path
from typing import Any, Self

import attrs
import pytest
from cattrs import Converter

from gkdisclosure import (
    ApplicantCounts,
    DataProblem,
    GkDisclosureError,
    IngestError,
    Meta,
    Proactive2019,
    Proactive2021,
    Report,
    ReportDataError,
    Requests2019,
    Requests2021,
    dump,
    dumps,
    from_dict,
    load,
    loads,
    make_converter,
    to_dict,
)
from gkdisclosure.catalog import Edition
from gkdisclosure.converter import MAX_DOCUMENT_BYTES, _hooks, _json

SAMPLE = Path(__file__).parent.parent / "examples" / "2021-fujian-gxt.json"
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
SEVEN = (
    "natural_person",
    "commercial",
    "research",
    "public_interest",
    "legal_services",
    "other",
    "total",
)
OUTCOMES = ("upheld", "corrected", "other", "pending", "total")
ZEROS = dict.fromkeys(SEVEN, 0)

#: Words of Python or cattrs that a message for people must not contain.
JARGON = (
    "Annotated",
    "attribute",
    "NoneType",
    "__",
    "cattrs",
    "<class",
    "structur",
    "Traceback",
    "typing",
    "Optional",
    "Error",
    "dict",
    "Counts",
    "Proactive",
    "Requests",
    "utf-8-sig",
    "instances of",
)
WIRE_PATH = re.compile(r"([a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*)?\Z")


def _no_fast_pass(_: Any) -> tuple[Report, int]:
    raise _hooks.ProblemError("the fast pass is off")


@pytest.fixture(autouse=True, params=["fast", "detailed"])
def read_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run every test with the fast pass, and again with every document read by the detailed one."""
    if request.param == "detailed":
        machinery = attrs.evolve(_json._machinery(), read=_no_fast_pass, typed=None)  # noqa: SLF001
        monkeypatch.setattr(_json, "_machinery", lambda: machinery)
    return str(request.param)


def sample() -> dict[str, Any]:
    """A fresh copy of the bundled sample as plain data."""
    data: dict[str, Any] = json.loads(SAMPLE_TEXT)
    return data


def changed(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of ``data`` with the value at the dotted ``path`` set (created if need be)."""
    result = copy.deepcopy(data)
    *parents, leaf = path.split(".")
    target = result
    for key in parents:
        target = target.setdefault(key, {})
    target[leaf] = value
    return result


def removed(data: dict[str, Any], path: str) -> dict[str, Any]:
    """A copy of ``data`` without the key at the dotted ``path``."""
    result = copy.deepcopy(data)
    *parents, leaf = path.split(".")
    target = result
    for key in parents:
        target = target[key]
    del target[leaf]
    return result


def document(*changes: tuple[str, Any], drop: tuple[str, ...] = ()) -> str:
    """The sample as a JSON document, with values set and keys dropped."""
    data = sample()
    for path, value in changes:
        data = changed(data, path, value)
    for path in drop:
        data = removed(data, path)
    return json.dumps(data, ensure_ascii=False)


def problems(source: str | bytes) -> list[tuple[str, str]]:
    """Load a bad document; return its problems as (path, message), checking they read plainly."""
    with pytest.raises(ReportDataError) as info:
        loads(source)
    assert type(info.value) is ReportDataError
    found = [(error.path, error.message) for error in info.value.errors]
    for path, message in found:
        assert isinstance(path, str)
        located = path.rpartition(".")[0] if message == "unknown key" else path
        assert WIRE_PATH.match(located), path
        assert message
        assert not [word for word in JARGON if word in message], message
    return found


def assert_problems(source: str | bytes, expected: list[tuple[str, str]]) -> None:
    """The document is refused with exactly these paths, each message containing its fragment."""
    found = problems(source)
    assert [path for path, _ in found] == [path for path, _ in expected], found
    for (_, message), (_, fragment) in zip(found, expected, strict=True):
        assert fragment in message


# --- the sample -------------------------------------------------------------------------------


def test_sample_loads(sample_path: Path) -> None:
    """The bundled sample loads as the 2021 report of 福建省工业和信息化厅."""
    report = load(sample_path)
    assert isinstance(report.proactive, Proactive2021)
    assert (report.edition, report.agency, report.year) == (
        Edition.E2021,
        "福建省工业和信息化厅",
        2021,
    )
    assert report.meta is None
    assert report.review_litigation is not None
    assert report.proactive.fees.amount_10k_yuan == Decimal("800.68")
    assert report.proactive.normative_documents.values() == (13, 0, 78)
    assert isinstance(report.requests, Requests2021)
    assert report.requests.received.values() == (11, 0, 0, 0, 0, 0, 11)
    assert report.requests.unavailable.not_held.values() == (2, 0, 0, 0, 0, 0, 2)
    assert report.requests.other_handling.subtotal is None
    assert report.review_litigation.litigation_after_review.values() == (1, 0, 0, 0, 1)


def test_sample_round_trips_byte_for_byte(sample_path: Path) -> None:
    """dumps(loads(sample)) is the sample file, byte for byte."""
    raw = sample_path.read_bytes()
    assert dumps(loads(raw)).encode("utf-8") == raw
    assert dumps(load(sample_path)) == raw.decode("utf-8")


def test_sample_equals_itself(sample_path: Path) -> None:
    """Two loads of the sample are equal, hash alike, and equal their own round trip."""
    one, two = load(sample_path), load(sample_path)
    assert one == two
    assert one is not two
    assert hash(one) == hash(two)
    assert loads(dumps(one)) == one
    assert from_dict(to_dict(one)) == one


@pytest.mark.parametrize("kind", [str, bytes, bytearray])
def test_loads_takes_text_or_utf8_bytes(kind: type[str | bytes | bytearray]) -> None:
    """``loads`` reads ``str`` and UTF-8 ``bytes``/``bytearray`` alike."""
    source: str | bytes | bytearray = SAMPLE_TEXT
    if kind is not str:
        source = kind(SAMPLE_TEXT.encode("utf-8"))
    assert loads(source) == loads(SAMPLE_TEXT)


def test_to_dict_is_the_plain_data_of_the_file() -> None:
    """``to_dict`` gives back the sample's plain data; ``from_dict`` reads it."""
    report = loads(SAMPLE_TEXT)
    assert to_dict(report) == sample()
    assert from_dict(sample()) == report


def test_dumps_shape() -> None:
    """Documents are UTF-8 text (Chinese as is), two-space indent, keys in contract order."""
    text = dumps(loads(SAMPLE_TEXT))
    assert text.endswith("}\n")
    assert '\n  "agency": "福建省工业和信息化厅",\n' in text
    keys = ["edition", "agency", "year", "proactive", "requests", "review_litigation"]
    assert list(json.loads(text)) == keys


# --- files -------------------------------------------------------------------------------------


@pytest.mark.parametrize("as_str", [False, True])
def test_dump_then_load(tmp_path: Path, as_str: bool) -> None:
    """``dump`` writes the document to a file (path or str) that ``load`` reads back equal."""
    report = loads(SAMPLE_TEXT)
    target = tmp_path / "report.json"
    dump(report, str(target) if as_str else target)
    assert target.read_text(encoding="utf-8") == SAMPLE_TEXT
    assert load(str(target) if as_str else target) == report
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_dump_replaces_an_existing_file_whole(tmp_path: Path) -> None:
    """An existing, longer file is replaced, not overwritten in place."""
    target = tmp_path / "report.json"
    target.write_text("x" * 100_000, encoding="utf-8")
    dump(loads(SAMPLE_TEXT), target)
    assert target.read_text(encoding="utf-8") == SAMPLE_TEXT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


class _FailingStream:
    """A file object whose every write fails as a full disk does."""

    def __init__(self, fd: int, *_: object) -> None:
        os.close(fd)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        return None

    def write(self, _data: bytes) -> int:
        raise OSError(28, "No space left on device")


def _refuse(*_: object) -> None:
    raise OSError(1, "Operation not permitted")


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


@pytest.mark.parametrize(
    ("target", "replacement", "raised"),
    [
        ("os.fdopen", _FailingStream, OSError),
        ("os.replace", _refuse, OSError),
        ("os.replace", _interrupt, KeyboardInterrupt),
    ],
)
def test_failed_dump_leaves_the_old_file_and_no_temporary(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    target: str,
    replacement: object,
    raised: type[BaseException],
) -> None:
    """When writing or renaming fails, the old file is untouched and no temporary file is left."""
    path = tmp_path / "report.json"
    path.write_text("old content\n", encoding="utf-8")
    report = loads(SAMPLE_TEXT)
    monkeypatch.setattr(target, replacement)
    with pytest.raises(raised):
        dump(report, path)
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == "old content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_dump_into_a_missing_folder_raises_os_error(tmp_path: Path) -> None:
    """``dump`` does not create folders; nothing is written."""
    with pytest.raises(FileNotFoundError):
        dump(loads(SAMPLE_TEXT), tmp_path / "missing" / "report.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_dumped_file_has_ordinary_permissions(tmp_path: Path) -> None:
    """A dumped file is readable as any file the user creates (mode 0o666 less the umask).

    A private temporary file (0o600) renamed into place unchanged would hide
    the report from other readers.
    """
    umask = os.umask(0o022)
    os.umask(umask)
    path = tmp_path / "report.json"
    dump(loads(SAMPLE_TEXT), path)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_dump_keeps_the_mode_of_a_replaced_file(tmp_path: Path) -> None:
    """Replacing a file keeps its permissions."""
    path = tmp_path / "report.json"
    path.write_text("{}", "utf-8")
    path.chmod(0o640)
    dump(loads(SAMPLE_TEXT), path)
    assert path.stat().st_mode & 0o777 == 0o640
    assert loads(path.read_bytes()) == loads(SAMPLE_TEXT)


@pytest.mark.parametrize(
    "document", [b"\xef\xbb\xbf" + SAMPLE_TEXT.encode(), "\ufeff" + SAMPLE_TEXT]
)
def test_a_byte_order_mark_is_ignored(document: str | bytes) -> None:
    """A leading byte-order mark, as Windows editors write, is allowed (RFC 8259 §8.1)."""
    assert loads(document) == loads(SAMPLE_TEXT)


def test_load_of_a_missing_file_raises_an_ingest_error(tmp_path: Path) -> None:
    """A file that cannot be read is an IngestError naming it, not a data error."""
    with pytest.raises(IngestError, match="No such file") as caught:
        load(tmp_path / "missing.json")
    assert caught.value.source == str(tmp_path / "missing.json")


def test_load_reads_bytes_files_and_text_files() -> None:
    """Bytes and a binary file are the document; io.StringIO holds it as text."""
    document = dumps(load(SAMPLE))
    assert load(document.encode()) == load(io.BytesIO(document.encode())) == load(SAMPLE)
    assert load(io.StringIO(document)) == load(SAMPLE)
    with pytest.raises(IngestError, match=r"wrap it in io\.StringIO"):
        load(document)


def test_load_names_the_file_in_its_error(tmp_path: Path) -> None:
    """A bad file's error carries the file name as ``source`` and in its message."""
    path = tmp_path / "bad.json"
    path.write_text(document(("year", True)), encoding="utf-8")
    with pytest.raises(ReportDataError) as info:
        load(path)
    assert info.value.source == str(path)
    assert str(info.value).startswith(f"{path}: not a valid report (1 problem)")
    assert info.value.errors == (DataProblem("year", "expected an integer, got true"),)


def test_load_refuses_an_oversized_file(tmp_path: Path) -> None:
    """A file larger than MAX_DOCUMENT_BYTES is refused for its size, even if it is valid."""
    path = tmp_path / "big.json"
    path.write_bytes(b" " * MAX_DOCUMENT_BYTES + SAMPLE_TEXT.encode("utf-8"))
    with pytest.raises(ReportDataError, match="a report is at most") as info:
        load(path)
    assert info.value.source == str(path)
    assert [error.path for error in info.value.errors] == [""]


def test_loads_names_the_source_given() -> None:
    """``loads(..., source=...)`` puts the source on the error."""
    with pytest.raises(ReportDataError) as info:
        loads("[]", source="upload #3")
    assert info.value.source == "upload #3"
    assert str(info.value).startswith("upload #3: ")


# --- absent and partial tables -----------------------------------------------------------------

TABLE_KEYS = ("proactive", "requests", "review_litigation")


@pytest.mark.parametrize("table", TABLE_KEYS)
@pytest.mark.parametrize("how", ["null", "missing"])
def test_a_table_may_be_absent(table: str, how: str) -> None:
    """A table given as ``null`` or left out loads as ``None`` and is written as ``null``."""
    source = document((table, None)) if how == "null" else document(drop=(table,))
    report = loads(source)
    assert getattr(report, table) is None
    assert to_dict(report)[table] is None
    assert loads(dumps(report)) == report


def test_a_report_may_have_no_table_at_all() -> None:
    """Edition, agency and year alone make a report."""
    report = loads('{"edition": "2019", "agency": "某某局", "year": 2020}')
    assert (report.proactive, report.requests, report.review_litigation) == (None, None, None)
    assert loads(dumps(report)) == report


@pytest.mark.parametrize(
    ("group", "sub_rows"),
    [
        ("other_handling", ("overdue_correction", "overdue_fee", "other")),
        ("withheld", ("state_secret", "inquiry_matters")),
        ("unavailable", ("not_held", "needs_compilation", "unclear_after_correction")),
        ("not_processed", ("petitions_complaints", "confirmation")),
    ],
)
def test_group_printed_as_one_row_loads_with_blank_sub_rows(
    group: str, sub_rows: tuple[str, ...]
) -> None:
    """A group given only as its subtotal (e.g. （六）其他处理 as one row) has blank sub-rows."""
    report = loads(document((f"requests.{group}", {"subtotal": ZEROS})))
    assert isinstance(report.requests, Requests2021)
    block = getattr(report.requests, group)
    assert block.subtotal == ApplicantCounts.zeros()
    for name in sub_rows:
        assert getattr(block, name) == ApplicantCounts.blank()
    written = to_dict(report)["requests"][group]
    assert written["subtotal"] == ZEROS
    assert written[sub_rows[0]] == dict.fromkeys(SEVEN)
    assert loads(dumps(report)) == report


def test_subtotal_is_written_only_when_present() -> None:
    """A group without a subtotal is written without the ``subtotal`` key."""
    report = loads(document(("requests.withheld", {})))
    assert isinstance(report.requests, Requests2021)
    assert report.requests.withheld.subtotal is None
    assert "subtotal" not in to_dict(report)["requests"]["withheld"]
    assert (
        "subtotal"
        in to_dict(loads(document(("requests.withheld.subtotal", ZEROS))))["requests"]["withheld"]
    )


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("requests.received", {}),
        ("requests.received", {"total": 11}),
        ("requests.received", dict.fromkeys(SEVEN)),
        ("requests.received.natural_person", None),
        ("proactive.fees.amount_10k_yuan", None),
        ("review_litigation.review", {"upheld": None}),
    ],
)
def test_missing_and_null_cells_are_not_reported(path: str, value: Any) -> None:
    """A cell left out or given as ``null`` loads as ``None`` and round-trips."""
    report = loads(document((path, value)))
    written = to_dict(report)
    *parents, leaf = path.split(".")
    for key in parents:
        written = written[key]
    expected = value if not isinstance(value, dict) else {**dict.fromkeys(written[leaf]), **value}
    assert written[leaf] == expected
    assert loads(dumps(report)) == report


def test_an_edition_2019_report_round_trips() -> None:
    """A 2019 report reads as the 2019 classes: five blocks of 表二, （六） as one row."""
    data: dict[str, Any] = {
        "edition": "2019",
        "agency": "上海市人民政府办公厅",
        "year": 2019,
        "proactive": {
            "licensing": {"previous_items": 10, "change": -2, "decisions": 300},
            "procurement": {"projects": 3, "amount": "251000"},
        },
        "requests": {"other_handling": {**ZEROS, "natural_person": 1, "total": 1}},
        "review_litigation": {"review": dict.fromkeys(OUTCOMES, 0)},
    }
    report = loads(json.dumps(data))
    assert isinstance(report.proactive, Proactive2019)
    assert isinstance(report.requests, Requests2019)
    assert report.proactive.licensing.change == -2
    assert report.proactive.procurement.amount == Decimal(251000)
    assert report.requests.other_handling.values() == (1, 0, 0, 0, 0, 0, 1)
    assert loads(dumps(report)) == report
    assert to_dict(report)["requests"]["other_handling"] == data["requests"]["other_handling"]


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("requests.received.natural_person", -1),
        ("requests.carried_forward.total", -11),
        ("review_litigation.review.pending", -3),
        ("proactive.licensing.decisions", -238),
        ("proactive.fees.amount_10k_yuan", "-1.5"),
    ],
)
def test_negative_values_are_accepted(path: str, value: Any) -> None:
    """Negative counts and amounts are data: they load, and the rules flag them later."""
    report = loads(document((path, value)))
    assert to_dict(report) == changed(sample(), path, value)


@pytest.mark.parametrize(
    "amount",
    ["800.680", "0", "0.0000", "-0.5", "123456789.123456789", "08", "-0.000000000000000001"],
)
def test_amount_travels_as_a_string_and_keeps_its_scale(amount: str) -> None:
    """An amount is a Decimal read from a string and written back with the same digits."""
    report = loads(document(("proactive.fees.amount_10k_yuan", amount)))
    assert isinstance(report.proactive, Proactive2021)
    value = report.proactive.fees.amount_10k_yuan
    assert isinstance(value, Decimal)
    assert value == Decimal(amount)
    assert str(value) == str(Decimal(amount))
    written = {"08": "8"}.get(amount, amount)
    assert to_dict(report)["proactive"]["fees"]["amount_10k_yuan"] == written
    assert f'"amount_10k_yuan": "{written}"' in dumps(report)
    assert loads(dumps(report)) == report


def test_amount_keeps_trailing_zeros() -> None:
    """ "800.680" stays "800.680" (three decimals), not 800.68."""
    report = loads(document(("proactive.fees.amount_10k_yuan", "800.680")))
    assert '"amount_10k_yuan": "800.680"' in dumps(report)


@pytest.mark.parametrize(
    "meta",
    [
        {
            "source_url": "http://gxt.fujian.gov.cn/",
            "published": "2022-01-30",
            "region": "福建省",
            "level": "省级",
        },
        {"published": "2022-01-30"},
        {"region": "福建省"},
        {},
    ],
)
def test_meta_with_a_date_round_trips(meta: dict[str, str]) -> None:
    """Metadata loads (the date as a ``date``), is written back as given, and round-trips."""
    report = loads(document(("meta", meta)))
    assert report.meta is not None
    if "published" in meta:
        assert report.meta.published == datetime.date(2022, 1, 30)
    assert to_dict(report)["meta"] == meta
    assert loads(dumps(report)) == report


def test_meta_nulls_are_left_out_on_output() -> None:
    """Meta keys given as null are not written, and the report still round-trips."""
    report = loads(document(("meta", {"region": None, "published": "2022-01-30"})))
    assert report.meta == Meta(published=datetime.date(2022, 1, 30))
    assert to_dict(report)["meta"] == {"published": "2022-01-30"}
    assert loads(dumps(report)) == report


# --- bad documents ------------------------------------------------------------------------------

AMOUNT = "proactive.fees.amount_10k_yuan"

BAD_DOCUMENTS = [
    pytest.param(document(("year", True)), [("year", "expected an integer, got true")], id="bool"),
    pytest.param(
        document(("requests.received.natural_person", False)),
        [("requests.received.natural_person", "expected an integer, got false")],
        id="bool-cell",
    ),
    pytest.param(
        document(("requests.received.natural_person", 11.0)),
        [("requests.received.natural_person", "expected an integer, got the number 11.0")],
        id="float-whole",
    ),
    pytest.param(
        document(("review_litigation.review.upheld", 0.5)),
        [("review_litigation.review.upheld", "expected an integer, got the number 0.5")],
        id="float",
    ),
    pytest.param(
        '{"edition": "2021", "agency": "某某局", "year": 2021e0}',
        [("year", "expected an integer, got the number 2021.0")],
        id="float-exponent",
    ),
    pytest.param(
        document(("requests.total_handled.total", "12")),
        [("requests.total_handled.total", "expected an integer, got the string '12'")],
        id="numeric-string",
    ),
    pytest.param(
        document(("year", "2021")), [("year", "got the string '2021'")], id="numeric-string-year"
    ),
    pytest.param(
        document(("proactive.licensing.decisions", "238件")),
        [("proactive.licensing.decisions", "expected an integer, got the string '238件'")],
        id="string-with-unit",
    ),
    pytest.param(document(drop=("year",)), [("year", "required key is missing")], id="no-year"),
    pytest.param(
        document(drop=("agency",)), [("agency", "required key is missing")], id="no-agency"
    ),
    pytest.param(
        document(drop=("edition",)), [("edition", "required key is missing")], id="no-edition"
    ),
    pytest.param(document(("agency", "")), [("agency", "must not be empty")], id="empty-agency"),
    pytest.param(
        document(("agency", " \u3000\n")), [("agency", "must not be empty")], id="blank-agency"
    ),
    pytest.param(
        document(("agency", 123)),
        [("agency", "expected the agency's name as a string, got the number 123")],
        id="agency-number",
    ),
    pytest.param(
        document(("edition", "2020")),
        [("edition", 'expected the edition "2019" or "2021", got "2020"')],
        id="edition-2020",
    ),
    pytest.param(document(("edition", 2021)), [("edition", "got 2021")], id="edition-number"),
    pytest.param(document(("edition", None)), [("edition", "got null")], id="edition-null"),
    pytest.param(document(("edition", "gb2021")), [("edition", "gb2021")], id="edition-name"),
    pytest.param(document(("year", 0)), [("year", "expected a year such as 2021")], id="year-0"),
    pytest.param("{", [("", "not JSON")], id="not-json-truncated"),
    pytest.param("福建省工业和信息化厅", [("", "not JSON")], id="not-json-text"),
    pytest.param("", [("", "not JSON")], id="not-json-empty"),
    pytest.param("{'edition': '2021'}", [("", "not JSON")], id="not-json-single-quotes"),
    pytest.param(b"\xff\xfe{\x00}\x00", [("", "not UTF-8 text (byte 0)")], id="not-utf8"),
    pytest.param(SAMPLE_TEXT.encode("gbk"), [("", "not UTF-8 text")], id="gbk"),
    pytest.param(
        '{"edition": "2021", "agency": "某某局", "year": NaN}',
        [("", "not JSON: NaN is not a number in JSON")],
        id="nan",
    ),
    pytest.param(
        SAMPLE_TEXT.replace('"natural_person": 11', '"natural_person": Infinity', 1),
        [("", "not JSON: Infinity is not a number in JSON")],
        id="infinity",
    ),
    pytest.param(
        SAMPLE_TEXT.replace('"amount_10k_yuan": "800.68"', '"amount_10k_yuan": -Infinity'),
        [("", "not JSON: -Infinity is not a number in JSON")],
        id="minus-infinity",
    ),
    pytest.param(
        '{"edition": "2021", "agency": "甲", "agency": "乙", "year": 2021}',
        [("", "the key 'agency' appears twice in one object")],
        id="duplicate-key",
    ),
    pytest.param(
        SAMPLE_TEXT.replace('"natural_person": 11,', '"natural_person": 11, "natural_person": 1,'),
        [("", "the key 'natural_person' appears twice in one object")],
        id="duplicate-key-nested",
    ),
    pytest.param("[]", [("", "a report must be a JSON object, got an array")], id="array"),
    pytest.param(f"[{SAMPLE_TEXT}]", [("", "got an array")], id="array-of-report"),
    pytest.param("null", [("", "got null")], id="null"),
    pytest.param("2021", [("", "got the number 2021")], id="number"),
    pytest.param('"report"', [("", "got the string 'report'")], id="string"),
    pytest.param(
        document(("requests.received.total", [11])),
        [("requests.received.total", "expected an integer, got an array")],
        id="cell-array",
    ),
    pytest.param(
        document(("review_litigation.review.total", {"value": 1})),
        [("review_litigation.review.total", "expected an integer, got an object")],
        id="cell-object",
    ),
    pytest.param(
        document(("agency", {"zh": "福建省工业和信息化厅"})),
        [("agency", "expected the agency's name as a string, got an object")],
        id="agency-object",
    ),
    pytest.param(
        document(("requests.received", "11")),
        [("requests.received", "expected an object, got the string '11'")],
        id="row-string",
    ),
    pytest.param(
        document(("requests.received", [11, 0, 0, 0, 0, 0, 11])),
        [("requests.received", "expected an object, got an array")],
        id="row-array",
    ),
    pytest.param(
        document(("requests.withheld.state_secret", 0)),
        [("requests.withheld.state_secret", "expected an object, got the number 0")],
        id="row-number",
    ),
    pytest.param(
        document(("review_litigation.review", None)),
        [("review_litigation.review", "expected an object, got null")],
        id="row-null",
    ),
    pytest.param(
        document(("requests.withheld", [])),
        [("requests.withheld", "expected an object, got an array")],
        id="group-array",
    ),
    pytest.param(
        document(("proactive", "无")),
        [("proactive", "expected an object, got the string '无'")],
        id="table-string",
    ),
    pytest.param(
        document(("meta", [])), [("meta", "expected an object, got an array")], id="meta-array"
    ),
    pytest.param(
        document(("meta", {"region": 5})),
        [("meta.region", "expected a string, got the number 5")],
        id="meta-region-number",
    ),
    pytest.param(
        document((AMOUNT, 800.68)),
        [(AMOUNT, 'expected a decimal number written as a string like "800.68", got the number')],
        id="amount-number",
    ),
    pytest.param(document((AMOUNT, 800)), [(AMOUNT, "got the number 800")], id="amount-int"),
    pytest.param(document((AMOUNT, "8.0068E2")), [(AMOUNT, "'8.0068E2'")], id="amount-exponent"),
    pytest.param(document((AMOUNT, "8e2")), [(AMOUNT, "'8e2'")], id="amount-exponent-short"),
    pytest.param(document((AMOUNT, "800.")), [(AMOUNT, "'800.'")], id="amount-trailing-dot"),
    pytest.param(document((AMOUNT, ".68")), [(AMOUNT, "'.68'")], id="amount-leading-dot"),
    pytest.param(document((AMOUNT, "+800.68")), [(AMOUNT, "'+800.68'")], id="amount-plus"),
    pytest.param(document((AMOUNT, " 800.68")), [(AMOUNT, "' 800.68'")], id="amount-space"),
    pytest.param(document((AMOUNT, "800,68")), [(AMOUNT, "'800,68'")], id="amount-comma"),
    pytest.param(document((AMOUNT, "")), [(AMOUNT, "got ''")], id="amount-empty"),
    pytest.param(document((AMOUNT, "NaN")), [(AMOUNT, "'NaN'")], id="amount-nan"),
    pytest.param(document((AMOUNT, "Infinity")), [(AMOUNT, "'Infinity'")], id="amount-inf"),
    pytest.param(document((AMOUNT, "８００.６８")), [(AMOUNT, "got")], id="amount-full-width"),
    pytest.param(document((AMOUNT, "800.68万元")), [(AMOUNT, "got")], id="amount-unit"),
    pytest.param(document((AMOUNT, True)), [(AMOUNT, "got true")], id="amount-bool"),
    pytest.param("[" * 100_000, [("", "nested too deeply")], id="deep-arrays"),
    pytest.param('{"a":' * 100_000, [("", "nested too deeply")], id="deep-objects"),
    pytest.param(
        '{"edition": "2021", "agency": "某某局", "year": 2021, "meta": ' + '{"region": ' * 100_000,
        [("", "nested too deeply")],
        id="deep-inside-a-report",
    ),
]


@pytest.mark.parametrize(("source", "expected"), BAD_DOCUMENTS)
def test_bad_documents_raise_report_data_error(
    source: str | bytes, expected: list[tuple[str, str]]
) -> None:
    """Each bad document raises ReportDataError, and nothing else, located by wire keys."""
    assert_problems(source, expected)


@pytest.mark.parametrize("kind", ["bytes", "text"])
def test_a_50_megabyte_junk_document_is_refused_by_size(kind: str) -> None:
    """A 50 MB document is refused for its size before any parsing."""
    junk: str | bytes = b"x" * 50_000_000 if kind == "bytes" else "福" * 17_000_000
    assert_problems(junk, [("", "the document is 5")])
    assert_problems(junk, [("", f"a report is at most {MAX_DOCUMENT_BYTES:,}")])


UNKNOWN_KEY_PARENTS = [
    "",
    "meta",
    "proactive",
    "proactive.regulations",
    "proactive.fees",
    "requests",
    "requests.received",
    "requests.withheld",
    "requests.withheld.state_secret",
    "requests.withheld.subtotal",
    "requests.other_handling",
    "requests.other_handling.other",
    "requests.carried_forward",
    "review_litigation",
    "review_litigation.litigation_after_review",
]


@pytest.mark.parametrize("parent", UNKNOWN_KEY_PARENTS)
@pytest.mark.parametrize("key", ["colour", "Total", "小计", "natural_person "])
def test_unknown_keys_are_refused_at_every_level(parent: str, key: str) -> None:
    """An unknown key anywhere is refused, located by its wire path."""
    data = sample()
    data["meta"] = {"region": "福建省"}
    data = changed(data, "requests.withheld.subtotal", ZEROS)
    path = f"{parent}.{key}" if parent else key
    found = problems(json.dumps(changed(data, path, 1), ensure_ascii=False))
    assert found == [(path, "unknown key")]


def _unknown(*paths: str) -> list[tuple[str, str]]:
    return [(path, "unknown key") for path in paths]


@pytest.mark.parametrize(
    ("which", "path", "value", "expected"),
    [
        pytest.param(
            "2021",
            "requests.other_handling",
            ZEROS,
            [
                *_unknown(*(f"requests.other_handling.{k}" for k in SEVEN if k != "other")),
                ("requests.other_handling.other", "expected an object, got the number 0"),
            ],
            id="2019-other-handling-in-2021",
        ),
        pytest.param(
            "2021",
            "proactive.procurement",
            {"projects": 1},
            _unknown("proactive.procurement"),
            id="2019-procurement-in-2021",
        ),
        pytest.param(
            "2021",
            "proactive.regulations",
            {"made": 1, "issued": 1},
            _unknown("proactive.regulations.made"),
            id="2019-column-in-2021",
        ),
        pytest.param(
            "2019",
            "requests.other_handling",
            {"overdue_fee": ZEROS},
            _unknown("requests.other_handling.overdue_fee"),
            id="2021-sub-row-in-2019",
        ),
        pytest.param(
            "2019",
            "proactive.fees",
            {"amount_10k_yuan": "800.68"},
            _unknown("proactive.fees.amount_10k_yuan"),
            id="2021-fee-amount-in-2019",
        ),
    ],
)
def test_the_other_editions_shapes_are_refused(
    which: str, path: str, value: Any, expected: list[tuple[str, str]]
) -> None:
    """A 2019 shape in a 2021 report (and the reverse) is refused key by key."""
    data = {"edition": which, "agency": "某某局", "year": 2021}
    found = problems(json.dumps(changed(data, path, value), ensure_ascii=False))
    assert found == sorted(expected)


def test_several_problems_are_reported_at_once() -> None:
    """Every problem of a document is reported in one error, ordered by path."""
    source = document(
        ("year", True),
        ("colour", "red"),
        ("requests.received.natural_person", 1.5),
        ("requests.withheld.state_secret.total", "0"),
        ("review_litigation.review", "x"),
        (AMOUNT, 800.68),
        ("meta", {"published": "yesterday"}),
        drop=("agency",),
    )
    found = problems(source)
    assert [path for path, _ in found] == [
        "agency",
        "colour",
        "meta.published",
        AMOUNT,
        "requests.received.natural_person",
        "requests.withheld.state_secret.total",
        "review_litigation.review",
        "year",
    ]
    with pytest.raises(ReportDataError) as info:
        loads(source)
    assert str(info.value).startswith("not a valid report (8 problems)\n  agency: ")
    assert len(str(info.value).splitlines()) == 9


@pytest.mark.parametrize(
    "published",
    [
        "2022-13-01",
        "30/01/2022",
        "2022-1-30",
        "2022-01-30T00:00:00",
        "",
        pytest.param(20220130, id="number"),
        pytest.param("20220130", id="basic-format"),
        pytest.param("2022-W05-7", id="week-date"),
        pytest.param("2022W057", id="basic-week-date"),
    ],
)
def test_dates_are_written_yyyy_mm_dd(published: object) -> None:
    """``meta.published`` is a date written "YYYY-MM-DD" and nothing else."""
    found = problems(document(("meta", {"published": published})))
    assert found == [("meta.published", found[0][1])]
    assert 'expected a date written as "YYYY-MM-DD"' in found[0][1]


@pytest.mark.parametrize(
    ("path", "escaped"),
    [("agency", "\\ud800"), ("meta.region", "\\udfff"), ("meta.source_url", "x\\ud83d")],
)
def test_strings_must_be_unicode_text(path: str, escaped: str) -> None:
    """A string holding a lone surrogate (not text, cannot be written as UTF-8) is refused."""
    source = document((path, "PLACEHOLDER")).replace("PLACEHOLDER", escaped)
    found = problems(source)
    assert [p for p, _ in found] == [path]


def test_a_huge_integer_is_a_data_error() -> None:
    """An integer too long for Python to read from text (over 4300 digits) is a data error."""
    source = document(("year", 7)).replace('"year": 7', '"year": ' + "9" * 5000)
    found = problems(source)
    assert len(found) == 1


@pytest.mark.parametrize(
    "extra",
    [{1: 2}, {1: 2, "colour": 3}],
    ids=["int-key", "int-and-str-keys"],
)
def test_from_dict_locates_non_string_keys(extra: dict[Any, Any]) -> None:
    """Plain data with a non-string key is refused with string paths and plain messages."""
    with pytest.raises(ReportDataError) as info:
        from_dict({**sample(), **extra})
    paths = [error.path for error in info.value.errors]
    assert paths == sorted(str(key) for key in extra)
    assert all(error.message == "unknown key" for error in info.value.errors)


def _ordered(value: Any) -> Any:
    if isinstance(value, dict):
        return OrderedDict((key, _ordered(item)) for key, item in value.items())
    return value


def test_from_dict_reads_dict_subclasses_at_every_level() -> None:
    """Plain data built of dict subclasses (OrderedDict, YAML maps) reads as plain dicts do."""
    data = _ordered(sample())
    assert isinstance(data["requests"]["received"], OrderedDict)
    assert from_dict(data) == from_dict(sample())


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("requests.received.total", Decimal(11)),
        ("requests.received.total", {1, 2}),
        ("requests.received", (11, 0)),
        ("year", 2021.0),
    ],
)
def test_from_dict_refuses_python_values_json_cannot_hold(path: str, value: object) -> None:
    """Values that are not JSON (a Decimal count, a set, a tuple row) are located errors."""
    with pytest.raises(ReportDataError) as info:
        from_dict(changed(sample(), path, value))
    assert [error.path for error in info.value.errors] == [path]


@pytest.mark.parametrize(
    "data",
    [[], None, "report", 2021, {"edition": "2021"}, {"edition": "2021", "agency": "x", "year": 0}],
)
def test_from_dict_raises_report_data_error(data: Any) -> None:
    """``from_dict`` refuses bad plain data with ReportDataError, as ``loads`` does."""
    with pytest.raises(ReportDataError):
        from_dict(data)


# --- errors ------------------------------------------------------------------------------------


def test_report_data_error_is_a_value_error_and_ours() -> None:
    """ReportDataError is both a ValueError and a GkDisclosureError."""
    assert issubclass(ReportDataError, ValueError)
    assert issubclass(ReportDataError, GkDisclosureError)
    with pytest.raises(ValueError, match="not a valid report"):
        loads("[]")
    with pytest.raises(GkDisclosureError):
        loads("[]")


@pytest.mark.parametrize("source", [None, "bad.json"])
def test_errors_pickle(source: str | None) -> None:
    """A ReportDataError survives pickling with its errors, source and message."""
    with pytest.raises(ReportDataError) as info:
        loads(document(("year", True), ("colour", 1), drop=("agency",)), source=source)
    error = info.value
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        copy_ = pickle.loads(pickle.dumps(error, protocol=protocol))  # noqa: S301 - our own data
        assert type(copy_) is ReportDataError
        assert copy_.errors == error.errors
        assert copy_.source == error.source
        assert str(copy_) == str(error)
        assert copy_.args == error.args


def test_error_message_format() -> None:
    """The message counts the problems and lists one per line; ``(document)`` for the root."""
    error = ReportDataError(
        (DataProblem("", "not JSON"), DataProblem("year", "expected")), "a.json"
    )
    assert str(error).splitlines() == [
        "a.json: not a valid report (2 problems)",
        "  (document): not JSON",
        "  year: expected",
    ]
    assert str(ReportDataError((DataProblem("year", "x"),))) == (
        "not a valid report (1 problem)\n  year: x"
    )
    assert error.errors[1] == DataProblem("year", "expected")
    assert pickle.loads(pickle.dumps(error.errors[1])) == error.errors[1]  # noqa: S301


# --- the converter ----------------------------------------------------------------------------


@pytest.mark.parametrize("detailed", [False, True])
def test_make_converter_returns_a_new_converter_each_time(detailed: bool) -> None:
    """Each call builds a fresh converter; changing one does not change another."""
    one = make_converter(detailed=detailed)
    two = make_converter(detailed=detailed)
    assert isinstance(one, Converter)
    assert one is not two
    one.register_structure_hook(Meta, lambda _value, _: Meta(region="changed"))
    data = changed(sample(), "meta", {"region": "福建省"})
    changed_report = one.structure(data, Report)
    assert changed_report.meta == Meta(region="changed")
    assert two.structure(data, Report).meta == Meta(region="福建省")
    assert from_dict(data).meta == Meta(region="福建省")
    assert make_converter(detailed=detailed).structure(data, Report) == from_dict(data)


def test_converter_structures_and_unstructures_the_contract() -> None:
    """A converter from the factory reads and writes the same plain data as the module."""
    converter = make_converter()
    report = converter.structure(sample(), Report)
    assert report == loads(SAMPLE_TEXT)
    assert converter.unstructure(report) == sample()
