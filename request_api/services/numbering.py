"""Gap-free receipt numbers per agency and year, from a counter row updated atomically."""

from __future__ import annotations

import logging

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

    One INSERT ... ON CONFLICT DO UPDATE ... RETURNING creates the counter row at 1 or increments
    it, and locks the row until the transaction ends: concurrent submissions queue, and a
    rolled-back submission gives its number back, so numbers have no gaps.
    """
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    stmt = (
        insert(counter)
        .values(agency_code=agency_code, year=year, last_no=1)
        .on_conflict_do_update(
            index_elements=["agency_code", "year"], set_={"last_no": counter.last_no + 1}
        )
        .returning(counter.last_no)
        .execution_options(synchronize_session=False)
    )
    return session.execute(stmt).scalar_one()
