"""Staff dashboard queries, assignment, and per-request rows with their deadline colors.

Filters and order use the deadline columns stored on each application (refreshed on every event
and by `flask refresh-deadlines`); the deadlines shown are computed live for the page's rows only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, case, func, not_, or_, select
from sqlalchemy.orm import Session

from disclosure import workflow as wf
from disclosure.deadlines import DUE_SOON_WORKING_DAYS

from .. import domain
from ..models import Application, Event, Staff, StaffAgency

logger = logging.getLogger(__name__)

DUE_WINDOWS = {"": "全部", "overdue": "已超期", "soon": "5个工作日内到期", "open": "办理中"}


PAGE_SIZE = 50
CLOSED = tuple(str(s) for s in wf.Status if s.is_closed)
ORDER = {"red": 0, "yellow": 1, "green": 2}


@dataclass(frozen=True)
class Row:
    """An application with its deadlines as of today (computed live from the event log)."""

    application: Application
    state: domain.DeadlineState


@dataclass(frozen=True)
class Page:
    """One page of the dashboard."""

    rows: list[Row]
    number: int
    pages: int
    total: int


def _urgency(today: date):
    """Return SQL conditions for overdue (red) and due soon (yellow) from the stored columns."""
    due, left = Application.reply_due, func.coalesce(Application.paused_days_left, 9999)
    limit = domain.calendar().add_working_days(today, DUE_SOON_WORKING_DAYS).day
    is_open = Application.status.not_in(CLOSED)
    red = and_(is_open, or_(and_(due.is_not(None), due < today), and_(due.is_(None), left < 0)))
    soon = or_(
        and_(due.is_not(None), due <= limit), and_(due.is_(None), left <= DUE_SOON_WORKING_DAYS)
    )
    return is_open, red, and_(is_open, not_(red), soon)


def _query(agencies: set[str], today: date, agency: str, status: str, window: str,
           assignee: int | None):  # fmt: skip
    """Return the filtered, most-urgent-first query of the dashboard."""
    query = select(Application).where(Application.agency_code.in_(sorted(agencies)))
    if agency:
        query = query.where(Application.agency_code == agency)
    if status:
        query = query.where(Application.status == status)
    if assignee:
        query = query.where(Application.assignee_id == assignee)
    is_open, red, yellow = _urgency(today)
    windows = {"overdue": red, "soon": yellow, "open": is_open}
    if window in windows:
        query = query.where(windows[window])
    rank = case((red, 0), (yellow, 1), (is_open, 2), else_=3)
    no_due = case((Application.reply_due.is_(None), 1), else_=0)
    return query.order_by(rank, no_due, Application.reply_due, Application.id)


def _rows(applications, today: date) -> list[Row]:
    """Compute the live deadlines of the applications shown."""
    return [Row(a, domain.deadline_state(a, today)) for a in applications]


def list_rows(
    session: Session, agencies: set[str], today: date, *, agency: str = "",
    status: str = "", window: str = "", assignee: int | None = None,
) -> list[Row]:  # fmt: skip
    """Return every application matching the filters, most urgent first (CSV, digest)."""
    query = _query(agencies, today, agency, status, window, assignee)
    return _rows(session.scalars(query), today)


def page_rows(
    session: Session, agencies: set[str], today: date, page: int = 1, *, agency: str = "",
    status: str = "", window: str = "", assignee: int | None = None,
) -> Page:  # fmt: skip
    """Return one page of the dashboard; deadlines are computed only for its rows."""
    query = _query(agencies, today, agency, status, window, assignee)
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    pages = max(1, -(-total // PAGE_SIZE))
    number = min(max(page, 1), pages)
    shown = session.scalars(query.limit(PAGE_SIZE).offset((number - 1) * PAGE_SIZE))
    return Page(_rows(shown, today), number, pages, total)


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
