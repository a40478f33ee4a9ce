"""The channel and date of receipt of an application registered by staff (Art. 31)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from .. import domain
from ..choices import CHANNELS

MAX_BACKDATE_DAYS = 366


def staff_receipt(channel: Any, given: Any, now: datetime, errors: dict) -> tuple[str, date | None]:
    """Return (channel, date of receipt) for a staff registration, recording field errors."""
    channel = channel or "online"
    if channel not in CHANNELS:
        errors["channel"] = "申请渠道无效，应为：" + "、".join(CHANNELS.values())
        return "online", None
    day = parse_given_date(given, now, errors)
    if "received_on" in errors:
        return channel, None
    try:
        return channel, domain.receipt_date(channel, now, day)
    except domain.ReceiptError as exc:
        errors["received_on"] = str(exc)
        return channel, None


def public_receipt(channel: Any, given: Any, errors: dict) -> tuple[str, None]:
    """Refuse a channel or date from the public: online submissions get the system's date."""
    if channel not in (None, "", "online"):
        errors["channel"] = "公众只能通过网上渠道提交申请"
    if given not in (None, ""):
        errors["received_on"] = "收到申请日期由系统确定，公众不能指定"
    return "online", None


def parse_given_date(value: Any, now: datetime, errors: dict) -> date | None:
    """Parse a date staff give: a real YYYY-MM-DD date, not in the future, within the last year."""
    if value in (None, ""):
        return None
    try:
        day = date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    today = domain.beijing_today(now)
    if day is None:
        errors["received_on"] = "日期无效，格式应为 YYYY-MM-DD，且须为真实存在的日期"
    elif day > today or day < today - timedelta(days=MAX_BACKDATE_DAYS):
        errors["received_on"] = "收到申请日期不能晚于今天，也不能早于一年前"
    return day
