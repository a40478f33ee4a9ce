"""Deliver queued mail: claim the due rows, send each, record the outcome with retries.

Several worker processes may deliver at once: a batch is claimed by one UPDATE ... RETURNING that
moves its rows from ``queued`` to ``sending``, so no mail is sent twice; a claim older than
CLAIM_LEASE was left by a dead process and goes back to the queue (a mail may then go twice, never
zero times). No transaction is held while a mail is being sent.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, lazyload

from ..database import reading
from ..models import Application, NoticeStatus, Notification, utcnow
from .notifications import compose, deliver

logger = logging.getLogger(__name__)

CLAIM_LEASE = timedelta(minutes=10)
BATCH_SIZE = 50
RETRY_AFTER = (60, 300, 900, 3600, 3 * 3600, 6 * 3600, 12 * 3600)  # seconds, after attempt n
MAX_ATTEMPTS = len(RETRY_AFTER) + 1
FORGET_WHEN_SENT = ("tracking_code",)  # context keys removed from the row once the mail went


@dataclass
class Outcome:
    """The result of one delivery attempt."""

    notification_id: int
    transport: str | None = None
    error: str | None = None


@dataclass
class DeliveryReport:
    """Counts of one delivery run."""

    sent: int = 0
    retrying: int = 0
    failed: int = 0

    @property
    def total(self) -> int:
        """Return the number of mails attempted."""
        return self.sent + self.retrying + self.failed


def due_ids(session: Session, now: datetime, limit: int) -> list[int]:
    """Return the ids of queued mails whose next attempt is due (a read)."""
    with reading():
        ids = session.scalars(
            select(Notification.id)
            .where(Notification.status == NoticeStatus.QUEUED, Notification.next_attempt_at <= now)
            .order_by(Notification.next_attempt_at, Notification.id)
            .limit(limit)
        ).all()
        session.rollback()
    return list(ids)


def claim(session: Session, now: datetime, limit: int = BATCH_SIZE) -> list[int]:
    """Claim up to limit due mails for this process; return the ids it won."""
    ids = due_ids(session, now, limit)
    if not ids:
        return []
    won = session.scalars(
        update(Notification)
        .where(Notification.id.in_(ids), Notification.status == NoticeStatus.QUEUED)
        .values(status=NoticeStatus.SENDING, claimed_at=now)
        .returning(Notification.id)
        .execution_options(synchronize_session=False)
    ).all()
    session.commit()
    return sorted(won)


def release_stale_claims(session: Session, now: datetime) -> None:
    """Put back in the queue the claims of processes that died while delivering."""
    stale = (
        Notification.status == NoticeStatus.SENDING,
        Notification.claimed_at < now - CLAIM_LEASE,
    )
    with reading():
        found = session.scalar(select(Notification.id).where(*stale).limit(1))
        session.rollback()
    if found is None:
        return
    count = session.execute(
        update(Notification)
        .where(*stale)
        .values(status=NoticeStatus.QUEUED, next_attempt_at=now, claimed_at=None)
        .execution_options(synchronize_session=False)
    ).rowcount
    session.commit()
    logger.warning("%s abandoned mail claims put back in the queue", count)


def send_claimed(session: Session, ids: list[int]) -> list[Outcome]:
    """Render and send the claimed mails; no transaction is held while sending."""
    with reading():
        rows = session.scalars(
            select(Notification).where(Notification.id.in_(ids)).order_by(Notification.id)
        ).all()
        # Held while rendering: the session's identity map keeps objects only weakly.
        applications = _load_applications(session, {row.application_id for row in rows} - {None})
        prepared = [(row.id, row.kind, _compose(session, row)) for row in rows]
        del applications
        session.rollback()
    return [_send(*item) for item in prepared]


def _load_applications(session: Session, ids: set[int]) -> list[Application]:
    """Load a batch's applications in one query, for rendering to find in the session."""
    if not ids:
        return []
    query = select(Application).where(Application.id.in_(ids))
    return list(session.scalars(query.options(lazyload(Application.events))))


