"""Record workflow events on an application: validate, apply the move, log it, notify."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from disclosure.outcomes import OUTCOME_CODES

from .. import domain
from ..models import Application, Event, Staff
from .notifications import notify_applicant

logger = logging.getLogger(__name__)

EVENT_TYPES = (
    "correction_requested", "correction_received", "consultation_sent", "consultation_answered",
    "fee_notice_sent", "fee_paid", "extended", "replied", "withdrawn", "abandoned",
)  # fmt: skip
NOTIFY_ON = {"correction_requested", "extended", "replied"}
HEAD_ONLY = {"extended"}  # Art. 33: the head of the disclosure office approves an extension
HEAD_ROLES = {"head"}
MAX_TEXT = 5000


class EventInputError(ValueError):
    """Invalid event input; carries Chinese messages per field (HTTP 400)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class EventConflict(RuntimeError):
    """The move is not allowed in the application's current state (HTTP 409)."""


class EventForbidden(PermissionError):
    """The staff member's role may not record this event (HTTP 403)."""


def _parse_date(value: Any, today: date, received_on: date, errors: dict) -> date | None:
    """Parse an event date: ISO format, not in the future, not before receipt."""
    if not isinstance(value, str) or not value.strip():
        errors["date"] = "请填写日期，格式为 YYYY-MM-DD"
        return None
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        errors["date"] = "日期无效，格式应为 YYYY-MM-DD，且须为真实存在的日期"
        return None
    if day > today:
        errors["date"] = "日期不能晚于今天"
    elif day < received_on:
        errors["date"] = "日期不能早于收到申请之日"
    return day


def _text(payload: Mapping, key: str, errors: dict, required_message: str | None = None) -> str:
    """Read an optional or required text field."""
    value = payload.get(key)
    if value is None or value == "":
        if required_message:
            errors[key] = required_message
        return ""
    if not isinstance(value, str):
        errors[key] = "格式不正确，应为文字"
        return ""
    if len(value) > MAX_TEXT:
        errors[key] = f"不能超过{MAX_TEXT}个字"
    return value.strip()


def _working_days(value: Any, errors: dict) -> int | None:
    """Parse the extension length: an integer from 1 to 20 (Art. 33)."""
    try:
        days = int(value) if not isinstance(value, bool) and str(value).strip().isdigit() else None
    except (TypeError, ValueError):
        days = None
    if days is None or not 1 <= days <= 20:
        errors["working_days"] = "延长的工作日数应为1至20之间的整数（条例第三十三条）"
        return None
    return days


def _amount(value: Any, errors: dict) -> str | None:
    """Parse a fee amount in yuan: positive, at most two decimals."""
    try:
        amount = Decimal(str(value).strip()) if value not in (None, "", True, False) else None
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or amount <= 0 or amount > 1_000_000:
        errors["amount"] = "请填写收费金额（元），应为大于0的数字"
        return None
    if amount.as_tuple().exponent < -2:
        errors["amount"] = "收费金额最多保留两位小数"
        return None
    return str(amount)


def parse_event(payload: Mapping, application: Application, today: date) -> dict:
    """Validate an event payload; return its type, date and data, or raise EventInputError."""
    errors: dict[str, str] = {}
    kind = payload.get("type")
    if kind not in EVENT_TYPES:
        errors["type"] = "事件类型无效"
    day = _parse_date(payload.get("date"), today, application.received_on, errors)
    data: dict[str, Any] = {}
    note = _text(payload, "note", errors)
    if note:
        data["note"] = note
    if kind == "extended":
        data["working_days"] = _working_days(payload.get("working_days"), errors)
        data["reason"] = _text(payload, "reason", errors, "请填写延长答复期限的理由")
    elif kind == "fee_notice_sent":
        data["amount"] = _amount(payload.get("amount"), errors)
    elif kind == "replied":
        outcome = payload.get("outcome")
        if outcome not in OUTCOME_CODES:
            errors["outcome"] = "请选择办理结果（年报表三的21种结果之一）"
        data["outcome"] = outcome
        data["reply_text"] = _text(payload, "reply_text", errors)
    if errors:
        raise EventInputError(errors)
    return {"type": kind, "date": day, "data": data}


def record_event(
    session: Session,
    application: Application,
    payload: Mapping,
    actor: Staff,
    now: datetime,
    expected_version: int | None = None,
    notify: bool = True,
) -> Event:
    """Apply one event to an application and commit; nothing changes if it is refused.

    notify=False leaves the applicant's email to the caller (the reply service sends the letter).
    """
    today = domain.beijing_today(now)
    parsed = parse_event(payload, application, today)
    if parsed["type"] in HEAD_ONLY and actor.role not in HEAD_ROLES:
        raise EventForbidden("延长答复期限须经政府信息公开工作机构负责人批准，经办人无权操作")
    if expected_version is not None and expected_version != application.version:
        raise EventConflict("该申请已被他人更新，请刷新页面查看最新状态后重试")
    before = domain.snapshot(application, today)
    try:
        domain.apply_move(
            application, parsed["type"], parsed["date"], parsed["data"], actor.role, today
        )
    except domain.MoveRefused as exc:
        session.rollback()
        raise EventConflict(str(exc)) from None
    _apply_fields(application, parsed)
    flag_modified(application, "status")  # every event bumps the version (optimistic lock)
    entry = Event(
        application=application,
        seq=len(application.events) + 1,
        type=parsed["type"],
        event_date=parsed["date"],
        recorded_at=now,
        actor_id=actor.id,
        actor_label=actor.username,
        data=parsed["data"],
        previous=before,
        new={},
    )
    session.add(entry)
    entry.new = domain.snapshot(application, today, extra=parsed)  # pending row: not an update
    domain.store_deadlines(application, today)
    try:
        session.commit()
    except (StaleDataError, IntegrityError):
        session.rollback()
        raise EventConflict("该申请已被他人同时更新，本次操作未保存，请刷新后重试") from None
    logger.info("application %s: %s recorded by staff %s", application.id, entry.type, actor.id)
    if notify and entry.type in NOTIFY_ON:
        notify_applicant(session, application, entry.type, event=entry)
    return entry


def _apply_fields(application: Application, parsed: dict) -> None:
    """Copy the reply or closing onto the application row."""
    if parsed["type"] == "replied":
        application.reply_text = parsed["data"].get("reply_text") or None
    if parsed["type"] in {"replied", "withdrawn", "abandoned"}:
        application.closed_on = parsed["date"]


def parse_version(value: Any) -> int | None:
    """Read an optional expected version for optimistic locking."""
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise EventInputError({"version": "版本号应为整数"}) from None
