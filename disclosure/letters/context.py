"""What a letter needs: the agency's letterhead, the request, the decision or the notice."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from disclosure.fees import FeeAssessment
from disclosure.replies import (
    LegalBasis,
    Remedies,
    ReplyError,
    ReplyKind,
    check_reply,
    legal_basis,
    remedies,
)

_PREFIX = re.compile(r"[^\s〔〕\[\]]+")


class LetterError(ValueError):
    """A letter cannot be produced from its context; the message lists what is missing."""


class NoticeKind(StrEnum):
    """Notices sent while a request is open (条例第三十条、第三十三条; 信息处理费管理办法)."""

    FEE = "fee"
    CORRECTION = "correction"
    EXTENSION = "extension"

    @property
    def title(self) -> str:
        """Return the notice's title (without the agency name)."""
        return {
            "fee": "政府信息公开信息处理费收费通知书",
            "correction": "政府信息公开申请补正告知书",
            "extension": "政府信息公开申请延期答复告知书",
        }[self.value]


def format_letter_number(prefix: str, year: int, n: int) -> str:
    """Format a letter number such as 云财公复〔2026〕12号 (serial per agency and year, no gaps)."""
    if not _PREFIX.fullmatch(prefix or ""):
        raise LetterError(f"文号前缀不正确：{prefix!r}")
    if not 1000 <= year <= 9999 or n < 1:
        raise LetterError(f"文号年份或序号不正确：{year}，{n}")
    return f"{prefix}〔{year}〕{n}号"


@dataclass(frozen=True)
class Letterhead:
    """The agency sending the letter, as in content/agencies.yaml plus its reconsideration body."""

    code: str
    name: str
    reply_prefix: str
    reconsideration_body: str
    office: str = ""
    address: str = ""
    postcode: str = ""
    phone: str = ""
    email: str = ""

    @classmethod
    def from_agency(
        cls, agency: Mapping[str, Any] | Any, reconsideration_body: str = ""
    ) -> Letterhead:
        """Build a letterhead from an agencies.yaml entry or an agencies.Agency.

        The entry's own reconsideration_body, when it has one, wins over the argument.
        """

        def get(key: str) -> str:
            value = agency.get(key) if isinstance(agency, Mapping) else getattr(agency, key, "")
            return str(value or "")

        return cls(
            code=get("code"),
            name=get("name"),
            reply_prefix=get("reply_prefix"),
            reconsideration_body=get("reconsideration_body") or reconsideration_body,
            office=get("office"),
            address=get("address"),
            postcode=get("postcode"),
            phone=get("phone"),
            email=get("email"),
        )


