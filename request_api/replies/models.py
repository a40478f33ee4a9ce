"""Letters sent to applicants (replies and notices), their counter and their attachments."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models import Application, SerialCounterMixin, utcnow


class LetterCounter(SerialCounterMixin, db.Model):
    """Numbers of reply letters and notices (云财公复〔2026〕12号)."""

    __tablename__ = "letter_counters"


class Letter(db.Model):
    """A numbered letter (reply or notice) with its final HTML snapshot."""

    __tablename__ = "letters"
    __table_args__ = (UniqueConstraint("agency_code", "year", "serial", name="uq_letters_serial"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id"), nullable=False, index=True
    )
    agency_code: Mapped[str] = mapped_column(String(32), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    serial: Mapped[int] = mapped_column(Integer, nullable=False)
    number: Mapped[str] = mapped_column(String(64), nullable=False)
    kind: Mapped[str] = mapped_column(
        String(16), nullable=False
    )  # reply, fee, correction, extension
    reply_kind: Mapped[str | None] = mapped_column(String(32))
    outcome: Mapped[str | None] = mapped_column(String(48))
    issued_on: Mapped[date] = mapped_column(Date, nullable=False)
    html: Mapped[str] = mapped_column(Text, nullable=False)
    details: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    event_seq: Mapped[int | None] = mapped_column(Integer)
    actor_label: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    application: Mapped[Application] = relationship()
    attachments: Mapped[list[LetterAttachment]] = relationship(
        back_populates="letter", order_by="LetterAttachment.id", lazy="selectin"
    )


class LetterAttachment(db.Model):
    """A file sent with a letter; the bytes live in the attachments folder under storage_name."""

    __tablename__ = "letter_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id"), nullable=False, index=True)
    filename: Mapped[str] = mapped_column(String(200), nullable=False)
    media_type: Mapped[str] = mapped_column(String(100), nullable=False)
    size: Mapped[int] = mapped_column(BigInteger, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    storage_name: Mapped[str] = mapped_column(String(80), unique=True, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    letter: Mapped[Letter] = relationship(back_populates="attachments")
