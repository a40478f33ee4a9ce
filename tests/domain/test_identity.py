"""Identity checks: published sample numbers, not values computed by the code under test."""

import pytest

from disclosure.identity import (
    is_bank_card_number,
    is_mobile_number,
    is_valid_resident_id,
    is_valid_uscc,
    luhn_ok,
    mask_identity,
    resident_id_check_char,
    uscc_check_char,
)


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("11010519491231002X", True),  # GB 11643-1999 sample
        ("11010519491231002x", True),  # lower-case check character
        (" 11010519491231002X ", True),
        ("110105194912310021", False),  # wrong check character
        ("440524188001010014", False),  # GB 11643 sample, but born before 1900
        ("110105194902300016", False),  # 30 February
        ("01010519491231002X", False),  # region cannot start with 0
        ("11010519491231002", False),  # 17 characters
        ("11010519491231002XX", False),  # 19 characters
        ("", False),
    ],
)
def test_resident_id(value, valid):
    assert is_valid_resident_id(value) is valid


def test_resident_id_check_char():
    assert resident_id_check_char("11010519491231002") == "X"


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("914403001922038216", True),  # Huawei Technologies Co., Ltd.
        ("9144030071526726XG", True),  # Shenzhen Tencent Computer Systems Co., Ltd.
        ("91330100716105852F", True),  # Alibaba (China) Co., Ltd.
        ("91330100716105852f", True),
        ("914403001922038217", False),  # wrong check character
        ("91440300192203821I", False),  # I is not in the alphabet
        ("91440300192203821", False),
    ],
)
def test_unified_social_credit_code(value, valid):
    assert is_valid_uscc(value) is valid


def test_uscc_check_char():
    assert uscc_check_char("91440300192203821") == "6"


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("13800138000", True),
        ("19912345678", True),
        ("12345678901", False),
        ("1380013800", False),
        ("138001380001", False),
        ("+8613800138000", False),
    ],
)
def test_mobile_number(value, valid):
    assert is_mobile_number(value) is valid


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("4111111111111111", True),  # Visa test card
        ("6011111111111117", True),  # Discover test card
        ("4111111111111112", False),
        ("411111111111111", False),  # 15 digits
        ("4111 1111 1111 1111", False),
    ],
)
def test_bank_card_number(value, valid):
    assert is_bank_card_number(value) is valid


@pytest.mark.parametrize(
    ("digits", "ok"), [("79927398713", True), ("79927398710", False), ("12a4", False)]
)
def test_luhn(digits, ok):
    assert luhn_ok(digits) is ok


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("11010519491231002X", "110***********002X"),
        ("13800138000", "138****8000"),
        ("1234567", "*******"),
        ("", ""),
    ],
)
def test_mask_identity(value, masked):
    assert mask_identity(value) == masked
