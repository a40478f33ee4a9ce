"""Issue letters: number them without gaps, snapshot them, store attachments, record the event."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from disclosure import deadlines as dl
from disclosure import workflow as wf
from disclosure.fees import FeeAssessment, FeeError, assess_fee
from disclosure.letters import LetterContext, LetterError, NoticeKind

from .. import domain
from ..models import Application, Staff
from ..services.events import record_event
from ..services.numbering import next_serial
from . import letters, storage
from .inputs import CLOSING_EVENTS, InputError
from .models import Letter, LetterAttachment, LetterCounter

logger = logging.getLogger(__name__)

NOTICE_EVENTS = {
    NoticeKind.FEE: "fee_notice_sent",
    NoticeKind.CORRECTION: "correction_requested",
    NoticeKind.EXTENSION: "extended",
}


# Words of the letter checks (disclosure/letters/context.py) and the form field they concern.
FIELD_HINTS = {
    "方式和途径": "location",
    "查询的途径": "location",
    "理由": "reason",
    "此前已作出的答复": "previous_reply",
    "缴费方式": "payment_instructions",
    "补正的事项": "items",
    "补正期限": "correction_due",
}


def letter_error(exc: LetterError) -> InputError:
    """Turn a letter problem into a form error, shown beside the field it concerns when known."""
    errors = {"letter": str(exc)}
    for message in str(exc).split("；"):
        field = next((f for hint, f in FIELD_HINTS.items() if hint in message), None)
        if field:
            errors.setdefault(field, message)
    return InputError(errors)


def reply_event(application: Application, data: dict, number: str, title: str) -> dict:
    """Return the workflow event a reply letter records (replied, withdrawn or abandoned)."""
    kind = data["reply_kind"]
    event = {"type": CLOSING_EVENTS.get(kind, "replied"), "date": data["date"].isoformat()}
    event["note"] = f"{title}（{number}）" + (f"；{data['note']}" if data.get("note") else "")
    if event["type"] == "replied":
        event.update(outcome=data["outcome"], reply_text=f"{title}（{number}）")
    return event


def check_closing(application: Application, data: dict) -> None:
    """Refuse a closing letter whose outcome the workflow would not give (条例第三十条)."""
    kind = data["reply_kind"]
    if kind not in CLOSING_EVENTS:
        return
    history = domain.domain_events(application)
    try:
        event = dl.Event(type=CLOSING_EVENTS[kind], date=data["date"])
        expected = wf.closing_outcome(history, event)
    except wf.WorkflowError as exc:
        raise InputError({"reply_kind": str(exc)}) from None
    if expected != data["outcome"]:
        label = domain.status_label(application.status)
        raise InputError({"reply_kind": f"申请当前状态为“{label}”，不能以“{kind.label}”终止处理"})


def _save(
    session: Session,
    application: Application,
    ctx: LetterContext,
    kind: str,
    make_event: Callable[[str], dict],
    actor: Staff,
    now: datetime,
    uploads: tuple[storage.Upload, ...] = (),
    details: dict | None = None,
) -> Letter:
    """Number, render and store a letter and record its event in one transaction."""
    stored: list[str] = []
    try:
        year = ctx.issued_on.year
        serial = next_serial(session, application.agency_code, year, counter=LetterCounter)
        ctx = dataclasses.replace(
            ctx, letter_number=letters.letter_number(ctx.agency, year, serial)
        )
        letter = Letter(
            application=application,
            agency_code=application.agency_code,
            year=year,
            serial=serial,
            number=ctx.letter_number,
            kind=kind,
            issued_on=ctx.issued_on,
            reply_kind=str(ctx.reply_kind) if ctx.reply_kind else None,
            outcome=ctx.outcome,
            html=letters.render(ctx),
            details=details or {},
            actor_label=actor.username,
        )
        for upload in uploads:
            stored.append(storage.store(upload))
            letter.attachments.append(
                LetterAttachment(
                    filename=upload.filename,
                    media_type=upload.media_type,
                    size=len(upload.data),
                    sha256=upload.sha256,
                    storage_name=stored[-1],
                )
            )
        session.add(letter)
        event = make_event(ctx.letter_number)
        entry = record_event(session, application, event, actor, now, notify=False)
    except BaseException:
        session.rollback()
        storage.discard(stored)
        raise
    letter.event_seq = entry.seq
    session.commit()
    logger.info("letter %s issued for application %s", letter.number, application.id)
    return letter


def issue_reply(
    session: Session,
    application: Application,
    data: dict,
    files: list[tuple[str, bytes]],
    actor: Staff,
    now: datetime,
) -> Letter:
    """Issue a reply letter (or a closing letter) with its attachments and close the request."""
    uploads = storage.check_uploads(files)
    check_closing(application, data)
    ctx = build_reply(application, data, tuple(u.filename for u in uploads))
    return _save(
        session,
        application,
        ctx,
        "reply",
        lambda number: reply_event(application, data, number, ctx.title),
        actor,
        now,
        uploads,
    )


def build_reply(application: Application, data: dict, names: tuple[str, ...] = ()):
    """Return the reply context with a preview number (raises InputError when incomplete)."""
    head = letters.letterhead(application.agency_code)
    number = letters.preview_number(head, data["date"].year)
    try:
        return letters.reply_context(application, data, number, names)
    except LetterError as exc:
        raise letter_error(exc) from None


def preview_reply(application: Application, data: dict, names: tuple[str, ...] = ()) -> str:
    """Render a reply letter for preview, without a number or any record."""
    return letters.render(build_reply(application, data, names))


def applicant_filter(application: Application):
    """Return the SQL condition that finds the same applicant's applications."""
    if application.id_number:
        return Application.id_number == application.id_number
    if application.org_uscc:
        return Application.org_uscc == application.org_uscc
    return (Application.name == application.name) & (Application.phone == application.phone)


