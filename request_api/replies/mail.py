"""Email a letter to the applicant with the letter (PDF) and its attachments.

The mail is queued in the outbox with a reference to the stored letter (``detail.letter_id``);
the delivery run renders the PDF and reads the attachments, so the request does not wait for them.
"""

from __future__ import annotations

import logging
from email.message import EmailMessage

from flask import current_app, render_template
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from disclosure.letters import html_to_pdf

from ..agencies import agency_name
from ..models import Application, Notification
from ..services.notifications import SUBJECTS, build_message, commit_and_deliver, queue_mail
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
    """Queue the letter's email to the applicant and hand it to delivery; never raise."""
    if not application.email:
        return False
    detail = {"letter_id": letter.id, "letter": letter.number,
              "attachments": len(letter.attachments)}  # fmt: skip
    try:
        queue_mail(session, application, event_kind(letter), detail)
        commit_and_deliver(session)
    except SQLAlchemyError:
        session.rollback()
        logger.exception("could not queue letter %s of application %s", letter.id, application.id)
        return False
    logger.info("letter %s queued for email", letter.number)
    return True


def compose_letter(session: Session, record: Notification) -> EmailMessage:
    """Render a queued letter email with the letter and its attachments."""
    application = session.get(Application, record.application_id)
    letter = session.get(Letter, record.detail["letter_id"])
    subject = LETTER_SUBJECTS[record.kind].format(receipt_no=application.receipt_no)
    text = render_template(
        "replies/email_letter.txt",
        a=application,
        letter=letter,
        agency=agency_name(application.agency_code),
    )
    message = build_message([record.recipients], subject, text)
    _attach(message, letter)
    return message
