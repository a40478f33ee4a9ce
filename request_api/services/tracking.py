"""What an applicant may see of an application: status, dates and, once replied, the reply."""

from __future__ import annotations

from datetime import datetime

from .. import domain
from ..choices import EVENT_LABELS
from ..models import Application

PUBLIC_EVENTS = {
    "received", "correction_requested", "correction_received", "consultation_sent",
    "consultation_answered", "fee_notice_sent", "fee_paid", "extended", "replied",
    "withdrawn", "abandoned",
}  # fmt: skip


def public_view(application: Application, now: datetime, code: str | None = None) -> dict:
    """Return the public tracking view of an application: nothing about the applicant.

    With the tracking code, the letters sent to the applicant carry their download links.
    """
    from ..replies.public import public_letters

    state = domain.deadline_state(application, domain.beijing_today(now))
    view = {
        "receipt_no": application.receipt_no,
        "agency": application.agency_code,
        "status": application.status,
        "status_label": domain.status_label(application.status),
        "received_on": application.received_on.isoformat(),
        "reply_due": state.reply_due.isoformat() if state.reply_due else None,
        "provisional": state.provisional,
        "paused": state.paused,
        "events": [
            {
                "type": e.type,
                "label": EVENT_LABELS.get(e.type, e.type),
                "date": e.event_date.isoformat(),
            }
            for e in application.events
            if e.type in PUBLIC_EVENTS
        ],
        "reply": None,
        "letters": public_letters(application, code),
    }
    if application.outcome:
        view["reply"] = {
            "outcome": application.outcome,
            "outcome_label": domain.outcome_label(application.outcome),
            "replied_on": application.closed_on.isoformat() if application.closed_on else None,
            "text": application.reply_text or "",
        }
    return view


def due_date_ics(application: Application, view: dict, host: str) -> str:
    """Return an iCalendar file with the reply due date as an all-day event."""
    due = view["reply_due"].replace("-", "")
    stamp = datetime.now().strftime("%Y%m%dT%H%M%SZ")
    note = "（暂定，节假日安排公布后可能调整）" if view["provisional"] else ""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//yunxi.gov.cn//disclosure requests//ZH",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:reply-due-{application.id}-{due}@{host}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{due}",
        f"SUMMARY:政府信息公开申请{application.receipt_no}答复期限{note}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"
