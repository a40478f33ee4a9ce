"""Chinese working-day calendar: official holidays, make-up working days and local overrides.

Working days are those of the State Council's yearly arrangement
(国务院办公厅关于部分节假日安排的通知): Monday to Friday, minus public holidays and weekdays
given off, plus weekend days moved to work (调休). The official data comes from the
``chinesecalendar`` package; a YAML overrides file lets the next year's arrangement be entered
the day it is announced.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

import chinese_calendar.constants as _official
import yaml

ENV_VAR = "DISCLOSURE_HOLIDAYS"
DEFAULT_OVERRIDES = Path(__file__).with_name("holidays.yaml")
OVERRIDE_HOLIDAY_NAME = "节假日"
SOURCE_OFFICIAL = "chinesecalendar"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# chinesecalendar names holidays in English; the site speaks Chinese.
_HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


class HolidayDataError(ValueError):
    """Raised when a holiday overrides file is missing or malformed; the message names the file."""


class DayKind(StrEnum):
    """What kind of day a date is in the working-day calendar."""

    WORKDAY = "workday"  # ordinary Monday-Friday working day
    MAKEUP_WORKDAY = "makeup_workday"  # weekend day moved to work (调休上班)
    WEEKEND = "weekend"  # ordinary Saturday or Sunday
    HOLIDAY = "holiday"  # public holiday or weekday given off

    @property
    def label(self) -> str:
        """Return the Chinese label of this kind of day."""
        return _DAY_KIND_LABELS[self]

    @property
    def is_working(self) -> bool:
        """Tell whether days of this kind are working days."""
        return self in (DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY)


_DAY_KIND_LABELS = {
    DayKind.WORKDAY: "工作日",
    DayKind.MAKEUP_WORKDAY: "调休上班日",
    DayKind.WEEKEND: "周末",
    DayKind.HOLIDAY: "节假日",
}


@dataclass(frozen=True)
class YearArrangement:
    """One year's holiday arrangement: days off (with names) and weekend days moved to work."""

    year: int
    holidays: Mapping[date, str]
    workdays: frozenset[date]
    source: str


@dataclass(frozen=True)
class WorkingDayResult:
    """A date reached by counting working days; provisional when an unknown year was involved."""

    day: date
    provisional: bool


@dataclass(frozen=True)
class SkippedDay:
    """A non-working day passed over while counting, with its kind and holiday name if any."""

    day: date
    kind: DayKind
    name: str | None = None


@dataclass(frozen=True, eq=False)
class WorkingCalendar:
    """Working days of mainland China, known years from official data or overrides."""

    arrangements: Mapping[int, YearArrangement] = field(default_factory=dict)

    def is_known(self, year: int) -> bool:
        """Tell whether an official arrangement or an override exists for year."""
        return year in self.arrangements

    @property
    def known_years(self) -> tuple[int, ...]:
        """Return the known years in ascending order."""
        return tuple(sorted(self.arrangements))

    def day_kind(self, day: date) -> DayKind:
        """Return the kind of day; unknown years fall back to Monday-Friday."""
        arrangement = self.arrangements.get(day.year)
        weekend = day.weekday() >= 5
        if arrangement is not None:
            if day in arrangement.holidays:
                return DayKind.HOLIDAY
            if day in arrangement.workdays:
                return DayKind.MAKEUP_WORKDAY
        return DayKind.WEEKEND if weekend else DayKind.WORKDAY

    def holiday_name(self, day: date) -> str | None:
        """Return the Chinese name of the holiday on day, or None."""
        arrangement = self.arrangements.get(day.year)
        if arrangement is None:
            return None
        return arrangement.holidays.get(day)

    def is_working_day(self, day: date) -> bool:
        """Tell whether day is a working day (unknown years: Monday-Friday, callers flag them)."""
        return self.day_kind(day).is_working

    def iter_days(self, start: date, end: date) -> Iterator[date]:
        """Yield every day in (start, end]."""
        day = start + timedelta(days=1)
        while day <= end:
            yield day
            day += timedelta(days=1)

    def add_working_days(self, start: date, n: int) -> WorkingDayResult:
        """Return the nth working day after start; start is not counted (Civil Code Art. 201)."""
        if n < 0:
            raise ValueError(f"工作日数不能为负数：{n}")
        day, counted = start, 0
        provisional = False
        while counted < n:
            day += timedelta(days=1)
            provisional = provisional or not self.is_known(day.year)
            if self.is_working_day(day):
                counted += 1
        return WorkingDayResult(day, provisional)

    def working_days_between(self, start: date, end: date) -> int:
        """Return the number of working days in (start, end]; 0 when end <= start."""
        return sum(1 for day in self.iter_days(start, end) if self.is_working_day(day))

    def next_working_day_on_or_after(self, day: date) -> date:
        """Return day itself if it is a working day, else the next working day."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def skipped_days(self, start: date, end: date) -> list[SkippedDay]:
        """Return the non-working days in (start, end], with kind and holiday name."""
        return [
            SkippedDay(day, kind, self.holiday_name(day))
            for day in self.iter_days(start, end)
            if not (kind := self.day_kind(day)).is_working
        ]

    def unknown_years(self, start: date, end: date) -> list[int]:
        """Return the years touched by [start, end] that have no known arrangement."""
        return [y for y in range(start.year, end.year + 1) if not self.is_known(y)]

    def with_overrides(self, overrides: Mapping[int, YearArrangement]) -> WorkingCalendar:
        """Return a calendar where each overridden year replaces this calendar's data entirely."""
        return WorkingCalendar({**self.arrangements, **overrides})


