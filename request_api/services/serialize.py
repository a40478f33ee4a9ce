"""JSON shapes of applications for staff (full) and for the public API responses."""

from __future__ import annotations

from datetime import date

from disclosure.identity import mask_identity

from .. import domain
from ..choices import EVENT_LABELS
from ..models import Application, Event


def _iso(day: date | None) -> str | None:
    """Format a date as YYYY-MM-DD, or None."""
    return day.isoformat() if day else None


def event_dict(entry: Event) -> dict:
    """Return one logged event with its actor and previous and new values."""
    return {
        "seq": entry.seq,
        "type": entry.type,
        "label": EVENT_LABELS.get(entry.type, entry.type),
        "date": entry.event_date.isoformat(),
        "recorded_at": entry.recorded_at.isoformat() if entry.recorded_at else None,
        "actor": entry.actor_label,
        "data": entry.data or {},
        "previous": entry.previous or {},
        "new": entry.new or {},
    }


def explanation(state: domain.DeadlineState) -> dict:
    """Return the explanation of the due date from the deadline engine."""
    return state.deadlines.explain()


def applicant_dict(application: Application, masked: bool = False) -> dict:
    """Return the applicant's Art. 29 details; identity numbers masked when asked."""
    number = application.id_number
    return {
        "applicant_kind": application.applicant_kind,
        "applicant_category": application.applicant_category,
        "name": application.name,
        "id_type": application.id_type,
        "id_number": mask_identity(number) if (number and masked) else number,
        "org_uscc": application.org_uscc,
        "legal_rep": application.legal_rep,
        "contact_person": application.contact_person,
        "phone": application.phone,
        "email": application.email,
        "address": application.address,
        "postcode": application.postcode,
    }


def request_dict(application: Application, today: date) -> dict:
    """Return the staff view of an application: details, status, deadlines and events."""
    state = domain.deadline_state(application, today)
    return {
        "id": application.id,
        "receipt_no": application.receipt_no,
        "agency": application.agency_code,
        "channel": application.channel,
        "received_on": _iso(application.received_on),
        "status": application.status,
        "status_label": domain.status_label(application.status),
        "reply_due": _iso(state.reply_due),
        "provisional": state.provisional,
        "paused": state.paused,
        "color": state.color,
        "working_days_used": state.deadlines.working_days_used,
        "working_days_left": state.deadlines.working_days_left,
        "version": application.version,
        "assignee": application.assignee.username if application.assignee else None,
        "applicant": applicant_dict(application),
        "description": application.description,
        "doc_number": application.doc_number,
        "medium": application.medium,
        "delivery": application.delivery,
        "purpose": application.purpose,
        "outcome": application.outcome,
        "closed_on": _iso(application.closed_on),
        "explanation": explanation(state),
        "events": [event_dict(e) for e in application.events],
    }
