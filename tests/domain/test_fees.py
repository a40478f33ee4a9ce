from decimal import Decimal

import pytest

from disclosure.fees import (
    FeeError,
    FeeMethod,
    assess_fee,
    fee_per_application,
    fee_per_page,
    format_yuan,
)

# Cumulative applications in one month -> total fee, worked by hand:
# 11 = 1 x 100; 30 = 20 x 100; 31 = 2000 + 1 x 200; 40 = 2000 + 10 x 200;
# 41 = 4000 + 1 x 300; 50 = 4000 + 10 x 300; 51 = 7000 + 1 x 400.
APPLICATION_TOTALS = [
    (1, 0),
    (10, 0),
    (11, 100),
    (12, 200),
    (30, 2000),
    (31, 2200),
    (40, 4000),
    (41, 4300),
    (50, 7000),
    (51, 7400),
]


@pytest.mark.parametrize(("count", "total"), APPLICATION_TOTALS)
def test_cumulative_applications_in_a_month(count, total):
    assert fee_per_application(0, count).total == Decimal(total)


# The fee for the n-th application of the month alone.
SINGLE_APPLICATION = [(10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (51, 400)]


@pytest.mark.parametrize(("nth", "fee"), SINGLE_APPLICATION)
def test_fee_of_the_nth_application(nth, fee):
    assert fee_per_application(nth - 1).total == Decimal(fee)


# Pages of one application -> fee: 31 = 1 x 10; 100 = 70 x 10; 101 = 700 + 20;
# 200 = 700 + 100 x 20; 201 = 2700 + 40; 250 = 2700 + 50 x 40.
PAGE_TOTALS = [
    (0, 0),
    (1, 0),
    (30, 0),
    (31, 10),
    (100, 700),
    (101, 720),
    (200, 2700),
    (201, 2740),
    (250, 4700),
]


@pytest.mark.parametrize(("pages", "total"), PAGE_TOTALS)
def test_pages_of_one_application(pages, total):
    assert fee_per_page(pages).total == Decimal(total)


def test_amounts_are_decimal():
    assert isinstance(fee_per_page(201).total, Decimal)
    assert isinstance(fee_per_application(40, 1).total, Decimal)


def test_bands_explain_a_page_fee():
    bands = fee_per_page(201).bands
    assert [(b.first, b.last, b.unit_price, b.quantity) for b in bands] == [
        (1, 30, 0, 30),
        (31, 100, 10, 70),
        (101, 200, 20, 100),
        (201, None, 40, 1),
    ]
    assert [b.amount for b in bands] == [0, 700, 2000, 40]


def test_bands_explain_a_batch_of_applications():
    bands = fee_per_application(8, 25).bands  # the 9th to the 33rd application
    assert [(b.first, b.last, b.unit_price, b.quantity) for b in bands] == [
        (1, 10, 0, 2),
        (11, 30, 100, 20),
        (31, 40, 200, 3),
    ]
    assert fee_per_application(8, 25).total == Decimal(2600)


def test_explanation_lines_for_the_notice():
    lines = fee_per_page(101).explanation()
    assert lines[0].startswith("按量计收：本申请所需提供的信息共101页")
    assert "第三条、第五条" in lines[0]
    assert lines[1:] == [
        "第1—30页：不收费（本档30页）。",
        "第31—100页：每页10元，本档70页，计700元。",
        "第101—200页：每页20元，本档1页，计20元。",
        "合计：720元。",
    ]


def test_explanation_of_the_41st_application():
    lines = fee_per_application(40).explanation()
    assert "第41件申请" in lines[0]
    assert "第三条、第四条" in lines[0]
    assert lines[1:] == ["第41—50件：每件300元，本档1件，计300元。", "合计：300元。"]


def test_free_assessment():
    assert fee_per_application(0, 10).is_free
    assert fee_per_page(30).is_free
    assert not fee_per_page(31).is_free


def test_one_method_only():
    with pytest.raises(FeeError, match="不得同时"):
        assess_fee(pages=40, already_this_month=12)
    with pytest.raises(FeeError):
        assess_fee()
    assert assess_fee(pages=40).method is FeeMethod.PER_PAGE
    assert assess_fee(already_this_month=12).method is FeeMethod.PER_APPLICATION
    assert assess_fee(already_this_month=12).total == Decimal(100)


@pytest.mark.parametrize(("already", "count"), [(-1, 1), (0, 0)])
def test_bad_application_counts(already, count):
    with pytest.raises(FeeError):
        fee_per_application(already, count)


def test_negative_pages():
    with pytest.raises(FeeError):
        fee_per_page(-1)


@pytest.mark.parametrize(
    ("amount", "text"),
    [(Decimal(2740), "2740元"), (Decimal("12.5"), "12.50元"), (Decimal(0), "0元")],
)
def test_format_yuan(amount, text):
    assert format_yuan(amount) == text
