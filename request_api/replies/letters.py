"""Build letter contexts for an application from staff input, and render them."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from flask import current_app

from disclosure.fees import FeeAssessment
from disclosure.letters import LetterContext, Letterhead, NoticeKind, format_letter_number
from disclosure.letters import render_html as _render_html

from ..agencies import agency_by_code
from ..choices import DELIVERY, MEDIA
from ..models import Application

PREVIEW_SERIAL_TEXT = "（发出时编号）"
SUMMARY_MAX = 300
REPLY_TEXT_FIELDS = (
    "facts",
    "reason",
    "location",
    "right_agency",
    "right_agency_contact",
    "previous_reply",
)


def reconsideration_body(agency_code: str) -> str:
    """Return the agency's reconsideration organ (行政复议法第二十四条: same-level government).

    RECONSIDERATION_BODIES overrides the registry's reconsideration_body, which overrides the
    RECONSIDERATION_BODY default.
    """
    bodies = current_app.config.get("RECONSIDERATION_BODIES") or {}
    agency = agency_by_code(agency_code)
    registered = agency.reconsideration_body if agency else ""
    default = current_app.config.get("RECONSIDERATION_BODY") or ""
    return bodies.get(agency_code) or registered or default


def letterhead(agency_code: str) -> Letterhead:
    """Return the letterhead of an agency from agencies.yaml."""
    agency = agency_by_code(agency_code)
    if agency is None:
        raise LookupError(f"未知的机关：{agency_code}")
    entry = dataclasses.asdict(agency) | {"reconsideration_body": reconsideration_body(agency_code)}
    return Letterhead.from_agency(entry)


def preview_number(head: Letterhead, year: int) -> str:
    """Return the number shown in a preview, before a serial is taken."""
    return f"{head.reply_prefix}〔{year}〕{PREVIEW_SERIAL_TEXT}号"


def letter_number(head: Letterhead, year: int, serial: int) -> str:
    """Return the final letter number, e.g. 云财公复〔2026〕12号."""
    return format_letter_number(head.reply_prefix, year, serial)


def delivery_text(application: Application) -> str:
    """Return the form and way of delivery the applicant asked for (条例第四十条)."""
    medium = MEDIA.get(application.medium, application.medium)
    way = DELIVERY.get(application.delivery, application.delivery)
    return f"按您申请的{medium}形式，通过{way}方式提供"


def _summary(application: Application) -> str:
    """Return the information sought, shortened for the letter's opening."""
    text = " ".join(application.description.split())
    return text if len(text) <= SUMMARY_MAX else text[:SUMMARY_MAX] + "……"


def base_fields(application: Application, number: str, issued_on: date) -> dict:
    """Return the fields every letter about this application shares."""
    return {
        "agency": letterhead(application.agency_code),
        "letter_number": number,
        "issued_on": issued_on,
        "applicant_name": application.name,
        "received_on": application.received_on,
        "receipt_number": application.receipt_no,
        "request_summary": _summary(application),
    }


def reply_context(
    application: Application, data: Mapping, number: str, attachments: tuple[str, ...] = ()
) -> LetterContext:
    """Return the context of a reply letter (raises LetterError listing what is missing)."""
    fields = base_fields(application, number, data["date"])
    fields.update({k: data.get(k) or "" for k in REPLY_TEXT_FIELDS})
    fields.update(
        reply_kind=data["reply_kind"],
        outcome=data["outcome"],
        attachments=attachments,
        delivery=delivery_text(application) if data["outcome"] in DELIVERED else "",
    )
    return LetterContext(**fields)


DELIVERED = frozenset({"disclosed", "partly_disclosed"})


def notice_context(
    application: Application,
    kind: NoticeKind,
    data: Mapping,
    number: str,
    fee: FeeAssessment | None = None,
) -> LetterContext:
    """Return the context of a fee, correction or extension notice."""
    fields = base_fields(application, number, data["date"])
    fields.update(notice=kind, reason=data.get("reason") or "", fee=fee)
    if kind is NoticeKind.FEE:
        fields["payment_instructions"] = data.get("payment_instructions") or ""
    elif kind is NoticeKind.CORRECTION:
        fields["correction_items"] = tuple(data.get("items") or ())
        fields["correction_due"] = data.get("correction_due")
    else:
        fields["extension_reason"] = data.get("reason") or ""
        fields["original_due"] = data.get("original_due")
        fields["extended_due"] = data.get("extended_due")
    return LetterContext(**fields)


def render(ctx: LetterContext) -> str:
    """Render a letter to HTML, with the agency's templates in content/letters/<code> first."""
    return _render_html(ctx, Path(current_app.config["CONTENT_DIR"]) / "letters")
