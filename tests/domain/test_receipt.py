"""Date of receipt (Art. 31) in Beijing time, with a frozen clock and the server in two zones."""

import time
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
import time_machine

from disclosure.calendar import load_calendar
from disclosure.receipt import BEIJING, ReceiptError, beijing_date, received_on

D = date.fromisoformat


@pytest.fixture
def cal(monkeypatch):
    monkeypatch.delenv("DISCLOSURE_HOLIDAYS", raising=False)
    return load_calendar()


@pytest.fixture(params=["UTC", "Asia/Shanghai"])
def server_tz(request, monkeypatch):
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(
    ("utc_now", "expected"),
    [
        ("2026-03-13T15:59:00", "2026-03-13"),  # Fri 23:59 Beijing
        ("2026-03-13T16:00:00", "2026-03-16"),  # Sat 00:00 Beijing -> Monday
        ("2026-03-15T20:00:00", "2026-03-16"),  # Mon 04:00 Beijing, still Sunday in UTC
        ("2026-02-13T17:30:00", "2026-02-14"),  # Sat 2/14 is a make-up working day
        ("2026-02-14T16:30:00", "2026-02-24"),  # Spring Festival -> first working day
        ("2026-09-30T16:30:00", "2026-10-08"),  # National Day -> 10/8
        ("2026-01-03T17:00:00", "2026-01-04"),  # Sun 1/4 is a make-up working day
        ("2026-12-31T16:30:00", "2027-01-01"),  # 2027 unknown: Monday-Friday fallback
    ],
)
def test_online_application_received_on_next_working_day(cal, server_tz, utc_now, expected):
    with time_machine.travel(datetime.fromisoformat(utc_now).replace(tzinfo=UTC), tick=False):
        local_now = datetime.now().astimezone()  # what a server in server_tz sees
        assert received_on("online", local_now, cal) == D(expected)
        assert received_on("online", datetime.now(UTC), cal) == D(expected)


def test_server_zone_does_not_change_the_beijing_date(server_tz):
    with time_machine.travel(datetime(2026, 3, 13, 16, 30, tzinfo=UTC), tick=False):
        assert beijing_date(datetime.now().astimezone()) == D("2026-03-14")


def test_in_person_is_the_day_handed_in_even_on_a_weekend(cal, server_tz):
    with time_machine.travel(datetime(2026, 3, 14, 2, 0, tzinfo=UTC), tick=False):
        assert received_on("in_person", datetime.now().astimezone(), cal) == D("2026-03-14")


AT = datetime(2026, 3, 16, 9, 0, tzinfo=BEIJING)


@pytest.mark.parametrize(
    ("channel", "fields", "expected"),
    [
        ("registered_mail", {"signed_for": D("2026-03-13")}, "2026-03-13"),
        ("mail", {"confirmed_on": D("2026-03-12")}, "2026-03-12"),
        ("fax", {"confirmed_on": D("2026-03-16")}, "2026-03-16"),
        # Confirmation sent at 2026-03-13 17:00 UTC = 3/14 01:00 Beijing.
        ("email", {"confirmed_on": datetime(2026, 3, 13, 17, 0, tzinfo=UTC)}, "2026-03-14"),
        ("in_person", {}, "2026-03-16"),
    ],
)
def test_staff_registered_channels(cal, channel, fields, expected):
    assert received_on(channel, AT, cal, **fields) == D(expected)


@pytest.mark.parametrize(
    ("channel", "fields", "message"),
    [
        ("registered_mail", {}, "须填写签收日期"),
        ("mail", {}, "须填写确认日期"),
        ("fax", {}, "须填写确认日期"),
        ("email", {}, "须填写确认日期"),
        ("registered_mail", {"signed_for": D("2026-03-17")}, "不能晚于登记日期"),
        ("mail", {"confirmed_on": datetime(2026, 3, 16, 12, 0)}, "时区"),
        ("carrier_pigeon", {}, "未知的申请渠道"),
    ],
)
def test_receipt_errors(cal, channel, fields, message):
    with pytest.raises(ReceiptError, match=message):
        received_on(channel, AT, cal, **fields)


def test_naive_submission_time_is_refused(cal):
    with pytest.raises(ReceiptError, match="时区"):
        received_on("online", datetime(2026, 3, 16, 9, 0), cal)


def test_other_offsets_are_converted(cal):
    new_york = timezone(timedelta(hours=-4))
    # Fri 3/13 13:00 in New York = Sat 3/14 01:00 Beijing -> Monday 3/16.
    assert received_on("online", datetime(2026, 3, 13, 13, 0, tzinfo=new_york), cal) == D(
        "2026-03-16"
    )
