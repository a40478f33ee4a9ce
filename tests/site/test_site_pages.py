"""The built fixture site: catalogue, document pages, meta tags, links, columns."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from bs4 import BeautifulSoup
from sitefixture import CZJ, DOCUMENTS, STHJJ

SERVICE_ROUTES = ("/apply", "/track", "/search", "/staff", "/api")


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def catalogue_rows(site: Path, base: str) -> list[str]:
    """Return the index numbers listed on every page of one catalogue listing."""
    pages = [site / base / "index.html", *sorted((site / base / "page").glob("*/index.html"))]
    rows = []
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        rows += [td.get_text() for td in soup.select("table.catalogue-table td.col-index")]
    return rows


def test_every_document_appears_exactly_once_in_the_catalogue(site):
    rows = catalogue_rows(site, "catalogue")
    expected = [fields["Index_no"] for fields in DOCUMENTS.values()]
    assert Counter(rows) == Counter(expected)


@pytest.mark.parametrize(
    ("base", "count"),
    [
        ("catalogue/agency/czj", 3),
        ("catalogue/agency/sthjj", 2),
        ("catalogue/category/finance", 2),
        ("catalogue/year/2025", 2),
        ("catalogue/area/fiscal", 2),
        ("catalogue/area/housing", 0),
    ],
)
def test_facet_listings_hold_their_documents_once(site, base, count):
    rows = catalogue_rows(site, base)
    assert len(rows) == len(set(rows)) == count


def test_pagination_writes_numbered_pages_without_collisions(site):
    assert (site / "catalogue/page/2/index.html").exists()
    assert (site / "catalogue/page/3/index.html").exists()
    assert not (site / "catalogue/page/1").exists()
    assert not (site / "catalogue/page/4").exists()


def test_catalogue_rows_carry_the_five_columns_and_summary(soup):
    page = soup("catalogue/agency/sthjj/index.html")
    heads = [th.get_text() for th in page.select("table.catalogue-table thead th")]
    assert heads == ["索引号", "名称", "发布机构", "生成日期", "发布日期"]
    first = page.select_one("table.catalogue-table tbody tr")
    cells = [td.get_text(" ", strip=True) for td in first.find_all("td")]
    cells[0] = first.find("td").get_text()
    assert cells[0] == f"{STHJJ}/2026-00003"
    assert "2026年9月环境空气质量状况" in cells[1] and "PM2.5" in cells[1]
    assert cells[2:] == ["市生态环境局", "2026-10-09", "2026-10-12"]


def test_document_url_comes_from_the_index_number(site):
    assert (site / f"doc/{CZJ}-2026-00001/index.html").exists()


def test_document_page_metadata_table(soup):
    page = soup(f"doc/{CZJ}-2026-00001/index.html")
    table = page.select_one("table.doc-meta")
    cells = dict(
        zip([th.get_text() for th in table.find_all("th")], table.find_all("td"), strict=True)
    )
    values = {k: v.get_text(strip=True) for k, v in cells.items()}
    assert values["索引号"] == f"{CZJ}/2026-00001"
    assert values["主题分类"] == "财政、金融、审计\\财政"
    assert values["发布机构"] == "云溪市财政局"
    assert values["成文日期"] == "2026-03-05"
    assert values["发文字号"] == "云财〔2026〕12号"
    assert values["发布日期"] == "2026-03-10"
    assert values["有效性"] == "有效"
    assert values["体裁"] == "通知"
    assert values["重点领域"] == "财政预决算和“三公”经费"


def meta(page: BeautifulSoup, name: str) -> str | None:
    tag = page.find("meta", attrs={"name": name})
    return tag["content"] if tag else None


def test_document_page_meta_tags(soup):
    page = soup(f"doc/{CZJ}-2026-00001/index.html")
    assert meta(page, "ArticleTitle") == "关于2026年市级预算公开的通知"
    assert meta(page, "PubDate") == "2026-03-10 09:30"
    assert meta(page, "ContentSource") == "云溪市财政局"
    assert meta(page, "IndexNo") == f"{CZJ}/2026-00001"
    assert meta(page, "AgencyCode") == "czj"
    assert meta(page, "Category") == "财政资金"
    assert meta(page, "KeyArea") == "fiscal"
    assert meta(page, "DocNo") == "云财〔2026〕12号"
    assert page.select_one("main#main div.doc-body").get_text(strip=True).startswith("正文第一段")


def test_document_without_key_area_or_doc_no_omits_those_tags(soup):
    page = soup(f"doc/{STHJJ}-2026-00002/index.html")
    assert meta(page, "KeyArea") is None
    assert meta(page, "DocNo") is None
    assert meta(page, "PubDate") == "2026-09-02 00:00"


def test_repealed_document_shows_a_notice(soup):
    page = soup(f"doc/{CZJ}-2025-00001/index.html")
    assert "本文件已废止（2026-01-01起）" in page.select_one(".notice").get_text()


def test_summary_text_is_escaped_in_html(site):
    html = (site / f"doc/{CZJ}-2025-00007/index.html").read_text(encoding="utf-8")
    assert "“三公”经费 &amp; 说明" in html


def test_every_page_carries_the_markup_contract(site):
    for path in html_files(site):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        where = path.relative_to(site)
        assert page.html["lang"] == "zh-CN", where
        assert page.select_one("a.skip-link")["href"] == "#main", where
        assert page.select_one("main#main"), where
        assert page.select_one("header.site-header nav.site-nav") or page.select_one(
            "nav.site-nav"
        ), where
        form = page.select_one('form.site-search[action="/search"][method="get"][role="search"]')
        assert form and form.select_one('input[name="q"]'), where
        for name in ("SiteName", "SiteDomain", "SiteIDCode"):
            assert meta(page, name), (where, name)
        footer = page.select_one("footer.site-footer").get_text()
        for label in ("主办单位", "网站标识码", "ICP备", "公网安备"):
            assert label in footer, (where, label)
        assert page.select_one('footer img[alt="党政机关网站标识"]'), where


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("catalogue/index.html", "信息公开目录"),
        ("guide/index.html", "信息公开指南"),
        ("guide/czj/index.html", "信息公开指南"),
        ("annual-reports/index.html", "信息公开年报"),
        ("apply-guide/index.html", "依法申请公开"),
        ("area/fiscal/index.html", "重点领域信息公开"),
    ],
)
def test_column_pages_carry_column_meta(soup, path, kind):
    page = soup(path)
    assert meta(page, "ColumnType") == kind
    for name in ("ColumnName", "ColumnDescription", "ColumnKeywords"):
        assert meta(page, name)


def targets(page: BeautifulSoup) -> list[str]:
    found = [a["href"] for a in page.find_all("a", href=True)]
    found += [tag["href"] for tag in page.find_all("link", href=True)]
    found += [tag["src"] for tag in page.find_all(["img", "script"], src=True)]
    return found


def resolves(site: Path, source: Path, href: str) -> bool:
    url = urlparse(href)
    if url.scheme or url.netloc or href.startswith(("mailto:", "tel:")):
        return True
    path = unquote(url.path)
    if not path:
        return True
    if path.startswith(SERVICE_ROUTES):
        return True
    target = site / path.lstrip("/") if path.startswith("/") else source.parent / path
    return target.is_file() or (target / "index.html").is_file()


def test_every_internal_link_resolves(site):
    broken = []
    for path in html_files(site):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        broken += [
            (str(path.relative_to(site)), h) for h in targets(page) if not resolves(site, path, h)
        ]
    assert broken == []


def test_guide_page_has_the_article_12_contact_block(soup):
    card = soup("guide/czj/index.html").select_one(".contact-card").get_text(" ", strip=True)
    for text in ("云溪市财政局政府信息公开工作办公室", "云溪市溪城区淮河路216号", "工作日上午8:30",
                 "0558-3045120", "0558-3045122", "gk@czj.yunxi.gov.cn"):  # fmt: skip
        assert text in card


def test_home_page_links_the_columns_and_all_key_areas(soup):
    page = soup("index.html")
    hrefs = {a["href"] for a in page.find_all("a", href=True)}
    assert {"/guide/", "/catalogue/", "/apply-guide/", "/apply", "/annual-reports/"} <= hrefs
    assert len(page.select("#key-areas .area-tiles li")) == 8
    assert page.select_one(".home-latest .news-list a").get_text() == "2026年9月环境空气质量状况"


def test_key_area_landing_page_lists_its_documents(soup):
    titles = [a.get_text() for a in soup("area/environment/index.html").select(".news-list a")]
    assert titles == ["2026年9月环境空气质量状况"]


def test_annual_report_column_lists_reports(soup):
    text = soup("annual-reports/index.html").select_one("main").get_text()
    assert "云溪市人民政府2025年政府信息公开工作年度报告" in text


def test_html_site_map_and_404_exist(soup):
    assert soup("sitemap/index.html").find("a", href="/area/land/")
    assert "页面不存在" in soup("404.html").get_text()


def test_pelican_own_listings_and_feeds_are_off(site):
    names = {p.name for p in site.iterdir()}
    assert not names & {"tag", "tags", "category", "categories", "author", "authors", "archives"}
    assert not list(site.glob("feeds/*.atom.xml.*"))
    assert sorted(p.name for p in (site / "feeds").glob("*.xml")) == ["all.atom.xml", "all.rss.xml"]


def test_plain_page_is_rendered(soup):
    assert soup("about/index.html").find("h1").get_text() == "关于本站"


def test_pages_do_not_embed_remote_assets(site):
    remote = re.compile(r'<(?:link|script|img)[^>]+(?:href|src)="(?:https?:)?//')
    assert [p.name for p in html_files(site) if remote.search(p.read_text(encoding="utf-8"))] == []


def test_draft_document_is_not_published(site):
    assert not (site / f"doc/{CZJ}-2026-00003").exists()
    assert "已撤回的草稿" not in (site / "data/catalogue.csv").read_text(encoding="utf-8-sig")


@pytest.mark.parametrize(
    ("number", "count", "window"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 20, [1, 2, 3, None, 20]),
        (10, 20, [1, None, 8, 9, 10, 11, 12, None, 20]),
        (20, 20, [1, None, 18, 19, 20]),
    ],
)
def test_pagination_window(number, count, window):
    from plugins.disclosure_catalogue.pages import Pager

    pager = Pager(number, count, "catalogue/agency/czj/", [], 0)
    assert pager.window == window
    assert pager.url(1) == "catalogue/agency/czj/"
    assert pager.url(3) == "catalogue/agency/czj/page/3/"


def test_switched_off_pelican_groups_are_dropped_before_output():
    from types import SimpleNamespace

    from plugins.disclosure_catalogue.catalogue import drop_disabled_listings

    generator = SimpleNamespace(
        settings={"TAG_SAVE_AS": "", "CATEGORY_SAVE_AS": "", "AUTHOR_SAVE_AS": "a/{slug}/"},
        tags={"t": [1]},
        categories=[("c", [1])],
        authors=[("a", [1])],
    )
    drop_disabled_listings(generator)
    assert (generator.tags, generator.categories) == ({}, [])
    assert generator.authors == [("a", [1])]
