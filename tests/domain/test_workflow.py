"""Workflow: every legal and illegal move, and the statutory conditions on each."""

from datetime import date
from decimal import Decimal

import pytest

from disclosure.calendar import load_calendar
from disclosure.deadlines import Event, EventType
from disclosure.outcomes import OUTCOME_CODES
from disclosure.workflow import (
    STATUS_LABELS,
    TRANSITIONS,
    Status,
    Transition,
    WorkflowError,
    allowed_events,
    apply_event,
    closing_outcome,
    status_after,
)

D = date.fromisoformat
RECEIVED = D("2026-02-10")


@pytest.fixture
def cal(monkeypatch):
    monkeypatch.delenv("DISCLOSURE_HOLIDAYS", raising=False)
    return load_calendar()


def ev(kind, day, **fields):
    return Event(kind, D(day), **fields)


# A log leading to each status, all dated 2026-02-11.
HISTORY = {
    Status.RECEIVED: [],
    Status.AWAITING_CORRECTION: [ev("correction_requested", "2026-02-11")],
    Status.CONSULTING: [ev("consultation_sent", "2026-02-11")],
    Status.AWAITING_FEE: [ev("fee_notice_sent", "2026-02-11", amount=Decimal("100"))],
    Status.REPLIED: [ev("replied", "2026-02-11", outcome="disclosed")],
    Status.WITHDRAWN: [ev("withdrawn", "2026-02-11")],
    Status.ABANDONED: [ev("abandoned", "2026-02-11")],
}

# A well-formed event of each type, dated 2026-02-12.
SAMPLE = {
    EventType.CORRECTION_REQUESTED: ev("correction_requested", "2026-02-12"),
    EventType.CORRECTION_RECEIVED: ev("correction_received", "2026-02-12"),
    EventType.CONSULTATION_SENT: ev("consultation_sent", "2026-02-12"),
    EventType.CONSULTATION_ANSWERED: ev("consultation_answered", "2026-02-12"),
    EventType.FEE_NOTICE_SENT: ev("fee_notice_sent", "2026-02-12", amount=Decimal("200")),
    EventType.FEE_PAID: ev("fee_paid", "2026-02-12"),
    EventType.EXTENDED: ev("extended", "2026-02-12", working_days=20, reason="需要检索档案"),
    EventType.REPLIED: ev("replied", "2026-02-12", outcome="partly_disclosed"),
    EventType.WITHDRAWN: ev("withdrawn", "2026-02-12"),
    EventType.ABANDONED: ev("abandoned", "2026-02-12"),
}

LEGAL = [(s, t) for s, moves in TRANSITIONS.items() for t in moves]
ILLEGAL = [(s, t) for s in Status for t in EventType if t not in TRANSITIONS[s]]


def apply(cal, history, event, role="head", today=None):
    return apply_event(cal, RECEIVED, history, event, actor_role=role, today=today)


def test_table_covers_every_status():
    assert set(TRANSITIONS) == set(Status)
    assert (len(LEGAL), len(ILLEGAL)) == (18, 52)
    assert all(STATUS_LABELS[s] for s in Status)


@pytest.mark.parametrize(("status", "kind"), LEGAL)
def test_legal_move(cal, status, kind):
    history = HISTORY[status]
    assert status_after(history) is status
    result = apply(cal, history, SAMPLE[kind])
    assert result.status is TRANSITIONS[status][kind]


@pytest.mark.parametrize(("status", "kind"), ILLEGAL)
def test_illegal_move(cal, status, kind):
    with pytest.raises(WorkflowError):
        apply(cal, HISTORY[status], SAMPLE[kind])


@pytest.mark.parametrize("status", [Status.REPLIED, Status.WITHDRAWN, Status.ABANDONED])
def test_nothing_after_a_closing_event(cal, status):
    assert allowed_events(status) == ()
    with pytest.raises(WorkflowError, match="不能再登记"):
        apply(cal, HISTORY[status], SAMPLE[EventType.REPLIED])


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        (EventType.FEE_PAID, "没有待缴费的收费通知"),
        (EventType.CONSULTATION_ANSWERED, "没有正在进行的征求意见"),
        (EventType.CORRECTION_RECEIVED, "没有待补正的补正通知"),
    ],
)
def test_answer_without_its_notice(cal, kind, message):
    with pytest.raises(WorkflowError, match=message):
        apply(cal, [], SAMPLE[kind])


