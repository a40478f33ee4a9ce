"""Working-day calendar: 2026 arrangement, unknown years, overrides file."""

import os
from datetime import date, timedelta

import holidays
import pytest

from disclosure.calendar import (
    DEFAULT_OVERRIDES,
    DayKind,
    HolidayDataError,
    WorkingDayResult,
    load_calendar,
    read_overrides,
)

D = date.fromisoformat


@pytest.fixture
def cal(monkeypatch):
    monkeypatch.delenv("DISCLOSURE_HOLIDAYS", raising=False)
    return load_calendar()


# 2026 arrangement (国办发明电〔2025〕7号 as summarised in domain.md section 3).
@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2026-01-01", False),  # Thu, New Year
        ("2026-01-02", False),
        ("2026-01-03", False),
        ("2026-01-04", True),  # Sun, make-up working day
        ("2026-01-05", True),
        ("2026-02-13", True),
        ("2026-02-14", True),  # Sat, make-up working day
        ("2026-02-15", False),  # Spring Festival 2/15-2/23
        ("2026-02-16", False),
        ("2026-02-20", False),
        ("2026-02-23", False),  # Mon, still off
        ("2026-02-24", True),
        ("2026-02-28", True),  # Sat, make-up working day
        ("2026-03-01", False),
        ("2026-03-11", True),  # ordinary Wednesday
        ("2026-03-14", False),  # ordinary Saturday
        ("2026-03-15", False),  # ordinary Sunday
        ("2026-04-03", True),
        ("2026-04-04", False),  # Qingming 4/4-4/6
        ("2026-04-06", False),
        ("2026-04-07", True),
        ("2026-05-01", False),  # Labour Day 5/1-5/5
        ("2026-05-05", False),
        ("2026-05-06", True),
        ("2026-05-09", True),  # Sat, make-up working day
        ("2026-05-10", False),
        ("2026-06-19", False),  # Dragon Boat 6/19-6/21
        ("2026-06-22", True),
        ("2026-09-20", True),  # Sun, make-up working day
        ("2026-09-25", False),  # Mid-Autumn 9/25-9/27
        ("2026-09-28", True),
        ("2026-10-01", False),  # National Day 10/1-10/7
        ("2026-10-07", False),
        ("2026-10-08", True),
        ("2026-10-10", True),  # Sat, make-up working day
        ("2026-10-11", False),
        ("2027-01-01", True),  # unknown year: plain Monday-Friday fallback
        ("2027-01-02", False),
    ],
)
def test_is_working_day(cal, day, working):
    assert cal.is_working_day(D(day)) is working


@pytest.mark.parametrize(
    ("year", "known"), [(2003, False), (2004, True), (2026, True), (2027, False)]
)
def test_is_known(cal, year, known):
    assert cal.is_known(year) is known


@pytest.mark.parametrize(
    ("start", "n", "expected", "provisional"),
    [
        ("2026-03-09", 5, "2026-03-16", False),  # ordinary week
        ("2026-03-13", 1, "2026-03-16", False),  # Friday -> Monday
        ("2026-03-14", 1, "2026-03-16", False),  # start on a Saturday
        ("2026-02-15", 0, "2026-02-15", False),
        ("2026-02-10", 20, "2026-03-16", False),  # worked example, domain.md
        ("2026-03-16", 20, "2026-04-14", False),  # worked example, extension
        ("2026-02-12", 2, "2026-02-14", False),  # make-up Saturday counts
        ("2026-02-13", 2, "2026-02-24", False),  # Spring Festival skipped
        ("2026-02-27", 1, "2026-02-28", False),
        ("2026-01-03", 1, "2026-01-04", False),  # make-up Sunday
        ("2025-12-31", 1, "2026-01-04", False),
        ("2026-04-30", 2, "2026-05-07", False),  # Labour Day skipped
        ("2026-05-08", 1, "2026-05-09", False),
        ("2026-09-19", 1, "2026-09-20", False),
        ("2026-09-24", 1, "2026-09-28", False),  # Mid-Autumn skipped
        ("2026-09-30", 1, "2026-10-08", False),  # National Day skipped
        ("2026-09-30", 3, "2026-10-10", False),
        ("2026-12-30", 1, "2026-12-31", False),
        ("2026-12-30", 2, "2027-01-01", True),  # year end: 2027 not announced
        ("2026-12-10", 20, "2027-01-07", True),
        ("2030-06-03", 5, "2030-06-10", True),  # a year with no data
    ],
)
def test_add_working_days(cal, start, n, expected, provisional):
    assert cal.add_working_days(D(start), n) == WorkingDayResult(D(expected), provisional)


def test_add_working_days_refuses_negative(cal):
    with pytest.raises(ValueError, match="不能为负数"):
        cal.add_working_days(D("2026-03-09"), -1)


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        ("2026-02-10", "2026-03-16", 20),
        ("2026-02-10", "2026-02-10", 0),
        ("2026-03-16", "2026-03-13", 0),
        ("2026-02-14", "2026-02-24", 1),
        ("2026-09-30", "2026-10-10", 3),
        ("2026-03-06", "2026-03-13", 5),
    ],
)
def test_working_days_between(cal, start, end, count):
    assert cal.working_days_between(D(start), D(end)) == count


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-03-16", "2026-03-16"),
        ("2026-02-14", "2026-02-14"),
        ("2026-02-15", "2026-02-24"),
        ("2026-10-01", "2026-10-08"),
        ("2026-10-11", "2026-10-12"),
        ("2026-01-01", "2026-01-04"),
    ],
)
def test_next_working_day_on_or_after(cal, day, expected):
    assert cal.next_working_day_on_or_after(D(day)) == D(expected)


