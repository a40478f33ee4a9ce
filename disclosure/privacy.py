"""Privacy guard: find personal numbers in text before it is published (Arts. 15-16).

Only digit runs that stand alone are considered (not part of a longer run of digits or
letters, nor of a decimal number), so amounts, dates, document numbers, index numbers,
landlines and postcodes do not trigger it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from disclosure.identity import is_mobile_number, is_valid_resident_id, luhn_ok

logger = logging.getLogger(__name__)

# A run must not touch a letter, a digit, or a decimal point joined to digits.
_BEFORE = r"(?<![0-9A-Za-z])(?<!\d\.)"
_AFTER = r"(?![0-9A-Za-z])(?!\.\d)"

_RESIDENT_ID = re.compile(_BEFORE + r"(\d{17}[0-9Xx])" + _AFTER)
_MOBILE = re.compile(_BEFORE + r"(?:\+?86[ -]?)?(1[3-9]\d(?:[ -]?\d{4}){2})" + _AFTER)
_BANK_CARD = re.compile(_BEFORE + r"(\d{16,19}|\d{4}(?: \d{4}){3}(?: \d{1,3})?)" + _AFTER)
# Index numbers ({prefix}/{year}-{serial}) carry long codes that are not personal data.
_INDEX_NO = re.compile(r"[0-9A-Za-z]+/\d{4}-\d{5}")
_LONG_DIGITS = re.compile(r"\d{3}[ -]?\d{4}[ -]?\d{4}")

KIND_LABELS = {
    "resident_id": "居民身份证号码",
    "mobile": "手机号码",
    "bank_card": "银行卡号",
}


@dataclass(frozen=True)
class PrivacyHit:
    """A personal number found in text."""

    kind: str
    value: str
    line: int

    @property
    def label(self) -> str:
        """Return the Chinese name of the kind of number."""
        return KIND_LABELS[self.kind]

    @property
    def masked(self) -> str:
        """Return the number with its middle digits masked, for error messages."""
        digits = self.value
        return digits[:3] + "*" * max(len(digits) - 7, 1) + digits[-4:]


def _digits(text: str) -> str:
    """Return the digits (and a trailing X) of a matched number."""
    return re.sub(r"[^0-9Xx]", "", text).upper()


def _scan(text: str) -> list[PrivacyHit]:
    """Return the personal numbers found in text (index numbers already blanked)."""
    hits: list[PrivacyHit] = []
    taken: list[tuple[int, int]] = []

    def line(match: re.Match) -> int:
        return text.count("\n", 0, match.start(1)) + 1

    for match in _RESIDENT_ID.finditer(text):
        if is_valid_resident_id(match.group(1)):
            hits.append(PrivacyHit("resident_id", match.group(1).upper(), line(match)))
            taken.append(match.span(1))
    for match in _BANK_CARD.finditer(text):
        value = _digits(match.group(1))
        if luhn_ok(value) and not _overlaps(match.span(1), taken):
            hits.append(PrivacyHit("bank_card", value, line(match)))
            taken.append(match.span(1))
    for match in _MOBILE.finditer(text):
        value = _digits(match.group(1))
        if is_mobile_number(value) and not _overlaps(match.span(1), taken):
            hits.append(PrivacyHit("mobile", value, line(match)))
    return sorted(hits, key=lambda hit: hit.line)


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    """Tell whether span overlaps any span already reported."""
    return any(span[0] < end and start < span[1] for start, end in taken)


def scan_text(text: str) -> list[PrivacyHit]:
    """Return every resident ID, mobile number and bank-card number found in text."""
    text = _INDEX_NO.sub(" ", text)
    if not _LONG_DIGITS.search(text):
        return []  # fast path: no run of 11 digits, even with separators
    return _scan(text)
