"""Privacy guard: every pattern it must catch, and ordinary numbers it must leave alone."""

from __future__ import annotations

import pytest

from disclosure.privacy import scan_text


def kinds(text: str) -> list[str]:
    return [hit.kind for hit in scan_text(text)]


@pytest.mark.parametrize(
    "text",
    [
        "申请人身份证号码：11010519491231002X。",
        "身份证号11010519491231002x",
        "(11010519491231002X)",
    ],
)
def test_valid_resident_id_is_caught(text):
    assert kinds(text) == ["resident_id"]


@pytest.mark.parametrize(
    "text",
    [
        "联系电话：13812345678",
        "手机 138-1234-5678",
        "手机 138 1234 5678",
        "+86 13812345678",
        "电话19912345678。",
    ],
)
def test_mainland_mobile_is_caught(text):
    assert kinds(text) == ["mobile"]


@pytest.mark.parametrize(
    "text",
    [
        "退款账户 6222021234567890128",
        "卡号：6222 0212 3456 7890 128",
        "账号4111111111111111",
    ],
)
def test_bank_card_passing_luhn_is_caught(text):
    assert kinds(text) == ["bank_card"]


def test_hit_reports_line_and_masks_the_number():
    hits = scan_text("第一行\n电话13812345678")
    assert (hits[0].line, hits[0].masked, hits[0].label) == (2, "138****5678", "手机号码")


def test_several_hits_are_all_reported():
    assert sorted(kinds("11010519491231002X 与 13812345678 及 4111111111111111")) == [
        "bank_card",
        "mobile",
        "resident_id",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "110105194912310021",  # resident ID shape, wrong check character
        "110105194902300016",  # 30 February
        "12812345678",  # 12x is not a mobile prefix
        "6222021234567890127",  # fails the Luhn check
        "4111 1111 1111 1112",
    ],
)
def test_near_misses_are_not_caught(text):
    assert kinds(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "预算总额 1,381,234,567.89 元",  # amount with separators
        "金额 13812345678.50 元",  # decimal amount shaped like a mobile
        "合计 4111111111111111.00 元",  # decimal amount shaped like a card
        "2026年3月10日", "2026-03-10", "20260310",  # dates
        "云财〔2026〕12号", "国办发〔2017〕47号",  # document numbers
        "索引号 11341900003051047M/2026-00012",  # index number with a credit code
        "索引号 113419000030510471/2026-00012",  # all-digit prefix shaped like an ID
        "电话 0558-3021006", "0558-13812345", "010-88888888",  # landlines
        "邮编 236100",  # postcode
        "统一社会信用代码 91341900MA2RXXXX0K",
        "编号 X13812345678", "13812345678A", "ID113812345678",  # embedded in letter runs
        "流水号 2138123456789", "订单 1381234567812",  # embedded in longer digit runs
        "施工许可证 341900-202609-0105",
        "4111111111111111111111",  # 22 digits: too long for any pattern
    ],
)  # fmt: skip
def test_ordinary_numbers_are_not_caught(text):
    assert kinds(text) == []
