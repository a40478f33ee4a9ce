"""Adapter between the database models and the pure domain rules of the disclosure package."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from disclosure import deadlines as dl
from disclosure import receipt as rc
from disclosure import workflow as wf
from disclosure.calendar import WorkingCalendar, load_calendar
from disclosure.outcomes import OUTCOME_BY_CODE

from .models import Application

logger = logging.getLogger(__name__)

BEIJING = ZoneInfo("Asia/Shanghai")
MoveRefused = wf.WorkflowError


def calendar() -> WorkingCalendar:
    """Return the working-day calendar (official data plus the overrides file; cached)."""
    return load_calendar()


def beijing_today(now: datetime) -> date:
    """Return the Beijing date of an aware datetime (Art. 31 dates are Beijing dates)."""
    return now.astimezone(BEIJING).date()


ReceiptError = rc.ReceiptError


def receipt_date(channel: str, now: datetime, given: date | None = None) -> date:
    """Return the date of receipt (Art. 31) from the channel and the day staff give, if any.

    For staff registrations the given day is the day handed in (in person), signed for
    (registered mail) or confirmed (ordinary mail, fax, email); an online application given
    a non-working day is received on the next working day. Raises ReceiptError.
    """
    if given is None:
        return rc.received_on(channel, now, calendar())
    moment = datetime.combine(given, datetime.min.time().replace(hour=12), tzinfo=BEIJING)
    return rc.received_on(channel, moment, calendar(), signed_for=given, confirmed_on=given)


def initial_status() -> str:
    """Return the status of a newly received application."""
    return str(wf.Status.RECEIVED)


def status_label(status: str) -> str:
    """Return the Chinese label of a status."""
    try:
        return wf.Status(status).label
    except ValueError:
        return status


def statuses() -> list[tuple[str, str]]:
    """Return every status code with its Chinese label."""
    return [(str(status), status.label) for status in wf.Status]


def outcome_label(code: str) -> str:
    """Return the official table 三 label of an outcome code."""
    found = OUTCOME_BY_CODE.get(code)
    return found.label if found else code


_EVENT_TYPES = frozenset(str(t) for t in dl.EventType)


def _domain_event(kind: str, on: date, data: dict) -> dl.Event:
    """Build one deadline-engine event."""
    return dl.Event(
        type=kind,
        date=on,
        working_days=data.get("working_days"),
        amount=Decimal(data["amount"]) if data.get("amount") else None,
        outcome=data.get("outcome"),
        reason=data.get("reason"),
    )


def domain_events(application: Application) -> list[dl.Event]:
    """Convert the stored event log (workflow events only) into the deadline engine's events."""
    return [
        _domain_event(e.type, e.event_date, e.data or {})
        for e in application.events
        if e.type in _EVENT_TYPES
    ]


@dataclass(frozen=True)
class DeadlineState:
    """Deadlines of one application as of a day, ready for views and the API."""

    deadlines: dl.Deadlines
    color: str

    @property
    def reply_due(self) -> date | None:
        """Return the reply due date in force, or None while the clock is stopped."""
        return self.deadlines.reply_due

    @property
    def provisional(self) -> bool:
        """Tell whether a date depends on a year whose holiday arrangement is unknown."""
        return self.deadlines.provisional

    @property
    def paused(self) -> bool:
        """Tell whether the clock is stopped (consultation, fee notice or correction awaited)."""
        return self.deadlines.is_paused or self.deadlines.awaiting_correction


def deadline_state(application: Application, today: date) -> DeadlineState:
    """Compute the deadlines of an application from its event log, as of today."""
    result = dl.compute_deadlines(
        calendar(), application.received_on, domain_events(application), today
    )
    return DeadlineState(result, dl.status_color(result))


def stored_values(state: DeadlineState) -> dict:
    """Return the denormalised deadline columns of an application (for dashboard filters).

    reply_due and provisional do not depend on the day; while the clock is stopped by a
    consultation or fee notice the working days left do not change, so they are kept too.
    """
    d = state.deadlines
    frozen = d.reply_due is None and not d.is_closed and d.working_days_left is not None
    return {
        "reply_due": d.reply_due,
        "provisional": d.provisional,
        "paused_days_left": d.working_days_left if frozen else None,
    }


def stored_deadline_values(received_on: date, log: list, today: date) -> dict:
    """Return the stored columns from raw event rows (type, event_date, data); for migrations."""
    events = [
        _domain_event(e.type, e.event_date, e.data or {}) for e in log if e.type in _EVENT_TYPES
    ]
    result = dl.compute_deadlines(calendar(), received_on, events, today)
    return stored_values(DeadlineState(result, dl.status_color(result)))


def store_deadlines(application: Application, today: date) -> DeadlineState:
    """Recompute the deadlines from the event log and copy them onto the row when changed."""
    state = deadline_state(application, today)
    for key, value in stored_values(state).items():
        if getattr(application, key) != value:
            setattr(application, key, value)
    return state


def snapshot(application: Application, today: date, extra: dict | None = None) -> dict:
    """Return the values an event may change, for the log's previous/new columns."""
    state = deadline_state(application, today)
    values = {
        "status": application.status,
        "reply_due": state.reply_due.isoformat() if state.reply_due else None,
        "assignee": application.assignee.username if application.assignee else None,
    }
    if extra is not None:
        values.update({"outcome": application.outcome} if application.outcome else {})
    return values


def apply_move(
    application: Application, kind: str, on: date, data: dict, role: str, today: date
) -> None:
    """Check a move against the workflow and set the new status and closing outcome, or raise."""
    event = _domain_event(kind, on, data)
    history = domain_events(application)
    result = wf.apply_event(calendar(), application.received_on, history, event, role, today)
    application.status = str(result.status)
    if result.outcome:
        application.outcome = result.outcome
