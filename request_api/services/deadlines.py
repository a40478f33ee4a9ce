"""Refresh the deadline columns stored on applications (after a holiday arrangement changes)."""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import domain
from ..models import Application
from .applications import now_utc

logger = logging.getLogger(__name__)

BATCH = 500


def refresh_all(session: Session) -> tuple[int, int]:
    """Recompute every application's stored deadlines; return (checked, changed)."""
    today = domain.beijing_today(now_utc())
    checked = changed = 0
    last_id = 0
    while True:
        stmt = select(Application).where(Application.id > last_id).order_by(Application.id)
        batch = list(session.scalars(stmt.limit(BATCH)))
        if not batch:
            break
        for application in batch:
            domain.store_deadlines(application, today)
            changed += application in session.dirty and session.is_modified(application)
        checked += len(batch)
        last_id = batch[-1].id
        session.commit()
        session.expunge_all()
    logger.info("stored deadlines refreshed: %d checked, %d changed", checked, changed)
    return checked, changed
