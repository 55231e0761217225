"""Messages in zh_CN and en: every spelling of a locale, every rule, current catalogs."""

from __future__ import annotations

import pickle
import re
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar, cast

import attrs
import pytest
from attrs import AttrsInstance
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from gkdisclosure import (
    ApplicantCounts,
    Finding,
    GkDisclosureError,
    NarrativeFigure,
    NarrativeKind,
    Report,
    Status,
    UnsupportedLocaleError,
    describe,
    from_dict,
    load,
    validate,
)
from gkdisclosure.catalog import ValueKind, edition
from gkdisclosure.render import (
    LOCALES,
    format_number,
    normalize_locale,
    rule_text,
    severity_name,
    summary,
)
from gkdisclosure.rules import RULES

ROOT = Path(__file__).parent.parent
SAMPLE = load(ROOT / "examples" / "2021-fujian-gxt.json")
LOCALE_DIR = ROOT / "src" / "gkdisclosure" / "locale"
CJK = re.compile(r"[\u3400-\u9fff\uff08\uff09\uff1a\uff0c\u3001\u3002]")


def has_cjk(text: str) -> bool:
    """Whether the text has Chinese characters or full-width punctuation."""
    return CJK.search(text) is not None


_A = TypeVar("_A", bound=AttrsInstance)


def with_cell(obj: _A, path: str, value: object) -> _A:
    """A copy of an attrs tree with the value at ``path`` replaced."""
    head, _, rest = path.partition(".")
    new = with_cell(getattr(obj, head), rest, value) if rest else value
    changed: _A = attrs.evolve(cast("Any", obj), **{head: new})
    return changed


def zeros(which: str, year: int) -> Report:
    """A report of the edition with every official cell 0."""
    document: dict[str, Any] = {"edition": which, "agency": "示例单位", "year": year}
    for cell in edition(which).cells():
        if cell.row.official:
            *parents, leaf = cell.path.split(".")
            node = document
            for key in parents:
                node = node.setdefault(key, {})
            node[leaf] = "0" if cell.column.kind is ValueKind.AMOUNT else 0
    return from_dict(document)


def one(report: Report, rule: str, *, previous: Report | None = None, **options: Any) -> Finding:
    """The first finding of a rule about the report."""
    return next(f for f in validate(report, previous=previous, **options) if f.rule == rule)


# --- locales --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        ("zh", "zh_CN"),
        ("zh_CN", "zh_CN"),
        ("zh-CN", "zh_CN"),
        ("zh_Hans_CN", "zh_CN"),
        ("zh-Hans-CN", "zh_CN"),
        ("zh_Hans", "zh_CN"),
        ("zh_CN.UTF-8", "zh_CN"),
        ("zh_CN.utf8", "zh_CN"),
        ("zh_CN.GB2312", "zh_CN"),
        ("ZH-cn", "zh_CN"),
        (" zh_CN ", "zh_CN"),
        ("zh_SG", "zh_CN"),
        ("en", "en"),
        ("en_US", "en"),
        ("en-GB", "en"),
        ("en_US.UTF-8", "en"),
        ("EN", "en"),
        ("en_US@euro", "en"),
    ],
)
def test_every_spelling_reaches_its_catalog(spelling: str, name: str) -> None:
    """The spellings users type name the catalog they mean."""
    assert normalize_locale(spelling) == name


@pytest.mark.parametrize(
    ("locale", "name"),
    [(Locale.parse("zh_CN"), "zh_CN"), (Locale("zh"), "zh_CN"), (Locale("en", "GB"), "en")],
)
def test_babel_locales_are_accepted(locale: Locale, name: str) -> None:
    """A babel Locale object is accepted as it is."""
    assert normalize_locale(locale) == name


