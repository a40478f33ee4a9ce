"""Date of receipt of an application (Art. 31), always in Beijing time.

Per channel (《条例》第三十一条):

- ``in_person`` (当面提交): the day the application is handed in (Art. 31(1)).
- ``registered_mail`` (邮寄，需签收): the day the office signs for it (Art. 31(2)); ``signed_for``.
- ``mail`` (平常信函等无需签收的邮寄): the day the office confirms receipt with the applicant,
  which it does the day the letter arrives (Art. 31(2)); ``confirmed_on``.
- ``fax`` and ``email`` (传真、互联网渠道): the day both sides confirm (Art. 31(3));
  ``confirmed_on``.
- ``online`` (网上申请平台): the platform confirms automatically at submission (Art. 31(3)); an
  application submitted on a non-working day counts as received on the next working day.

Dates are Beijing dates (Asia/Shanghai) whatever the server's time zone.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from disclosure.calendar import WorkingCalendar

BEIJING = ZoneInfo("Asia/Shanghai")


class ReceiptError(ValueError):
    """Raised when the facts given do not fix a date of receipt; the message is Chinese."""


class Channel(StrEnum):
    """How an application reached the office."""

    ONLINE = "online"
    IN_PERSON = "in_person"
    REGISTERED_MAIL = "registered_mail"
    MAIL = "mail"
    FAX = "fax"
    EMAIL = "email"

    @property
    def label(self) -> str:
        """Return the Chinese label of this channel."""
        return CHANNEL_LABELS[self]


CHANNEL_LABELS: dict[Channel, str] = {
    Channel.ONLINE: "网上申请",
    Channel.IN_PERSON: "当面提交",
    Channel.REGISTERED_MAIL: "邮寄（需签收）",
    Channel.MAIL: "平常信函",
    Channel.FAX: "传真",
    Channel.EMAIL: "电子邮件",
}


def beijing_date(moment: datetime) -> date:
    """Return the Beijing calendar date of an aware datetime."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ReceiptError("时间必须带时区信息，无法确定北京时间的日期")
    return moment.astimezone(BEIJING).date()


def received_on(
    channel: Channel | str,
    submitted_at: datetime,
    calendar: WorkingCalendar,
    signed_for: date | datetime | None = None,
    confirmed_on: date | datetime | None = None,
) -> date:
    """Return the date of receipt under Art. 31.

    Args:
        channel: how the application arrived (see the module docstring).
        submitted_at: aware time of submission online, of hand-in, or of registration by staff.
        calendar: the working-day calendar (online submissions on non-working days).
        signed_for: the day the office signed for registered mail.
        confirmed_on: the day of confirmation for ordinary mail, fax and email.
    """
    try:
        channel = Channel(channel)
    except ValueError:
        raise ReceiptError(f"未知的申请渠道：{channel}") from None
    submitted = beijing_date(submitted_at)
    if channel is Channel.ONLINE:
        # Art. 31(3) in practice: received on the next working day if sent on a day off.
        return calendar.next_working_day_on_or_after(submitted)
    if channel is Channel.IN_PERSON:
        return submitted  # Art. 31(1)
    if channel is Channel.REGISTERED_MAIL:
        return _given_day(signed_for, "签收日期", channel, submitted)  # Art. 31(2)
    return _given_day(confirmed_on, "确认日期", channel, submitted)  # Art. 31(2), 31(3)


def _given_day(value: date | datetime | None, what: str, channel: Channel, latest: date) -> date:
    if value is None:
        raise ReceiptError(f"{channel.label}的申请须填写{what}（《条例》第三十一条）")
    day = beijing_date(value) if isinstance(value, datetime) else value
    if day > latest:
        raise ReceiptError(f"{what} {day} 不能晚于登记日期 {latest}")
    return day
