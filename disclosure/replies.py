"""Reply kinds of 条例第三十六条, their fit with the outcome codes, legal bases and remedies.

The outcome code (disclosure/outcomes.py) is what the annual report counts; the reply kind chooses
the letter. Remedies follow the Administrative Reconsideration Law as revised in 2023 (in force
2024-01-01) and the Administrative Litigation Law.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from disclosure.outcomes import OUTCOME_CODES, OutcomeGroup, outcome

REGULATIONS = "《中华人民共和国政府信息公开条例》"
FEE_MEASURES = "《政府信息公开信息处理费管理办法》"
RECONSIDERATION_LAW = "《中华人民共和国行政复议法》"
LITIGATION_LAW = "《中华人民共和国行政诉讼法》"


class ReplyError(ValueError):
    """A reply kind and an outcome code do not fit together, or a code is unknown."""


class ReplyKind(StrEnum):
    """The kind of written reply; it chooses the letter template (条例第三十六条 to 第三十九条)."""

    PROACTIVELY_DISCLOSED = "proactively_disclosed"  # 第三十六条第（一）项
    PROVIDED = "provided"  # 第三十六条第（二）项
    PARTLY_PROVIDED = "partly_provided"  # 第三十七条
    REFUSED = "refused"  # 第三十六条第（三）项
    NOT_EXIST = "not_exist"  # 第三十六条第（四）项
    NOT_THIS_AGENCY = "not_this_agency"  # 第三十六条第（五）项
    REPEATED = "repeated"  # 第三十六条第（六）项
    SPECIAL_REGISTER = "special_register"  # 第三十六条第（七）项
    NEEDS_CREATION = "needs_creation"  # 第三十八条
    UNCLEAR = "unclear"  # 第三十条
    NOT_AN_APPLICATION = "not_an_application"  # 第三十九条第一款
    PUBLICATION = "publication"  # 第三十九条第二款
    EXCESSIVE = "excessive"  # 第三十五条
    CONFIRMATION = "confirmation"  # 第二条、第三十八条
    NO_CORRECTION = "no_correction"  # 第三十条
    FEE_UNPAID = "fee_unpaid"  # 信息处理费管理办法
    WITHDRAWN = "withdrawn"
    CLOSED_OTHER = "closed_other"

    @property
    def label(self) -> str:
        """Return the Chinese name staff see when choosing the reply."""
        return _LABELS[self]

    @property
    def title(self) -> str:
        """Return the letter's title (without the agency name)."""
        if self in _CLOSING:
            return "政府信息公开申请终止处理告知书"
        return "政府信息公开申请答复书"


_LABELS: dict[ReplyKind, str] = {
    ReplyKind.PROACTIVELY_DISCLOSED: "已主动公开（告知获取方式和途径）",
    ReplyKind.PROVIDED: "予以公开（提供信息或告知获取方式）",
    ReplyKind.PARTLY_PROVIDED: "部分公开（区分处理）",
    ReplyKind.REFUSED: "不予公开",
    ReplyKind.NOT_EXIST: "信息不存在",
    ReplyKind.NOT_THIS_AGENCY: "非本机关负责公开（告知负责机关）",
    ReplyKind.REPEATED: "重复申请（不予重复处理）",
    ReplyKind.SPECIAL_REGISTER: "工商、不动产登记资料等（依特别规定办理）",
    ReplyKind.NEEDS_CREATION: "没有现成信息，需另行制作或加工分析",
    ReplyKind.UNCLEAR: "补正后申请内容仍不明确",
    ReplyKind.NOT_AN_APPLICATION: "信访、投诉、举报类（不作为申请处理）",
    ReplyKind.PUBLICATION: "要求提供公开出版物（告知获取途径）",
    ReplyKind.EXCESSIVE: "申请数量、频次明显超过合理范围（不予处理）",
    ReplyKind.CONFIRMATION: "要求确认或重新出具已获取信息",
    ReplyKind.NO_CORRECTION: "逾期未补正，视为放弃申请",
    ReplyKind.FEE_UNPAID: "逾期未缴纳信息处理费，视为放弃申请",
    ReplyKind.WITHDRAWN: "申请人撤回申请",
    ReplyKind.CLOSED_OTHER: "其他情形终止处理",
}

_CLOSING = frozenset(
    {ReplyKind.NO_CORRECTION, ReplyKind.FEE_UNPAID, ReplyKind.WITHDRAWN, ReplyKind.CLOSED_OTHER}
)

