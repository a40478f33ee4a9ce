"""Register applications: validate, number, record the first event, queue the notice."""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import domain
from ..models import Application, Event
from .mailer import schedule_delivery
from .notifications import queue_notice
from .numbering import format_receipt_no, next_serial

logger = logging.getLogger(__name__)

APPLICANT_FIELDS = (
    "applicant_kind", "applicant_category", "name", "id_type", "id_number", "org_uscc",
    "legal_rep", "contact_person", "phone", "email", "address", "postcode",
    "description", "doc_number", "medium", "delivery", "purpose",
)  # fmt: skip


def now_utc() -> datetime:
    """Return the current time in UTC (the service stores UTC; dates of law are Beijing dates)."""
    return datetime.now(UTC)


def new_tracking_code() -> str:
    """Return an unguessable tracking code (about 100 bits, readable groups)."""
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(20))
    return "-".join(raw[i : i + 5] for i in range(0, 20, 5))


def normalise_tracking_code(code: str) -> str:
    """Normalise a typed tracking code: upper case, no spaces, dashes between groups."""
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    return "-".join(raw[i : i + 5] for i in range(0, len(raw), 5))


def tracking_hash(code: str) -> str:
    """Return the SHA-256 digest under which a tracking code is stored."""
    return hashlib.sha256(normalise_tracking_code(code).encode()).hexdigest()


@dataclass(frozen=True)
class Submitted:
    """A newly registered application and the tracking code shown to the applicant once."""

    application: Application
    tracking_code: str
    state: domain.DeadlineState
    receipt: dict

    def receipt_dict(self) -> dict:
        """Return the receipt's contents as plain JSON-able values (read before the commit)."""
        return dict(self.receipt)


def _receipt(a: Application, code: str, state: domain.DeadlineState) -> dict:
    """Return the receipt's contents; a pending application has every value in memory."""
    return {
        "id": a.id,
        "receipt_no": a.receipt_no,
        "agency_code": a.agency_code,
        "tracking_code": code,
        "received_on": a.received_on.isoformat(),
        "reply_due": state.reply_due.isoformat() if state.reply_due else None,
        "provisional": state.provisional,
        "status": a.status,
        "channel": a.channel,
    }


def _new_application(data, now, channel, received_on, actor, code) -> Application:
    """Build a new application with its first event, not yet numbered nor in the session."""
    first = Event(
        seq=1,
        type="received",
        event_date=received_on,
        recorded_at=now,
        actor_id=actor.id if actor else None,
        actor_label=actor.username if actor else "申请人（网上提交）",
        data={"channel": channel},
        previous={},
        new={"status": domain.initial_status()},
    )
    return Application(
        agency_code=data["agency"],
        year=received_on.year,
        tracking_hash=tracking_hash(code),
        channel=channel,
        submitted_at=now,
        received_on=received_on,
        status=domain.initial_status(),
        events=[first],
        **{field: data.get(field) for field in APPLICANT_FIELDS},
    )


def submit_application(
    session: Session,
    data: dict,
    now: datetime,
    *,
    channel: str = "online",
    received_on: date | None = None,
    actor=None,
) -> Submitted:
    """Register a validated application with its first event and notice in one commit.

    The write transaction (and on SQLite the database's write lock) starts with the numbering,
    after everything that needs no database, and nothing reads the database after the commit;
    the notice is delivered after the response (services/mailer.py).
    """
    if received_on is None:
        received_on = domain.receipt_date(channel, now)
    code = new_tracking_code()
    application = _new_application(data, now, channel, received_on, actor, code)
    state = domain.store_deadlines(application, received_on)  # also the dashboard's columns
    application.serial = next_serial(session, application.agency_code, application.year)
    application.receipt_no = format_receipt_no(application.year, application.serial)
    session.add(application)
    session.flush()
    notice = queue_notice(session, application, "received", tracking_code=code)
    receipt = _receipt(application, code, state)
    session.commit()  # the application, its first event and its notice, or none of them
    logger.info("application %s registered as %s", receipt["id"], receipt["receipt_no"])
    if notice is not None:
        schedule_delivery()
    return Submitted(application, code, state, receipt)


def find_by_tracking_code(session: Session, code: str) -> Application | None:
    """Return the application with this tracking code, comparing digests in constant time."""
    digest = tracking_hash(code or "")
    found = session.scalars(select(Application).where(Application.tracking_hash == digest)).first()
    if found is None or not hmac.compare_digest(found.tracking_hash, digest):
        return None
    return found
