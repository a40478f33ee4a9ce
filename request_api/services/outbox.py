"""Deliver queued notices: claim the due rows, send each, record the outcome with retries.

Several worker processes may deliver at once: a batch is claimed by one UPDATE that renames its
rows' transport to a claim token, so no mail is sent twice; a claim older than CLAIM_LEASE was
left by a dead process and goes back to the queue (a mail may then go twice, never zero times).
No transaction is held while a mail is being sent.
"""

from __future__ import annotations

import logging
import secrets
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..database import reading
from ..models import Notification, utcnow
from .notifications import QUEUED, compose, deliver

logger = logging.getLogger(__name__)

FAILED = "failed"
CLAIM_PREFIX = "claim-"
CLAIM_LEASE = timedelta(minutes=10)
BATCH_SIZE = 50
RETRY_AFTER = (60, 300, 900, 3600, 3 * 3600, 6 * 3600, 12 * 3600)  # seconds, after attempt n
MAX_ATTEMPTS = len(RETRY_AFTER) + 1


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
        """Return the number of notices attempted."""
        return self.sent + self.retrying + self.failed


def due_ids(session: Session, now: datetime, limit: int) -> list[int]:
    """Return the ids of queued notices whose next attempt is due (a read)."""
    with reading():
        ids = session.scalars(
            select(Notification.id)
            .where(Notification.transport == QUEUED, Notification.sent_at <= now)
            .order_by(Notification.id)
            .limit(limit)
        ).all()
        session.rollback()
    return list(ids)


def claim(session: Session, now: datetime, limit: int = BATCH_SIZE) -> str | None:
    """Claim up to limit due notices for this process; return the claim token, or None."""
    ids = due_ids(session, now, limit)
    if not ids:
        return None
    token = CLAIM_PREFIX + secrets.token_hex(5)
    session.execute(
        update(Notification)
        .where(Notification.id.in_(ids), Notification.transport == QUEUED)
        .values(transport=token, sent_at=now)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return token


def release_stale_claims(session: Session, now: datetime) -> None:
    """Put back in the queue the claims of processes that died while delivering."""
    with reading():
        stale = session.scalar(
            select(Notification.id)
            .where(
                Notification.transport.startswith(CLAIM_PREFIX),
                Notification.sent_at < now - CLAIM_LEASE,
            )
            .limit(1)
        )
        session.rollback()
    if stale is None:
        return
    count = session.execute(
        update(Notification)
        .where(
            Notification.transport.startswith(CLAIM_PREFIX),
            Notification.sent_at < now - CLAIM_LEASE,
        )
        .values(transport=QUEUED, sent_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    session.commit()
    logger.warning("%s abandoned mail claims put back in the queue", count)


def send_claimed(session: Session, token: str) -> list[Outcome]:
    """Render and send the notices claimed under token; no transaction is held while sending."""
    with reading():
        rows = session.scalars(
            select(Notification).where(Notification.transport == token).order_by(Notification.id)
        ).all()
        prepared = [(row.id, row.kind, _compose(session, row)) for row in rows]
        session.rollback()
    return [_send(*item) for item in prepared]


def _compose(session: Session, row: Notification):
    """Render one notice, or return the name of the error that prevented it."""
    try:
        return compose(session, row)
    except Exception as exc:  # noqa: BLE001  (a broken notice must not stop the others)
        logger.exception("could not render notice %s", row.id)
        return type(exc).__name__


def _send(notification_id: int, kind: str, message) -> Outcome:
    """Send one rendered notice; a failure is returned, never raised."""
    if isinstance(message, str):
        return Outcome(notification_id, error=message)
    try:
        transport = deliver(message, f"{notification_id}-{kind}")
    except (OSError, smtplib.SMTPException) as exc:
        logger.warning("notice %s not delivered: %s", notification_id, _error_name(exc))
        return Outcome(notification_id, error=_error_name(exc))
    return Outcome(notification_id, transport=transport)


def _error_name(exc: BaseException) -> str:
    """Name an error without its message, which may quote the recipient's address."""
    code = getattr(exc, "smtp_code", None)
    return f"{type(exc).__name__} {code}" if code else type(exc).__name__


def record(session: Session, outcomes: list[Outcome], now: datetime) -> DeliveryReport:
    """Store the outcome of each attempt: delivered, queued again later, or failed for good."""
    report = DeliveryReport()
    rows = {
        row.id: row
        for row in session.scalars(
            select(Notification).where(Notification.id.in_([o.notification_id for o in outcomes]))
        )
    }
    for outcome in outcomes:
        row = rows.get(outcome.notification_id)
        if row is None:  # deleted meanwhile
            continue
        attempts = int(row.detail.get("attempts", 0)) + 1
        if outcome.transport:
            row.transport, row.sent_at, row.detail = outcome.transport, now, {"attempts": attempts}
            report.sent += 1
            logger.info("%s notice %s sent by %s", row.kind, row.id, outcome.transport)
        else:
            _schedule_retry(row, attempts, outcome.error, now, report)
    session.commit()
    return report


def _schedule_retry(row, attempts: int, error: str, now: datetime, report) -> None:
    """Queue a failed notice again after a growing delay, or mark it failed after the last try."""
    row.detail = {**row.detail, "attempts": attempts, "last_error": error}
    if attempts >= MAX_ATTEMPTS:
        row.transport, row.sent_at = FAILED, now
        report.failed += 1
        logger.error("notice %s failed %s times; kept as failed", row.id, attempts)
        return
    row.transport = QUEUED
    row.sent_at = now + timedelta(seconds=RETRY_AFTER[attempts - 1])
    report.retrying += 1


def deliver_batch(session: Session, limit: int = BATCH_SIZE) -> DeliveryReport:
    """Claim, send and record one batch of due notices."""
    token = claim(session, utcnow(), limit)
    if token is None:
        return DeliveryReport()
    outcomes = send_claimed(session, token)
    return record(session, outcomes, utcnow()) if outcomes else DeliveryReport()


def deliver_due(session: Session, limit: int = BATCH_SIZE) -> DeliveryReport:
    """Deliver batches until no notice is due; return the totals."""
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
    """Put every failed notice back in the queue with a fresh count of attempts."""
    rows = session.scalars(select(Notification).where(Notification.transport == FAILED)).all()
    for row in rows:
        row.transport, row.sent_at = QUEUED, utcnow()
        row.detail = {**row.detail, "attempts": 0}
    session.commit()
    return len(rows)
