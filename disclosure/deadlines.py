"""Statutory deadlines of an application, derived from the calendar and the event log.

Sources: 《中华人民共和国政府信息公开条例》 (cited "Art. N"), 《政府信息公开信息处理费管理办法》
(国办函〔2020〕109号, cited "fee measures") and the Civil Code Art. 201 for counting.
Everything here is a pure function: entering a new holiday arrangement changes every result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

from disclosure.calendar import SkippedDay, WorkingCalendar

# Art. 33: reply within 20 working days of receipt.
REPLY_WORKING_DAYS = 20
# Art. 33: one extension of at most 20 working days, approved by the head of the office.
MAX_EXTENSION_WORKING_DAYS = 20
# Art. 30: a one-time correction notice within 7 working days of receipt.
CORRECTION_NOTICE_WORKING_DAYS = 7
# Arts. 32 and 34: third parties and other agencies answer within 15 working days.
CONSULTATION_ANSWER_WORKING_DAYS = 15
# Fee measures: the applicant pays within 20 working days of receiving the fee notice.
FEE_PAYMENT_WORKING_DAYS = 20
# Dashboard warning (电子监察 yellow card): due within this many working days.
DUE_SOON_WORKING_DAYS = 5

_MAX_WALK_DAYS = 3660  # ten years: a guard against endless counting

Color = Literal["red", "yellow", "green"]


class EventType(StrEnum):
    """Events of an application's log that matter for its status and deadlines."""

    CORRECTION_REQUESTED = "correction_requested"
    CORRECTION_RECEIVED = "correction_received"
    CONSULTATION_SENT = "consultation_sent"
    CONSULTATION_ANSWERED = "consultation_answered"
    FEE_NOTICE_SENT = "fee_notice_sent"
    FEE_PAID = "fee_paid"
    EXTENDED = "extended"
    REPLIED = "replied"
    WITHDRAWN = "withdrawn"
    ABANDONED = "abandoned"

    @property
    def label(self) -> str:
        """Return the Chinese label of this event type."""
        return EVENT_LABELS[self]


EVENT_LABELS: dict[EventType, str] = {
    EventType.CORRECTION_REQUESTED: "发出补正通知",
    EventType.CORRECTION_RECEIVED: "收到补正材料",
    EventType.CONSULTATION_SENT: "征求第三方或其他机关意见",
    EventType.CONSULTATION_ANSWERED: "收到征求意见答复",
    EventType.FEE_NOTICE_SENT: "发出收费通知",
    EventType.FEE_PAID: "申请人缴费",
    EventType.EXTENDED: "延长答复期限",
    EventType.REPLIED: "作出答复",
    EventType.WITHDRAWN: "申请人撤回申请",
    EventType.ABANDONED: "视为放弃申请",
}

CLOSING_EVENTS = frozenset({EventType.REPLIED, EventType.WITHDRAWN, EventType.ABANDONED})
# An opening event pauses the clock until its closing event (Arts. 32-34, fee measures).
PAUSE_CLOSERS = {
    EventType.CONSULTATION_SENT: EventType.CONSULTATION_ANSWERED,
    EventType.FEE_NOTICE_SENT: EventType.FEE_PAID,
}
PAUSE_ANSWER_DAYS = {
    EventType.CONSULTATION_SENT: CONSULTATION_ANSWER_WORKING_DAYS,
    EventType.FEE_NOTICE_SENT: FEE_PAYMENT_WORKING_DAYS,
}
_PAUSE_RULES = {
    EventType.CONSULTATION_SENT: "征求意见期间不计入答复期限，"
    "第三方或其他机关应在15个工作日内提出意见（《条例》第三十二条、第三十三条、第三十四条）",
    EventType.FEE_NOTICE_SENT: "收费通知至缴费期间不计入答复期限，申请人应在20个工作日内缴费"
    "（国办函〔2020〕109号）",
}


@dataclass(frozen=True)
class Event:
    """One entry of an application's event log, as the request service stores it."""

    type: EventType
    date: date
    working_days: int | None = None
    amount: Decimal | None = None
    outcome: str | None = None
    reason: str | None = None

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "type", EventType(self.type))
        except ValueError:
            raise ValueError(f"未知的事件类型：{self.type}") from None


