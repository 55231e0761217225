"""The words the readers match that are not labels of a row, column or group.

Header words of the tables, placeholders and units of cells, the title of
a report, page furniture of PDF text, the prose of the narrative, and the
Traditional-Chinese characters of the labels: the vocabulary of
:mod:`gkdisclosure.ingest` and of the pages :mod:`gkdisclosure.render`
writes, kept in the catalog with every other Chinese word the library knows.
"""

from __future__ import annotations

import re
from typing import Final

from ._data import APPLICANTS_CAPTION, CORNER, LEGAL_PERSONS

__all__ = [
    "ANNOTATION_OPENERS",
    "APPLICANTS",
    "APPLICATION",
    "COUNT_UNIT",
    "COUNT_UNITS",
    "ENUMERATOR",
    "ENUMERATOR_ALONE",
    "INFO_CONTENT",
    "LINE_END",
    "MONEY_UNIT",
    "MONEY_UNITS",
    "NARRATIVE",
    "NARRATIVE_FEE",
    "NARRATIVE_NEEDS_APPLICATION",
    "NARRATIVE_ZERO",
    "NUMERALS",
    "ORGANISATIONS",
    "ORGANISATIONS_SUBTOTAL",
    "PAGE_FURNITURE",
    "PARAGRAPH_OPENER",
    "PLACEHOLDERS",
    "PROCESSED",
    "SECTION_MARK",
    "SECTION_WORDS",
    "SENTENCE_END",
    "TITLE",
    "TITLE_AGENCY_FIRST",
    "TITLE_EXAMPLE",
    "TITLE_YEAR_FIRST",
    "TRADITIONAL",
    "UNIT_IN_LABEL",
]

# --- header words that are not column labels ------------------------------------

#: The first header cell of every block of 表二.
INFO_CONTENT: Final = CORNER
#: The header over the seven applicant columns of 表三.
APPLICANTS: Final = APPLICANTS_CAPTION
#: The header over the five organisation columns of 表三 (a group, not a column).
ORGANISATIONS: Final = LEGAL_PERSONS.zh
#: A non-official subtotal column of the five organisations (FORMAT.md §6 D12).
ORGANISATIONS_SUBTOTAL: Final = ("法人或其他组织小计", "小计")

#: Chinese numerals of enumerators: "（三）", "四、".
NUMERALS: Final = "一二三四五六七八九十"
#: An enumerator opening a label: "1.", "（三）" (after NFKC), "四、".
ENUMERATOR: Final = re.compile(rf"^(?:[0-9]+\.|\([{NUMERALS}]+\)|[{NUMERALS}]+、)")
#: An enumerator alone in parentheses: "(四)" is a label's start, not a note on a number.
ENUMERATOR_ALONE: Final = re.compile(rf"\([{NUMERALS}]+\)")
#: How a section heading opens: its numeral, then "、".
SECTION_MARK: Final = "、"
#: Words naming each section's subject, for headings worded otherwise (by section index).
SECTION_WORDS: Final = {
    0: ("总体情况",),
    1: ("主动公开",),
    2: ("申请",),
    3: ("复议", "诉讼"),
    4: ("问题", "改进", "整改"),
    5: ("其他", "事项"),
}
#: What a title looks like, for messages.
TITLE_EXAMPLE: Final = "XXX2021年政府信息公开工作年度报告"
#: The title of a report, as :mod:`gkdisclosure.render` prints it (and the readers find it).
TITLE: Final = "{agency}{year}年政府信息公开工作年度报告"

# --- cells --------------------------------------------------------------------------

