"""The typed model: its shape follows the catalog; values are frozen, comparable and picklable."""

from __future__ import annotations

import datetime
import pickle
import typing
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs
import pytest

from gkdisclosure import (
    ApplicantCounts,
    CaseOutcomes,
    DecisionCount,
    DocumentCounts2019,
    DocumentCounts2021,
    FeeAmount2021,
    FeeItems2019,
    ItemCounts2019,
    Meta,
    NotProcessed,
    OtherHandling,
    Proactive2019,
    Proactive2021,
    Procurement2019,
    Report,
    Requests2019,
    Requests2021,
    ReviewLitigation,
    Unavailable,
    Withheld,
)
from gkdisclosure.catalog import Edition, ValueKind, edition

TABLES: dict[tuple[str, str], type[Any]] = {
    ("2019", "proactive"): Proactive2019,
    ("2019", "requests"): Requests2019,
    ("2019", "review_litigation"): ReviewLitigation,
    ("2021", "proactive"): Proactive2021,
    ("2021", "requests"): Requests2021,
    ("2021", "review_litigation"): ReviewLitigation,
}
ROWS: tuple[type[Any], ...] = (
    ApplicantCounts,
    CaseOutcomes,
    DecisionCount,
    DocumentCounts2019,
    DocumentCounts2021,
    FeeAmount2021,
    FeeItems2019,
    ItemCounts2019,
    Procurement2019,
)
CONTAINERS: tuple[type[Any], ...] = (
    Withheld,
    Unavailable,
    NotProcessed,
    OtherHandling,
    Requests2019,
    Requests2021,
    ReviewLitigation,
    Proactive2019,
    Proactive2021,
    Meta,
)
AMOUNTS = {(FeeAmount2021, "amount_10k_yuan"), (Procurement2019, "amount")}


def hints(cls: type[Any]) -> dict[str, Any]:
    """The resolved annotations of an attrs class, by field name."""
    return typing.get_type_hints(cls)


def is_row(cls: type[Any]) -> bool:
    """Whether ``cls`` is a row of cells (its fields are numbers, not rows)."""
    return not any(attrs.has(_strip_none(t)) for t in hints(cls).values())


def _strip_none(annotation: Any) -> Any:
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    return args[0] if len(args) == 1 else annotation


def model_rows(cls: type[Any], prefix: str = "") -> Iterator[tuple[str, type[Any], Any]]:
    """Walk a table class: (dotted row key, row class, annotation) for every row, in order."""
    annotations = hints(cls)
    for attribute in attrs.fields(cls):
        annotation = annotations[attribute.name]
        target = _strip_none(annotation)
        key = f"{prefix}{attribute.name}"
        if is_row(target):
            yield key, target, annotation
        else:
            yield from model_rows(target, f"{key}.")


@pytest.mark.parametrize(("which", "table"), TABLES)
def test_table_rows_follow_the_catalog(which: str, table: str) -> None:
    """A table class's rows (walked by their dotted keys) are the catalog's rows, in order."""
    catalog = edition(which).table(table)
    model = [key for key, _, _ in model_rows(TABLES[which, table])]
    assert model == [row.key for row in catalog.rows]


@pytest.mark.parametrize(("which", "table"), TABLES)
def test_row_fields_follow_the_catalog_columns(which: str, table: str) -> None:
    """Each row class has the catalog row's columns as fields, in order, typed by their kind."""
    catalog = edition(which).table(table)
    for key, cls, _ in model_rows(TABLES[which, table]):
        row = catalog.row(key)
        assert [a.name for a in attrs.fields(cls)] == [c.key for c in row.columns], key
        wanted: dict[ValueKind, object] = {
            ValueKind.COUNT: int | None,
            ValueKind.SIGNED: int | None,
            ValueKind.AMOUNT: Decimal | None,
        }
        assert [hints(cls)[c.key] for c in row.columns] == [wanted[c.kind] for c in row.columns]


@pytest.mark.parametrize(("which", "table"), TABLES)
def test_only_unofficial_rows_are_optional(which: str, table: str) -> None:
    """Official rows default to a blank row; a group's subtotal row defaults to ``None``."""
    catalog = edition(which).table(table)
    instance = TABLES[which, table]()
    for key, cls, annotation in model_rows(TABLES[which, table]):
        value: Any = instance
        for part in key.split("."):
            value = getattr(value, part)
        if catalog.row(key).official:
            assert annotation is cls, key
            assert value == cls.blank(), key
        else:
            assert annotation == cls | None, key
            assert value is None, key


