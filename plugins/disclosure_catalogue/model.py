"""The built catalogue shared with the templates and the other plugins via context["disclosure"]."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from disclosure.agencies import Agency
from disclosure.catalogue import ANNUAL_REPORT_CATEGORY, Document

_TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Entry:
    """One catalogue entry with everything a listing row, a feed item or an export needs.

    Display values are computed once here, so listings and feeds only read attributes.
    """

    doc: Document
    url: str
    agency: Agency
    category_slug: str
    key_area_name: str
    summary_html: str
    summary_text: str
    title: str = ""
    index_no: str = ""
    category: str = ""
    key_area: str = ""
    doc_no: str = ""
    validity: str = ""
    repealed: str = ""
    topic: str = ""
    kind: str = ""
    created: str = ""
    pub_date: str = ""  # YYYY-MM-DD
    pub_time: str = ""  # YYYY-MM-DD HH:MM, the PubDate meta tag format

    @classmethod
    def build(cls, doc: Document, url: str, agency: Agency, **extra: str) -> Entry:
        """Return the entry of a document with its display values filled in."""
        return cls(
            doc, url, agency, title=doc.title, index_no=doc.index_no, category=doc.category,
            key_area=doc.key_area, doc_no=doc.doc_no, validity=doc.validity,
            repealed=doc.repealed.isoformat() if doc.repealed else "", topic=doc.topic,
            kind=doc.kind, created=doc.created.isoformat(), pub_date=doc.date.strftime("%Y-%m-%d"),
            pub_time=doc.date.strftime("%Y-%m-%d %H:%M"), **extra,
        )  # fmt: skip


def plain_text(markup: str) -> str:
    """Return markup as plain text, tags stripped and entities decoded."""
    return html.unescape(_TAGS.sub("", markup)).strip()


@dataclass(frozen=True)
class Facet:
    """A way of browsing the catalogue: all, by agency, category, year or key area."""

    kind: str
    key: str
    name: str
    base: str  # URL of the first page, e.g. "catalogue/agency/czj/"


@dataclass
class Listing:
    """A facet with its entries, newest first."""

    facet: Facet
    entries: list[Entry] = field(default_factory=list)


@dataclass
class SiteCatalogue:
    """Every entry of the site, grouped the ways the site shows it."""

    agencies: tuple[Agency, ...]
    categories: dict[str, str]
    key_areas: dict[str, str]
    entries: list[Entry]
    guides: dict[str, object] = field(default_factory=dict)
    generated: datetime | None = None

    def __post_init__(self) -> None:
        self.entries.sort(key=lambda e: (e.doc.date, e.doc.index_no), reverse=True)
        self.listings = self._group()

    def _group(self) -> dict[tuple[str, str], Listing]:
        """Group entries into one listing per facet in a single pass."""
        listings: dict[tuple[str, str], Listing] = {}
        for facet in self._facets():
            listings[(facet.kind, facet.key)] = Listing(facet)
        years: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            listings[("all", "")].entries.append(entry)
            listings[("agency", entry.doc.agency)].entries.append(entry)
            listings[("category", entry.category_slug)].entries.append(entry)
            years[str(entry.doc.date.year)].append(entry)
            if entry.doc.key_area:
                listings[("area", entry.doc.key_area)].entries.append(entry)
        for year in sorted(years, reverse=True):
            facet = Facet("year", year, f"{year}年", f"catalogue/year/{year}/")
            listings[("year", year)] = Listing(facet, years[year])
        return listings

    def _facets(self) -> list[Facet]:
        """Return the configured facets, whether or not they have entries yet."""
        facets = [Facet("all", "", "全部信息", "catalogue/")]
        facets += [
            Facet("agency", a.code, a.name, f"catalogue/agency/{a.code}/") for a in self.agencies
        ]
        facets += [
            Facet("category", slug, name, f"catalogue/category/{slug}/")
            for name, slug in self.categories.items()
        ]
        facets += [
            Facet("area", slug, name, f"catalogue/area/{slug}/")
            for slug, name in self.key_areas.items()
        ]
        return facets

    def facets(self, kind: str) -> list[Listing]:
        """Return the listings of one facet kind, in configured order."""
        return [listing for (k, _), listing in self.listings.items() if k == kind]

    def listing(self, kind: str, key: str = "") -> Listing:
        """Return one listing."""
        return self.listings[(kind, key)]

    @property
    def latest_day(self) -> date | None:
        """Return the publish day of the newest entry."""
        return self.entries[0].doc.date.date() if self.entries else None

    @property
    def annual_reports(self) -> list[Entry]:
        """Return the annual reports, newest first."""
        slug = self.categories.get(ANNUAL_REPORT_CATEGORY, "")
        return self.listings[("category", slug)].entries if slug else []
