"""The quick paths give what the careful ones give: same reports, same refusals, same findings.

``loads`` reads a valid document with a quick decoder and counts the
document's pairs instead of refusing a key given twice while parsing;
the structuring code builds frozen instances through their slots; the
rules build findings with compiled explainers. Each is checked here
against the way it replaces.
"""

# ruff: noqa: SLF001 - the quick paths are private; these tests hold them to the careful ones

from __future__ import annotations

import json
import pickle
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

from gkdisclosure import (
    ApplicantCounts,
    DataProblem,
    Meta,
    Report,
    ReportDataError,
    dumps,
    from_dict,
    loads,
    make_converter,
    to_dict,
)
from gkdisclosure.catalog import edition, identities
from gkdisclosure.converter import _generated, _hooks, _json, _typed
from gkdisclosure.rules import PROFILES
from gkdisclosure.rules._compile import compile_explainer
from gkdisclosure.rules._evaluate import evaluate
from gkdisclosure.testing import reports

SAMPLE = Path(__file__).parent.parent / "examples" / "2021-fujian-gxt.json"
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")

DECODERS: list[Any] = [pytest.param("json", id="json")]
try:
    import orjson
except ImportError:  # pragma: no cover - the ``fast`` extra is optional
    pass
else:  # pragma: no cover - only with the ``fast`` extra
    DECODERS.append(pytest.param("orjson", id="orjson"))
if _json._machinery().typed is not None:  # pragma: no cover - only with the ``fast`` extra
    DECODERS.append(pytest.param("msgspec", id="msgspec"))


def quick_machinery(which: str) -> Any:
    """The machinery reading quickly with the standard library, orjson, or msgspec's schemas."""
    machinery = _json._machinery()
    if which == "msgspec":
        return machinery
    decode = orjson.loads if which == "orjson" else _json._quick_json
    return attrs.evolve(machinery, decode=decode, typed=None)


