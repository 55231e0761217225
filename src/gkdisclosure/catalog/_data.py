"""The two editions of the format as data: every label, key and variant.

This module is the only place in the library that spells a Chinese label.
Facts come from the format specification (``spec/FORMAT.md`` §2–§3 for the
official labels, §6 for the variants seen in published reports).
"""

from __future__ import annotations

from ._spec import Column, Edition, EditionSpec, Group, Row, Table, ValueKind

# --- 表二: 主动公开政府信息情况 -------------------------------------------------

_PROACTIVE_HEADING = "二、主动公开政府信息情况"
_PROACTIVE_EN = "Proactive disclosure of government information"
_PROACTIVE_ALIASES = ("二、主动公开政府政府情况",)

CORNER = "信息内容"
_ITEM_1 = Group("item_1", "第二十条第（一）项", "Article 20, item 1")
_ITEM_5 = Group("item_5", "第二十条第（五）项", "Article 20, item 5")
_ITEM_6 = Group("item_6", "第二十条第（六）项", "Article 20, item 6")
_ITEM_8 = Group("item_8", "第二十条第（八）项", "Article 20, item 8")
_ITEM_9 = Group("item_9", "第二十条第（九）项", "Article 20, item 9")

_DECISIONS_2021 = (
    Column(
        "decisions",
        "本年处理决定数量",
        "Decisions this year",
        short_zh="处理决定",
        short_en="decisions",
    ),
)
_DOCUMENTS_2021 = (
    Column("issued", "本年制发件数", "Issued this year", short_zh="制发", short_en="issued"),
    Column("repealed", "本年废止件数", "Repealed this year", short_zh="废止", short_en="repealed"),
    Column(
        "in_force",
        "现行有效件数",
        "In force",
        aliases=("现行有效件",),
        short_zh="现行有效",
        short_en="in force",
    ),
)

_PROACTIVE_2021 = Table(
    key="proactive",
    number="二",
    heading=_PROACTIVE_HEADING,
    en=_PROACTIVE_EN,
    heading_aliases=_PROACTIVE_ALIASES,
    corner=CORNER,
    groups=(_ITEM_1, _ITEM_5, _ITEM_6, _ITEM_8),
    rows=(
        Row(
            "regulations",
            "规章",
            "Regulations",
            _DOCUMENTS_2021,
            group="item_1",
            aliases=("规章(设区的市、自治州人民政府应提供相关数据)",),
            short_en="regulations",
        ),
        Row(
            "normative_documents",
            "行政规范性文件",
            "Administrative normative documents",
            _DOCUMENTS_2021,
            group="item_1",
            aliases=("规范性文件",),
            short_zh="规范性文件",
            short_en="normative documents",
        ),
        Row(
            "licensing",
            "行政许可",
            "Administrative licensing",
            _DECISIONS_2021,
            group="item_5",
            short_en="licensing",
        ),
        Row(
            "penalties",
            "行政处罚",
            "Administrative penalties",
            _DECISIONS_2021,
            group="item_6",
            short_en="penalties",
        ),
        Row(
            "coercive_measures",
            "行政强制",
            "Administrative coercive measures",
            _DECISIONS_2021,
            group="item_6",
            short_en="coercive measures",
        ),
        Row(
            "fees",
            "行政事业性收费",
            "Administrative fees",
            (
                Column(
                    "amount_10k_yuan",
                    "本年收费金额（单位：万元）",
                    "Fees collected this year (10,000 yuan)",
                    ValueKind.AMOUNT,
                    short_zh="收费金额（万元）",
                    short_en="fees (10,000 yuan)",
                ),
            ),
            group="item_8",
            short_en="fees",
        ),
    ),
)

