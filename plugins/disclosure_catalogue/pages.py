"""Write the catalogue listings (paginated, O(N) per listing) and the column pages."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from markupsafe import Markup

from .model import Entry, Listing

logger = logging.getLogger(__name__)

AREA_INTROS = {
    "fiscal": "政府预算、决算，部门预算、决算，以及因公出国（境）费、公务用车购置及运行费、公务接待费等“三公”经费的安排和使用情况。",  # noqa: E501
    "housing": "公租房、保障性租赁住房、共有产权住房的建设计划、分配政策、分配对象和分配结果，以及棚户区改造进展。",  # noqa: E501
    "food-safety": "食品安全标准、抽检监测结果、生产经营许可、监督检查和行政处罚信息，以及食品安全风险警示。",  # noqa: E501
    "environment": "环境质量状况、重点排污单位信息、建设项目环境影响评价审批、环境执法和突发环境事件处置情况。",  # noqa: E501
    "tendering": "工程建设项目招标公告、中标候选人和中标结果公示、政府采购信息，以及招投标违法行为处理结果。",  # noqa: E501
    "work-safety": "生产安全事故的发生、救援、调查处理情况，事故调查报告和责任追究结果，以及安全生产执法信息。",  # noqa: E501
    "land": "征收土地预公告、征地补偿安置方案、房屋征收决定和补偿方案、补偿标准及资金到位情况。",  # noqa: E501
    "prices": "政府定价和政府指导价目录、价格听证、行政事业性收费目录清单和收费标准调整情况。",  # noqa: E501
}


@dataclass(frozen=True)
class Pager:
    """One page of a listing and the links to its neighbours."""

    number: int
    count: int
    base: str
    entries: list[Entry]
    total: int

    def url(self, number: int) -> str:
        """Return the URL of page number of this listing."""
        return self.base if number == 1 else f"{self.base}page/{number}/"

    @property
    def window(self) -> list[int | None]:
        """Return the page numbers to show, None standing for a gap."""
        shown = sorted({1, self.count, *range(self.number - 2, self.number + 3)})
        numbers: list[int | None] = []
        for n in (n for n in shown if 1 <= n <= self.count):
            if numbers and n - numbers[-1] > 1:
                numbers.append(None)
            numbers.append(n)
        return numbers


def pagers(listing: Listing, per_page: int) -> list[Pager]:
    """Split a listing into pages; file names come from slugs, so they cannot collide."""
    entries, base = listing.entries, listing.facet.base
    count = max(1, -(-len(entries) // per_page))
    return [
        Pager(n, count, base, entries[(n - 1) * per_page : n * per_page], len(entries))
        for n in range(1, count + 1)
    ]


def column(name: str, description: str, keywords: str, kind: str) -> dict[str, str]:
    """Return the ColumnName/ColumnDescription/ColumnKeywords/ColumnType meta values."""
    return {"name": name, "description": description, "keywords": keywords, "type": kind}


FACET_LABELS = {"all": "", "agency": "按发布机构", "category": "按主题分类", "year": "按年份"}


def render_rows(gen, entries: list[Entry]) -> dict[str, Markup]:
    """Render each entry's table row once; every listing that shows it reuses the markup."""
    template = gen.get_template("_row")
    return {e.index_no: Markup(template.render(e=e)) for e in entries}


def write_listings(gen, writer) -> None:
    """Write every catalogue listing, page by page: O(entries) work per listing."""
    catalogue, conf = gen.context["disclosure"], gen.context["DISCLOSURE_CATALOGUE"]
    template, sidebar = gen.get_template("catalogue"), gen.get_template("_facets")
    rows = render_rows(gen, catalogue.entries)
    for listing in catalogue.listings.values():
        facet = listing.facet
        facets_html = Markup(sidebar.render(facet=facet, disclosure=catalogue))
        title = "政府信息公开目录" if facet.kind == "all" else f"公开目录：{facet.name}"
        meta = column(
            title, f"{facet.name}的主动公开政府信息目录", f"公开目录,{facet.name}", "信息公开目录"
        )
        for pager in pagers(listing, conf["per_page"]):
            writer.write_file(
                f"{pager.url(pager.number)}index.html", template, gen.context,
                listing=listing, pager=pager, column=meta, page_title=title,
                rows=[rows[e.index_no] for e in pager.entries], facets_html=facets_html,
            )  # fmt: skip


def write_areas(gen, writer) -> None:
    """Write the landing page of each key area."""
    catalogue, conf = gen.context["disclosure"], gen.context["DISCLOSURE_CATALOGUE"]
    template = gen.get_template("area")
    for slug, name in catalogue.key_areas.items():
        listing = catalogue.listing("area", slug)
        intro = conf.get("area_intros", AREA_INTROS).get(slug, "")
        writer.write_file(
            f"area/{slug}/index.html", template, gen.context,
            area_slug=slug, area_name=name, intro=intro, listing=listing,
            latest=listing.entries[: conf["area_latest"]], page_title=name,
            column=column(name, intro or name, f"重点领域,{name}", "重点领域信息公开"),
        )  # fmt: skip


def write_columns(gen, writer) -> None:
    """Write the home page, guide index, annual reports, application guide and 404 page."""
    catalogue, conf = gen.context["disclosure"], gen.context["DISCLOSURE_CATALOGUE"]
    pages = {
        "index.html": ("index", None, None),
        "guide/index.html": ("guides", "政府信息公开指南", "信息公开指南"),
        "annual-reports/index.html": ("annual_reports", "政府信息公开年报", "信息公开年报"),
        "apply-guide/index.html": ("apply_guide", "依申请公开", "依法申请公开"),
        "404.html": ("404", "页面未找到", None),
    }
    claimed = {p.save_as for p in gen.context.get("pages", [])}
    for name, (template, title, kind) in pages.items():
        if name in claimed:
            logger.info("%s 由页面内容提供，跳过模板生成", name)
            continue
        meta = column(title, f"{gen.settings['SITENAME']}{title}", title, kind) if kind else None
        writer.write_file(
            name, gen.get_template(template), gen.context, page_title=title, column=meta,
            latest=catalogue.entries[: conf["home_latest"]],
        )  # fmt: skip


def write_pages(gen, writer) -> None:
    """Write everything the catalogue plugin owns."""
    write_listings(gen, writer)
    write_areas(gen, writer)
    write_columns(gen, writer)