def test_full_log_replays(cal):
    log = [
        ev("correction_requested", "2026-02-11"),
        ev("correction_received", "2026-02-13"),
        ev("consultation_sent", "2026-02-24"),
        ev("consultation_answered", "2026-03-04"),
        ev("extended", "2026-03-05", working_days=20, reason="需要协调"),
        ev("fee_notice_sent", "2026-03-06", amount=Decimal("100")),
        ev("fee_paid", "2026-03-09"),
        ev("replied", "2026-03-20", outcome="disclosed"),
    ]
    for i, event in enumerate(log):
        apply(cal, log[:i], event)
    assert status_after(log) is Status.REPLIED


def test_inconsistent_log_is_reported():
    with pytest.raises(WorkflowError, match="事项记录不一致"):
        status_after([ev("fee_paid", "2026-02-11")])


# Extension (Art. 33)
def test_extension_needs_the_head(cal):
    for role in ("clerk", "admin", None):
        with pytest.raises(WorkflowError, match="负责人同意"):
            apply(cal, [], SAMPLE[EventType.EXTENDED], role=role)


def test_second_extension_is_refused(cal):
    first = ev("extended", "2026-02-11", working_days=5, reason="材料较多")
    with pytest.raises(WorkflowError, match="只能延长一次"):
        apply(cal, [first], SAMPLE[EventType.EXTENDED])


@pytest.mark.parametrize(
    ("days", "message"),
    [(21, "1至20"), (0, "1至20"), (-3, "1至20"), (None, "工作日数"), ("20", "工作日数")],
)
def test_extension_length_must_be_1_to_20(cal, days, message):
    event = ev("extended", "2026-02-12", working_days=days, reason="材料较多")
    with pytest.raises(WorkflowError, match=message):
        apply(cal, [], event)


@pytest.mark.parametrize("days", [1, 20])
def test_extension_length_bounds_are_legal(cal, days):
    event = ev("extended", "2026-02-12", working_days=days, reason="材料较多")
    assert apply(cal, [], event) == Transition(Status.RECEIVED)


def test_extension_needs_a_reason(cal):
    with pytest.raises(WorkflowError, match="理由"):
        apply(cal, [], ev("extended", "2026-02-12", working_days=5, reason="  "))


@pytest.mark.parametrize(
    ("received", "day", "legal"),
    [
        ("2026-02-10", "2026-03-16", True),  # on the due date
        ("2026-02-10", "2026-03-17", False),  # the day after
        ("2026-03-06", "2026-04-03", True),  # due Friday 4/3
        ("2026-03-06", "2026-04-04", False),  # a holiday after the due date
    ],
)
def test_extension_only_until_the_due_date(cal, received, day, legal):
    event = ev("extended", day, working_days=20, reason="需要检索档案")
    call = lambda: apply_event(cal, D(received), [], event, actor_role="head")  # noqa: E731
    if legal:
        assert call().status is Status.RECEIVED
    else:
        with pytest.raises(WorkflowError, match="已届满"):
            call()


def test_extension_while_paused_after_the_period_ran_out(cal):
    # Received 3/2, due 3/30; consultation sent late on 3/31 (21st working day).
    history = [ev("consultation_sent", "2026-03-31")]
    event = ev("extended", "2026-04-01", working_days=5, reason="第三方意见未到")
    with pytest.raises(WorkflowError, match="已届满"):
        apply_event(cal, D("2026-03-02"), history, event, actor_role="head")


def test_extension_while_paused_in_time(cal):
    history = [ev("consultation_sent", "2026-03-09")]
    event = ev("extended", "2026-03-27", working_days=5, reason="第三方意见未到")
    result = apply_event(cal, D("2026-03-02"), history, event, actor_role="head")
    assert result.status is Status.CONSULTING


# Correction (Art. 30)
def test_second_correction_request_is_refused(cal):
    history = [ev("correction_requested", "2026-02-11"), ev("correction_received", "2026-02-12")]
    with pytest.raises(WorkflowError, match="只能发出一次"):
        apply(cal, history, ev("correction_requested", "2026-02-13"))


@pytest.mark.parametrize(
    ("day", "legal"), [("2026-02-10", True), ("2026-02-26", True), ("2026-02-27", False)]
)
def test_correction_request_within_seven_working_days(cal, day, legal):
    event = ev("correction_requested", day)
    if legal:
        assert apply(cal, [], event).status is Status.AWAITING_CORRECTION
    else:
        with pytest.raises(WorkflowError, match="7个工作日"):
            apply(cal, [], event)