@pytest.fixture(params=DECODERS)
def decoder(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Read with each quick decoder there is."""
    machinery = quick_machinery(request.param)
    monkeypatch.setattr(_json, "_machinery", lambda: machinery)


def careful(document: str | bytes) -> Report:
    """Read the way ``loads`` read before the quick path: parse refusing duplicates, structure."""
    try:
        data = _json._parse(document)
    except _hooks.ProblemError as problem:
        raise ReportDataError((DataProblem("", str(problem)),)) from None
    return from_dict(data)


def quick(document: str | bytes) -> Report | None:
    return _json._read_quickly(document)


# --- the quick path of loads ----------------------------------------------------------------


@pytest.mark.usefixtures("decoder")
@given(report=reports(blanks=True) | reports(consistent=False))
def test_quick_and_careful_reads_agree(report: Report) -> None:
    """A document written by the library reads quickly, to the report the careful path reads."""
    document = dumps(report)
    for form in (document, document.encode(), json.dumps(to_dict(report)).encode()):
        found = quick(form)
        assert found is not None
        assert found == careful(form) == report


@pytest.mark.usefixtures("decoder")
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('"agency": "福建省工业和信息化厅",', '"agency": "甲", "agency": "福建省工业和信息化厅",'),
        ('"natural_person": 11,', '"natural_person": 11, "natural_person": 11,'),
        ('"total": 11', '"total": 11, "total": 11'),
        ('"received": {', '"received": {"other": 0, '),
        ('"edition": "2021",', '"edition": "2021", "edition": "2021",'),
        ('"edition": "2021",', '"edition": "2021", "meta": {"region": "a"}, "meta": null,'),
        # colons in the strings that are kept, or in those that are dropped
        ('"agency": "福建省工业和信息化厅",', '"agency": "x:y", "agency": "福建省工业和信息化厅",'),
        ('"agency": "福建省工业和信息化厅",', '"agency": "福建省工业和信息化厅", "agency": "a:b",'),
        # an escaped colon in the kept string makes up for the lost pair
        ('"agency": "福建省工业和信息化厅",', '"agency": "x", "agency": "\\u003a",'),
        ('"agency": "福建省工业和信息化厅",', '"agency": "x", "agency": "\\u003A",'),
        (
            '"edition": "2021",',
            '"edition": "2021", "meta": {"level": "1", "level": "\\u003a\\u003a"},',
        ),
    ],
)
def test_a_key_given_twice_is_refused(old: str, new: str) -> None:
    """Counting pairs finds every key given twice, whatever the strings hold."""
    document = SAMPLE_TEXT.replace(old, new, 1)
    assert document != SAMPLE_TEXT
    assert quick(document) is None
    assert quick(document.encode()) is None
    with pytest.raises(ReportDataError, match="appears twice in one object"):
        loads(document)


@pytest.mark.usefixtures("decoder")
@pytest.mark.parametrize(
    ("agency", "quickly"),
    [
        ("福建省工业和信息化厅", True),
        ("a:b", True),
        ("a\\u003ab", False),  # read carefully, and accepted
        ("a\\\\u003ab", True),  # a backslash and "u003ab": no colon
        ("a\\\\u003a:b", False),  # a colon, and what looks like an escaped one: careful
        ("a\\\\:b", True),
        ('a\\":b', True),
    ],
)
def test_colons_in_strings(agency: str, quickly: bool) -> None:
    """Colons in the agency are counted; an escaped colon sends the document the careful way."""
    document = SAMPLE_TEXT.replace("福建省工业和信息化厅", agency, 1)
    expected = json.loads(f'"{agency}"')
    assert (quick(document) is not None) is quickly
    assert loads(document).agency == expected
    assert loads(document) == careful(document)


@pytest.mark.usefixtures("decoder")
def test_colons_in_meta_are_counted() -> None:
    """Colons in every text of ``meta`` are counted."""
    meta = {"source_url": "https://a.gov.cn/b:c", "region": "x:", "level": ":", "published": None}
    document = SAMPLE_TEXT.replace('"agency"', f'"meta": {json.dumps(meta)},\n  "agency"', 1)
    report = quick(document)
    assert report is not None
    assert report.meta == Meta(source_url="https://a.gov.cn/b:c", region="x:", level=":")


@pytest.mark.usefixtures("decoder")
@pytest.mark.parametrize(
    "document",
    [
        "\ufeff" + SAMPLE_TEXT,
        SAMPLE_TEXT.replace('"natural_person": 11', '"natural_person": 11.0', 1),
        SAMPLE_TEXT.replace('"natural_person": 11', '"natural_person": NaN', 1),
        SAMPLE_TEXT.replace('"natural_person": 11', '"natural_person": 1e400', 1),
        SAMPLE_TEXT.replace('"year": 2021', '"year": true', 1),
        SAMPLE_TEXT.replace('"福建省工业和信息化厅"', '"\\ud800"', 1),
        SAMPLE_TEXT.replace('"natural_person": 11,', '"natural_person": 11, "colour": 1,', 1),
        SAMPLE_TEXT + "x",
    ],
    ids=["bom", "float", "nan", "huge-float", "bool", "surrogate", "unknown", "junk"],
)
def test_anything_amiss_is_left_to_the_careful_path(document: str) -> None:
    """What the quick path does not accept outright, the careful path reads or refuses."""
    assert quick(document) is None
    try:
        expected: Report | None = careful(document)
    except ReportDataError:
        expected = None
    if expected is None:
        with pytest.raises(ReportDataError):
            loads(document)
    else:
        assert loads(document) == expected


@pytest.mark.usefixtures("decoder")
def test_integers_beyond_64_bits_are_refused_alike() -> None:
    """A count too big for 64 bits (orjson makes it a float) is refused as the careful path
    refuses it: at its cell, for having more than 12 digits."""
    document = SAMPLE_TEXT.replace('"natural_person": 11', '"natural_person": 99999999999999999999')
    with pytest.raises(ReportDataError) as quick_error:
        loads(document)
    with pytest.raises(ReportDataError) as careful_error:
        careful(document)
    assert quick_error.value.errors == careful_error.value.errors
    found = quick_error.value.errors
    paths = ["requests.received.natural_person", "requests.total_handled.natural_person"]
    assert [problem.path for problem in found] == paths
    assert all("at most 12 digits" in problem.message for problem in found)


def test_utf16_is_refused_by_both_decoders() -> None:
    """The standard library guesses UTF-16 from bytes; the quick path never does."""
    document = SAMPLE_TEXT.encode("utf-16")
    assert _json._read_quickly(document) is None
    with pytest.raises(ReportDataError, match="not UTF-8"):
        loads(document)


@pytest.mark.parametrize("which", ["2019", "2021"])
def test_the_reader_counts_every_pair(which: str) -> None:
    """The generated reader counts as many pairs as a plain document has colons."""
    data = to_dict(from_dict({"edition": which, "agency": "x", "year": 2020}))
    data["meta"] = {"region": "y", "level": None}
    data["proactive"], data["requests"], data["review_litigation"] = (
        to_dict(report)[key]
        for report in [from_dict(json.loads(SAMPLE_TEXT)) if which == "2021" else _empty_2019()]
        for key in ("proactive", "requests", "review_litigation")
    )
    data["requests"]["withheld"]["subtotal"] = to_dict(report_of_zeros())["requests"]["granted"]
    del data["requests"]["granted"]["research"]  # an object read by get, not by subscripts
    assert _json._machinery().read(data)[1] == json.dumps(data).count(":")
    data["review_litigation"] = None
    del data["proactive"]
    assert _json._machinery().read(data)[1] == json.dumps(data).count(":")


def report_of_zeros() -> Report:
    return from_dict(
        {"edition": "2021", "agency": "x", "year": 2021, "requests": {"granted": {"total": 0}}}
    )


def _empty_2019() -> Report:
    from gkdisclosure import Proactive2019, Requests2019, ReviewLitigation  # noqa: PLC0415

    return Report(
        edition="2019",  # the converter takes the value
        agency="x",
        year=2020,
        proactive=Proactive2019(),
        requests=Requests2019(),
        review_litigation=ReviewLitigation(),
    )


def test_the_quick_decoder_is_orjson_where_installed() -> None:
    """With the ``fast`` extra the quick decoder is orjson, else the standard library's."""
    try:
        import orjson  # noqa: PLC0415
    except ImportError:  # pragma: no cover - depends on the extras installed
        assert _json._decoder() is _json._quick_json
    else:  # pragma: no cover
        assert _json._decoder() is orjson.loads


def test_without_msgspec_there_is_no_typed_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without msgspec the quick path decodes with orjson or the standard library."""
    monkeypatch.setitem(sys.modules, "msgspec", None)  # import msgspec raises ImportError
    assert _typed.typed_reader(_json._machinery().fast) is None


@pytest.mark.skipif(_json._machinery().typed is None, reason="msgspec is not installed")
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('"natural_person": 11', '"natural_person": 11.0'),
        ('"natural_person": 11', '"natural_person": true'),
        ('"natural_person": 11', '"natural_person": 1000000000000'),
        ('"natural_person": 11', '"natural_person": -1000000000000'),
        ('"natural_person": 11', '"natural_person": "11"'),
        ('"natural_person": 11', '"natural_person": null'),
        ('"amount_10k_yuan": "', '"amount_10k_yuan": "x'),
        ('"received": {', '"received": null, "x": {'),
        ('"edition": "2021"', '"edition": "2019"'),
        ('"year": 2021', '"year": 0'),
    ],
)
def test_the_typed_reader_refuses_what_the_contract_refuses(old: str, new: str) -> None:
    """msgspec's schema, and the hooks after it, refuse the values the contract refuses."""
    document = SAMPLE_TEXT.replace(old, new, 1)
    assert document != SAMPLE_TEXT
    typed = _json._machinery().typed
    assert typed is not None
    try:
        expected: Report | None = careful(document)
    except ReportDataError:
        expected = None
    try:
        found: Report | None = typed(document)[0]
    except Exception:  # noqa: BLE001 - any refusal
        found = None
    assert found == expected


# --- instances built through their slots ---------------------------------------------------


@given(report=reports(blanks=True))
def test_structured_instances_are_ordinary(report: Report) -> None:
    """Instances the converter builds equal, hash, pickle, evolve and repr as __init__'s do."""
    read = from_dict(to_dict(report))
    assert read == report
    assert hash(read.review_litigation) == hash(report.review_litigation)
    assert repr(read) == repr(report)
    assert pickle.loads(pickle.dumps(read)) == report  # noqa: S301 - our own data
    if report.requests is not None and read.requests is not None:
        row = read.requests.received
        assert attrs.evolve(row, total=1) == attrs.evolve(report.requests.received, total=1)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            row.total = 1  # type: ignore[misc]


def test_rows_are_built_without_init() -> None:
    """The model's rows qualify for building through their slots."""
    setters = _generated._settable(ApplicantCounts)
    assert setters is not None
    assert len(setters) == len(attrs.fields(ApplicantCounts))


def _classes() -> list[type]:
    @attrs.frozen
    class Validated:
        a: int | None = attrs.field(default=None, validator=attrs.validators.instance_of(int))

    @attrs.frozen
    class Converted:
        a: int | None = attrs.field(default=None, converter=int)

    @attrs.frozen
    class PostInit:
        a: int | None = None

        def __attrs_post_init__(self) -> None:
            pass

    @attrs.frozen(cache_hash=True)
    class CachedHash:
        a: int | None = None

    @attrs.define(slots=False, frozen=True)
    class Unslotted:
        a: int | None = None

    return [Validated, Converted, PostInit, CachedHash, Unslotted]


@pytest.mark.parametrize("cls", _classes(), ids=lambda cls: cls.__name__)
def test_classes_whose_init_does_more_are_built_by_init(cls: type) -> None:
    """A class with a validator, converter, hook, cached hash or no slots keeps its __init__."""
    assert _generated._settable(cls) is None
    structure = _generated.fast_structurer(cls, _json._machinery().fast)
    assert structure is not None
    assert structure({"a": 1}, None) == cls(a=1)
    assert "cls" in (structure.__doc__ or "").splitlines()[-2]  # built by calling the class


def test_classes_the_generator_does_not_read_are_read_by_cattrs() -> None:
    """A required field, or a union of classes, is left to cattrs' own structuring code."""

    @attrs.frozen
    class Required:
        a: int

    @attrs.frozen
    class Either:
        a: Meta | ApplicantCounts | None = None

    conv = make_converter()
    for cls in (Required, Either):
        assert _generated.fast_structurer(cls, conv) is None
    assert conv.structure({"a": 1}, Required) == Required(a=1)
    with pytest.raises(Exception):  # noqa: B017, PT011 - cattrs' own error, whichever it is
        conv.structure({}, Required)
    with pytest.raises(Exception):  # noqa: B017, PT011 - cattrs' own error, whichever it is
        conv.structure({"a": 1, "b": 2}, Required)


# --- compiled explainers --------------------------------------------------------------------

SEVERITIES = dict(PROFILES["default"])


@pytest.mark.parametrize("blank_as_zero", [False, True])
@given(report=reports(blanks=True) | reports(consistent=False, blanks=True, max_value=3))
def test_explainers_build_the_reference_findings(report: Report, blank_as_zero: bool) -> None:
    """For every identity, the compiled explainer returns exactly what evaluate returns."""
    for identity in identities(edition(report.edition)):
        if getattr(report, identity.table) is None:
            continue
        explain = _explainer(identity, blank_as_zero)
        expected = evaluate(identity, report, SEVERITIES, blank_as_zero=blank_as_zero)
        found = explain(report, SEVERITIES)
        assert found == expected
        if found is not None and expected is not None:
            assert found.args == expected.args


_EXPLAINERS: dict[tuple[object, bool], Callable[..., Any]] = {}


def _explainer(identity: object, blank_as_zero: bool) -> Callable[..., Any]:
    key = (identity, blank_as_zero)
    if key not in _EXPLAINERS:
        _EXPLAINERS[key] = compile_explainer(identity, blank_as_zero=blank_as_zero)  # type: ignore[arg-type]
    return _EXPLAINERS[key]


def test_an_explainer_names_its_identity() -> None:
    """Tracebacks through an explainer say which identity it explains."""
    identity = identities(edition("2021"))[0]
    explain = compile_explainer(identity, blank_as_zero=False)
    name = explain.__code__.co_filename
    assert name.startswith(f"<gkdisclosure rules: {identity.rule} {identity.target} #")


def test_negative_amounts_are_explained() -> None:
    """An amount below zero is found by the explainer as by the reference."""
    data = json.loads(SAMPLE_TEXT)
    data["proactive"]["fees"]["amount_10k_yuan"] = "-0.5"
    report = from_dict(data)
    (identity,) = [
        i for i in identities(edition("2021")) if i.target == "proactive.fees.amount_10k_yuan"
    ]
    found = compile_explainer(identity, blank_as_zero=False)(report, SEVERITIES)
    assert found is not None
    assert found.actual == Decimal("-0.5")
    assert found == evaluate(identity, report, SEVERITIES)