def test_skipped_days_name_holidays_and_weekends(cal):
    skipped = cal.skipped_days(D("2026-09-30"), D("2026-10-11"))
    assert [s.day for s in skipped] == [D(f"2026-10-{d:02}") for d in (1, 2, 3, 4, 5, 6, 7, 11)]
    assert skipped[0].kind is DayKind.HOLIDAY
    assert skipped[0].name == "国庆节"
    assert skipped[-1].kind is DayKind.WEEKEND
    assert skipped[-1].name is None


@pytest.mark.parametrize(
    ("day", "kind"),
    [
        ("2026-03-11", DayKind.WORKDAY),
        ("2026-02-28", DayKind.MAKEUP_WORKDAY),
        ("2026-03-14", DayKind.WEEKEND),
        ("2026-02-16", DayKind.HOLIDAY),
    ],
)
def test_day_kind(cal, day, kind):
    assert cal.day_kind(D(day)) is kind


@pytest.mark.parametrize("year", [2025, 2026])
def test_chinesecalendar_and_holidays_agree_day_by_day(cal, year):
    other = holidays.China(years=year)
    day = date(year, 1, 1)
    while day.year == year:
        assert cal.is_working_day(day) == other.is_working_day(day), day
        day += timedelta(days=1)


def test_rule_based_future_holidays_do_not_make_a_year_known(cal):
    # holidays computes 2027 by rule; that is no official arrangement.
    assert date(2027, 2, 8) in holidays.China(years=2027)
    assert not cal.is_known(2027)
    assert cal.is_working_day(D("2027-02-08"))
    assert cal.unknown_years(D("2026-12-01"), D("2027-01-10")) == [2027]


def test_shipped_overrides_file_holds_no_invented_data():
    assert read_overrides(DEFAULT_OVERRIDES) == {}


def write(tmp_path, text, name="holidays.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_overrides_file_adds_a_year(tmp_path):
    path = write(
        tmp_path,
        "2027:\n  holidays: [2027-01-01, 2027-02-08]\n  workdays: [2027-02-20]\n",
    )
    cal = load_calendar(path)
    assert cal.is_known(2027)
    assert not cal.is_working_day(D("2027-01-01"))
    assert not cal.is_working_day(D("2027-02-08"))
    assert cal.is_working_day(D("2027-02-20"))  # Saturday
    assert cal.add_working_days(D("2026-12-30"), 2) == WorkingDayResult(D("2027-01-04"), False)


def test_overrides_file_replaces_a_year_entirely(tmp_path):
    cal = load_calendar(write(tmp_path, "2026:\n  holidays: [2026-10-01]\n  workdays: []\n"))
    assert cal.is_working_day(D("2026-02-16"))  # library holiday gone
    assert not cal.is_working_day(D("2026-02-14"))  # library make-up Saturday gone
    assert not cal.is_working_day(D("2026-10-01"))
    assert cal.is_working_day(D("2026-10-02"))
    assert cal.is_working_day(D("2025-10-11"))  # other years keep library data (make-up Sat)
    assert not cal.is_working_day(D("2025-10-01"))


def test_environment_variable_names_the_overrides_file(tmp_path, monkeypatch):
    path = write(tmp_path, "2027:\n  holidays: [2027-01-01]\n  workdays: []\n")
    monkeypatch.setenv("DISCLOSURE_HOLIDAYS", str(path))
    assert load_calendar().is_known(2027)


def test_load_calendar_is_cached_until_the_file_changes(tmp_path):
    path = write(tmp_path, "2027:\n  holidays: [2027-01-01]\n")
    first = load_calendar(path)
    assert load_calendar(str(path)) is first
    path.write_text("2027:\n  holidays: [2027-01-04]\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = load_calendar(path)
    assert second.is_working_day(D("2027-01-01"))
    assert not second.is_working_day(D("2027-01-04"))


def test_missing_overrides_file_is_reported(tmp_path):
    with pytest.raises(HolidayDataError, match="无法读取"):
        load_calendar(tmp_path / "missing.yaml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2027:\n  holidays: [2027-02-30]\n", "“2027-02-30”不是有效日期"),
        ("2027:\n  holidays: [tomorrow]\n", "“tomorrow”不是有效日期"),
        ("2027:\n  workdays: [2027-02-22]\n", "2027-02-22 不是周六或周日"),
        ("2027:\n  holidays: [2028-01-01]\n", "2028-01-01 不属于 2027 年"),
        ("2027:\n  holidays: [2027-02-20]\n  workdays: [2027-02-20]\n", "同时列为放假日和上班日"),
        ("2027:\n  holiday: [2027-01-01]\n", "未知的键：holiday"),
        ("2027:\n  holidays: 2027-01-01\n", "应为日期列表"),
        ("2027: [2027-01-01]\n", "应包含 holidays 和 workdays"),
        ("next:\n  holidays: []\n", "“next”不是有效的年份"),
        ("- 2027-01-01\n", "顶层应为以年份为键的映射"),
        ("2027: [unclosed\n", "不是有效的 YAML"),
    ],
)
def test_invalid_overrides_file_is_rejected_naming_the_file(tmp_path, text, message):
    path = write(tmp_path, text, name="bad-holidays.yaml")
    with pytest.raises(HolidayDataError, match=message) as excinfo:
        load_calendar(path)
    assert "bad-holidays.yaml" in str(excinfo.value)