@dataclass(frozen=True)
class Pause:
    """A period the reply clock stands still: from the day after sent through ended."""

    kind: EventType
    sent: date
    answer_due: date
    answer_due_provisional: bool
    ended: date | None = None
    paused_days: tuple[date, ...] = ()

    @property
    def is_open(self) -> bool:
        """Tell whether the answer or payment is still awaited."""
        return self.ended is None

    def covers(self, day: date) -> bool:
        """Tell whether day falls in the paused window (sent, ended]."""
        return self.sent < day and (self.ended is None or day <= self.ended)


@dataclass(frozen=True)
class Walk:
    """The days met while counting working days from a start date."""

    counted: tuple[date, ...]
    skipped: tuple[SkippedDay, ...]
    paused: tuple[date, ...]
    unknown_years: frozenset[int]


def walk(
    calendar: WorkingCalendar,
    start: date,
    *,
    limit: int | None = None,
    until: date | None = None,
    paused: Callable[[date], bool] = lambda day: False,
) -> Walk:
    """Count working days after start (start not counted, Civil Code Art. 201).

    Stops at the limit-th counted day, or after until; paused working days are not counted.
    """
    if limit is None and until is None:
        raise ValueError("walk() needs a limit or an end date")
    counted: list[date] = []
    skipped: list[SkippedDay] = []
    paused_days: list[date] = []
    unknown: set[int] = set()
    day = start
    while (limit is None or len(counted) < limit) and (until is None or day < until):
        day += timedelta(days=1)
        if until is None and (day - start).days > _MAX_WALK_DAYS:
            raise ValueError(f"期限计算超出范围（起算日 {start}）")
        if not calendar.is_known(day.year):
            unknown.add(day.year)
        kind = calendar.day_kind(day)
        if not kind.is_working:
            skipped.append(SkippedDay(day, kind, calendar.holiday_name(day)))
        elif paused(day):
            paused_days.append(day)
        else:
            counted.append(day)
    return Walk(tuple(counted), tuple(skipped), tuple(paused_days), frozenset(unknown))


def correction_notice_due(calendar: WorkingCalendar, received_on: date) -> date:
    """Return the last day for the one-time correction notice (Art. 30: 7 working days)."""
    return calendar.add_working_days(received_on, CORRECTION_NOTICE_WORKING_DAYS).day


@dataclass(frozen=True)
class _Log:
    """What the event log says, before any counting."""

    clock_start: date
    restarted: bool
    correction_requested: date | None
    awaiting_correction: bool
    pauses: tuple[tuple[EventType, date, date | None], ...]
    extension: Event | None
    closing: Event | None


def _read_log(received_on: date, events: Iterable[Event]) -> _Log:
    start, restarted = received_on, False
    requested: date | None = None
    awaiting = False
    pauses: list[list[Any]] = []
    extension = closing = None
    for event in sorted(events, key=lambda e: e.date):
        kind = event.type
        if kind is EventType.CORRECTION_REQUESTED:
            requested, awaiting = event.date, True
        elif kind is EventType.CORRECTION_RECEIVED:
            # Art. 30: the reply period restarts from the day the correction arrives.
            start, restarted, awaiting = event.date, True, False
        elif kind in PAUSE_CLOSERS:
            pauses.append([kind, event.date, None])
        elif kind in PAUSE_CLOSERS.values():
            for pause in reversed(pauses):
                if PAUSE_CLOSERS[pause[0]] is kind and pause[2] is None:
                    pause[2] = event.date
                    break
        elif kind is EventType.EXTENDED and extension is None:
            extension = event
        elif kind in CLOSING_EVENTS and closing is None:
            closing = event
    return _Log(
        start, restarted, requested, awaiting, tuple(map(tuple, pauses)), extension, closing
    )