# Outcome codes of table 三 that never go with a particular kind are simply absent.
_WITHHELD_BY_REFUSAL = tuple(
    c for c in OUTCOME_CODES if c.startswith("withheld_") and c != "withheld_inquiry_matter"
)
KIND_OUTCOMES: dict[ReplyKind, tuple[str, ...]] = {
    ReplyKind.PROACTIVELY_DISCLOSED: ("disclosed",),
    ReplyKind.PROVIDED: ("disclosed",),
    ReplyKind.PARTLY_PROVIDED: ("partly_disclosed",),
    ReplyKind.REFUSED: _WITHHELD_BY_REFUSAL,
    # 36(7) registers with their own access rules are reported as 行政查询事项 in table 三.
    ReplyKind.SPECIAL_REGISTER: ("withheld_inquiry_matter",),
    ReplyKind.NOT_EXIST: ("unavailable_not_held",),
    ReplyKind.NOT_THIS_AGENCY: ("unavailable_not_held",),
    ReplyKind.NEEDS_CREATION: ("unavailable_needs_creation",),
    ReplyKind.UNCLEAR: ("unavailable_unclear_after_correction",),
    ReplyKind.NOT_AN_APPLICATION: ("not_processed_petition",),
    ReplyKind.REPEATED: ("not_processed_repeated",),
    ReplyKind.PUBLICATION: ("not_processed_publication",),
    ReplyKind.EXCESSIVE: ("not_processed_excessive",),
    ReplyKind.CONFIRMATION: ("not_processed_confirmation",),
    ReplyKind.NO_CORRECTION: ("other_no_correction",),
    ReplyKind.FEE_UNPAID: ("other_fee_unpaid",),
    ReplyKind.WITHDRAWN: ("other",),
    ReplyKind.CLOSED_OTHER: ("other",),
}


def outcomes_for(kind: ReplyKind) -> tuple[str, ...]:
    """Return the outcome codes a reply of this kind may record, in table 三 order."""
    return KIND_OUTCOMES[ReplyKind(kind)]


def kinds_for(code: str) -> tuple[ReplyKind, ...]:
    """Return the reply kinds that may close a request with this outcome code."""
    outcome(code)  # raises on an unknown code
    return tuple(k for k, codes in KIND_OUTCOMES.items() if code in codes)


def check_reply(kind: ReplyKind | str, code: str) -> None:
    """Raise ReplyError unless the reply kind and the outcome code fit together."""
    try:
        kind = ReplyKind(kind)
        outcome(code)
    except (ValueError, KeyError) as exc:
        raise ReplyError(f"答复类型或办理结果代码无效：{kind}，{code}") from exc
    if code not in KIND_OUTCOMES[kind]:
        raise ReplyError(f"答复类型“{kind.label}”不能与办理结果“{outcome(code).label}”同时使用。")


@dataclass(frozen=True)
class LegalBasis:
    """The article a reply rests on and the reason stated in the letter."""

    citation: str
    reason: str

    @property
    def sentence(self) -> str:
        """Return the basis as one sentence for the letter."""
        return f"根据{self.citation}的规定，{self.reason}。"


def _reg(articles: str) -> str:
    """Cite articles of the Regulations."""
    return f"{REGULATIONS}{articles}"


