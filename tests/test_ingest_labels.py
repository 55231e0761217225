"""Label matching on top of the catalog: normalisation, variants, headings, the edition."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gkdisclosure import Edition
from gkdisclosure.catalog import SECTIONS, edition, normalize_label
from gkdisclosure.catalog.vocabulary import TRADITIONAL
from gkdisclosure.ingest._labels import (
    detect_edition,
    index,
    section_of,
    squeeze,
    squeeze_with_origins,
    strip_note,
)

REQUESTS = index(Edition.E2021, "requests")
PROACTIVE_2019 = index(Edition.E2019, "proactive")


def test_squeeze_agrees_with_the_catalog_on_every_label() -> None:
    """For the catalog's own labels the reader's normalisation is the catalog's."""
    for which in Edition:
        for table in edition(which).tables:
            for row in table.rows:
                for label in row.labels:
                    assert squeeze(label) == normalize_label(label)


def _squeeze_each_character(text: str) -> tuple[str, list[int]]:
    """The definition, character by character, without the table of normal forms."""
    quotes = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"'})
    out: list[str] = []
    origins: list[int] = []
    for at, char in enumerate(text):
        if char.isspace() or char in "\u200b\u200c\u200d\u2060\ufeff\u00ad":
            continue
        for norm in unicodedata.normalize("NFKC", char).translate(quotes).translate(TRADITIONAL):
            if norm.isspace():
                continue
            dot = norm in "、," and out and out[-1].isascii() and out[-1].isdigit()
            out.append("." if dot else norm)
            origins.append(at)
    return "".join(out), origins


_TRICKY = st.sampled_from("1２、,，“」 \u3000\u00ad\ufb01㈠⑴經濟(三)不予公開")


@settings(deadline=None, max_examples=300)
@given(st.text(_TRICKY | st.characters()))
def test_squeeze_equals_its_definition(text: str) -> None:
    assert squeeze_with_origins(text) == _squeeze_each_character(text)


def test_squeeze_keeps_the_origin_of_every_character() -> None:
    text = "（三） 不予公\n开 1、属于"
    squeezed, origins = squeeze_with_origins(text)
    assert squeezed == "(三)不予公开1.属于"
    assert [text[i] for i in origins] == list("（三）不予公开1、属于")


@pytest.mark.parametrize(
    ("printed", "key", "how"),
    [
        ("1.属于国家秘密", "withheld.state_secret", "exact"),
        ("1、属于国家秘密", "withheld.state_secret", "exact"),
        ("1. 屬於國家秘密", "withheld.state_secret", "exact"),
        ("属于国家秘密", "withheld.state_secret", "no-enumerator"),
        ("（二）部分公开", "partially_granted", "abridged"),
        ("（一）予以公开（含部分）", "granted", "annotated"),
        ("（三）不予公开1.属于国家秘密", "withheld.state_secret", "after-group"),
        ("（三）不予公开", "withheld.subtotal", "exact"),
        ('3.危及"三安全一稳定"', "withheld.security_stability", "exact"),
    ],
)
def test_match_row(printed: str, key: str, how: str) -> None:
    match = REQUESTS.match_row(printed)
    assert match is not None
    assert (match.row.key, match.how) == (key, how)


@pytest.mark.parametrize("printed", ["", "其他", "合计", "三、本年度办理结果", "5.其他"])
def test_match_row_refuses(printed: str) -> None:
    assert REQUESTS.match_row(printed) is None


def test_an_annotated_label_keeps_its_annotation() -> None:
    match = PROACTIVE_2019.match_row("规章（含设区的市）")
    assert match is not None
    assert (match.row.key, match.annotation) == ("regulations", "(含设区的市)")


def test_match_column() -> None:
    found = REQUESTS.match_column("合计")
    assert found is not None
    assert found.column is not None
    assert found.column.key == "total"
    extra = REQUESTS.match_column("法人或其他组织小计")
    assert extra is not None
    assert extra.column is None
    annotated = PROACTIVE_2019.match_column("上一年项目数量(指2019年事项数)")
    assert annotated is not None
    assert annotated.column is not None
    assert (annotated.column.key, annotated.how) == ("previous_items", "abridged")
    assert REQUESTS.match_column("") is None
    assert REQUESTS.match_column("件数") is None


def test_prefixes_of_broken_labels() -> None:
    found = REQUESTS.match_prefix("1. 本机关不掌握相关政府")
    assert found is not None
    assert (found[0].key, found[1]) == ("unavailable.not_held", "信息")
    assert REQUESTS.match_prefix("1.属于") is None
    assert REQUESTS.match_prefix("1.本机关不掌握", exclude={"unavailable.not_held"}) is None
    group = REQUESTS.match_group_prefix("(四)")
    assert group is not None
    assert (group[0].key, group[1]) == ("unavailable", "无法提供")
    assert REQUESTS.match_group_prefix("无法") is None


def test_strip_note() -> None:
    assert strip_note("规章(设区的市)") == ("规章", "(设区的市)")
    assert strip_note("(一)") == ("(一)", None)
    assert strip_note("规章") == ("规章", None)


@pytest.mark.parametrize(
    ("text", "section"),
    [
        *[(label, number) for number, labels in enumerate(SECTIONS) for label in labels],
        ("## 二、主动公开政府信息情况", 1),
        ("#### **四、政府信息公开行政复议及行政诉讼情况**", 3),
        ("五、存在的主要问题及整改措施", 4),
        ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", 3),
        ("三、本年度办理结果", None),
        ("四、结转下年度继续办理", None),
        ("二是主动公开政府信息。", None),
        ("二、", None),
        ("七、其他", None),
    ],
)
def test_section_of(text: str, section: int | None) -> None:
    assert section_of(text) == section


def test_detect_edition() -> None:
    assert detect_edition(["本年新\n制作数量"]).edition is Edition.E2019
    assert detect_edition(["本年制发件数"]).edition is Edition.E2021
    assert detect_edition(["处理决定数量"]).edition is None
    mixed = detect_edition(["本年制发件数", "政府集中采购", "对外公开总数量"])
    assert (mixed.edition, mixed.hybrid) == (Edition.E2019, True)
    assert detect_edition(["本年制发件数"]).hybrid is False
