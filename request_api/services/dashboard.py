"""Staff dashboard queries, assignment, and per-request rows with their deadline colors."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import domain
from ..models import Application, Event, Staff, StaffAgency

logger = logging.getLogger(__name__)

DUE_WINDOWS = {"": "全部", "overdue": "已超期", "soon": "5个工作日内到期", "open": "办理中"}


@dataclass(frozen=True)
class Row:
    """An application with its deadlines as of today."""

    application: Application
    state: domain.DeadlineState


def list_rows(
    session: Session, agencies: set[str], today: date, *, agency: str = "",
    status: str = "", window: str = "", assignee: int | None = None,
) -> list[Row]:  # fmt: skip
    """Return the applications of the given agencies matching the filters, most urgent first."""
    query = select(Application).where(Application.agency_code.in_(sorted(agencies)))
    if agency:
        query = query.where(Application.agency_code == agency)
    if status:
        query = query.where(Application.status == status)
    if assignee:
        query = query.where(Application.assignee_id == assignee)
    rows = [Row(a, domain.deadline_state(a, today)) for a in session.scalars(query)]
    rows = [row for row in rows if _in_window(row, window)]
    order = {"red": 0, "yellow": 1, "green": 2}
    return sorted(
        rows,
        key=lambda r: (
            r.state.deadlines.is_closed,
            order[r.state.color],
            r.state.reply_due or date.max,
            r.application.id,
        ),
    )


def _in_window(row: Row, window: str) -> bool:
    """Tell whether a row falls in the due window filter."""
    if window == "overdue":
        return row.state.color == "red"
    if window == "soon":
        return row.state.color == "yellow"
    if window == "open":
        return not row.state.deadlines.is_closed
    return True


def clerks_of(session: Session, agency_code: str) -> list[Staff]:
    """Return the active staff of an agency who can be assigned an application."""
    query = (
        select(Staff)
        .join(StaffAgency)
        .where(StaffAgency.agency_code == agency_code, Staff.active.is_(True))
        .order_by(Staff.username)
    )
    return list(session.scalars(query))


def assign(session: Session, application: Application, assignee: Staff | None,
           actor: Staff, now: datetime) -> None:  # fmt: skip
    """Assign the application to a staff member of its agency and log the change."""
    before = application.assignee.username if application.assignee else None
    application.assignee = assignee
    entry = Event(
        application=application,
        seq=len(application.events) + 1,
        type="assigned",
        event_date=domain.beijing_today(now),
        recorded_at=now,
        actor_id=actor.id,
        actor_label=actor.username,
        data={},
        previous={"assignee": before},
        new={"assignee": assignee.username if assignee else None},
    )
    session.add(entry)
    session.commit()
    logger.info("application %s assigned by staff %s", application.id, actor.id)