@dataclass(frozen=True)
class Deadlines:
    """Every statutory date of one application as of a given day, with the counting behind it."""

    received_on: date
    as_of: date
    clock_start: date
    restarted: bool
    awaiting_correction: bool
    correction_due: date | None
    pauses: tuple[Pause, ...]
    extension: Event | None
    working_days_allowed: int
    original_due: date | None
    reply_due: date | None
    provisional: bool
    unknown_years: tuple[int, ...]
    closing: Event | None
    working_days_used: int
    working_days_left: int | None
    counted_days: tuple[date, ...] = field(repr=False)
    skipped_days: tuple[SkippedDay, ...] = field(repr=False)

    @property
    def is_closed(self) -> bool:
        """Tell whether a reply, withdrawal or abandonment has closed the application."""
        return self.closing is not None

    @property
    def is_paused(self) -> bool:
        """Tell whether an open consultation or fee notice stops the clock."""
        return any(p.is_open for p in self.pauses)

    @property
    def is_overdue(self) -> bool:
        """Tell whether the application is open and its reply due date has passed."""
        if self.is_closed or self.working_days_left is None:
            return False
        if self.reply_due is not None:
            return self.as_of > self.reply_due
        return self.working_days_left < 0

    @property
    def replied_on_time(self) -> bool | None:
        """Tell whether the reply came by the due date; None until replied."""
        if self.closing is None or self.closing.type is not EventType.REPLIED:
            return None
        return self.reply_due is not None and self.closing.date <= self.reply_due

    def explain(self) -> dict[str, Any]:
        """Return a JSON-ready explanation of the due date (plain dicts, ISO date strings)."""
        return _explain(self)


def compute_deadlines(
    calendar: WorkingCalendar, received_on: date, events: Iterable[Event], as_of: date
) -> Deadlines:
    """Derive the deadlines of an application from its date of receipt and event log."""
    log = _read_log(received_on, events)
    pauses = _pauses(calendar, log)
    paused = _paused_predicate(pauses)
    allowed = REPLY_WORKING_DAYS + _extension_days(log.extension)
    due_walk = original_due = None
    if not log.awaiting_correction and not any(p.is_open for p in pauses):
        due_walk = walk(calendar, log.clock_start, limit=allowed, paused=paused)
        original_due = due_walk.counted[REPLY_WORKING_DAYS - 1]  # before any extension
    stop = min(as_of, log.closing.date) if log.closing else as_of
    used_walk = walk(calendar, log.clock_start, until=stop, paused=paused)
    used = 0 if log.awaiting_correction else len(used_walk.counted)
    shown = due_walk or used_walk
    all_paused = (*shown.paused, *used_walk.paused)
    pauses = tuple(
        replace(p, paused_days=tuple(sorted({d for d in all_paused if p.covers(d)})))
        for p in pauses
    )
    correction = _correction_due(calendar, received_on, log, as_of)
    unknown = _unknown_years(calendar, received_on, due_walk, correction, pauses)
    return Deadlines(
        received_on=received_on,
        as_of=as_of,
        clock_start=log.clock_start,
        restarted=log.restarted,
        awaiting_correction=log.awaiting_correction,
        correction_due=correction,
        pauses=pauses,
        extension=log.extension,
        working_days_allowed=allowed,
        original_due=original_due,
        reply_due=due_walk.counted[-1] if due_walk else None,
        provisional=bool(unknown),
        unknown_years=unknown,
        closing=log.closing,
        working_days_used=used,
        working_days_left=None if log.awaiting_correction else allowed - used,
        counted_days=() if log.awaiting_correction else shown.counted,
        skipped_days=shown.skipped,
    )


def _extension_days(extension: Event | None) -> int:
    # Art. 33: at most 20 more working days; the workflow refuses more, this caps defensively.
    if extension is None or not extension.working_days:
        return 0
    return max(0, min(extension.working_days, MAX_EXTENSION_WORKING_DAYS))


def _pauses(calendar: WorkingCalendar, log: _Log) -> tuple[Pause, ...]:
    result = []
    for kind, sent, ended in log.pauses:
        if sent < log.clock_start:
            continue  # superseded by a restart (Art. 30)
        due = calendar.add_working_days(sent, PAUSE_ANSWER_DAYS[kind])
        result.append(Pause(kind, sent, due.day, due.provisional, ended))
    return tuple(result)


def _paused_predicate(pauses: tuple[Pause, ...]) -> Callable[[date], bool]:
    # Working days from the day after the notice through the day of the answer or payment
    # do not count (Arts. 32-34, fee measures).
    return lambda day: any(p.covers(day) for p in pauses)