# Basis per outcome code (条例 articles as cited in each entry).
OUTCOME_BASIS: dict[str, LegalBasis] = {
    "disclosed": LegalBasis(
        _reg("第三十六条第（二）项"),
        "所申请公开的信息可以公开，本机关向您提供该信息，或者告知获取的方式、途径和时间",
    ),
    "partly_disclosed": LegalBasis(
        _reg("第三十七条"),
        "所申请的信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理，"
        "本机关提供可以公开的部分，并对不予公开的部分说明理由",
    ),
    "withheld_state_secret": LegalBasis(
        _reg("第十四条、第三十六条第（三）项"), "所申请公开的信息依法确定为国家秘密，不予公开"
    ),
    "withheld_prohibited_by_law": LegalBasis(
        _reg("第十四条、第三十六条第（三）项"),
        "所申请公开的信息属于法律、行政法规禁止公开的信息，不予公开",
    ),
    "withheld_security_stability": LegalBasis(
        _reg("第十四条、第三十六条第（三）项"),
        "所申请公开的信息公开后可能危及国家安全、公共安全、经济安全或者社会稳定，不予公开",
    ),
    "withheld_third_party": LegalBasis(
        _reg("第十五条、第三十二条、第三十六条第（三）项"),
        "所申请公开的信息涉及商业秘密、个人隐私等，公开会损害第三方合法权益，"
        "第三方未同意公开，且不公开不会对公共利益造成重大影响，不予公开",
    ),
    "withheld_internal_affairs": LegalBasis(
        _reg("第十六条第一款、第三十六条第（三）项"),
        "所申请公开的信息属于人事管理、后勤管理、内部工作流程等内部事务信息，不予公开",
    ),
    "withheld_process_info": LegalBasis(
        _reg("第十六条第二款、第三十六条第（三）项"),
        "所申请公开的信息属于履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、"
        "请示报告等过程性信息，不予公开",
    ),
    "withheld_enforcement_file": LegalBasis(
        _reg("第十六条第二款、第三十六条第（三）项"),
        "所申请公开的信息属于行政执法案卷信息，不予公开",
    ),
    "withheld_inquiry_matter": LegalBasis(
        _reg("第三十六条第（七）项"),
        "所申请的信息属于工商、不动产登记资料等信息，有关法律、行政法规对其获取另有特别规定，"
        "请您依照相关规定办理查询",
    ),
    "unavailable_not_held": LegalBasis(
        _reg("第三十六条第（四）项"), "经检索，本机关没有所申请公开的信息，该政府信息不存在"
    ),
    "unavailable_needs_creation": LegalBasis(
        _reg("第三十八条"),
        "本机关提供的应当是已经制作或者获取的政府信息；您所申请的内容需要本机关另行制作，"
        "或者对现有信息进行加工、分析，本机关不予提供",
    ),
    "unavailable_unclear_after_correction": LegalBasis(
        _reg("第二十九条第二款、第三十条"),
        "本机关已一次性告知补正，补正后的申请内容仍不明确，无法确定您所申请的政府信息",
    ),
    "not_processed_petition": LegalBasis(
        _reg("第三十九条第一款"),
        "您以政府信息公开申请的形式进行信访、投诉、举报等活动，本机关不作为政府信息公开申请处理，"
        "您可以通过相应渠道提出",
    ),
    "not_processed_repeated": LegalBasis(
        _reg("第三十六条第（六）项"),
        "本机关已就您此前提出的政府信息公开申请作出答复，您重复申请公开相同的政府信息，"
        "本机关不予重复处理",
    ),
    "not_processed_publication": LegalBasis(
        _reg("第三十九条第二款"),
        "您申请获取的是政府公报、报刊、书籍等公开出版物，本机关告知您获取的途径",
    ),
    "not_processed_excessive": LegalBasis(
        _reg("第三十五条"),
        "您申请公开政府信息的数量、频次明显超过合理范围，经要求说明理由，本机关认为申请理由不合理，"
        "不予处理",
    ),
    "not_processed_confirmation": LegalBasis(
        _reg("第二条、第三十八条"),
        "您要求本机关对已获取的信息予以确认或者重新出具，不属于获取已制作或者获取的政府信息，"
        "本机关不作为政府信息公开申请处理",
    ),
    "other_no_correction": LegalBasis(
        _reg("第三十条"),
        "您无正当理由逾期未补正，视为放弃申请，本机关不再处理该政府信息公开申请",
    ),
    "other_fee_unpaid": LegalBasis(
        FEE_MEASURES,
        "您未在规定期限内缴纳信息处理费，视为放弃申请，本机关不再处理该政府信息公开申请",
    ),
    "other": LegalBasis(REGULATIONS, "本机关终止处理该政府信息公开申请"),
}

# Kinds whose basis differs from their outcome's.
KIND_BASIS: dict[ReplyKind, LegalBasis] = {
    ReplyKind.PROACTIVELY_DISCLOSED: LegalBasis(
        _reg("第三十六条第（一）项"),
        "所申请公开的信息已经主动公开，本机关告知您获取该信息的方式和途径",
    ),
    ReplyKind.NOT_THIS_AGENCY: LegalBasis(
        _reg("第三十六条第（五）项"),
        "所申请公开的信息不属于本机关负责公开的范围",
    ),
    ReplyKind.WITHDRAWN: LegalBasis(REGULATIONS, "您已撤回该政府信息公开申请，本机关终止处理"),
}