@pytest.mark.parametrize(
    "spelling",
    [
        "fr",
        "fr_FR",
        "de",
        "ja_JP.UTF-8",
        "zh_TW",
        "zh-TW",
        "zh_HK",
        "zh_MO",
        "zh_Hant",
        "zh-Hant-TW",
        "zh_Hant_CN",
        "garbage",
        "xx",
        "",
        "  ",
        "zh__CN",
        "-",
    ],
)
def test_unsupported_locales_raise(spelling: str) -> None:
    """Traditional Chinese and other languages have no catalog: an error, not a silent fallback."""
    with pytest.raises(UnsupportedLocaleError) as caught:
        normalize_locale(spelling)
    error = caught.value
    assert error.locale == spelling
    assert isinstance(error, ValueError)
    assert isinstance(error, GkDisclosureError)
    assert repr(spelling) in str(error)
    assert "zh_CN" in str(error)
    assert "en" in str(error)
    clone = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object
    assert (type(clone), clone.locale, str(clone)) == (UnsupportedLocaleError, spelling, str(error))


def test_traditional_babel_locale_raises() -> None:
    """A babel Locale for Traditional Chinese is refused too."""
    with pytest.raises(UnsupportedLocaleError):
        normalize_locale(Locale.parse("zh_Hant_TW"))


@pytest.mark.parametrize("function", [describe, rule_text, severity_name, summary])
@pytest.mark.parametrize("spelling", ["fr", "zh_TW", "zh_Hant", "garbage"])
def test_every_renderer_refuses_unsupported_locales(function: Any, spelling: str) -> None:
    """describe, rule_text, severity_name and summary all check the locale."""
    argument = {
        describe: one(with_cell(SAMPLE, "requests.received.total", 12), "requests.ledger"),
        rule_text: "requests.ledger",
        severity_name: "error",
        summary: validate(SAMPLE),
    }[function]
    with pytest.raises(UnsupportedLocaleError):
        function(argument, spelling)


@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        ("zh", "zh_CN"),
        ("zh-CN", "zh_CN"),
        ("zh_Hans_CN", "zh_CN"),
        ("zh_CN.UTF-8", "zh_CN"),
        ("en_US", "en"),
        ("en-GB", "en"),
    ],
)
def test_every_spelling_renders_like_its_catalog(spelling: str, name: str) -> None:
    """Any spelling gives the same sentences as the catalog's own name: no silent fallback."""
    finding = one(with_cell(SAMPLE, "requests.received.total", 12), "requests.ledger")
    text = describe(finding, spelling)
    assert text == describe(finding, name)
    assert has_cjk(text) is (name == "zh_CN")
    assert rule_text("requests.ledger", spelling) == rule_text("requests.ledger", name)
    assert severity_name("warning", spelling) == severity_name("warning", name)
    assert summary(validate(SAMPLE), spelling) == summary(validate(SAMPLE), name)


def test_the_default_locale_is_zh_cn() -> None:
    """Without a locale, messages are in Chinese, the language of the reports."""
    finding = one(with_cell(SAMPLE, "requests.received.total", 12), "requests.ledger")
    assert describe(finding) == describe(finding, "zh_CN")
    assert rule_text("requests.ledger") == rule_text("requests.ledger", "zh_CN")
    assert LOCALES == ("zh_CN", "en")


# --- every message of every rule ------------------------------------------------------------------


