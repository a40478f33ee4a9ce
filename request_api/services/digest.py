"""The daily overdue digest (电子监察): each agency's staff get its overdue and due-soon list.

Each digest is rendered now (it reports the state of this morning) and queued in the outbox.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from flask import render_template
from sqlalchemy.orm import Session

from .. import domain
from ..agencies import all_agencies
from .applications import now_utc
from .dashboard import clerks_of, list_rows
from .notifications import commit_and_deliver, queue_mail

logger = logging.getLogger(__name__)


def send_digests(session: Session) -> Iterator[tuple[str, int, int, int]]:
    """Queue one digest per agency with open overdue or due-soon applications; yield the counts."""
    now = now_utc()
    today = domain.beijing_today(now)
    for agency in all_agencies():
        # Only the overdue and due-soon rows are loaded; their deadlines are computed live.
        overdue = list_rows(session, {agency.code}, today, window="overdue")
        soon = list_rows(session, {agency.code}, today, window="soon")
        overdue = [r for r in overdue if r.state.color == "red"]  # live check of stored values
        soon = [r for r in soon if r.state.color == "yellow"]
        if not overdue and not soon:
            continue
        recipients = [s.email for s in clerks_of(session, agency.code) if s.email]
        if recipients:
            _queue_digest(session, agency, overdue, soon, today, recipients)
        yield agency.code, len(overdue), len(soon), len(recipients)


def _queue_digest(session: Session, agency, overdue: list, soon: list, today, recipients) -> None:
    """Render an agency's digest now and queue it for its staff."""
    subject = f"{agency.name}依申请公开期限提醒：超期{len(overdue)}件，即将到期{len(soon)}件"
    text = render_template(
        "email/digest.txt", agency=agency, overdue=overdue, soon=soon, today=today
    )
    detail = {
        "overdue": [r.application.receipt_no for r in overdue],
        "due_soon": [r.application.receipt_no for r in soon],
        "date": today.isoformat(),
        "message": {"subject": subject, "text": text},  # dropped once sent
    }
    queue_mail(session, None, "overdue_digest", detail,
               agency_code=agency.code, recipients=", ".join(recipients))  # fmt: skip
    commit_and_deliver(session)
    logger.info("digest for %s queued for %d staff", agency.code, len(recipients))
