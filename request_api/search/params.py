"""Read and check the parameters of a search request (shape only; no Whoosh here)."""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

from search_index import Filters, ParsedQuery, QueryError, parse_query
from search_index.labels import CATEGORIES, CATEGORY_NAMES, KEY_AREAS

_AGENCY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")
_YEAR = re.compile(r"^[0-9]{4}$")
_PAGE = re.compile(r"^[0-9]{1,12}$")
#: Parameters carried from one results page to the next.
PARAM_NAMES = ("q", "area", "agency", "category", "year", "page")
_BAD_ENCODING = "网址中含有无法识别的字符（应为 UTF-8 编码），请重新输入检索词。"


class ParamError(ValueError):
    """A parameter cannot be used; the message is for the user, in Chinese."""


@dataclass(frozen=True)
class SearchParams:
    """A checked search request."""

    q: str
    query: ParsedQuery | None
    filters: Filters
    page: int


def check_encoding(query_string: bytes) -> None:
    """Raise ParamError when the raw query string is not valid UTF-8 once percent-decoded."""
    try:
        unquote_to_bytes(query_string).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ParamError(_BAD_ENCODING) from exc


def _value(args: Mapping[str, str], name: str) -> str:
    """Return a stripped parameter; ParamError when it was not valid UTF-8."""
    value = (args.get(name) or "").strip()
    if "\ufffd" in value:
        raise ParamError(_BAD_ENCODING)
    return value


def read_filters(args: Mapping[str, str]) -> Filters:
    """Check the filters: closed vocabularies by value, open ones (agency, year) by shape."""
    area, agency = _value(args, "area"), _value(args, "agency")
    category, year = _value(args, "category"), _value(args, "year")
    if area and area not in KEY_AREAS:
        raise ParamError(f"未知的重点领域：{area[:40]}。")
    if category and category not in CATEGORIES:
        if category not in CATEGORY_NAMES:
            raise ParamError(f"未知的信息类别：{category[:40]}。")
        category = CATEGORY_NAMES[category]
    if agency and not _AGENCY.match(agency):
        raise ParamError(f"发布机构代码格式不正确：{agency[:40]}。")
    if year and not _YEAR.match(year):
        raise ParamError(f"年份应为四位数字：{year[:40]}。")
    return Filters(area=area, agency=agency, category=category, year=year)


def read_page(args: Mapping[str, str]) -> int:
    """Return the page number (default 1); ParamError unless a positive integer."""
    raw = _value(args, "page")
    if not raw:
        return 1
    if not _PAGE.match(raw) or int(raw) < 1:
        raise ParamError("页码应为正整数。")
    return int(raw)


def read_params(args: Mapping[str, str]) -> SearchParams:
    """Check every parameter; the query is None when q is empty (the caller decides)."""
    q = _value(args, "q")
    filters = read_filters(args)
    page = read_page(args)
    try:
        query = parse_query(q) if q else None
    except QueryError as exc:
        raise ParamError(str(exc)) from exc
    return SearchParams(q=q, query=query, filters=filters, page=page)
