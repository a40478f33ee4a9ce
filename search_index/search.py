"""Run a parsed query against an index: filters, facets, ordering, pages, snippets."""

import logging
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .docsets import difference, intersect
from .highlight import highlight, snippet
from .labels import CATEGORY_NAMES, KEY_AREAS
from .query import ParsedQuery
from .view import IndexView, get_view

logger = logging.getLogger(__name__)

#: Results per page.
PAGE_SIZE = 10


@dataclass(frozen=True)
class Filters:
    """Exact-value filters; an empty string means no filter."""

    area: str = ""
    agency: str = ""
    category: str = ""
    year: str = ""

    def columns(self) -> dict[str, str]:
        """Return column name -> required value for the filters that are set."""
        pairs = {
            "key_area": self.area,
            "agency_code": self.agency,
            "category": self.category,
            "year": self.year,
        }
        return {name: value for name, value in pairs.items() if value}


@dataclass(frozen=True)
class Hit:
    """One result; *_html values are escaped HTML with matches in <mark>."""

    url: str
    title: str
    title_html: str
    snippet_html: str
    index_no: str
    agency: str
    agency_code: str
    category: str
    key_area: str
    doc_no: str
    date: str


@dataclass(frozen=True)
class FacetValue:
    """A facet value, its display name and the number of results that have it."""

    value: str
    label: str
    count: int


@dataclass(frozen=True)
class SearchResults:
    """One page of results with the total, the facet counts and the title-match count."""

    query: ParsedQuery
    filters: Filters
    total: int
    page: int
    page_size: int
    hits: tuple[Hit, ...]
    facets: dict[str, tuple[FacetValue, ...]] = field(default_factory=dict)
    title_matches: int = 0

    @property
    def pages(self) -> int:
        """Return the number of pages (at least 1)."""
        return max(1, -(-self.total // self.page_size))


def matching_docs(view: IndexView, query: ParsedQuery, filters: Filters) -> np.ndarray:
    """Return the documents containing every term and passing every filter."""
    docs: np.ndarray | None = None
    for name, value in filters.columns().items():
        allowed = view.value_docs(name, value)
        docs = allowed if docs is None else intersect(docs, allowed)
    for term in sorted(query.terms, key=len, reverse=True):
        if docs is not None and not len(docs):
            break
        found = view.gram_docs("text", term)
        docs = found if docs is None else intersect(docs, found)
    return docs if docs is not None else view.all_docs


def title_docs(view: IndexView, query: ParsedQuery, within: np.ndarray) -> np.ndarray:
    """Return the documents of within whose title contains every term."""
    docs = within
    for term in query.terms:
        if not len(docs):
            break
        docs = intersect(docs, view.gram_docs("title", term))
    return docs


def order_page(view: IndexView, tiers: list[np.ndarray], offset: int, size: int) -> list[int]:
    """Return docs offset..offset+size of the tiers in order, each tier newest first."""
    out: list[int] = []
    for tier in tiers if offset >= 0 and size > 0 else ():
        if offset >= len(tier):
            offset -= len(tier)
            continue
        wanted = min(len(tier), offset + size - len(out))
        keys = -view.rank[tier]
        top = np.arange(wanted)
        if wanted < len(tier):
            top = np.argpartition(keys, wanted - 1)[:wanted]
        top = top[np.argsort(keys[top])]
        out.extend(tier[top[offset:]].tolist())
        offset = 0
        if len(out) >= size:
            break
    return out[:size]


def facet_counts(view: IndexView, docs: np.ndarray) -> dict[str, tuple[FacetValue, ...]]:
    """Return the counts of key area, agency and year values among docs, keyed by filter name."""
    out = {}
    for param, name in (("area", "key_area"), ("agency", "agency_code"), ("year", "year")):
        names = view.values[name]
        counts = np.bincount(view.codes[name][docs], minlength=len(names)).tolist()
        pairs = zip(names, counts, strict=True)
        values = [FacetValue(v, _label(view, name, v), c) for v, c in pairs if v and c]
        if name == "year":
            values.sort(key=lambda f: f.value, reverse=True)
        elif name == "key_area":
            order = list(KEY_AREAS)
            values.sort(key=lambda f: order.index(f.value) if f.value in order else len(order))
        else:
            values.sort(key=lambda f: (-f.count, f.value))
        out[param] = tuple(values)
    return out


def _label(view: IndexView, name: str, value: str) -> str:
    """Return the display name of a facet value."""
    if name == "key_area":
        return KEY_AREAS.get(value, value)
    if name == "year":
        return f"{value}年"
    if name == "category":
        return CATEGORY_NAMES.get(value, value)
    if value not in view.labels:
        docs = view.value_docs(name, value)
        agency = view.searcher.stored_fields(int(docs[0])).get("agency") if len(docs) else ""
        view.labels[value] = agency or value
    return view.labels[value]


def make_hit(view: IndexView, docnum: int, terms: tuple[str, ...]) -> Hit:
    """Return the displayed record of one result."""
    f = view.searcher.stored_fields(docnum)
    return Hit(
        url=f.get("url", ""),
        title=f.get("title", ""),
        title_html=highlight(f.get("title", ""), terms),
        snippet_html=snippet(f.get("body", ""), terms),
        index_no=f.get("index_no", ""),
        agency=f.get("agency", ""),
        agency_code=f.get("agency_code", ""),
        category=f.get("category", ""),
        key_area=f.get("key_area", ""),
        doc_no=f.get("doc_no", ""),
        date=f.get("date", ""),
    )


def search(
    index_dir: Path,
    query: ParsedQuery,
    filters: Filters | None = None,
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> SearchResults:
    """Search index_dir: title matches first, then newest first; one page with facets."""
    filters = filters or Filters()
    view = get_view(index_dir)
    with view.lock:
        docs = matching_docs(view, query, filters)
        titled = title_docs(view, query, docs)
        offset = (page - 1) * page_size
        page_docs = order_page(view, [titled, difference(docs, titled)], offset, page_size)
        return SearchResults(
            query=query,
            filters=filters,
            total=len(docs),
            page=page,
            page_size=page_size,
            hits=tuple(make_hit(view, d, query.terms) for d in page_docs),
            facets=facet_counts(view, docs),
            title_matches=len(titled),
        )