_DOCUMENTS_2019 = (
    Column("made", "本年新制作数量", "Newly made this year", short_zh="新制作", short_en="made"),
    Column(
        "published",
        "本年新公开数量",
        "Newly published this year",
        short_zh="新公开",
        short_en="published",
    ),
    Column(
        "public_total",
        "对外公开总数量",
        "Public in total",
        short_zh="公开总数",
        short_en="public in total",
    ),
)
_ITEMS_2019 = (
    Column(
        "previous_items",
        "上一年项目数量",
        "Items last year",
        short_zh="上年项目数",
        short_en="items last year",
    ),
    Column(
        "change",
        "本年增/减",
        "Change this year",
        ValueKind.SIGNED,
        short_zh="增/减",
        short_en="change",
    ),
    Column("decisions", "处理决定数量", "Decisions", short_zh="处理决定", short_en="decisions"),
)

_PROACTIVE_2019 = Table(
    key="proactive",
    number="二",
    heading=_PROACTIVE_HEADING,
    en=_PROACTIVE_EN,
    heading_aliases=_PROACTIVE_ALIASES,
    corner=CORNER,
    groups=(_ITEM_1, _ITEM_5, _ITEM_6, _ITEM_8, _ITEM_9),
    rows=(
        Row(
            "regulations",
            "规章",
            "Regulations",
            _DOCUMENTS_2019,
            group="item_1",
            aliases=("规章(设区的市、自治州人民政府应提供相关数据)",),
            short_en="regulations",
        ),
        Row(
            "normative_documents",
            "规范性文件",
            "Normative documents",
            _DOCUMENTS_2019,
            group="item_1",
            short_en="normative documents",
        ),
        Row(
            "licensing",
            "行政许可",
            "Administrative licensing",
            _ITEMS_2019,
            group="item_5",
            short_en="licensing",
        ),
        Row(
            "other_services",
            "其他对外管理服务事项",
            "Other external management services",
            _ITEMS_2019,
            group="item_5",
            short_zh="其他管理服务事项",
            short_en="other services",
        ),
        Row(
            "penalties",
            "行政处罚",
            "Administrative penalties",
            _ITEMS_2019,
            group="item_6",
            short_en="penalties",
        ),
        Row(
            "coercive_measures",
            "行政强制",
            "Administrative coercive measures",
            _ITEMS_2019,
            group="item_6",
            short_en="coercive measures",
        ),
        Row(
            "fees",
            "行政事业性收费",
            "Administrative fees",
            _ITEMS_2019[:2],
            group="item_8",
            short_en="fees",
        ),
        Row(
            "procurement",
            "政府集中采购",
            "Centralised government procurement",
            (
                Column(
                    "projects",
                    "采购项目数量",
                    "Procurement projects",
                    short_zh="采购项目",
                    short_en="projects",
                ),
                Column(
                    "amount",
                    "采购总金额",
                    "Procurement amount (unit as printed)",
                    ValueKind.AMOUNT,
                    short_zh="采购金额",
                    short_en="amount",
                ),
            ),
            group="item_9",
            short_zh="集中采购",
            short_en="procurement",
        ),
    ),
)

# --- 表三: 收到和处理政府信息公开申请情况 -------------------------------------

APPLICANTS = (
    Column("natural_person", "自然人", "Natural persons", short_en="natural persons"),
    Column("commercial", "商业企业", "Commercial enterprises", short_en="enterprises"),
    Column("research", "科研机构", "Research institutions", short_en="research"),
    Column(
        "public_interest",
        "社会公益组织",
        "Public-interest organisations",
        short_en="public interest",
    ),
    Column("legal_services", "法律服务机构", "Legal service providers", short_en="legal services"),
    Column("other", "其他", "Other organisations", short_en="other orgs"),
    Column("total", "总计", "Total", aliases=("合计",), short_en="total"),
)

