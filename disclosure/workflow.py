"""Status of an application and the moves its event log may make (Arts. 30-35, fee measures).

One table, ``TRANSITIONS``, lists every allowed move; ``apply_event`` checks an event against
it and against the statutory conditions, and returns the new status or raises WorkflowError.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from disclosure.calendar import WorkingCalendar
from disclosure.deadlines import (
    MAX_EXTENSION_WORKING_DAYS,
    Event,
    EventType,
    compute_deadlines,
    correction_notice_due,
)
from disclosure.outcomes import OUTCOME_CODES

HEAD_ROLE = "head"


class WorkflowError(Exception):
    """An event that the law or the application's state does not allow; the message is Chinese."""


class Status(StrEnum):
    """Where an application stands."""

    RECEIVED = "received"
    AWAITING_CORRECTION = "awaiting_correction"
    CONSULTING = "consulting"
    AWAITING_FEE = "awaiting_fee"
    REPLIED = "replied"
    WITHDRAWN = "withdrawn"
    ABANDONED = "abandoned"

    @property
    def label(self) -> str:
        """Return the Chinese label of this status."""
        return STATUS_LABELS[self]

    @property
    def is_closed(self) -> bool:
        """Tell whether nothing more can happen to the application."""
        return self in CLOSED_STATUSES


STATUS_LABELS: dict[Status, str] = {
    Status.RECEIVED: "办理中",
    Status.AWAITING_CORRECTION: "待申请人补正",
    Status.CONSULTING: "征求意见中",
    Status.AWAITING_FEE: "待申请人缴费",
    Status.REPLIED: "已答复",
    Status.WITHDRAWN: "申请人已撤回",
    Status.ABANDONED: "视为放弃申请",
}
CLOSED_STATUSES = frozenset({Status.REPLIED, Status.WITHDRAWN, Status.ABANDONED})

E = EventType
# Every allowed move: status -> event type -> new status. Anything missing is illegal.
TRANSITIONS: dict[Status, dict[EventType, Status]] = {
    Status.RECEIVED: {
        E.CORRECTION_REQUESTED: Status.AWAITING_CORRECTION,  # Art. 30
        E.CONSULTATION_SENT: Status.CONSULTING,  # Arts. 32, 34
        E.FEE_NOTICE_SENT: Status.AWAITING_FEE,  # fee measures
        E.EXTENDED: Status.RECEIVED,  # Art. 33
        E.REPLIED: Status.REPLIED,  # Arts. 36-39
        E.WITHDRAWN: Status.WITHDRAWN,
        E.ABANDONED: Status.ABANDONED,
    },
    Status.AWAITING_CORRECTION: {
        E.CORRECTION_RECEIVED: Status.RECEIVED,  # Art. 30: the period restarts
        E.WITHDRAWN: Status.WITHDRAWN,
        E.ABANDONED: Status.ABANDONED,  # Art. 30: no correction in time
    },
    Status.CONSULTING: {
        E.CONSULTATION_ANSWERED: Status.RECEIVED,
        E.EXTENDED: Status.CONSULTING,
        E.WITHDRAWN: Status.WITHDRAWN,
        E.ABANDONED: Status.ABANDONED,
    },
    Status.AWAITING_FEE: {
        E.FEE_PAID: Status.RECEIVED,
        E.EXTENDED: Status.AWAITING_FEE,
        E.WITHDRAWN: Status.WITHDRAWN,
        E.ABANDONED: Status.ABANDONED,  # fee measures: not paid in time
    },
    Status.REPLIED: {},
    Status.WITHDRAWN: {},
    Status.ABANDONED: {},
}

# Clearer messages for the commonest illegal moves than the generic one.
_MISSING_PREREQUISITE = {
    E.CORRECTION_RECEIVED: "没有待补正的补正通知，不能登记收到补正材料",
    E.CONSULTATION_ANSWERED: "没有正在进行的征求意见，不能登记征求意见答复",
    E.FEE_PAID: "没有待缴费的收费通知，不能登记缴费",
}


@dataclass(frozen=True)
class Transition:
    """The result of a legal event: the new status and, if it closes, the outcome code."""

    status: Status
    outcome: str | None = None


def allowed_events(status: Status) -> tuple[EventType, ...]:
    """Return the event types the table allows in status (before statutory checks)."""
    return tuple(TRANSITIONS[status])


def status_after(events: Sequence[Event]) -> Status:
    """Replay an event log through the table and return the resulting status."""
    status = Status.RECEIVED
    for event in events:
        try:
            status = TRANSITIONS[status][event.type]
        except KeyError:
            raise WorkflowError(
                f"事项记录不一致：状态为“{status.label}”时不能{event.type.label}"
            ) from None
    return status


def closing_outcome(history: Sequence[Event], event: Event) -> str | None:
    """Return the outcome code event closes the application with, or None if it does not close it.

    Withdrawal closes with ``other``; abandonment with ``other_no_correction`` after an
    unanswered correction notice (Art. 30), ``other_fee_unpaid`` after an unpaid fee notice
    (fee measures), else ``other``.
    """
    if event.type is E.REPLIED:
        return event.outcome
    if event.type is E.WITHDRAWN:
        return "other"
    if event.type is E.ABANDONED:
        before = status_after(history)
        if before is Status.AWAITING_CORRECTION:
            return "other_no_correction"
        if before is Status.AWAITING_FEE:
            return "other_fee_unpaid"
        return "other"
    return None


