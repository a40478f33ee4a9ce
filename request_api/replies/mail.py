"""Email a letter to the applicant with the letter (PDF) and its attachments."""

from __future__ import annotations

import logging
import smtplib

from flask import current_app, render_template
from sqlalchemy.orm import Session

from disclosure.letters import html_to_pdf

from ..agencies import agency_name
from ..models import Application, Notification
from ..services.notifications import SUBJECTS, build_message, deliver
from . import storage
from .models import Letter

logger = logging.getLogger(__name__)

LETTER_SUBJECTS = {
    **SUBJECTS,
    "fee_notice_sent": "政府信息公开信息处理费收费通知（{receipt_no}）",
    "withdrawn": "政府信息公开申请终止处理告知（{receipt_no}）",
    "abandoned": "政府信息公开申请终止处理告知（{receipt_no}）",
}
KIND_EVENTS = {
    "fee": "fee_notice_sent",
    "correction": "correction_requested",
    "extension": "extended",
}


def event_kind(letter: Letter) -> str:
    """Return the event type a letter went with."""
    if letter.kind in KIND_EVENTS:
        return KIND_EVENTS[letter.kind]
    return {"other_no_correction": "abandoned", "other_fee_unpaid": "abandoned"}.get(
        letter.outcome or "", "withdrawn" if letter.reply_kind == "withdrawn" else "replied"
    )


def letter_pdf(letter: Letter) -> bytes:
    """Return the PDF of a stored letter, rendered from its HTML snapshot."""
    return html_to_pdf(letter.html)


def _attach(message, letter: Letter) -> None:
    """Attach the letter and its files to an email."""
    if current_app.config.get("REPLY_EMAIL_LETTER_FORMAT", "pdf") == "html":
        message.add_attachment(
            letter.html.encode(), maintype="text", subtype="html", filename=f"{letter.number}.html"
        )
    else:
        message.add_attachment(
            letter_pdf(letter),
            maintype="application",
            subtype="pdf",
            filename=f"{letter.number}.pdf",
        )
    for item in letter.attachments:
        maintype, subtype = item.media_type.split("/", 1)
        data = storage.path_of(item.storage_name).read_bytes()
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=item.filename)


def send_letter(session: Session, application: Application, letter: Letter) -> bool:
    """Email the letter to the applicant; a failure is logged, never raised."""
    if not application.email:
        return False
    kind = event_kind(letter)
    subject = LETTER_SUBJECTS[kind].format(receipt_no=application.receipt_no)
    text = render_template(
        "replies/email_letter.txt",
        a=application,
        letter=letter,
        agency=agency_name(application.agency_code),
    )
    try:
        message = build_message([application.email], subject, text)
        _attach(message, letter)
        transport = deliver(message, f"{application.id}-{kind}")
    except (OSError, smtplib.SMTPException):
        logger.exception("could not send letter %s of application %s", letter.id, application.id)
        return False
    session.add(
        Notification(
            application_id=application.id,
            agency_code=application.agency_code,
            kind=kind,
            recipients=application.email,
            transport=transport,
            detail={"letter": letter.number, "attachments": len(letter.attachments)},
        )
    )
    session.commit()
    logger.info("letter %s emailed by %s", letter.number, transport)
    return True