#: Printed instead of a number to say "nothing to report" (FORMAT.md §6 D4: "/", "-", "—",
#: "无"; and "不适用", not applicable), after NFKC. A cell printing one is not reported.
PLACEHOLDERS: Final = frozenset(
    {
        *("/", "//", "\\", "-", "--", "—", "——", "–", "―", "−", "×", "x", "X"),
        *("无", "無", "空", "不适用", "不適用"),
    }
)
#: Units printed inside a cell after the number; money first, then counting words.
#: (万元 before 元, so the longer matches first.)
MONEY_UNITS: Final = ("万元", "元")
COUNT_UNITS: Final = ("件", "条", "個", "个", "项", "次", "份")
#: How a column label names its unit: "本年收费金额（单位：万元）".
UNIT_IN_LABEL: Final = re.compile(r"单位[:：]\s*(万元|元)")
#: Words that open an annotation printed after a number: "22，其中修订16件".
ANNOTATION_OPENERS: Final = ("其中", "含", "包括")

# --- the title: "XXX2021年政府信息公开工作年度报告" --------------------------------

#: An agency's name: no punctuation of a sentence; digits only after its first character
#: ("福建省2号办公室"), so that a year is never taken for a name.
_AGENCY = (
    r"[^\s,.:;!?、，。：；！？“”\"'《》<>\[\]【】#*|_=~^$@%&+\-—0-9]"
    r"[^\s,.:;!?、，。：；！？“”\"'《》<>\[\]【】#*|_=~^$@%&+\-—]{1,39}?"
)
_REPORT = r"政府信息公开(?:工作)?(?:年度报告|年报)"
#: Agency before the year: 福建省工业和信息化厅2021年政府信息公开工作年度报告.
TITLE_AGENCY_FIRST: Final = re.compile(
    rf"(?P<agency>{_AGENCY})(?P<year>(?:19|20)[0-9]{{2}})年度?{_REPORT}"
)
#: Year before the agency: 2019年上海市人民政府办公厅政府信息公开工作年度报告.
TITLE_YEAR_FIRST: Final = re.compile(
    rf"(?P<year>(?:19|20)[0-9]{{2}})年度?(?P<agency>{_AGENCY}){_REPORT}"
)

# --- page furniture of text extracted from PDF --------------------------------------

#: Whole lines that are page numbers or running footers, never table content.
PAGE_FURNITURE: Final = (
    re.compile(r"[-—–－‒]+\s*[0-9]{1,4}\s*[-—–－‒]+"),
    re.compile(r"第\s*[0-9]{1,4}\s*页\s*(?:[,，/／]?\s*共\s*[0-9]{1,4}\s*页)?"),
    re.compile(r"共\s*[0-9]{1,4}\s*页\s*[,，]?\s*第\s*[0-9]{1,4}\s*页"),
    re.compile(r"(?i)page\s*[0-9]{1,4}(?:\s*(?:of|/)\s*[0-9]{1,4})?"),
    re.compile(r"[0-9]{1,4}\s*/\s*[0-9]{1,4}"),
)

# --- narrative figures ---------------------------------------------------------------