def test_report_tables_are_the_catalog_tables() -> None:
    """Report's table fields are the catalog's table keys, in printed order, after the header."""
    names = [a.name for a in attrs.fields(Report)]
    assert names[:4] == ["edition", "agency", "year", "meta"]
    for which in Edition:
        assert names[4:] == [table.key for table in edition(which).tables]


@pytest.mark.parametrize(
    ("cls", "values"),
    [
        (ApplicantCounts, (1, 2, 3, 4, 5, 6, 21)),
        (CaseOutcomes, (1, 2, 3, 4, 10)),
        (DecisionCount, (7,)),
        (DocumentCounts2019, (1, 2, 3)),
        (DocumentCounts2021, (1, 2, 3)),
        (FeeAmount2021, (Decimal("800.68"),)),
        (FeeItems2019, (4, -2)),
        (ItemCounts2019, (4, -2, 9)),
        (Procurement2019, (3, Decimal(251000))),
    ],
)
def test_values_are_in_field_order(cls: type[Any], values: tuple[Any, ...]) -> None:
    """``values()`` returns the cells in the catalog's (field) order."""
    names = [a.name for a in attrs.fields(cls)]
    row = cls(**dict(zip(names, values, strict=True)))
    assert row.values() == values


@pytest.mark.parametrize("cls", ROWS)
def test_blank_row_is_all_not_reported(cls: type[Any]) -> None:
    """``blank()`` is a row of ``None``: nothing reported, and equal to the default row."""
    row = cls.blank()
    assert row.values() == (None,) * len(attrs.fields(cls))
    assert row == cls()


@pytest.mark.parametrize("cls", ROWS)
def test_zeros_row_is_all_reported_zeros_of_the_right_type(cls: type[Any]) -> None:
    """``zeros()`` is a row of reported zeros: ``Decimal`` for amounts, ``int`` for counts."""
    row = cls.zeros()
    for attribute in attrs.fields(cls):
        value = getattr(row, attribute.name)
        expected = Decimal if (cls, attribute.name) in AMOUNTS else int
        assert type(value) is expected, attribute.name
        assert value == 0
    assert row != cls.blank()


def test_amount_fields_are_exactly_the_decimal_fields() -> None:
    """The fields carrying money are the ones typed ``Decimal``."""
    decimals = {
        (cls, name)
        for cls in ROWS
        for name, annotation in hints(cls).items()
        if annotation == Decimal | None
    }
    assert decimals == AMOUNTS


def sample_report(which: Edition) -> Report:
    """A report of the edition with every row of zeros."""
    if which is Edition.E2021:
        return Report(
            edition=which,
            agency="某某局",
            year=2021,
            proactive=Proactive2021(fees=FeeAmount2021.zeros()),
            requests=Requests2021(received=ApplicantCounts.zeros()),
            review_litigation=ReviewLitigation(review=CaseOutcomes.zeros()),
        )
    return Report(
        edition=which,
        agency="某某局",
        year=2019,
        meta=Meta(published=datetime.date(2020, 1, 31), region="某省"),
        proactive=Proactive2019(procurement=Procurement2019(projects=1, amount=Decimal("1.50"))),
        requests=Requests2019(other_handling=ApplicantCounts.zeros()),
        review_litigation=ReviewLitigation(),
    )


INSTANCES: list[Any] = [
    *(cls.zeros() for cls in ROWS),
    *(cls() for cls in CONTAINERS),
    sample_report(Edition.E2019),
    sample_report(Edition.E2021),
]


@pytest.mark.parametrize("instance", INSTANCES, ids=lambda i: type(i).__name__)
def test_instances_are_frozen(instance: Any) -> None:
    """Every model object is immutable."""
    name = attrs.fields(type(instance))[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(instance, name, None)
    assert not hasattr(instance, "__dict__")


@pytest.mark.parametrize("instance", INSTANCES, ids=lambda i: type(i).__name__)
def test_instances_pickle(instance: Any) -> None:
    """Every model object survives pickling, equal and with the same hash."""
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        copy = pickle.loads(pickle.dumps(instance, protocol=protocol))  # noqa: S301 - our own data
        assert copy == instance
        assert type(copy) is type(instance)
        assert hash(copy) == hash(instance)


@pytest.mark.parametrize("instance", INSTANCES, ids=lambda i: type(i).__name__)
def test_equal_values_are_equal_and_hash_alike(instance: Any) -> None:
    """Two objects built from the same values are equal, hash alike and dedupe in a set."""
    twin = attrs.evolve(instance)
    assert twin == instance
    assert twin is not instance
    assert hash(twin) == hash(instance)
    assert len({twin, instance}) == 1


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (ApplicantCounts(total=1), ApplicantCounts(total=2)),
        (ApplicantCounts(total=0), ApplicantCounts()),
        (ApplicantCounts.zeros(), CaseOutcomes.zeros()),
        (DocumentCounts2019.zeros(), DocumentCounts2021.zeros()),
        (FeeItems2019.zeros(), ItemCounts2019(previous_items=0, change=0)),
        (Withheld(), Withheld(subtotal=ApplicantCounts())),
        (Requests2019(), Requests2021()),
        (sample_report(Edition.E2021), attrs.evolve(sample_report(Edition.E2021), year=2022)),
        (sample_report(Edition.E2019), attrs.evolve(sample_report(Edition.E2019), meta=None)),
    ],
)
def test_different_values_are_not_equal(one: object, other: object) -> None:
    """Objects differing in one value, or of different classes, are not equal."""
    assert one != other
    assert other != one


