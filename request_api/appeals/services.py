"""Record and update appeal cases; check the input (kind, dates, result)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from disclosure.annual_report import AppealKind, AppealRecord, AppealResult

from ..models import Application, Staff
from .models import Appeal

logger = logging.getLogger(__name__)

MAX_TEXT = 2000


class AppealInputError(ValueError):
    """Invalid appeal input; .errors maps fields to Chinese messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def _day(value: Any, key: str, errors: dict, required: bool) -> date | None:
    """Read a YYYY-MM-DD date."""
    if value in (None, ""):
        if required:
            errors[key] = "请填写日期，格式为 YYYY-MM-DD"
        return None
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        errors[key] = "日期无效，格式应为 YYYY-MM-DD，且须为真实存在的日期"
        return None


def _choice(value: Any, enum, key: str, errors: dict, message: str):
    """Read one value of an enumeration."""
    try:
        return enum(value)
    except ValueError:
        errors[key] = message
        return None


def parse_appeal(data: Mapping, application: Application, today: date) -> dict:
    """Return the checked appeal fields, or raise AppealInputError."""
    errors: dict[str, str] = {}
    kind = _choice(data.get("kind"), AppealKind, "kind", errors, "请选择案件类型")
    result = _choice(data.get("result") or "pending", AppealResult, "result", errors, "请选择结果")
    filed = _day(data.get("filed_on"), "filed_on", errors, True)
    decided = _day(data.get("decided_on"), "decided_on", errors, False)
    if filed and (filed > today or filed < application.received_on):
        errors["filed_on"] = "申请复议或起诉日期不能晚于今天，也不能早于收到政府信息公开申请之日"
    if result is AppealResult.PENDING and decided:
        errors["decided_on"] = "尚未审结的案件不能填写审结日期"
    if result not in (None, AppealResult.PENDING) and not decided and "decided_on" not in errors:
        errors["decided_on"] = "已审结的案件请填写审结日期"
    if filed and decided and (decided < filed or decided > today):
        errors["decided_on"] = "审结日期应在申请复议或起诉日期之后，且不能晚于今天"
    texts = {k: str(data.get(k) or "").strip() for k in ("body", "note")}
    if any(len(v) > MAX_TEXT for v in texts.values()):
        errors["note"] = f"说明不能超过{MAX_TEXT}个字"
    if errors:
        raise AppealInputError(errors)
    return {
        "kind": str(kind),
        "result": str(result),
        "filed_on": filed,
        "decided_on": decided,
        "body": texts["body"][:200] or None,
        "note": texts["note"] or None,
    }


def add_appeal(
    session: Session, application: Application, fields: dict, actor: Staff, now: datetime
) -> Appeal:
    """Record a new case against an application."""
    appeal = Appeal(
        application_id=application.id,
        actor_label=actor.username,
        created_at=now,
        updated_at=now,
        **fields,
    )
    session.add(appeal)
    session.commit()
    logger.info("appeal %s recorded for application %s", appeal.id, application.id)
    return appeal


def update_appeal(session: Session, appeal: Appeal, fields: dict, actor: Staff, now: datetime):
    """Update a case's result (e.g. when decided)."""
    for key, value in fields.items():
        setattr(appeal, key, value)
    appeal.actor_label = actor.username
    appeal.updated_at = now
    session.commit()
    return appeal


def appeals_of(session: Session, application_id: int) -> list[Appeal]:
    """Return the cases of one application."""
    stmt = select(Appeal).where(Appeal.application_id == application_id).order_by(Appeal.id)
    return list(session.scalars(stmt))


def appeal_records(session: Session, agency_code: str) -> list[AppealRecord]:
    """Return every case against the agency's applications, for table 四."""
    stmt = (
        select(Appeal, Application.receipt_no)
        .join(Application, Appeal.application_id == Application.id)
        .where(Application.agency_code == agency_code)
        .order_by(Appeal.id)
    )
    return [
        AppealRecord(
            kind=a.kind, filed_on=a.filed_on, result=a.result, decided_on=a.decided_on, ref=receipt
        )
        for a, receipt in session.execute(stmt)
    ]