def every_finding() -> Iterator[Finding]:
    """Findings of every rule: failed, unassessable, blanks read as 0, and last year's cells."""
    sample = SAMPLE
    yield one(with_cell(sample, "requests.received.natural_person", 12), "requests.ledger")
    yield one(with_cell(sample, "requests.received.natural_person", None), "requests.ledger")
    yield one(
        with_cell(
            with_cell(sample, "requests.received.natural_person", None),
            "requests.carried_forward.natural_person",
            5,
        ),
        "requests.ledger",
        blank_as_zero=True,
    )
    yield one(with_cell(sample, "requests.granted.commercial", 1), "requests.handled_sum")
    yield one(with_cell(sample, "requests.total_handled.commercial", 1), "requests.handled_sum")
    yield one(with_cell(sample, "requests.granted.research", None), "requests.handled_sum")
    yield one(with_cell(sample, "requests.granted.total", 9), "requests.applicant_sum")
    yield one(with_cell(sample, "requests.granted.total", None), "requests.applicant_sum")
    subtotal = with_cell(sample, "requests.withheld.subtotal", ApplicantCounts.zeros())
    yield one(
        with_cell(subtotal, "requests.withheld.subtotal.natural_person", 2), "requests.group_sum"
    )
    yield one(
        with_cell(subtotal, "requests.withheld.state_secret.other", None), "requests.group_sum"
    )
    yield one(with_cell(sample, "review_litigation.review.total", 0), "review_litigation.sum")
    yield one(with_cell(sample, "review_litigation.review.other", None), "review_litigation.sum")
    yield one(with_cell(sample, "proactive.licensing.decisions", -238), "cells.non_negative")
    yield one(
        with_cell(sample, "proactive.fees.amount_10k_yuan", Decimal("-800.68")),
        "cells.non_negative",
    )
    for table in ("proactive", "requests", "review_litigation"):
        yield one(with_cell(sample, table, None), "report.missing_table")
    yield one(attrs.evolve(sample, year=2020), "report.edition_year")
    for table in ("proactive", "requests", "review_litigation"):
        blank = type(getattr(sample, table))()  # every row blank
        yield one(with_cell(sample, table, blank), "report.blank_table")
    yield one(with_cell(sample, "proactive.fees.amount_10k_yuan", None), "report.incomplete_table")
    many = with_cell(sample, "requests.received", ApplicantCounts())
    yield one(many, "report.incomplete_table")
    yield one(zeros("2019", 2022), "report.edition_year")
    last_year = attrs.evolve(sample, year=2020)
    last_year = with_cell(last_year, "proactive.normative_documents.in_force", 60)
    last_year = with_cell(last_year, "requests.carried_forward.total", 3)
    yield one(sample, "series.sequence", previous=attrs.evolve(last_year, year=2019))
    yield one(sample, "series.sequence", previous=attrs.evolve(last_year, agency="另一机关"))
    yield one(sample, "series.carry_over", previous=last_year)
    yield one(
        sample,
        "series.carry_over",
        previous=with_cell(last_year, "requests.carried_forward.total", None),
    )
    yield one(sample, "series.in_force", previous=last_year)
    report = with_cell(zeros("2019", 2020), "proactive.licensing.previous_items", 3)
    previous = with_cell(zeros("2019", 2019), "proactive.regulations.public_total", 4)
    yield one(report, "series.public_total", previous=previous)
    yield one(report, "series.previous_items", previous=previous)
    for kind in NarrativeKind:
        if kind is NarrativeKind.FEE:
            continue  # no table holds the fee: the text's figure has nothing to compare with
        paths = NARRATIVE_CELLS[kind]
        figure = NarrativeFigure(
            kind=kind,
            value=99,
            unit="件",
            phrase="共99件",
            sentence="共收到申请99件。",
            paths=paths,
        )
        yield one(sample, f"narrative.{kind.value}", narrative=[figure])
        yield one(with_cell(sample, paths[0], None), f"narrative.{kind.value}", narrative=[figure])
    accepted = NarrativeFigure(
        kind=NarrativeKind.RECEIVED,
        value=99,
        unit="件",
        phrase="受理政府信息公开申请99件",
        sentence="全年共受理政府信息公开申请99件。",
        paths=NARRATIVE_CELLS[NarrativeKind.RECEIVED],
    )
    yield one(sample, "narrative.received", narrative=[accepted])  # two readings, neither fits


#: The cells each kind of narrative figure is compared with.
NARRATIVE_CELLS = {
    NarrativeKind.RECEIVED: ("requests.received.total",),
    NarrativeKind.HANDLED: ("requests.total_handled.total",),
    NarrativeKind.CARRIED_OVER: ("requests.carried_over.total",),
    NarrativeKind.CARRIED_FORWARD: ("requests.carried_forward.total",),
    NarrativeKind.REVIEW: ("review_litigation.review.total",),
    NarrativeKind.LITIGATION: (
        "review_litigation.litigation_direct.total",
        "review_litigation.litigation_after_review.total",
    ),
}