def test_correction_request_after_other_steps_is_refused(cal):
    history = [ev("consultation_sent", "2026-02-11"), ev("consultation_answered", "2026-02-12")]
    with pytest.raises(WorkflowError, match="之前发出"):
        apply(cal, history, ev("correction_requested", "2026-02-13"))


# Fees (国办函〔2020〕109号)
@pytest.mark.parametrize("amount", [None, Decimal("0"), Decimal("-5"), "abc", Decimal("NaN")])
def test_fee_notice_needs_a_positive_amount(cal, amount):
    with pytest.raises(WorkflowError, match="收费金额"):
        apply(cal, [], ev("fee_notice_sent", "2026-02-12", amount=amount))


def test_fee_notice_after_the_due_date_is_refused(cal):
    with pytest.raises(WorkflowError, match="不能再发出收费通知"):
        apply(cal, [], ev("fee_notice_sent", "2026-03-17", amount=Decimal("100")))


def test_consultation_in_progress_blocks_a_reply(cal):
    with pytest.raises(WorkflowError, match="征求意见中"):
        apply(cal, HISTORY[Status.CONSULTING], SAMPLE[EventType.REPLIED])


# Replies (Arts. 36-39, table 三)
@pytest.mark.parametrize("outcome", [None, "granted", ""])
def test_reply_needs_a_known_outcome(cal, outcome):
    with pytest.raises(WorkflowError, match="未知的办理结果"):
        apply(cal, [], ev("replied", "2026-02-12", outcome=outcome))


@pytest.mark.parametrize("outcome", OUTCOME_CODES[:-3])
def test_every_reply_outcome_code_is_accepted(cal, outcome):
    history = [ev("correction_requested", "2026-02-11"), ev("correction_received", "2026-02-11")]
    result = apply(cal, history, ev("replied", "2026-02-12", outcome=outcome))
    assert result == Transition(Status.REPLIED, outcome)


def test_unclear_after_correction_needs_a_correction(cal):
    with pytest.raises(WorkflowError, match="未经补正"):
        apply(cal, [], ev("replied", "2026-02-12", outcome="unavailable_unclear_after_correction"))


# Dates
@pytest.mark.parametrize(
    ("history", "day", "message"),
    [
        ([], "2026-02-09", "早于收到申请之日"),
        ([ev("consultation_sent", "2026-02-13")], "2026-02-12", "早于上一事项"),
    ],
)
def test_event_dated_too_early(cal, history, day, message):
    kind = "consultation_answered" if history else "consultation_sent"
    with pytest.raises(WorkflowError, match=message):
        apply(cal, history, ev(kind, day))


def test_event_on_the_same_day_as_the_previous_one_is_legal(cal):
    history = [ev("consultation_sent", "2026-02-12")]
    assert apply(cal, history, ev("consultation_answered", "2026-02-12")).status is Status.RECEIVED


def test_event_in_the_future_is_refused(cal):
    with pytest.raises(WorkflowError, match="晚于今天"):
        apply(cal, [], ev("withdrawn", "2026-02-13"), today=D("2026-02-12"))


# Closing outcomes
@pytest.mark.parametrize(
    ("status", "kind", "outcome"),
    [
        (Status.RECEIVED, EventType.WITHDRAWN, "other"),
        (Status.AWAITING_CORRECTION, EventType.WITHDRAWN, "other"),
        (Status.RECEIVED, EventType.ABANDONED, "other"),
        (Status.CONSULTING, EventType.ABANDONED, "other"),
        (Status.AWAITING_CORRECTION, EventType.ABANDONED, "other_no_correction"),
        (Status.AWAITING_FEE, EventType.ABANDONED, "other_fee_unpaid"),
        (Status.RECEIVED, EventType.REPLIED, "partly_disclosed"),
        (Status.RECEIVED, EventType.EXTENDED, None),
    ],
)
def test_closing_outcome(cal, status, kind, outcome):
    assert closing_outcome(HISTORY[status], SAMPLE[kind]) == outcome
    assert apply(cal, HISTORY[status], SAMPLE[kind]).outcome == outcome


def test_abandonment_after_a_paid_fee_is_other(cal):
    history = [*HISTORY[Status.AWAITING_FEE], ev("fee_paid", "2026-02-12")]
    assert apply(cal, history, ev("abandoned", "2026-02-13")).outcome == "other"