def _correction_due(
    calendar: WorkingCalendar, received_on: date, log: _Log, as_of: date
) -> date | None:
    # Art. 30: the notice is due within 7 working days; irrelevant once sent, past or closed.
    if log.correction_requested is not None or log.closing is not None:
        return None
    due = correction_notice_due(calendar, received_on)
    return due if as_of <= due else None


def _unknown_years(
    calendar: WorkingCalendar,
    received_on: date,
    due_walk: Walk | None,
    correction: date | None,
    pauses: tuple[Pause, ...],
) -> tuple[int, ...]:
    years = set(due_walk.unknown_years) if due_walk else set()
    if correction is not None:
        years.update(range(received_on.year, correction.year + 1))
    for pause in pauses:
        if pause.is_open:
            years.update(range(pause.sent.year, pause.answer_due.year + 1))
    return tuple(sorted(y for y in years if not calendar.is_known(y)))


def status_color(deadlines: Deadlines) -> Color:
    """Return the dashboard color: red overdue, yellow due within 5 working days, else green."""
    if deadlines.is_closed or deadlines.working_days_left is None:
        return "green"
    if deadlines.is_overdue:
        return "red"
    if deadlines.working_days_left <= DUE_SOON_WORKING_DAYS:
        return "yellow"
    return "green"


_START_NOTE = "自收到申请之日的次日起计算，当日不计入（《条例》第三十三条、《民法典》第二百零一条）"
_RESTART_NOTE = (
    "自收到补正材料之日起重新计算，当日不计入（《条例》第三十条、《民法典》第二百零一条）"
)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _explain(d: Deadlines) -> dict[str, Any]:
    return {
        "received_on": _iso(d.received_on),
        "start": _iso(d.clock_start),
        "start_note": _RESTART_NOTE if d.restarted else _START_NOTE,
        "rule": "应当自收到申请之日起20个工作日内予以答复（《条例》第三十三条）",
        "working_days_allowed": d.working_days_allowed,
        "original_due": _iso(d.original_due),
        "extension": _explain_extension(d.extension),
        "reply_due": _iso(d.reply_due),
        "reply_due_note": _due_note(d),
        "provisional": d.provisional,
        "unknown_years": list(d.unknown_years),
        "provisional_note": (
            f"{'、'.join(map(str, d.unknown_years))} 年的节假日安排尚未公布或录入，"
            "相关日期暂按周一至周五推算，公布后会自动更新"
            if d.provisional
            else None
        ),
        "correction_due": _iso(d.correction_due),
        "counted_days": [_iso(day) for day in d.counted_days],
        "makeup_workdays": [_iso(day) for day in d.counted_days if day.weekday() >= 5],
        "skipped_days": [
            {"date": _iso(s.day), "kind": str(s.kind), "label": s.kind.label, "name": s.name}
            for s in d.skipped_days
        ],
        "pauses": [_explain_pause(p) for p in d.pauses],
        "as_of": _iso(d.as_of),
        "working_days_used": d.working_days_used,
        "working_days_left": d.working_days_left,
        "closed_on": _iso(d.closing.date if d.closing else None),
        "replied_on_time": d.replied_on_time,
    }


def _due_note(d: Deadlines) -> str | None:
    if d.awaiting_correction:
        return "等待申请人补正，答复期限自收到补正材料之日起重新计算（《条例》第三十条）"
    if d.is_paused:
        return "征求意见或等待缴费期间暂停计算，收到答复或缴费后确定答复期限"
    return None


def _explain_extension(extension: Event | None) -> dict[str, Any] | None:
    if extension is None:
        return None
    return {
        "working_days": _extension_days(extension),
        "granted_on": _iso(extension.date),
        "reason": extension.reason,
        "rule": "经政府信息公开工作机构负责人同意，可以延长答复期限，延长期限最长不超过20个工作日"
        "（《条例》第三十三条）",
    }


def _explain_pause(pause: Pause) -> dict[str, Any]:
    return {
        "kind": str(pause.kind),
        "label": pause.kind.label,
        "sent": _iso(pause.sent),
        "answer_due": _iso(pause.answer_due),
        "answer_due_provisional": pause.answer_due_provisional,
        "ended": _iso(pause.ended),
        "open": pause.is_open,
        "paused_working_days": len(pause.paused_days),
        "paused_days": [_iso(day) for day in pause.paused_days],
        "rule": _PAUSE_RULES[pause.kind],
    }
