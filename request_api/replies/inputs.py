"""Check staff input for replies and notices; errors are Chinese messages per field."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from disclosure.outcomes import OUTCOME_BY_CODE
from disclosure.replies import KIND_OUTCOMES, ReplyError, ReplyKind, check_reply

MAX_TEXT = 5000
MAX_ITEMS = 20
# Reply kinds that close a request without a reply event, and the event they record.
CLOSING_EVENTS: dict[ReplyKind, str] = {
    ReplyKind.WITHDRAWN: "withdrawn",
    ReplyKind.NO_CORRECTION: "abandoned",
    ReplyKind.FEE_UNPAID: "abandoned",
}
FEE_METHODS = {"per_application": "按件计收", "per_page": "按量计收"}


class InputError(ValueError):
    """Invalid staff input; .errors maps field names to Chinese messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def _text(data: Mapping, key: str, errors: dict) -> str:
    """Read an optional text field, at most MAX_TEXT characters."""
    value = data.get(key)
    if value in (None, ""):
        return ""
    if not isinstance(value, str):
        errors[key] = "格式不正确，应为文字"
        return ""
    if len(value) > MAX_TEXT:
        errors[key] = f"不能超过{MAX_TEXT}个字"
    return value.strip()


def _date(data: Mapping, key: str, errors: dict, required: str) -> date | None:
    """Read a YYYY-MM-DD date."""
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        errors[key] = required
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        errors[key] = "日期无效，格式应为 YYYY-MM-DD，且须为真实存在的日期"
        return None


def _int(data: Mapping, key: str, errors: dict, low: int, high: int, message: str) -> int | None:
    """Read a whole number between low and high."""
    value = str(data.get(key) or "").strip()
    if not value.isdigit() or not low <= int(value) <= high:
        errors[key] = message
        return None
    return int(value)


def _kind_and_outcome(data: Mapping, errors: dict) -> tuple[ReplyKind | None, str | None]:
    """Read the reply kind and the outcome code and check they fit (条例第三十六条)."""
    try:
        kind = ReplyKind(data.get("reply_kind") or "")
    except ValueError:
        errors["reply_kind"] = "请选择答复类型"
        return None, None
    code = data.get("outcome") or ""
    if kind in CLOSING_EVENTS or len(KIND_OUTCOMES[kind]) == 1 and not code:
        code = KIND_OUTCOMES[kind][0]
    if code not in OUTCOME_BY_CODE:
        errors["outcome"] = "请选择办理结果（年报表三的21种结果之一）"
        return kind, None
    try:
        check_reply(kind, code)
    except ReplyError as exc:
        errors["outcome"] = str(exc)
    return kind, code


def parse_reply(data: Mapping) -> dict[str, Any]:
    """Return the checked reply input, or raise InputError."""
    errors: dict[str, str] = {}
    kind, code = _kind_and_outcome(data, errors)
    parsed: dict[str, Any] = {"reply_kind": kind, "outcome": code}
    parsed["date"] = _date(data, "date", errors, "请填写答复日期，格式为 YYYY-MM-DD")
    for key in (
        "facts",
        "reason",
        "location",
        "right_agency",
        "right_agency_contact",
        "previous_reply",
        "note",
    ):
        parsed[key] = _text(data, key, errors)
    if kind is ReplyKind.NOT_THIS_AGENCY and not parsed["right_agency"]:
        errors["right_agency"] = "请填写负责公开该信息的行政机关（条例第三十六条第（五）项）"
    if errors:
        raise InputError(errors)
    return parsed


def parse_fee(data: Mapping) -> dict[str, Any]:
    """Return the checked fee notice input, or raise InputError."""
    errors: dict[str, str] = {}
    parsed: dict[str, Any] = {"method": data.get("method")}
    if parsed["method"] not in FEE_METHODS:
        errors["method"] = "请选择计费方式：按件计收或按量计收（二者不得同时适用）"
    if parsed["method"] == "per_page":
        parsed["pages"] = _int(data, "pages", errors, 1, 1_000_000, "请填写页数（正整数）")
    parsed["date"] = _date(data, "date", errors, "请填写通知日期，格式为 YYYY-MM-DD")
    parsed["payment_instructions"] = _text(data, "payment_instructions", errors)
    if not parsed["payment_instructions"] and "payment_instructions" not in errors:
        errors["payment_instructions"] = "请填写缴费方式（收款单位、账号或缴费地点）"
    parsed["reason"] = _text(data, "reason", errors)
    if errors:
        raise InputError(errors)
    return parsed


def parse_correction(data: Mapping) -> dict[str, Any]:
    """Return the checked correction notice input, or raise InputError."""
    errors: dict[str, str] = {}
    items = [line.strip() for line in _text(data, "items", errors).splitlines() if line.strip()]
    if not items and "items" not in errors:
        errors["items"] = "请逐行列明需要补正的事项（条例第三十条：一次性告知）"
    elif len(items) > MAX_ITEMS:
        errors["items"] = f"补正事项最多{MAX_ITEMS}项"
    parsed: dict[str, Any] = {"items": items, "reason": _text(data, "reason", errors)}
    parsed["date"] = _date(data, "date", errors, "请填写通知日期，格式为 YYYY-MM-DD")
    parsed["correction_due"] = _date(data, "correction_due", errors, "请填写补正期限")
    if parsed["date"] and parsed["correction_due"] and parsed["correction_due"] <= parsed["date"]:
        errors["correction_due"] = "补正期限应晚于通知日期"
    if errors:
        raise InputError(errors)
    return parsed


def parse_extension(data: Mapping) -> dict[str, Any]:
    """Return the checked extension notice input, or raise InputError."""
    errors: dict[str, str] = {}
    parsed: dict[str, Any] = {
        "working_days": _int(
            data,
            "working_days",
            errors,
            1,
            20,
            "延长的工作日数应为1至20之间的整数（条例第三十三条）",
        ),
        "reason": _text(data, "reason", errors),
    }
    if not parsed["reason"] and "reason" not in errors:
        errors["reason"] = "请填写延长答复期限的理由"
    parsed["date"] = _date(data, "date", errors, "请填写通知日期，格式为 YYYY-MM-DD")
    if errors:
        raise InputError(errors)
    return parsed