APPLICANTS_CAPTION = "申请人情况"
LEGAL_PERSONS = Group(
    "legal_persons",
    "法人或其他组织",
    "Legal persons and other organisations",
    columns=("commercial", "research", "public_interest", "legal_services", "other"),
)
_HANDLED = Group("handled", "三、本年度办理结果", "3. Requests handled this year")
_WITHHELD = Group(
    "withheld",
    "（三）不予公开",
    "(3) Withheld",
    subtotal="withheld.subtotal",
    short_en="(3) withheld",
)
_UNAVAILABLE = Group(
    "unavailable",
    "（四）无法提供",
    "(4) Cannot be provided",
    subtotal="unavailable.subtotal",
    short_en="(4) cannot be provided",
)
_NOT_PROCESSED = Group(
    "not_processed",
    "（五）不予处理",
    "(5) Not processed",
    subtotal="not_processed.subtotal",
    short_en="(5) not processed",
)
_OTHER_HANDLING = Group(
    "other_handling",
    "（六）其他处理",
    "(6) Otherwise handled",
    subtotal="other_handling.subtotal",
    short_en="(6) otherwise handled",
)


def _row(  # noqa: PLR0913 - the labels of a row of 表三, its group and role
    key: str, zh: str, en: str, group: str | None, short: tuple[str, str], *aliases: str, role: str
) -> Row:
    return Row(
        key,
        zh,
        en,
        APPLICANTS,
        group=group,
        role=role,
        aliases=aliases,
        short_zh=short[0],
        short_en=short[1],
    )


def _outcome(key: str, zh: str, en: str, group: str, short: tuple[str, str], *aliases: str) -> Row:
    return _row(key, zh, en, group, short, *aliases, role="outcome")


def _subtotal(group: Group) -> Row:
    return Row(
        f"{group.key}.subtotal",
        group.zh,
        f"{group.en}: subtotal",
        APPLICANTS,
        group=group.key,
        role="subtotal",
        official=False,
        short_zh=group.short_zh,
        short_en=group.short_en,
    )


