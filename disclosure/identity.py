"""Checks of Chinese identity numbers: resident ID, unified social credit code, bank card."""

from __future__ import annotations

import re
from datetime import date

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"[1-9]\d{16}[\dX]")

_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_SHAPE = re.compile(r"[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}")

_MOBILE_SHAPE = re.compile(r"1[3-9]\d{9}")


def resident_id_check_char(first17: str) -> str:
    """Return the GB 11643-1999 check character for the first 17 digits of a resident ID."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def is_valid_resident_id(value: str) -> bool:
    """Tell whether value is an 18-character resident ID with a real birth date and checksum."""
    value = value.strip().upper()
    if not _ID_SHAPE.fullmatch(value):
        return False
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    if born.year < 1900:
        return False
    return resident_id_check_char(value[:17]) == value[17]


def uscc_check_char(first17: str) -> str:
    """Return the GB 32100-2015 check character for the first 17 characters of a credit code."""
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_CHARS[(31 - total % 31) % 31]


def is_valid_uscc(value: str) -> bool:
    """Tell whether value is an 18-character unified social credit code with a valid checksum."""
    value = value.strip().upper()
    if not _USCC_SHAPE.fullmatch(value):
        return False
    return uscc_check_char(value[:17]) == value[17]


def is_mobile_number(value: str) -> bool:
    """Tell whether value is a mainland China mobile number (11 digits, 13x-19x)."""
    return bool(_MOBILE_SHAPE.fullmatch(value.strip()))


def luhn_ok(digits: str) -> bool:
    """Tell whether a digit string passes the Luhn check used by bank cards."""
    if not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def is_bank_card_number(value: str) -> bool:
    """Tell whether value looks like a bank card number: 16-19 digits passing the Luhn check."""
    value = value.strip()
    return 16 <= len(value) <= 19 and luhn_ok(value)


def mask_identity(value: str) -> str:
    """Mask an identity number for display, keeping the first 3 and last 4 characters."""
    value = value.strip()
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]
