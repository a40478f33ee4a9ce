"""Deadline engine: tables of literal dates computed by hand from the 2026 arrangement."""

import json
from datetime import date
from decimal import Decimal

import pytest

from disclosure.calendar import load_calendar
from disclosure.deadlines import Event, compute_deadlines, correction_notice_due, status_color

D = date.fromisoformat


@pytest.fixture
def cal(monkeypatch):
    monkeypatch.delenv("DISCLOSURE_HOLIDAYS", raising=False)
    return load_calendar()


def ev(kind, day, **fields):
    return Event(kind, D(day), **fields)


def compute(cal, received, events=(), as_of="2026-01-01"):
    return compute_deadlines(cal, D(received), list(events), D(as_of))


@pytest.mark.parametrize(
    ("received", "due"),
    [
        ("2026-03-02", "2026-03-30"),  # ordinary weeks
        ("2026-03-06", "2026-04-03"),
        ("2026-02-10", "2026-03-16"),  # worked example: Spring Festival, Sat 2/14 and 2/28
        ("2026-04-24", "2026-05-26"),  # Labour Day, make-up Saturday 5/9
        ("2026-09-18", "2026-10-22"),  # Sun 9/20, Mid-Autumn, National Day, Sat 10/10
    ],
)
def test_reply_due_is_twentieth_working_day(cal, received, due):
    result = compute(cal, received)
    assert result.reply_due == D(due)
    assert result.original_due == D(due)
    assert result.provisional is False


@pytest.mark.parametrize(
    ("received", "due", "years"),
    [
        ("2026-12-10", "2027-01-07", (2027,)),  # year end: 2027 not announced
        ("2030-03-04", "2030-04-01", (2030,)),  # a year with no data
    ],
)
def test_unknown_year_makes_the_due_date_provisional(cal, received, due, years):
    result = compute(cal, received, as_of=received)
    assert result.reply_due == D(due)
    assert result.provisional is True
    assert result.unknown_years == years
    assert result.explain()["provisional_note"].startswith(str(years[0]))


def test_overrides_file_settles_a_provisional_year(tmp_path):
    path = tmp_path / "holidays.yaml"
    path.write_text("2027:\n  holidays: [2027-01-01]\n  workdays: []\n", encoding="utf-8")
    result = compute(load_calendar(path), "2026-12-10")
    assert result.reply_due == D("2027-01-08")
    assert result.provisional is False


def test_overrides_file_replacing_2026_changes_open_deadlines(tmp_path):
    path = tmp_path / "holidays.yaml"
    path.write_text("2026:\n  holidays: []\n  workdays: []\n", encoding="utf-8")
    assert compute(load_calendar(path), "2026-02-10").reply_due == D("2026-03-10")


@pytest.mark.parametrize(
    ("received", "due"),
    [
        ("2026-02-10", "2026-02-26"),  # Sat 2/14 counts, Spring Festival does not
        ("2026-09-30", "2026-10-15"),  # National Day skipped, Sat 10/10 counts
        ("2026-03-02", "2026-03-11"),
    ],
)
def test_correction_notice_due_in_seven_working_days(cal, received, due):
    assert correction_notice_due(cal, D(received)) == D(due)
    assert compute(cal, received, as_of=received).correction_due == D(due)


def test_correction_due_disappears_once_notice_sent_or_window_passed(cal):
    sent = [ev("correction_requested", "2026-02-12")]
    assert compute(cal, "2026-02-10", sent, as_of="2026-02-12").correction_due is None
    assert compute(cal, "2026-02-10", as_of="2026-02-27").correction_due is None


def test_awaiting_correction_stops_the_reply_clock(cal):
    result = compute(cal, "2026-03-02", [ev("correction_requested", "2026-03-04")], "2026-03-10")
    assert result.awaiting_correction is True
    assert result.reply_due is None
    assert result.working_days_left is None
    assert status_color(result) == "green"


def test_correction_received_restarts_the_full_period(cal):
    events = [ev("correction_requested", "2026-03-04"), ev("correction_received", "2026-03-16")]
    result = compute(cal, "2026-03-02", events, as_of="2026-03-18")
    assert result.clock_start == D("2026-03-16")
    assert result.reply_due == D("2026-04-14")  # Qingming 4/4-4/6 skipped
    assert result.working_days_used == 2
    assert result.explain()["start"] == "2026-03-16"


def test_extension_adds_working_days_to_the_due_date(cal):
    events = [ev("extended", "2026-03-10", working_days=20, reason="需要检索档案")]
    result = compute(cal, "2026-02-10", events, as_of="2026-03-10")
    assert result.original_due == D("2026-03-16")
    assert result.reply_due == D("2026-04-14")
    assert result.working_days_allowed == 40


def test_short_extension(cal):
    events = [ev("extended", "2026-03-27", working_days=3, reason="材料较多")]
    assert compute(cal, "2026-03-02", events).reply_due == D("2026-04-02")


def test_consultation_pause_across_spring_festival(cal):
    events = [
        ev("consultation_sent", "2026-02-12"),
        ev("consultation_answered", "2026-02-26"),
    ]
    result = compute(cal, "2026-02-10", events, as_of="2026-02-26")
    # Paused working days: 2/13, 2/14 (make-up Sat), 2/24, 2/25, 2/26; the holiday costs nothing.
    (pause,) = result.pauses
    assert pause.paused_days == tuple(
        D(d) for d in ("2026-02-13", "2026-02-14", "2026-02-24", "2026-02-25", "2026-02-26")
    )
    assert pause.answer_due == D("2026-03-11")
    assert result.reply_due == D("2026-03-23")
    assert result.working_days_used == 2  # 2/11 and 2/12 (the day of sending counts)