_N = r"(?P<n>[0-9][0-9,，]*)\s*(?P<unit>件|条|个|份|宗|起)"
_NOT_A_NUMBER = r"[^。；;！!？?\n0-9]"
#: Phrases stating a total in the prose, by kind (see :class:`NarrativeKind`).
#: A phrase matches inside one sentence; ``what`` must name an application.
NARRATIVE: Final = {
    "received": (
        re.compile(
            rf"(?:收到|受理|接收|新收)(?P<what>{_NOT_A_NUMBER}{{0,20}}?)(?:共计?|合计)?{_N}"
        ),
    ),
    "handled": (
        re.compile(
            rf"(?:办结|答复|办理完毕|处理完毕|办理)(?P<what>{_NOT_A_NUMBER}{{0,20}}?)(?:共计?)?{_N}"
        ),
    ),
    "carried_over": (re.compile(rf"上一?年度?结转(?P<what>{_NOT_A_NUMBER}{{0,12}}?){_N}"),),
    "carried_forward": (
        re.compile(rf"结转(?:至|到)?下一?年度?(?:继续办理)?(?P<what>{_NOT_A_NUMBER}{{0,12}}?){_N}"),
        re.compile(
            rf"{_N}(?P<what>{_NOT_A_NUMBER}{{0,20}}?)(?:顺延|结转|转入)(?:至|到)?下一?年度?"
        ),
    ),
    "review": (re.compile(rf"(?P<what>行政复议)(?:案件|申请)?(?:共计?)?\s*{_N}"),),
    "litigation": (re.compile(rf"(?P<what>(?:行政)?诉讼)(?:案件)?(?:共计?)?\s*{_N}"),),
}
#: The word an application total must name ("申请") in its phrase or before it in its
#: sentence ("共受理政府信息公开申请3119件，答复3050件"), and the units of zero statements.
APPLICATION: Final = "申请"
COUNT_UNIT: Final = "件"
MONEY_UNIT: Final = "元"
#: The word that makes a count of requests received ambiguous: "共受理X件" is the new requests
#: in some reports, new plus carried over in many others (FORMAT.md §5.4 X5a).
ACCEPTED: Final = "受理"
#: The wording that makes a count of requests handled ambiguous: "办理…申请X件" is the requests
#: handled in some reports, the requests received (or received and carried over) in others;
#: "办理完毕" is not ambiguous.
PROCESSED: Final = re.compile(r"办理(?!完毕)")
#: Which kinds must name an application (申请), in ``what`` or earlier in the sentence, to count.
NARRATIVE_NEEDS_APPLICATION: Final = frozenset(
    {"received", "handled", "carried_over", "carried_forward"}
)
#: A line that opens a paragraph of its own: a heading's enumerator ("一、", "（二）", "3.") or
#: Markdown markup; text wrapped onto a new line in a PDF starts with none of these.
PARAGRAPH_OPENER: Final = re.compile(
    rf"^(?:[{NUMERALS}]+[、.]|[(（][{NUMERALS}0-9]+[)）]|[0-9]+[.、．]|[#|>*-])"
)
#: Characters that end a sentence or a heading's lead-in: a line ending in one is not wrapped.
LINE_END: Final = frozenset("。！？!?；;：:")
#: Statements of a zero total: "未收到政府信息公开申请", "未收取信息处理费".
NARRATIVE_ZERO: Final = {
    "received": (re.compile(r"未(?:收到|受理)(?:任何)?(?:政府信息公开|依)?申请"),),
    "fee": (
        re.compile(r"(?:未|没有|无)(?:收取|收缴|发生)(?:任何)?(?:信息处理费|收费|费用)"),
        re.compile(r"无收取信息处理费"),
    ),
}
#: The information-processing fee stated with its amount.
NARRATIVE_FEE: Final = re.compile(
    r"(?:收取|收缴)(?:了)?(?:政府信息公开)?信息处理费(?:用)?(?:共计?|合计)?\s*"
    r"(?P<n>[0-9][0-9,，]*(?:\.[0-9]+)?)\s*(?P<unit>万元|元)"
)
#: Where one sentence ends.
SENTENCE_END: Final = re.compile(r"(?<=[。！？!?；;])|\n+")

# --- Traditional Chinese ---------------------------------------------------------------

#: Traditional characters that occur in the labels, headings and words above,
#: mapped to their Simplified form (FORMAT.md §6 D13). One character each way,
#: so positions in a text survive the mapping.
TRADITIONAL: Final = str.maketrans(
    "萬業為舉於會體關內決況減辦務動區單發後國復複覆處審對屬當總執護報據數無機權條構沒現確穩類係"
    "糾納組織經結繼續維繳罰範獲補規計認議許訟設訪訴詢請購費轉過這進採問項題額開製廢應強個與門縣"
    "廳鄉鎮實級說來歸檔錄",
    "万业为举于会体关内决况减办务动区单发后国复复复处审对属当总执护报据数无机权条构没现确稳类系"
    "纠纳组织经结继续维缴罚范获补规计认议许讼设访诉询请购费转过这进采问项题额开制废应强个与门县"
    "厅乡镇实级说来归档录",
)
