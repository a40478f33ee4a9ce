"""Reconsideration and litigation cases brought against a request (annual report table 四)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models import Application, utcnow


class Appeal(db.Model):
    """One reconsideration or lawsuit over an application."""

    __tablename__ = "appeals"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id"), nullable=False, index=True
    )
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    filed_on: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    result: Mapped[str] = mapped_column(String(16), nullable=False, default="pending")
    decided_on: Mapped[date | None] = mapped_column(Date)
    body: Mapped[str | None] = mapped_column(String(200))  # reconsideration organ or court
    note: Mapped[str | None] = mapped_column(Text)
    actor_label: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    application: Mapped[Application] = relationship()