EVERY_FINDING = list(every_finding())


def test_every_rule_has_findings_to_render() -> None:
    """The findings below cover every rule, both statuses and blanks read as 0."""
    assert {f.rule for f in EVERY_FINDING} == set(RULES)
    assert {f.status for f in EVERY_FINDING} == set(Status)
    assert any(f.assumed_zero for f in EVERY_FINDING)
    assert any(p.startswith("previous.") for f in EVERY_FINDING for p in f.operands)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(
    "finding", EVERY_FINDING, ids=[f"{f.rule}-{f.status}-{f.path}" for f in EVERY_FINDING]
)
def test_every_finding_renders(finding: Finding, locale: str) -> None:
    """Every message of every rule renders in both languages, with every placeholder filled."""
    text = describe(finding, locale)
    assert text
    assert "%(" not in text
    assert ")s" not in text
    assert text != describe(finding, "en" if locale == "zh_CN" else "zh_CN")
    if locale == "zh_CN":
        assert has_cjk(text)


@pytest.mark.parametrize(
    "finding",
    [
        f
        for f in EVERY_FINDING
        if not (f.rule == "series.sequence" and f.path == "agency")
        and not f.rule.startswith("narrative.")  # they quote the report's sentence as printed
    ],
    ids=lambda f: f"{f.rule}-{f.status}-{f.path}",
)
def test_english_messages_have_no_chinese(finding: Finding) -> None:
    """In English every label and number is English; only an agency's name stays as printed."""
    assert not has_cjk(describe(finding, "en"))


def test_a_failed_identity_says_where_what_and_by_how_much() -> None:
    """The 2023 district case: 行政复议 总计 0 under 维持 10 and 纠正 1, in both languages."""
    report = with_cell(SAMPLE, "review_litigation.review", attrs.evolve(
        SAMPLE.review_litigation.review,  # type: ignore[union-attr]
        upheld=10, corrected=1, other=0, pending=0, total=0,
    ))  # fmt: skip
    finding = one(report, "review_litigation.sum")
    zh = describe(finding, "zh_CN")
    assert zh.startswith("行政复议：总计为0，")
    for part in ("结果维持 10", "结果纠正 1", "其他结果 0", "尚未审结 0", "= 11", "-11"):
        assert part in zh
    en = describe(finding, "en")
    assert en.startswith("Review: total is 0, ")
    for part in ("upheld 10", "corrected 1", "other result 0", "pending 0", "= 11", "-11"):
        assert part in en


def test_a_positive_difference_has_a_sign() -> None:
    """The difference reads +n when the printed total is too large."""
    finding = one(with_cell(SAMPLE, "review_litigation.review.total", 3), "review_litigation.sum")
    assert "+2" in describe(finding, "en")
    assert "+2" in describe(finding, "zh_CN")


def test_a_ledger_message_names_the_column_and_rows() -> None:
    """Per column: the column is where, the rows are the terms."""
    finding = one(with_cell(SAMPLE, "requests.received.natural_person", 12), "requests.ledger")
    zh = describe(finding, "zh_CN")
    assert zh.startswith("自然人：四、结转下年为0，")
    for part in (
        "一、新收 12",
        "二、上年结转 0",
        "（七）总计 11",
    ):
        assert part in zh
    en = describe(finding, "en")
    assert en.startswith("Natural persons: 4. carried forward is 0, ")
    assert "1. new 12" in en


