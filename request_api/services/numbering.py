"""Gap-free receipt numbers per agency and year, from a counter row updated atomically."""

from __future__ import annotations

import logging

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ..models import ReceiptCounter

logger = logging.getLogger(__name__)


def format_receipt_no(year: int, serial: int) -> str:
    """Format a receipt number such as 2026-000123."""
    return f"{year}-{serial:06d}"


def next_serial(session: Session, agency_code: str, year: int, counter=ReceiptCounter) -> int:
    """Take the next serial for agency and year inside the caller's transaction.

    counter is the counter model (agency_code, year, last_no): receipts by default, or another
    series such as reply letters.

    The counter row is created if missing (ON CONFLICT DO NOTHING), then incremented by a single
    UPDATE ... RETURNING, which locks the row until the transaction ends: concurrent submissions
    queue, and a rolled-back submission gives its number back, so numbers have no gaps.
    """
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    session.execute(
        insert(counter)
        .values(agency_code=agency_code, year=year, last_no=0)
        .on_conflict_do_nothing(index_elements=["agency_code", "year"])
    )
    stmt = (
        update(counter)
        .where(counter.agency_code == agency_code, counter.year == year)
        .values(last_no=counter.last_no + 1)
        .returning(counter.last_no)
        .execution_options(synchronize_session=False)
    )
    return session.execute(stmt).scalar_one()