_HEAD_ROWS = (
    _row(
        "received",
        "一、本年新收政府信息公开申请数量",
        "1. New requests received this year",
        None,
        ("一、新收", "1. new"),
        role="received",
    ),
    _row(
        "carried_over",
        "二、上年结转政府信息公开申请数量",
        "2. Requests carried over from last year",
        None,
        ("二、上年结转", "2. carried over"),
        role="carried_over",
    ),
    _outcome(
        "granted", "（一）予以公开", "(1) Granted", "handled", ("（一）予以公开", "(1) granted")
    ),
    _outcome(
        "partially_granted",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "(2) Partially granted (a request handled in parts counts here only)",
        "handled",
        ("（二）部分公开", "(2) partially granted"),
    ),
    _subtotal(_WITHHELD),
    _outcome(
        "withheld.state_secret",
        "1.属于国家秘密",
        "1. State secret",
        "withheld",
        ("（三）1 国家秘密", "(3)1 state secret"),
    ),
    _outcome(
        "withheld.prohibited_by_law",
        "2.其他法律行政法规禁止公开",
        "2. Disclosure prohibited by other laws and regulations",
        "withheld",
        ("（三）2 法律法规禁止", "(3)2 prohibited by law"),
    ),
    _outcome(
        "withheld.security_stability",
        "3.危及“三安全一稳定”",
        "3. Endangers the three securities and stability",
        "withheld",
        ("（三）3 三安全一稳定", "(3)3 security and stability"),
    ),
    _outcome(
        "withheld.third_party_rights",
        "4.保护第三方合法权益",
        "4. Protects a third party's lawful rights",
        "withheld",
        ("（三）4 第三方权益", "(3)4 third-party rights"),
    ),
    _outcome(
        "withheld.internal_affairs",
        "5.属于三类内部事务信息",
        "5. Internal-affairs information",
        "withheld",
        ("（三）5 内部事务", "(3)5 internal affairs"),
    ),
    _outcome(
        "withheld.process_information",
        "6.属于四类过程性信息",
        "6. Process information",
        "withheld",
        ("（三）6 过程性信息", "(3)6 process information"),
    ),
    _outcome(
        "withheld.enforcement_files",
        "7.属于行政执法案卷",
        "7. Administrative enforcement files",
        "withheld",
        ("（三）7 执法案卷", "(3)7 enforcement files"),
    ),
    _outcome(
        "withheld.inquiry_matters",
        "8.属于行政查询事项",
        "8. Administrative inquiry matters",
        "withheld",
        ("（三）8 查询事项", "(3)8 inquiry matters"),
    ),
    _subtotal(_UNAVAILABLE),
    _outcome(
        "unavailable.not_held",
        "1.本机关不掌握相关政府信息",
        "1. The agency does not hold the information",
        "unavailable",
        ("（四）1 不掌握", "(4)1 not held"),
    ),
    _outcome(
        "unavailable.needs_compilation",
        "2.没有现成信息需要另行制作",
        "2. No ready information; it would have to be compiled",
        "unavailable",
        ("（四）2 需另行制作", "(4)2 needs compiling"),
    ),
    _outcome(
        "unavailable.unclear_after_correction",
        "3.补正后申请内容仍不明确",
        "3. Still unclear after correction",
        "unavailable",
        ("（四）3 补正后仍不明确", "(4)3 unclear after correction"),
    ),
    _subtotal(_NOT_PROCESSED),
    _outcome(
        "not_processed.petitions_complaints",
        "1.信访举报投诉类申请",
        "1. Petitions, reports and complaints",
        "not_processed",
        ("（五）1 信访举报投诉", "(5)1 petitions and complaints"),
    ),
    _outcome(
        "not_processed.repeated",
        "2.重复申请",
        "2. Repeated requests",
        "not_processed",
        ("（五）2 重复申请", "(5)2 repeated"),
    ),
    _outcome(
        "not_processed.publications",
        "3.要求提供公开出版物",
        "3. Requests for public publications",
        "not_processed",
        ("（五）3 公开出版物", "(5)3 publications"),
    ),
    _outcome(
        "not_processed.excessive",
        "4.无正当理由大量反复申请",
        "4. Excessive repeated requests without good reason",
        "not_processed",
        ("（五）4 大量反复申请", "(5)4 excessive requests"),
    ),
    _outcome(
        "not_processed.confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
        "5. Requests to confirm or reissue information already obtained",
        "not_processed",
        ("（五）5 确认或重新出具", "(5)5 confirm or reissue"),
    ),
)

_TAIL_ROWS = (
    _row(
        "total_handled",
        "（七）总计",
        "(7) Total handled",
        "handled",
        ("（七）总计", "(7) total handled"),
        role="total",
    ),
    _row(
        "carried_forward",
        "四、结转下年度继续办理",
        "4. Carried forward to next year",
        None,
        ("四、结转下年", "4. carried forward"),
        role="carried_forward",
    ),
)

_REQUESTS_HEADING = "三、收到和处理政府信息公开申请情况"
_REQUESTS_EN = "Requests for government information received and handled"
_REQUESTS_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

_REQUESTS_2021 = Table(
    key="requests",
    number="三",
    heading=_REQUESTS_HEADING,
    en=_REQUESTS_EN,
    note=_REQUESTS_NOTE,
    caption=APPLICANTS_CAPTION,
    column_groups=(LEGAL_PERSONS,),
    groups=(_HANDLED, _WITHHELD, _UNAVAILABLE, _NOT_PROCESSED, _OTHER_HANDLING),
    rows=(
        *_HEAD_ROWS,
        _subtotal(_OTHER_HANDLING),
        _outcome(
            "other_handling.overdue_correction",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "1. Applicant did not correct the request in time; no longer processed",
            "other_handling",
            ("（六）1 逾期不补正", "(6)1 overdue correction"),
            "1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请",
        ),
        _outcome(
            "other_handling.overdue_fee",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "2. Applicant did not pay the fee in time; no longer processed",
            "other_handling",
            ("（六）2 逾期未缴费", "(6)2 overdue fee"),
            "2.申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其政府信息公开申请",
        ),
        _outcome(
            "other_handling.other",
            "3.其他",
            "3. Other",
            "other_handling",
            ("（六）3 其他", "(6)3 other"),
        ),
        *_TAIL_ROWS,
    ),
)