def test_long_sums_hide_their_zero_rows() -> None:
    """The 21 outcome rows: rows of 0 are counted, not listed."""
    finding = one(
        with_cell(SAMPLE, "requests.total_handled.natural_person", 12), "requests.handled_sum"
    )
    en = describe(finding, "en")
    assert "(1) granted 8" in en
    assert "(2) partially granted" in en
    assert "18 more rows of 0" in en
    assert "State secret" not in en
    assert "其余18行为0" in describe(finding, "zh_CN")
    finding = one(with_cell(SAMPLE, "requests.total_handled.research", 1), "requests.handled_sum")
    assert "21 more rows of 0" in describe(finding, "en")


def test_unassessable_lists_what_is_not_reported() -> None:
    """A blank operand shows as ? and is named among the cells not reported."""
    finding = one(
        with_cell(SAMPLE, "requests.carried_over.natural_person", None), "requests.ledger"
    )
    en = describe(finding, "en")
    assert "cannot be checked" in en
    assert "2. carried over ?" in en
    assert en.endswith("not reported: 2. carried over / natural persons.")
    zh = describe(finding, "zh_CN")
    assert "无法核对" in zh
    assert zh.endswith("未填报：二、上年结转 / 自然人。")


def test_blanks_read_as_zero_are_named() -> None:
    """blank_as_zero findings say which blanks were read as 0."""
    report = with_cell(SAMPLE, "requests.received.natural_person", None)
    finding = one(report, "requests.applicant_sum", blank_as_zero=True)
    assert describe(finding, "en").endswith(
        "Read as 0 where not reported: 1. new / natural persons."
    )
    assert "未填报按0计：一、新收 / 自然人" in describe(finding, "zh_CN")


def test_last_years_cells_are_marked() -> None:
    """Series messages say which cell is last year's."""
    finding = next(f for f in EVERY_FINDING if f.rule == "series.carry_over")
    assert "last year's 4. carried forward / total 3" in describe(finding, "en")
    assert "上年报告四、结转下年 / 总计 3" in describe(finding, "zh_CN")


def test_report_level_messages() -> None:
    """Missing tables, editions and sequences are sentences about the report."""
    missing = one(attrs.evolve(SAMPLE, requests=None), "report.missing_table")
    assert describe(missing, "zh_CN") == "报告缺少表三（三、收到和处理政府信息公开申请情况）。"
    assert describe(missing, "en").startswith("The report has no table ")
    year = one(zeros("2019", 2022), "report.edition_year")
    assert describe(year, "zh_CN") == "表格采用2019年版格式，但2022年度报告应采用2021年版格式。"
    assert describe(year, "en") == (
        "The tables follow the 2019 edition, but reports for 2022 use the 2021 edition."
    )


@pytest.mark.parametrize(
    ("value", "en", "signed"),
    [
        (12345, "12,345", "+12,345"),
        (0, "0", "0"),
        (-7, "-7", "-7"),
        (Decimal("800.68"), "800.68", "+800.68"),
        (Decimal("800.60"), "800.60", "+800.60"),
        (Decimal("-0.50"), "-0.50", "-0.50"),
        (Decimal("1234567.891"), "1,234,567.891", "+1,234,567.891"),
    ],
)
def test_format_number(value: int | Decimal, en: str, signed: str) -> None:
    """Counts are grouped; an amount keeps the digits it was given; signed shows a plus."""
    assert format_number(value, "en") == en
    assert format_number(value, "zh_CN") == en
    assert format_number(value, "en", signed=True) == signed


# --- rules, severities and summaries --------------------------------------------------------------


@pytest.mark.parametrize("rule", RULES)
def test_every_rule_text_is_translated(rule: str) -> None:
    """Every rule's title and identity exist in both languages, the Chinese translated."""
    title, identity = rule_text(rule, "en")
    assert (title, identity) == (RULES[rule].title, RULES[rule].identity)
    zh_title, zh_identity = rule_text(rule, "zh_CN")
    assert has_cjk(zh_title)
    assert has_cjk(zh_identity)
    assert zh_title != title
    assert zh_identity != identity