def _compose(session: Session, row: Notification):
    """Render one mail, or return the name of the error that prevented it."""
    try:
        return compose(session, row)
    except Exception as exc:  # noqa: BLE001  (a broken mail must not stop the others)
        logger.error("could not render %s mail %s: %s", row.kind, row.id, type(exc).__name__)
        return type(exc).__name__


def _send(notification_id: int, kind: str, message) -> Outcome:
    """Send one rendered mail; a failure is returned, never raised."""
    if isinstance(message, str):
        return Outcome(notification_id, error=message)
    try:
        transport = deliver(message, f"{notification_id}-{kind}")
    except (OSError, smtplib.SMTPException) as exc:
        logger.warning("mail %s not delivered: %s", notification_id, error_kind(exc))
        return Outcome(notification_id, error=error_kind(exc))
    return Outcome(notification_id, transport=transport)


def error_kind(exc: BaseException) -> str:
    """Name an error without its message, which may quote the recipient's address."""
    code = getattr(exc, "smtp_code", None)
    return f"{type(exc).__name__} {code}" if code else type(exc).__name__


def record(session: Session, outcomes: list[Outcome], now: datetime) -> DeliveryReport:
    """Store the outcome of each attempt: sent, queued again later, or failed for good."""
    report = DeliveryReport()
    ids = [o.notification_id for o in outcomes]
    rows = {
        row.id: row for row in session.scalars(select(Notification).where(Notification.id.in_(ids)))
    }
    for outcome in outcomes:
        row = rows.get(outcome.notification_id)
        if row is None:  # deleted meanwhile
            continue
        row.attempts += 1
        row.claimed_at = None
        if outcome.transport:
            _mark_sent(row, outcome.transport, now)
            report.sent += 1
        else:
            _schedule_retry(row, outcome.error, now, report)
    session.commit()
    return report


def _mark_sent(row: Notification, transport: str, now: datetime) -> None:
    """Record a delivered mail and forget what was only needed to send it."""
    row.status, row.transport, row.sent_at = NoticeStatus.SENT, transport, now
    row.next_attempt_at, row.last_error_kind = None, None
    detail = {k: v for k, v in row.detail.items() if k != "message"}
    context = {k: v for k, v in (detail.pop("context", None) or {}).items()
               if k not in FORGET_WHEN_SENT}  # fmt: skip
    row.detail = {**detail, "context": context} if context else detail
    logger.info("%s mail %s sent by %s", row.kind, row.id, transport)


def _schedule_retry(row: Notification, error: str, now: datetime, report: DeliveryReport) -> None:
    """Queue a failed mail again after a growing delay, or mark it failed after the last try."""
    row.last_error_kind = error
    if row.attempts >= MAX_ATTEMPTS:
        row.status, row.next_attempt_at = NoticeStatus.FAILED, None
        report.failed += 1
        logger.error("mail %s failed %s times; kept as failed", row.id, row.attempts)
        return
    row.status = NoticeStatus.QUEUED
    row.next_attempt_at = now + timedelta(seconds=RETRY_AFTER[row.attempts - 1])
    report.retrying += 1


def deliver_batch(session: Session, limit: int = BATCH_SIZE) -> DeliveryReport:
    """Claim, send and record one batch of due mails."""
    ids = claim(session, utcnow(), limit)
    if not ids:
        return DeliveryReport()
    outcomes = send_claimed(session, ids)
    return record(session, outcomes, utcnow()) if outcomes else DeliveryReport()


def deliver_due(session: Session, limit: int = BATCH_SIZE) -> DeliveryReport:
    """Deliver batches until no mail is due; return the totals."""
    release_stale_claims(session, utcnow())
    total = DeliveryReport()
    while True:
        report = deliver_batch(session, limit)
        if not report.total:
            return total
        total.sent += report.sent
        total.retrying += report.retrying
        total.failed += report.failed


def requeue_failed(session: Session) -> int:
    """Put every failed mail back in the queue with a fresh count of attempts."""
    count = session.execute(
        update(Notification)
        .where(Notification.status == NoticeStatus.FAILED)
        .values(status=NoticeStatus.QUEUED, attempts=0, next_attempt_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    session.commit()
    return count