def test_amounts_compare_by_value() -> None:
    """Amounts are Decimals: 800.68 equals 800.680, but the scale is kept."""
    two = FeeAmount2021(amount_10k_yuan=Decimal("800.68"))
    three = FeeAmount2021(amount_10k_yuan=Decimal("800.680"))
    assert two == three
    assert str(three.amount_10k_yuan) == "800.680"


@pytest.mark.parametrize("cls", [*ROWS, *CONTAINERS])
def test_fields_are_keyword_only(cls: type[Any]) -> None:
    """Wide rows and tables are built by keyword, never by position."""
    with pytest.raises(TypeError):
        cls(None)


def test_negative_counts_are_well_typed_data() -> None:
    """The model does not check values: a negative count is data the rules flag."""
    assert ApplicantCounts(natural_person=-1).natural_person == -1


@pytest.mark.parametrize(
    ("which", "tables", "wrong"),
    [
        (
            Edition.E2021,
            {"proactive": Proactive2019()},
            "proactive as Proactive2021, not Proactive2019",
        ),
        (Edition.E2021, {"requests": Requests2019()}, "requests as Requests2021, not Requests2019"),
        (
            Edition.E2021,
            {"proactive": Proactive2021(), "requests": Requests2019()},
            "requests as Requests2021, not Requests2019",
        ),
        (
            Edition.E2019,
            {"proactive": Proactive2021()},
            "proactive as Proactive2019, not Proactive2021",
        ),
        (Edition.E2019, {"requests": Requests2021()}, "requests as Requests2019, not Requests2021"),
        (
            Edition.E2019,
            {"proactive": Proactive2019(), "requests": Requests2021()},
            "requests as Requests2019, not Requests2021",
        ),
        (Edition.E2021, {"proactive": ReviewLitigation()}, "not ReviewLitigation"),
        (Edition.E2021, {"requests": Withheld()}, "not Withheld"),
    ],
)
def test_report_refuses_tables_of_the_other_edition(
    which: Edition, tables: dict[str, Any], wrong: str
) -> None:
    """A table class of the other edition in a report raises TypeError naming both classes."""
    with pytest.raises(TypeError, match=f"edition {which.value} needs") as info:
        Report(edition=which, agency="某某局", year=2021, **tables)
    assert wrong in str(info.value)


@pytest.mark.parametrize(
    ("which", "tables"),
    [
        (Edition.E2021, {}),
        (Edition.E2021, {"proactive": Proactive2021(), "requests": Requests2021()}),
        (Edition.E2021, {"requests": Requests2021(), "review_litigation": ReviewLitigation()}),
        (Edition.E2019, {"proactive": Proactive2019(), "requests": Requests2019()}),
        (Edition.E2019, {"proactive": None, "requests": None, "review_litigation": None}),
    ],
)
def test_report_accepts_tables_of_its_edition_or_none(
    which: Edition, tables: dict[str, Any]
) -> None:
    """The tables of a report's own edition, or no table at all, are accepted."""
    report = Report(edition=which, agency="某某局", year=2021, **tables)
    for name in ("proactive", "requests", "review_litigation"):
        assert getattr(report, name) is tables.get(name)


def test_report_edition_check_runs_on_evolve() -> None:
    """Changing a report's edition without its tables raises TypeError too."""
    report = sample_report(Edition.E2021)
    with pytest.raises(TypeError):
        attrs.evolve(report, edition=Edition.E2019)


def test_report_needs_agency_and_year() -> None:
    """Edition, agency and year have no default."""
    with pytest.raises(TypeError):
        Report(edition=Edition.E2021)  # type: ignore[call-arg]


def test_report_defaults() -> None:
    """A report without tables or metadata holds ``None`` for each."""
    report = Report(edition=Edition.E2021, agency="某某局", year=2021)
    assert (report.meta, report.proactive, report.requests, report.review_litigation) == (
        None,
        None,
        None,
        None,
    )