def test_the_ledger_is_stated_in_the_words_of_the_corner_note() -> None:
    """The Chinese identity of the ledger quotes the note printed in 表三's corner."""
    _, identity = rule_text("requests.ledger", "zh_CN")
    assert "第一项加第二项之和，等于第三项加第四项之和" in identity


def test_unknown_rule_text_is_a_key_error() -> None:
    """rule_text is for the listed rules only."""
    with pytest.raises(KeyError):
        rule_text("requests.nope", "en")


@pytest.mark.parametrize(
    ("severity", "en", "zh"),
    [("error", "error", "错误"), ("warning", "warning", "警告"), ("info", "info", "提示")],
)
def test_severity_names(severity: str, en: str, zh: str) -> None:
    """Severities have a name in each language."""
    assert severity_name(severity, "en") == en
    assert severity_name(severity, "zh_CN") == zh


def test_summary() -> None:
    """One line: the report and its counts, or that there is nothing to say."""
    assert summary(validate(SAMPLE), "en") == (
        "福建省工业和信息化厅, report for 2021, 2021 edition: no findings"
    )
    assert (
        summary(validate(SAMPLE), "zh_CN")
        == "福建省工业和信息化厅 2021年度报告（2021年版格式）：未发现问题"
    )
    report = with_cell(attrs.evolve(SAMPLE, year=2020), "requests.received.total", None)
    result = validate(report)
    assert summary(result, "en").endswith(": 0 errors, 2 warnings, 2 notes")
    assert summary(result, "zh_CN").endswith("：错误0项，警告2项，提示2项")


# --- the message catalogs -------------------------------------------------------------------------


def catalog(locale: str) -> Catalog:
    """The .po catalog of a locale, as babel reads it."""
    path = LOCALE_DIR / locale / "LC_MESSAGES" / "gkdisclosure.po"
    with path.open("rb") as stream:
        return read_po(stream, locale=locale)


def template() -> Catalog:
    """The extracted message template."""
    with (LOCALE_DIR / "gkdisclosure.pot").open("rb") as stream:
        return read_po(stream)


def test_zh_catalog_has_no_untranslated_entry() -> None:
    """Every message has a Chinese translation, none fuzzy, and none left in English."""
    messages = [m for m in catalog("zh_CN") if m.id]
    assert messages
    assert [m.id for m in messages if not m.string] == []
    assert [m.id for m in messages if m.fuzzy] == []
    assert [m.id for m in messages if not has_cjk(str(m.string)) and m.id != ", "] == []


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogs_have_every_message_of_the_template(locale: str) -> None:
    """Each .po holds exactly the template's messages, and no obsolete ones."""
    ids = {m.id for m in template() if m.id}
    assert {m.id for m in catalog(locale) if m.id} == ids
    assert not catalog(locale).obsolete


@pytest.mark.parametrize("locale", LOCALES)
def test_translations_keep_their_placeholders(locale: str) -> None:
    """babel's checkers find no placeholder a translation drops or invents."""
    problems = [(m.id, [str(e) for e in errors]) for m, errors in catalog(locale).check()]
    assert problems == []


def test_every_rule_message_is_in_the_template() -> None:
    """Rule titles and identities are extracted for translation."""
    ids = {m.id for m in template()}
    for rule in RULES.values():
        assert rule.title in ids
        assert rule.identity in ids


@pytest.mark.parametrize("locale", LOCALES)
def test_compiled_catalogs_are_current(locale: str) -> None:
    """The .mo the library loads says what the .po says (run tools/catalogs.py update if not)."""
    from gkdisclosure.render._i18n import gettext  # noqa: PLC0415 - the loader under test

    for message in catalog(locale):
        if message.id:
            assert gettext(str(message.id), locale) == (message.string or message.id)  # type: ignore[arg-type]


def test_catalogs_are_current_with_the_sources() -> None:
    """``python tools/catalogs.py check`` passes: no message is missing or stale."""
    run = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, str(ROOT / "tools" / "catalogs.py"), "check"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr.strip().splitlines()[-1:]
