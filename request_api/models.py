"""Database models: applications, their append-only event log, staff, counters, mail records."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .extensions import db


def utcnow() -> datetime:
    """Return the current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class SerialCounterMixin:
    """Last serial issued per agency and year; incremented atomically (gap-free numbers)."""

    agency_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_no: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class ReceiptCounter(SerialCounterMixin, db.Model):
    """Receipt numbers of applications (2026-000123)."""

    __tablename__ = "receipt_counters"


class Staff(db.Model):
    """A staff member of one or more disclosure offices."""

    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16), nullable=False)
    active: Mapped[bool] = mapped_column(default=True, nullable=False)
    email: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    agency_links: Mapped[list[StaffAgency]] = relationship(
        back_populates="staff", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def agency_codes(self) -> list[str]:
        """Return the codes of the agencies this staff member works for."""
        return sorted(link.agency_code for link in self.agency_links)


class StaffAgency(db.Model):
    """Membership of a staff member in an agency's disclosure office."""

    __tablename__ = "staff_agencies"

    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    staff: Mapped[Staff] = relationship(back_populates="agency_links")


class Application(db.Model):
    """An application for government information (Art. 29 contents) and its current state."""

    __tablename__ = "applications"
    __table_args__ = (
        UniqueConstraint("agency_code", "year", "serial", name="uq_applications_serial"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    serial: Mapped[int] = mapped_column(Integer, nullable=False)
    receipt_no: Mapped[str] = mapped_column(String(16), nullable=False)
    tracking_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    channel: Mapped[str] = mapped_column(String(20), nullable=False)
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    received_on: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    status: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    applicant_kind: Mapped[str] = mapped_column(String(16), nullable=False)
    applicant_category: Mapped[str] = mapped_column(String(20), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)  # person or organisation
    id_type: Mapped[str | None] = mapped_column(String(32))
    id_number: Mapped[str | None] = mapped_column(String(40))
    org_uscc: Mapped[str | None] = mapped_column(String(18))
    legal_rep: Mapped[str | None] = mapped_column(String(100))
    contact_person: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str] = mapped_column(String(30), nullable=False)
    email: Mapped[str | None] = mapped_column(String(254))
    address: Mapped[str | None] = mapped_column(String(300))
    postcode: Mapped[str | None] = mapped_column(String(6))
    description: Mapped[str] = mapped_column(Text, nullable=False)
    doc_number: Mapped[str | None] = mapped_column(String(200))
    medium: Mapped[str] = mapped_column(String(16), nullable=False)
    delivery: Mapped[str] = mapped_column(String(16), nullable=False)
    purpose: Mapped[str | None] = mapped_column(Text)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    outcome: Mapped[str | None] = mapped_column(String(48))
    reply_text: Mapped[str | None] = mapped_column(Text)
    closed_on: Mapped[date | None] = mapped_column(Date)
    # Denormalised from the event log for dashboard filters and order (domain.store_deadlines);
    # refreshed on every event and by `flask refresh-deadlines`. The law's source is the log.
    reply_due: Mapped[date | None] = mapped_column(Date, index=True)
    provisional: Mapped[bool] = mapped_column(default=False, nullable=False)
    paused_days_left: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    assignee: Mapped[Staff | None] = relationship(lazy="joined")
    events: Mapped[list[Event]] = relationship(
        back_populates="application", order_by="Event.seq", lazy="selectin"
    )

    __mapper_args__ = {"version_id_col": version}


class Event(db.Model):
    """One entry of an application's append-only event log."""

    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("application_id", "seq", name="uq_events_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id"), nullable=False, index=True
    )
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    type: Mapped[str] = mapped_column(String(32), nullable=False)
    event_date: Mapped[date] = mapped_column(Date, nullable=False)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    actor_label: Mapped[str] = mapped_column(String(64), nullable=False)
    data: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    previous: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    new: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)

    application: Mapped[Application] = relationship(back_populates="events")


class NoticeStatus(StrEnum):
    """Where a notification is on its way to the recipient."""

    QUEUED = "queued"  # waiting for its next attempt (next_attempt_at)
    SENDING = "sending"  # claimed by a delivery run (claimed_at)
    SENT = "sent"  # delivered by transport at sent_at
    FAILED = "failed"  # given up after the last attempt; `send-mail --retry-failed` requeues


class Notification(db.Model):
    """A message sent to an applicant or to staff: receipt, correction, extension, reply, digest."""

    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_status_next_attempt_at", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"), index=True)
    agency_code: Mapped[str | None] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    recipients: Mapped[str] = mapped_column(Text, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default=NoticeStatus.QUEUED)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error_kind: Mapped[str | None] = mapped_column(String(64))  # error type, never its text
    transport: Mapped[str | None] = mapped_column(String(16))  # smtp or file, once sent
    detail: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


@event.listens_for(Event, "before_update")
@event.listens_for(Event, "before_delete")
def _events_are_append_only(mapper, connection, target) -> None:
    """Refuse to change or delete a recorded event (the log is append-only)."""
    raise RuntimeError("event log is append-only")