def legal_basis(kind: ReplyKind | str, code: str) -> LegalBasis:
    """Return the legal basis for a reply kind with an outcome code (checked to fit)."""
    check_reply(kind, code)
    return KIND_BASIS.get(ReplyKind(kind)) or OUTCOME_BASIS[code]


class RemedyRule(StrEnum):
    """Which remedies a letter offers."""

    CHOICE = "choice"  # reconsideration or a lawsuit, as the applicant prefers
    RECONSIDERATION_FIRST = "reconsideration_first"  # 行政复议法第二十三条第一款第（四）项
    SPLIT = "split"  # partly disclosed: the withheld part needs reconsideration first


# 行政复议法（2023年修订）第二十三条第一款第（四）项: "申请政府信息公开，行政机关不予公开" must
# go to reconsideration before any lawsuit. All eight rows of （三）不予公开 count, including
# 8.行政查询事项 (条例第三十六条第（七）项): table 三 reports it as a refusal, and telling the
# applicant to seek reconsideration first never costs a remedy, while a wrongly offered direct
# lawsuit may be dismissed. The withheld part of a partial disclosure (条例第三十七条) is a
# refusal too.
# Not refusals: information not held or not this agency's, not processed, closed (no 不予公开 made).
REFUSAL_OUTCOMES: frozenset[str] = frozenset(
    o.code for o in map(outcome, OUTCOME_CODES) if o.group is OutcomeGroup.WITHHELD
)


@dataclass(frozen=True)
class Remedies:
    """The remedies paragraph of a letter and the rule it follows."""

    rule: RemedyRule
    text: str

    @property
    def offers_direct_lawsuit(self) -> bool:
        """Tell whether the letter lets the applicant sue without reconsideration."""
        return self.rule is not RemedyRule.RECONSIDERATION_FIRST


def remedy_rule(code: str) -> RemedyRule:
    """Return the remedy rule for an outcome code."""
    outcome(code)
    if code in REFUSAL_OUTCOMES:
        return RemedyRule.RECONSIDERATION_FIRST
    if code == "partly_disclosed":
        return RemedyRule.SPLIT
    return RemedyRule.CHOICE


def _choice(body: str) -> str:
    """Return the either-or remedies clause."""
    # 行政复议法第二十条第一款 (60 days), 第二十四条第一款第（一）项 (same-level government for a
    # local department); 行政诉讼法第四十六条第一款 (6 months).
    return (
        f"可以自收到本答复之日起六十日内向{body}申请行政复议，"
        "也可以自收到本答复之日起六个月内依法向人民法院提起行政诉讼"
    )


def _first(body: str) -> str:
    """Return the reconsideration-first clause."""
    # 行政复议法第二十三条第一款第（四）项; 行政诉讼法第四十五条 (15 days after the decision).
    return (
        f"依照{RECONSIDERATION_LAW}第二十三条第一款第（四）项的规定，您应当先自收到本答复之日起"
        f"六十日内向{body}申请行政复议，不能直接向人民法院提起行政诉讼；对行政复议决定不服的，"
        "可以自收到行政复议决定书之日起十五日内依法向人民法院提起行政诉讼，"
        "行政复议机关逾期不作决定的，可以自复议期满之日起十五日内依法提起行政诉讼"
    )


def remedies(code: str, reconsideration_body: str) -> Remedies:
    """Return the remedies for an outcome code, naming the reconsideration body.

    Args:
        code: the outcome code of the reply.
        reconsideration_body: the reconsideration organ, e.g. 云溪市人民政府 for a city department
            (行政复议法第二十四条); vertically led agencies name their superior (第二十七条).
    """
    if not reconsideration_body.strip():
        raise ReplyError("未设置行政复议机关，无法告知救济途径。")
    rule = remedy_rule(code)
    if rule is RemedyRule.RECONSIDERATION_FIRST:
        text = (
            "本答复系对您的政府信息公开申请作出的不予公开决定。"
            f"如对本答复不服，{_first(reconsideration_body)}。"
        )
    elif rule is RemedyRule.SPLIT:
        text = (
            f"对本答复中不予公开的部分不服的，{_first(reconsideration_body)}。"
            f"对本答复其余部分不服的，您{_choice(reconsideration_body)}。"
        )
    else:
        text = f"如对本答复不服，您{_choice(reconsideration_body)}。"
    return Remedies(rule, text)
