"""Information-processing fees (《政府信息公开信息处理费管理办法》, 国办函〔2020〕109号).

Disclosure is normally free (条例第四十二条). For applications beyond a reasonable number or
volume an agency may charge, either per application or per page, each progressively (办法第三条),
never both for the same application. The result explains itself band by band for the fee notice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

MEASURES = "《政府信息公开信息处理费管理办法》"

# 办法第四条: per application, same applicant, same calendar month, cumulative count.
FREE_APPLICATIONS = 10
SECOND_BAND_LAST = 30
SECOND_BAND_PRICE = Decimal(100)
LATER_BAND_SIZE = 10
LATER_BAND_STEP = Decimal(100)

# 办法第五条: per page within one application; (first page, last page or None, price per page).
PAGE_BANDS: tuple[tuple[int, int | None, Decimal], ...] = (
    (1, 30, Decimal(0)),
    (31, 100, Decimal(10)),
    (101, 200, Decimal(20)),
    (201, None, Decimal(40)),
)


class FeeError(ValueError):
    """A fee cannot be computed from the inputs given."""


class FeeMethod(StrEnum):
    """The two charging methods of 办法第三条; one application uses one of them only."""

    PER_APPLICATION = "per_application"
    PER_PAGE = "per_page"

    @property
    def label(self) -> str:
        """Return the Chinese name used in the fee notice."""
        return {"per_application": "按件计收", "per_page": "按量计收"}[self.value]

    @property
    def unit(self) -> str:
        """Return the Chinese counting unit."""
        return {"per_application": "件", "per_page": "页"}[self.value]


@dataclass(frozen=True)
class FeeBand:
    """One band of the progressive scale and what falls into it."""

    first: int
    last: int | None
    unit_price: Decimal
    quantity: int
    unit: str

    @property
    def amount(self) -> Decimal:
        """Return the amount charged in this band."""
        return self.unit_price * self.quantity

    @property
    def range_text(self) -> str:
        """Return the band's range in Chinese, e.g. 第31—40件 or 第201页及以上."""
        if self.last is None:
            return f"第{self.first}{self.unit}及以上"
        return f"第{self.first}—{self.last}{self.unit}"

    def describe(self) -> str:
        """Return one line of the fee notice explaining this band."""
        if not self.unit_price:
            return f"{self.range_text}：不收费（本档{self.quantity}{self.unit}）"
        return (
            f"{self.range_text}：每{self.unit}{format_yuan(self.unit_price)}，"
            f"本档{self.quantity}{self.unit}，计{format_yuan(self.amount)}"
        )


@dataclass(frozen=True)
class FeeAssessment:
    """A computed fee: method, what was counted, the bands touched and the total."""

    method: FeeMethod
    first: int
    last: int
    bands: tuple[FeeBand, ...]

    @property
    def total(self) -> Decimal:
        """Return the total fee in yuan."""
        return sum((b.amount for b in self.bands), Decimal(0))

    @property
    def is_free(self) -> bool:
        """Tell whether nothing is due."""
        return self.total == 0

    def explanation(self) -> list[str]:
        """Return the Chinese lines that explain the computation, band by band."""
        unit = self.method.unit
        if self.method is FeeMethod.PER_APPLICATION:
            head = (
                f"按件计收：本次计费的申请为您本自然月内累计提出的第{self.first}至第{self.last}件"
            )
            if self.first == self.last:
                head = f"按件计收：本申请为您本自然月内累计提出的第{self.first}件申请"
            basis = f"{MEASURES}第三条、第四条"
        else:
            head = f"按量计收：本申请所需提供的信息共{self.last}{unit}"
            basis = f"{MEASURES}第三条、第五条"
        lines = [f"{head}（依据{basis}，按超额累进方式计算）。"]
        lines += [b.describe() + "。" for b in self.bands]
        lines.append(f"合计：{format_yuan(self.total)}。")
        return lines


def format_yuan(amount: Decimal) -> str:
    """Format an amount of yuan for a letter, e.g. 2200元 or 12.50元."""
    if amount == amount.to_integral_value():
        return f"{int(amount)}元"
    return f"{amount.quantize(Decimal('0.01'))}元"


def _application_band(ordinal: int) -> tuple[int, int | None, Decimal]:
    """Return the band (first, last, unit price) that holds the n-th application of a month."""
    if ordinal <= FREE_APPLICATIONS:  # 办法第四条第（一）项: 10 or fewer are free
        return 1, FREE_APPLICATIONS, Decimal(0)
    if ordinal <= SECOND_BAND_LAST:  # 办法第四条第（二）项: 11-30 at 100 yuan each
        return FREE_APPLICATIONS + 1, SECOND_BAND_LAST, SECOND_BAND_PRICE
    # 办法第四条第（三）项: from 31, every further band of 10 costs 100 yuan more each.
    step = (ordinal - SECOND_BAND_LAST - 1) // LATER_BAND_SIZE + 1
    first = SECOND_BAND_LAST + (step - 1) * LATER_BAND_SIZE + 1
    return first, first + LATER_BAND_SIZE - 1, SECOND_BAND_PRICE + step * LATER_BAND_STEP


def _page_band(page: int) -> tuple[int, int | None, Decimal]:
    """Return the band (first, last, price per page) that holds a page number (办法第五条)."""
    for first, last, price in PAGE_BANDS:
        if last is None or page <= last:
            return first, last, price
    raise AssertionError("PAGE_BANDS must end with an open band")


def _split(
    first: int, last: int, band_of: Callable[[int], tuple[int, int | None, Decimal]], unit: str
) -> tuple[FeeBand, ...]:
    """Split the counted items first..last into the bands they fall into."""
    bands: list[FeeBand] = []
    n = first
    while n <= last:
        b_first, b_last, price = band_of(n)
        upto = last if b_last is None else min(last, b_last)
        bands.append(FeeBand(b_first, b_last, price, upto - n + 1, unit))
        n = upto + 1
    return tuple(bands)


def fee_per_application(already_this_month: int, count: int = 1) -> FeeAssessment:
    """Compute the per-application fee for count new applications (办法第四条).

    Args:
        already_this_month: applications the same applicant already made in the same calendar
            month before these ones (the count is cumulative per natural month).
        count: how many applications this assessment covers (usually 1).
    """
    if already_this_month < 0 or count < 1:
        raise FeeError("申请件数不正确：已申请件数不能为负数，本次件数至少为1件。")
    first, last = already_this_month + 1, already_this_month + count
    unit = FeeMethod.PER_APPLICATION.unit
    return FeeAssessment(
        FeeMethod.PER_APPLICATION, first, last, _split(first, last, _application_band, unit)
    )


def fee_per_page(pages: int) -> FeeAssessment:
    """Compute the per-page fee for the pages of one application (办法第五条)."""
    if pages < 0:
        raise FeeError("页数不正确：页数不能为负数。")
    bands = _split(1, pages, _page_band, FeeMethod.PER_PAGE.unit) if pages else ()
    return FeeAssessment(FeeMethod.PER_PAGE, 1 if pages else 0, pages, bands)


def assess_fee(
    *, pages: int | None = None, already_this_month: int | None = None, count: int = 1
) -> FeeAssessment:
    """Compute the fee by exactly one method; both or neither is an error (办法第三条)."""
    if (pages is None) == (already_this_month is None):
        raise FeeError("信息处理费只能按件计收或按量计收其中一种方式计算，不得同时适用两种标准。")
    if pages is not None:
        return fee_per_page(pages)
    return fee_per_application(already_this_month or 0, count)
