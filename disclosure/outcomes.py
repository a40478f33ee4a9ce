"""Outcome codes of a reply, one per outcome row of annual-report table 三 (2021 format)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class OutcomeGroup(StrEnum):
    """The seven outcome groups of table 三, section 三."""

    DISCLOSED = "（一）予以公开"
    PARTLY = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    WITHHELD = "（三）不予公开"
    UNAVAILABLE = "（四）无法提供"
    NOT_PROCESSED = "（五）不予处理"
    OTHER = "（六）其他处理"


@dataclass(frozen=True)
class Outcome:
    """One outcome row: its code, its group and its official label."""

    code: str
    group: OutcomeGroup
    label: str


# Official order of table 三; the annual report relies on this order.
OUTCOMES: tuple[Outcome, ...] = (
    Outcome("disclosed", OutcomeGroup.DISCLOSED, "（一）予以公开"),
    Outcome(
        "partly_disclosed",
        OutcomeGroup.PARTLY,
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    ),
    Outcome("withheld_state_secret", OutcomeGroup.WITHHELD, "1.属于国家秘密"),
    Outcome("withheld_prohibited_by_law", OutcomeGroup.WITHHELD, "2.其他法律行政法规禁止公开"),
    Outcome("withheld_security_stability", OutcomeGroup.WITHHELD, "3.危及“三安全一稳定”"),
    Outcome("withheld_third_party", OutcomeGroup.WITHHELD, "4.保护第三方合法权益"),
    Outcome("withheld_internal_affairs", OutcomeGroup.WITHHELD, "5.属于三类内部事务信息"),
    Outcome("withheld_process_info", OutcomeGroup.WITHHELD, "6.属于四类过程性信息"),
    Outcome("withheld_enforcement_file", OutcomeGroup.WITHHELD, "7.属于行政执法案卷"),
    Outcome("withheld_inquiry_matter", OutcomeGroup.WITHHELD, "8.属于行政查询事项"),
    Outcome("unavailable_not_held", OutcomeGroup.UNAVAILABLE, "1.本机关不掌握相关政府信息"),
    Outcome("unavailable_needs_creation", OutcomeGroup.UNAVAILABLE, "2.没有现成信息需要另行制作"),
    Outcome(
        "unavailable_unclear_after_correction",
        OutcomeGroup.UNAVAILABLE,
        "3.补正后申请内容仍不明确",
    ),
    Outcome("not_processed_petition", OutcomeGroup.NOT_PROCESSED, "1.信访举报投诉类申请"),
    Outcome("not_processed_repeated", OutcomeGroup.NOT_PROCESSED, "2.重复申请"),
    Outcome("not_processed_publication", OutcomeGroup.NOT_PROCESSED, "3.要求提供公开出版物"),
    Outcome("not_processed_excessive", OutcomeGroup.NOT_PROCESSED, "4.无正当理由大量反复申请"),
    Outcome(
        "not_processed_confirmation",
        OutcomeGroup.NOT_PROCESSED,
        "5.要求行政机关确认或重新出具已获取信息",
    ),
    Outcome(
        "other_no_correction",
        OutcomeGroup.OTHER,
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    Outcome(
        "other_fee_unpaid",
        OutcomeGroup.OTHER,
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    Outcome("other", OutcomeGroup.OTHER, "3.其他"),
)

OUTCOME_CODES: tuple[str, ...] = tuple(o.code for o in OUTCOMES)
OUTCOME_BY_CODE: dict[str, Outcome] = {o.code: o for o in OUTCOMES}


def outcome(code: str) -> Outcome:
    """Return the outcome for a code, or raise KeyError naming the unknown code."""
    try:
        return OUTCOME_BY_CODE[code]
    except KeyError:
        raise KeyError(f"未知的办理结果代码：{code}") from None