@dataclass(frozen=True)
class LetterContext:
    """Everything one letter needs; either a reply (reply_kind and outcome) or a notice.

    Free text (applicant name, request summary, facts, reasons) is plain text: the templates escape
    it and turn line breaks into paragraphs.
    """

    agency: Letterhead
    letter_number: str
    issued_on: date
    applicant_name: str
    received_on: date  # date of receipt under 条例第三十一条
    receipt_number: str
    request_summary: str  # the information sought, as the applicant described it
    reply_kind: ReplyKind | None = None
    outcome: str | None = None
    notice: NoticeKind | None = None
    facts: str = ""  # what the agency did: searches, consultations (条例第三十二条)
    reason: str = ""  # the specific reasons for withholding (条例第三十六条第（三）项、第三十七条)
    location: str = ""  # where or how to obtain it (第三十六条第（一）、（七）项, 第三十九条第二款)
    right_agency: str = ""  # the agency responsible (第三十六条第（五）项)
    right_agency_contact: str = ""
    previous_reply: str = ""  # the earlier reply, for repeated applications (第三十六条第（六）项)
    delivery: str = ""  # form and way of delivery (第四十条)
    attachments: tuple[str, ...] = ()
    fee: FeeAssessment | None = None
    payment_instructions: str = ""
    correction_items: tuple[str, ...] = ()
    correction_due: date | None = None
    original_due: date | None = None
    extended_due: date | None = None
    extension_reason: str = ""
    extra: Mapping[str, str] = field(default_factory=dict)  # for agency templates

    def __post_init__(self) -> None:
        errors = self.problems()
        if errors:
            raise LetterError("；".join(errors))

    @property
    def title(self) -> str:
        """Return the letter's title without the agency name."""
        if self.notice is not None:
            return self.notice.title
        assert self.reply_kind is not None
        return self.reply_kind.title

    @property
    def basis(self) -> LegalBasis | None:
        """Return the legal basis of a reply, None for a notice."""
        if self.reply_kind is None or self.outcome is None:
            return None
        return legal_basis(self.reply_kind, self.outcome)

    @property
    def remedies(self) -> Remedies | None:
        """Return the remedies of a reply, None for a notice."""
        if self.outcome is None:
            return None
        return remedies(self.outcome, self.agency.reconsideration_body)

    def template_names(self) -> list[str]:
        """Return the template names to try, most specific first."""
        if self.notice is not None:
            return [f"notice/{self.notice.value}.html"]
        return [f"reply/{self.reply_kind}.{self.outcome}.html", f"reply/{self.reply_kind}.html"]

    def problems(self) -> list[str]:
        """Return what prevents this letter from being produced, in Chinese."""
        errors = [m for ok, m in _common_checks(self) if not ok]
        if (self.reply_kind is None) == (self.notice is None):
            return errors + ["文书必须是答复书或告知书中的一种"]
        if self.notice is not None:
            return errors + [m for ok, m in _NOTICE_CHECKS[self.notice](self) if not ok]
        try:
            check_reply(self.reply_kind, self.outcome or "")
        except ReplyError as exc:
            return errors + [str(exc)]
        if not self.agency.reconsideration_body.strip():
            errors.append("未设置行政复议机关，无法告知救济途径")
        return errors + [m for ok, m in _REPLY_CHECKS.get(self.reply_kind, _none)(self) if not ok]


Check = list[tuple[bool, str]]


def _none(ctx: LetterContext) -> Check:
    """Return no checks (kinds without extra requirements)."""
    return []


def _common_checks(ctx: LetterContext) -> Check:
    """Return the checks every letter must pass."""
    return [
        (bool(ctx.applicant_name.strip()), "缺少申请人姓名或名称"),
        (bool(ctx.letter_number.strip()), "缺少文号"),
        (bool(ctx.receipt_number.strip()), "缺少申请编号"),
        (ctx.issued_on >= ctx.received_on, "文书日期不能早于收到申请的日期"),
    ]


_REPLY_CHECKS = {
    # 第三十六条第（一）项: tell the applicant where the information was published.
    ReplyKind.PROACTIVELY_DISCLOSED: lambda c: [(bool(c.location), "请填写获取该信息的方式和途径")],
    # 第三十七条 and 第三十六条第（三）项: reasons for what is withheld.
    ReplyKind.PARTLY_PROVIDED: lambda c: [(bool(c.reason), "请说明不予公开部分的理由")],
    ReplyKind.REFUSED: lambda c: [(bool(c.reason), "请说明不予公开的具体理由")],
    # 第三十六条第（六）项: name the earlier reply.
    ReplyKind.REPEATED: lambda c: [(bool(c.previous_reply), "请填写此前已作出的答复")],
    # 第三十六条第（七）项: point to the special procedure.
    ReplyKind.SPECIAL_REGISTER: lambda c: [(bool(c.location), "请填写依特别规定办理查询的途径")],
}

_NOTICE_CHECKS = {
    NoticeKind.FEE: lambda c: [
        (c.fee is not None and not c.fee.is_free, "收费通知必须载明应缴纳的信息处理费"),
        (bool(c.payment_instructions), "请填写缴费方式"),
    ],
    NoticeKind.CORRECTION: lambda c: [
        (bool(c.correction_items), "请列明需要补正的事项"),
        (c.correction_due is not None, "请填写补正期限"),
    ],
    NoticeKind.EXTENSION: lambda c: [
        (c.extended_due is not None, "请填写延长后的答复期限"),
        (bool(c.extension_reason), "请说明延期答复的理由"),
    ],
}