def apply_event(
    calendar: WorkingCalendar,
    received_on: date,
    history: Sequence[Event],
    event: Event,
    actor_role: str | None = None,
    today: date | None = None,
) -> Transition:
    """Check event against the log so far and return the new status, or raise WorkflowError."""
    status = status_after(history)
    if status.is_closed:
        raise WorkflowError(f"申请已{status.label}，不能再登记其他事项")
    _check_date(received_on, history, event, today)
    _check_one_time(history, event)
    if event.type not in TRANSITIONS[status]:
        message = _MISSING_PREREQUISITE.get(event.type)
        raise WorkflowError(message or f"申请当前状态为“{status.label}”，不能{event.type.label}")
    _check_event(calendar, received_on, history, event, actor_role)
    return Transition(TRANSITIONS[status][event.type], closing_outcome(history, event))


def _check_date(
    received_on: date, history: Sequence[Event], event: Event, today: date | None
) -> None:
    if event.date < received_on:
        raise WorkflowError(f"事项日期 {event.date} 早于收到申请之日 {received_on}")
    if history and event.date < history[-1].date:
        raise WorkflowError(f"事项日期 {event.date} 早于上一事项的日期 {history[-1].date}")
    if today is not None and event.date > today:
        raise WorkflowError(f"事项日期 {event.date} 晚于今天 {today}，不能预先登记")


def _check_one_time(history: Sequence[Event], event: Event) -> None:
    done = {e.type for e in history}
    if event.type is E.CORRECTION_REQUESTED and event.type in done:
        raise WorkflowError("补正通知只能发出一次（《条例》第三十条）")
    if event.type is E.EXTENDED and event.type in done:
        raise WorkflowError("答复期限只能延长一次（《条例》第三十三条）")


def _check_event(
    calendar: WorkingCalendar,
    received_on: date,
    history: Sequence[Event],
    event: Event,
    actor_role: str | None,
) -> None:
    if event.type is E.CORRECTION_REQUESTED:
        _check_correction_request(calendar, received_on, history, event)
    elif event.type is E.EXTENDED:
        _check_extension(event, actor_role)
        _check_within_reply_period(calendar, received_on, history, event)
    elif event.type is E.FEE_NOTICE_SENT:
        _check_amount(event.amount)
        _check_within_reply_period(calendar, received_on, history, event)
    elif event.type is E.REPLIED:
        _check_outcome(history, event.outcome)


def _check_correction_request(
    calendar: WorkingCalendar, received_on: date, history: Sequence[Event], event: Event
) -> None:
    # Art. 30: one notice, within 7 working days of receipt, before anything else is done.
    if history:
        raise WorkflowError("补正通知应当在办理其他事项之前发出（《条例》第三十条）")
    due = correction_notice_due(calendar, received_on)
    if event.date > due:
        raise WorkflowError(
            f"补正通知应当在收到申请之日起7个工作日内（最迟 {due}）发出，"
            "已超过期限（《条例》第三十条）"
        )


def _check_extension(event: Event, actor_role: str | None) -> None:
    # Art. 33: approved by the head of the disclosure office, at most 20 working days.
    if actor_role != HEAD_ROLE:
        raise WorkflowError("延长答复期限须经政府信息公开工作机构负责人同意（《条例》第三十三条）")
    days = event.working_days
    if isinstance(days, bool) or not isinstance(days, int):
        raise WorkflowError("请填写延长的工作日数（1至20）")
    if not 1 <= days <= MAX_EXTENSION_WORKING_DAYS:
        raise WorkflowError(
            f"延长期限应为1至20个工作日，不能为 {days} 个工作日（《条例》第三十三条）"
        )
    if not (event.reason or "").strip():
        raise WorkflowError("请填写延长答复期限的理由")


def _check_within_reply_period(
    calendar: WorkingCalendar, received_on: date, history: Sequence[Event], event: Event
) -> None:
    # Art. 33 (extension) and fee measures (fee notice): only before the due date in force.
    deadlines = compute_deadlines(calendar, received_on, history, as_of=event.date)
    if not deadlines.is_overdue:
        return
    due = f"（{deadlines.reply_due}）" if deadlines.reply_due else ""
    if event.type is E.EXTENDED:
        raise WorkflowError(f"答复期限{due}已届满，不能再延长（《条例》第三十三条）")
    raise WorkflowError(f"答复期限{due}已届满，不能再发出收费通知（国办函〔2020〕109号）")


def _check_amount(amount: Decimal | int | float | str | None) -> None:
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, ValueError):
        raise WorkflowError("请填写收费金额") from None
    if not value.is_finite() or value <= 0:
        raise WorkflowError(f"收费金额应为正数，不能为 {amount}")


def _check_outcome(history: Sequence[Event], outcome: str | None) -> None:
    if outcome not in OUTCOME_CODES:
        raise WorkflowError(f"未知的办理结果：{outcome or '（未填写）'}")
    # Table 三 row 四.3 counts only applications still unclear after a correction (Art. 30).
    corrected = any(e.type is E.CORRECTION_RECEIVED for e in history)
    if outcome == "unavailable_unclear_after_correction" and not corrected:
        raise WorkflowError("申请人未经补正，不能以“补正后申请内容仍不明确”答复")
