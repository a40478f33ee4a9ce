"""Email to applicants and staff: SMTP when configured, else .eml files in the outbox folder.

Every mail is queued as a ``notifications`` row (status ``queued``) in the same transaction as
the change it reports, so it is never lost; ``services/outbox.py`` renders and delivers it after
the response. ``detail`` holds what rendering needs (``context``: the tracking code, the event;
``letter_id``; a digest's ``message``); the tracking code and a digest's text are removed once the
mail has gone.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from flask import current_app, render_template
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from ..agencies import agency_name
from ..models import Application, Event, NoticeStatus, Notification, utcnow

logger = logging.getLogger(__name__)

SUBJECTS = {
    "received": "您的政府信息公开申请已收到（{receipt_no}）",
    "correction_requested": "政府信息公开申请补正通知（{receipt_no}）",
    "extended": "政府信息公开申请延期答复告知（{receipt_no}）",
    "replied": "政府信息公开申请答复（{receipt_no}）",
}


def build_message(to: list[str], subject: str, text: str, html: str | None = None) -> EmailMessage:
    """Build a UTF-8 email with a plain-text body and an optional HTML alternative."""
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = ", ".join(to)
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="disclosure.local")
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    return message


def deliver(message: EmailMessage, label: str) -> str:
    """Send message by SMTP if configured, else write an .eml file; return the transport."""
    config = current_app.config
    if config.get("SMTP_HOST"):
        with smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=30) as smtp:
            if config.get("SMTP_STARTTLS"):
                smtp.starttls()
            if config.get("SMTP_USER"):
                smtp.login(config["SMTP_USER"], config["SMTP_PASSWORD"])
            smtp.send_message(message)
        return "smtp"
    outbox = Path(config["OUTBOX_DIR"])
    outbox.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
    (outbox / f"{stamp}-{label}.eml").write_bytes(bytes(message))
    return "file"


def queue_notice(
    session: Session,
    application: Application,
    kind: str,
    *,
    tracking_code: str | None = None,
    event: Event | None = None,
) -> Notification | None:
    """Add the applicant's notice to the outbox in the caller's transaction (no commit)."""
    if not application.email or kind not in SUBJECTS:
        return None
    if application.id is None or (event is not None and event.id is None):
        session.flush()
    context = {"tracking_code": tracking_code} if tracking_code else {}
    if event is not None:
        context["event_id"] = event.id
    return queue_mail(session, application, kind, {"context": context})


def queue_mail(
    session: Session, application: Application | None, kind: str, detail: dict, **fields
) -> Notification:
    """Add a mail to the outbox in the caller's transaction; fields may set the recipients."""
    if application is not None:
        fields = {"application_id": application.id, "agency_code": application.agency_code,
                  "recipients": application.email, **fields}  # fmt: skip
    record = Notification(
        kind=kind,
        status=NoticeStatus.QUEUED,
        attempts=0,
        next_attempt_at=utcnow(),
        detail=detail,
        **fields,
    )
    session.add(record)
    return record


def commit_and_deliver(session: Session) -> None:
    """Commit the queued mail and hand it to delivery (MAIL_DELIVERY)."""
    session.commit()
    _schedule()


def _schedule() -> None:
    """Hand the committed queue to delivery."""
    from .mailer import schedule_delivery  # the mailer imports the outbox, which imports this

    schedule_delivery()


def notify_applicant(session: Session, application: Application, kind: str, **context) -> None:
    """Queue the applicant's notice, commit it and hand it to delivery; never raise."""
    try:
        if queue_notice(session, application, kind, **context) is None:
            return
        session.commit()
    except SQLAlchemyError:
        session.rollback()
        logger.exception("could not queue %s notice for application %s", kind, application.id)
        return
    _schedule()


def compose(session: Session, record: Notification) -> EmailMessage:
    """Render a queued mail: a letter, a prepared message (digest) or an applicant notice."""
    if "letter_id" in record.detail:
        from ..replies.mail import compose_letter  # replies build on the services, not reverse

        return compose_letter(session, record)
    if "message" in record.detail:
        prepared = record.detail["message"]
        return build_message(record.recipients.split(", "), prepared["subject"], prepared["text"])
    return compose_notice(session, record)


def compose_notice(session: Session, record: Notification) -> EmailMessage:
    """Render a queued applicant notice into an email."""
    application = session.get(Application, record.application_id)
    context = dict(record.detail.get("context") or {})
    event_id = context.pop("event_id", None)
    event = session.get(Event, event_id) if event_id is not None else None
    subject = SUBJECTS[record.kind].format(receipt_no=application.receipt_no)
    text = render_template(
        f"email/{record.kind}.txt",
        a=application,
        agency=agency_name(application.agency_code),
        event=event,
        **context,
    )
    html = render_template("email/applicant.html", text=text, subject=subject)
    return build_message([record.recipients], subject, text, html)