_REQUESTS_2019 = Table(
    key="requests",
    number="三",
    heading=_REQUESTS_HEADING,
    en=_REQUESTS_EN,
    note=_REQUESTS_NOTE,
    caption=APPLICANTS_CAPTION,
    column_groups=(LEGAL_PERSONS,),
    groups=(_HANDLED, _WITHHELD, _UNAVAILABLE, _NOT_PROCESSED),
    rows=(
        *_HEAD_ROWS,
        _outcome(
            "other_handling",
            "（六）其他处理",
            "(6) Otherwise handled",
            "handled",
            ("（六）其他处理", "(6) otherwise handled"),
        ),
        *_TAIL_ROWS,
    ),
)

# --- 表四: 政府信息公开行政复议、行政诉讼情况 ---------------------------------

OUTCOMES = (
    Column("upheld", "结果维持", "Upheld", short_en="upheld"),
    Column("corrected", "结果纠正", "Corrected", short_en="corrected"),
    Column("other", "其他结果", "Other result", short_en="other result"),
    Column("pending", "尚未审结", "Pending", short_en="pending"),
    Column("total", "总计", "Total", aliases=("合计",), short_en="total"),
)

_REVIEW_LITIGATION = Table(
    key="review_litigation",
    number="四",
    heading="四、政府信息公开行政复议、行政诉讼情况",
    en="Administrative review and litigation over government information",
    heading_aliases=("四、政府信息公开行政复议及行政诉讼情况",),
    groups=(Group("litigation", "行政诉讼", "Administrative litigation"),),
    rows=(
        Row("review", "行政复议", "Administrative review", OUTCOMES, short_en="review"),
        Row(
            "litigation_direct",
            "未经复议直接起诉",
            "Suit without prior review",
            OUTCOMES,
            group="litigation",
            short_zh="直接起诉",
            short_en="direct suit",
        ),
        Row(
            "litigation_after_review",
            "复议后起诉",
            "Suit after review",
            OUTCOMES,
            group="litigation",
            short_en="suit after review",
        ),
    ),
)

# --- the editions -----------------------------------------------------------

E2019 = EditionSpec(
    edition=Edition.E2019,
    notice="国办公开办函〔2019〕60号",
    title="中华人民共和国政府信息公开工作年度报告格式（试行）",
    proactive=_PROACTIVE_2019,
    requests=_REQUESTS_2019,
    review_litigation=_REVIEW_LITIGATION,
    markers=(
        "本年新制作数量",
        "对外公开总数量",
        "上一年项目数量",
        "本年增/减",
        "第二十条第（九）项",
        "政府集中采购",
    ),
)

E2021 = EditionSpec(
    edition=Edition.E2021,
    notice="国办公开办函〔2021〕30号",
    title="中华人民共和国政府信息公开工作年度报告格式",
    proactive=_PROACTIVE_2021,
    requests=_REQUESTS_2021,
    review_litigation=_REVIEW_LITIGATION,
    markers=("本年制发件数", "本年处理决定数量", "本年收费金额", "逾期未按收费通知要求缴纳费用"),
)

#: Section headings of the report, with the variants seen in published reports.
SECTIONS: tuple[tuple[str, ...], ...] = (
    ("一、总体情况",),
    (_PROACTIVE_HEADING, *_PROACTIVE_ALIASES),
    (_REQUESTS_HEADING,),
    ("四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政复议及行政诉讼情况"),
    (
        "五、存在的主要问题及改进情况",
        "五、存在问题及改进情况",
        "五、政府信息公开工作存在的主要问题及改进情况",
    ),
    ("六、其他需要报告的事项",),
)