def earlier_this_month(session: Session, application: Application) -> int:
    """Count the same applicant's earlier applications to the agency in the same calendar month."""
    day = application.received_on
    first = date(day.year, day.month, 1)
    stmt = select(func.count(Application.id)).where(
        applicant_filter(application),
        Application.agency_code == application.agency_code,
        Application.received_on >= first,
        or_(
            Application.received_on < day,
            (Application.received_on == day) & (Application.id < application.id),
        ),
    )
    return session.scalar(stmt) or 0


def assess(session: Session, application: Application, data: dict) -> FeeAssessment:
    """Compute the fee by the chosen method (信息处理费管理办法第三条至第五条)."""
    try:
        if data["method"] == "per_page":
            fee = assess_fee(pages=data["pages"])
        else:
            fee = assess_fee(already_this_month=earlier_this_month(session, application))
    except FeeError as exc:
        raise InputError({"method": str(exc)}) from None
    if fee.is_free:
        raise InputError(
            {"method": "按所选方式计算，本申请不需收费：" + "".join(fee.explanation())}
        )
    return fee


def _notice_details(session: Session, application: Application, kind: NoticeKind, data: dict):
    """Return the computed parts of a notice (fee, new due date) and its event payload."""
    event = {"type": NOTICE_EVENTS[kind], "date": data["date"].isoformat()}
    fee = None
    if kind is NoticeKind.FEE:
        fee = assess(session, application, data)
        event["amount"] = str(fee.total)
    elif kind is NoticeKind.EXTENSION:
        event.update(working_days=data["working_days"], reason=data["reason"])
        data = {**data, **extension_dates(application, data)}
    return data, event, fee


def extension_dates(application: Application, data: dict) -> dict:
    """Return the due date in force and the due date after the extension (条例第三十三条)."""
    history = domain.domain_events(application)
    extended = dl.Event(
        type="extended", date=data["date"], working_days=data["working_days"], reason=data["reason"]
    )
    cal = domain.calendar()
    before = dl.compute_deadlines(cal, application.received_on, history, data["date"])
    after = dl.compute_deadlines(cal, application.received_on, [*history, extended], data["date"])
    return {"original_due": before.reply_due, "extended_due": after.reply_due}


def build_notice(session: Session, application: Application, kind: NoticeKind, data: dict):
    """Return the notice context with a preview number, its event and the fee, if any."""
    data, event, fee = _notice_details(session, application, kind, data)
    head = letters.letterhead(application.agency_code)
    number = letters.preview_number(head, data["date"].year)
    try:
        ctx = letters.notice_context(application, kind, data, number, fee)
    except LetterError as exc:
        raise letter_error(exc) from None
    return ctx, event, fee


def issue_notice(
    session: Session,
    application: Application,
    kind: NoticeKind,
    data: dict,
    actor: Staff,
    now: datetime,
) -> Letter:
    """Issue a fee, correction or extension notice and record its event."""
    ctx, event, fee = build_notice(session, application, kind, data)
    details = {"fee_total": str(fee.total), "fee_method": str(fee.method)} if fee else {}
    note = data.get("note") or ""

    def make_event(number: str) -> dict:
        return {**event, "note": f"{ctx.title}（{number}）" + (f"；{note}" if note else "")}

    return _save(session, application, ctx, kind.value, make_event, actor, now, details=details)


def letters_of(session: Session, application_id: int) -> list[Letter]:
    """Return the letters of an application, oldest first."""
    stmt = select(Letter).where(Letter.application_id == application_id).order_by(Letter.id)
    return list(session.scalars(stmt))