def official_calendar() -> WorkingCalendar:
    """Return the calendar of the official arrangements shipped in chinesecalendar."""
    return _official_calendar()


@functools.cache
def _official_calendar() -> WorkingCalendar:
    holidays: dict[int, dict[date, str]] = {}
    workdays: dict[int, set[date]] = {}
    for day, name in _official.holidays.items():
        holidays.setdefault(day.year, {})[day] = _HOLIDAY_NAMES_ZH.get(name, name)
    for day in _official.workdays:
        workdays.setdefault(day.year, set()).add(day)
    return WorkingCalendar(
        {
            year: YearArrangement(
                year, holidays[year], frozenset(workdays.get(year, ())), SOURCE_OFFICIAL
            )
            for year in sorted(holidays)
        }
    )


def load_calendar(overrides_path: str | os.PathLike[str] | None = None) -> WorkingCalendar:
    """Return the official calendar plus overrides (argument, $DISCLOSURE_HOLIDAYS or shipped file).

    Cached per resolved path and modification time, so callers may call it for every request.
    """
    path = Path(overrides_path or os.environ.get(ENV_VAR) or DEFAULT_OVERRIDES).resolve()
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as exc:
        raise HolidayDataError(f"节假日调整文件 {path} 无法读取：{exc.strerror}") from exc
    return _load_cached(path, mtime)


@functools.lru_cache(maxsize=16)
def _load_cached(path: Path, mtime_ns: int) -> WorkingCalendar:
    return official_calendar().with_overrides(read_overrides(path))


def read_overrides(path: str | os.PathLike[str]) -> dict[int, YearArrangement]:
    """Read and validate a holiday overrides YAML file."""
    path = Path(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_DateAsTextLoader)
    except OSError as exc:
        raise HolidayDataError(f"节假日调整文件 {path} 无法读取：{exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise HolidayDataError(f"节假日调整文件 {path} 不是有效的 YAML：{exc}") from exc
    return parse_overrides(data, str(path))


class _DateAsTextLoader(yaml.SafeLoader):
    """Safe YAML loader that keeps dates as text, so bad dates get a clear message."""


_DateAsTextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_overrides(data: Any, source: str) -> dict[int, YearArrangement]:
    """Validate parsed YAML overrides data; error messages name source."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise HolidayDataError(f"节假日调整文件 {source}：顶层应为以年份为键的映射")
    result: dict[int, YearArrangement] = {}
    for key, entry in data.items():
        year = _parse_year(key, source)
        if year in result:
            raise HolidayDataError(f"节假日调整文件 {source}：{year} 年重复出现")
        result[year] = _parse_year_entry(year, entry, source)
    return result


def _parse_year(key: Any, source: str) -> int:
    text = str(key).strip()
    if isinstance(key, bool) or not text.isdigit() or not 1900 <= int(text) <= 2200:
        raise HolidayDataError(f"节假日调整文件 {source}：“{key}”不是有效的年份")
    return int(text)


def _parse_year_entry(year: int, entry: Any, source: str) -> YearArrangement:
    where = f"节假日调整文件 {source}：{year} 年"
    if not isinstance(entry, dict):
        raise HolidayDataError(f"{where}应包含 holidays 和 workdays 两个列表")
    unknown = sorted(str(k) for k in entry if k not in ("holidays", "workdays"))
    if unknown:
        keys = "、".join(unknown)
        raise HolidayDataError(f"{where}含有未知的键：{keys}（只允许 holidays、workdays）")
    holidays = _parse_dates(year, entry.get("holidays"), f"{where}的 holidays", source)
    workdays = _parse_dates(year, entry.get("workdays"), f"{where}的 workdays", source)
    for day in sorted(workdays):
        if day.weekday() < 5:
            raise HolidayDataError(
                f"{where}的 workdays 中 {day} 不是周六或周日；只需列出调休上班的周末"
            )
    both = sorted(holidays & workdays)
    if both:
        raise HolidayDataError(f"{where}：{both[0]} 同时列为放假日和上班日")
    names = dict.fromkeys(sorted(holidays), OVERRIDE_HOLIDAY_NAME)
    return YearArrangement(year, names, frozenset(workdays), source)


def _parse_dates(year: int, values: Any, where: str, source: str) -> set[date]:
    if values is None:
        return set()
    if not isinstance(values, list):
        raise HolidayDataError(f"{where}应为日期列表，例如 [{year}-01-01]")
    days: set[date] = set()
    for value in values:
        day = _parse_date(value, where)
        if day.year != year:
            raise HolidayDataError(f"{where}中的日期 {day} 不属于 {year} 年")
        days.add(day)
    return days


def _parse_date(value: Any, where: str) -> date:
    if type(value) is date:
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise HolidayDataError(f"{where}中的“{value}”不是有效日期（格式应为 YYYY-MM-DD）")