def test_fee_notice_pause(cal):
    events = [
        ev("fee_notice_sent", "2026-03-09", amount=Decimal("100")),
        ev("fee_paid", "2026-03-13"),
    ]
    result = compute(cal, "2026-03-02", events, as_of="2026-03-13")
    assert result.pauses[0].answer_due == D("2026-04-07")
    assert result.reply_due == D("2026-04-03")


def test_open_consultation_freezes_the_clock(cal):
    events = [ev("consultation_sent", "2026-03-09")]
    result = compute(cal, "2026-03-02", events, as_of="2026-03-20")
    assert result.is_paused
    assert result.reply_due is None
    assert result.pauses[0].answer_due == D("2026-03-30")
    assert result.working_days_used == 5
    assert result.working_days_left == 15
    assert result.explain()["pauses"][0]["open"] is True


def test_extension_during_a_pause(cal):
    events = [
        ev("consultation_sent", "2026-03-09"),
        ev("extended", "2026-03-12", working_days=10, reason="第三方意见未到"),
        ev("consultation_answered", "2026-03-13"),
    ]
    # 3/10-3/13 paused (4 days): 20th -> 4/3; +10 -> 4/20 (Qingming 4/4-4/6 skipped).
    assert compute(cal, "2026-03-02", events).reply_due == D("2026-04-20")


@pytest.mark.parametrize(
    ("as_of", "used", "left", "color"),
    [
        ("2026-02-10", 0, 20, "green"),
        ("2026-03-02", 10, 10, "green"),
        ("2026-03-08", 14, 6, "green"),
        ("2026-03-09", 15, 5, "yellow"),
        ("2026-03-16", 20, 0, "yellow"),
        ("2026-03-17", 21, -1, "red"),
    ],
)
def test_working_days_used_left_and_color(cal, as_of, used, left, color):
    result = compute(cal, "2026-02-10", as_of=as_of)
    assert (result.working_days_used, result.working_days_left) == (used, left)
    assert status_color(result) == color


def test_day_off_after_a_friday_due_date_is_overdue(cal):
    result = compute(cal, "2026-03-06", as_of="2026-04-04")  # due Fri 4/3
    assert result.working_days_left == 0
    assert result.is_overdue
    assert status_color(result) == "red"


@pytest.mark.parametrize(
    ("replied", "used", "on_time"),
    [("2026-03-10", 16, True), ("2026-03-16", 20, True), ("2026-03-17", 21, False)],
)
def test_reply_closes_the_count(cal, replied, used, on_time):
    events = [ev("replied", replied, outcome="disclosed")]
    result = compute(cal, "2026-02-10", events, as_of="2026-06-01")
    assert result.working_days_used == used
    assert result.replied_on_time is on_time
    assert status_color(result) == "green"


def test_explain_is_json_ready_and_names_skipped_holidays(cal):
    events = [
        ev("consultation_sent", "2026-02-12"),
        ev("consultation_answered", "2026-02-26"),
        ev("extended", "2026-03-20", working_days=5, reason="需要协调"),
    ]
    data = compute(cal, "2026-02-10", events, as_of="2026-03-20").explain()
    json.dumps(data)
    assert data["reply_due"] == "2026-03-30"
    assert data["original_due"] == "2026-03-23"
    assert data["counted_days"][:3] == ["2026-02-11", "2026-02-12", "2026-02-27"]
    assert data["makeup_workdays"] == ["2026-02-28"]
    spring = [s for s in data["skipped_days"] if s["name"] == "春节"]
    assert [s["date"] for s in spring] == [f"2026-02-{d}" for d in range(15, 24)]
    assert data["pauses"][0]["paused_working_days"] == 5
    assert data["extension"]["working_days"] == 5
    assert (data["working_days_used"], data["working_days_left"]) == (19, 6)


def test_unknown_event_type_is_refused():
    with pytest.raises(ValueError, match="未知的事件类型"):
        Event("approved", D("2026-03-02"))


def test_abandonment_during_an_unpaid_fee_notice_closes_without_a_due_date(cal):
    events = [
        ev("fee_notice_sent", "2026-03-09", amount=Decimal("100")),
        ev("abandoned", "2026-04-08"),
    ]
    result = compute(cal, "2026-03-02", events, as_of="2026-04-20")
    assert result.is_closed
    assert result.reply_due is None
    assert result.working_days_used == 5  # 3/3-3/6 and 3/9; the rest was paused
    assert status_color(result) == "green"


def test_explain_tells_why_there_is_no_due_date(cal):
    waiting = compute(cal, "2026-03-02", [ev("correction_requested", "2026-03-04")], "2026-03-05")
    assert "补正" in waiting.explain()["reply_due_note"]
    assert waiting.explain()["counted_days"] == []
    paused = compute(cal, "2026-03-02", [ev("consultation_sent", "2026-03-04")], "2026-03-05")
    assert "暂停" in paused.explain()["reply_due_note"]


def test_very_old_open_application_still_counts(cal):
    result = compute(cal, "2015-03-02", as_of="2026-03-02")
    assert result.reply_due == D("2015-03-30")
    assert result.is_overdue
