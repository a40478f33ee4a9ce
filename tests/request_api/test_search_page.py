"""GET /search: the results page in the site theme, usable without JavaScript."""

import re
from datetime import datetime

import pytest
from bs4 import BeautifulSoup

from search_index import Page, build_index, clear_views


def _page(i: int, **fields) -> Page:
    defaults = {
        "url": f"/doc/{i}/",
        "title": f"第{i}号关于征地补偿的公告",
        "body": f"征地补偿安置方案第{i}号。",
        "index_no": f"11341900003051020X/2026-{i:05d}",
        "agency_code": "szf",
        "agency": "云溪市人民政府办公室",
        "category": "公告公示",
        "key_area": "land",
        "pub_date": datetime(2026, 1, 1, 9, 0).replace(day=1 + i % 28),
    }
    return Page(**{**defaults, **fields})


PAGES = [_page(i) for i in range(1, 24)] + [
    _page(
        99,
        title="云溪市财政局2025年部门决算",
        body="决算<script>alert(1)</script>说明，不含征地。",
        agency_code="czj",
        agency="云溪市财政局",
        category="财政资金",
        key_area="fiscal",
        pub_date=datetime(2025, 8, 20, 9, 0),
    )
]


@pytest.fixture
def client(make_app, tmp_path):
    clear_views()
    build_index(tmp_path / "search-index", PAGES)
    app = make_app(SEARCH_INDEX_DIR=str(tmp_path / "search-index"))
    yield app.test_client()
    clear_views()


def get(client, url: str, status: int = 200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "text/html"
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_empty_search_shows_the_form_and_help(client):
    soup = get(client, "/search")
    assert soup.html["lang"] == "zh-CN"
    assert soup.select_one("main#main form[role=search] input[name=q]")
    assert "检索说明" in soup.select_one(".search-help").get_text()
    assert soup.select_one("header.site-header") and soup.select_one("footer.site-footer")


def test_results_page_shows_total_facets_hits_and_pagination(client):
    soup = get(client, "/search?q=征地")
    assert "找到 24 条结果" in soup.select_one(".search-summary").get_text()
    hits = soup.select("li.search-hit")
    assert len(hits) == 10
    assert hits[0].select_one("h2 a")["href"] == "/doc/23/"  # title match, newest (2026-01-24)
    assert all(h.select_one("mark") for h in hits)
    facets = {s.h2.get_text(): s.get_text(" ", strip=True) for s in soup.select(".search-facet")}
    assert "征地拆迁 （23）" in facets["重点领域"]
    assert "云溪市财政局" in facets["发布机构"]
    assert "2025年" in facets["发布年份"] and "2026年" in facets["发布年份"]
    nav = soup.select_one("nav.pagination")
    assert nav.select_one("[aria-current=page]").get_text() == "1"
    assert nav.select_one("a[rel=next]")["href"] == "/search?q=%E5%BE%81%E5%9C%B0&page=2"


def test_title_matches_come_first(client):
    soup = get(client, "/search?q=征地")
    last = soup.select("li.search-hit")[-1]
    assert "决算" not in last.get_text()
    page3 = get(client, "/search?q=征地&page=3")
    assert "部门决算" in page3.select("li.search-hit")[-1].get_text()


def test_facet_link_filters_and_can_be_removed(client):
    soup = get(client, "/search?q=征地")
    link = next(a for a in soup.select(".search-facet a") if "云溪市财政局" in a.get_text())
    filtered = get(client, link["href"])
    assert "找到 1 条结果" in filtered.select_one(".search-summary").get_text()
    assert "发布机构“云溪市财政局”" in filtered.select_one(".search-filters").get_text()
    remove = filtered.select_one(".search-filters a")
    assert remove.get_text() == "取消"
    assert "agency" not in remove["href"]


def test_snippets_escape_the_text(client):
    page = client.get("/search?q=决算").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_no_results_shows_help(client):
    soup = get(client, "/search?q=不存在的词&area=fiscal")
    text = soup.select_one(".search-empty").get_text()
    assert "没有找到同时包含“不存在的词”的信息" in text
    assert "去掉筛选条件" in text
    assert soup.select_one('.search-empty a[href="/catalogue/"]')


def test_dropped_operators_are_explained(client):
    soup = get(client, "/search?q=征地 AND 补偿")
    assert "已忽略检索运算符：AND" in soup.get_text()


def test_page_past_the_end_says_so(client):
    soup = get(client, "/search?q=征地&page=1000000000")
    assert "超出结果范围" in soup.get_text()
    assert not soup.select("li.search-hit")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("q=" + "长" * 1000, "检索词过长"),
        ("q=*", "只包含检索运算符"),
        ("q=征地&page=0", "页码应为正整数"),
        ("q=征地&page=-1", "页码应为正整数"),
        ("q=征地&area=nosuch", "未知的重点领域"),
        ("q=征地&year=abc", "年份应为四位数字"),
        ("q=%FF%FE", "UTF-8"),
    ],
)
def test_bad_input_gets_a_400_page_with_the_reason(client, query, message):
    soup = get(client, "/search?" + query, status=400)
    assert message in soup.select_one(".search-error[role=alert]").get_text()
    assert soup.select_one("main#main form[role=search]")


def test_whitespace_query_shows_help(client):
    soup = get(client, "/search?q=%20%E3%80%80")
    assert soup.select_one(".search-help")


def test_user_input_is_escaped_in_the_page(client):
    page = client.get('/search?q="><script>alert(1)</script>').get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)


def test_missing_index_is_a_503_page(make_app, tmp_path):
    clear_views()
    client = make_app(SEARCH_INDEX_DIR=str(tmp_path / "nothing")).test_client()
    soup = get(client, "/search?q=征地", status=503)
    assert "检索服务暂不可用" in soup.get_text()


def test_page_stylesheet_is_served(client):
    soup = get(client, "/search?q=征地")
    href = next(
        link["href"] for link in soup.select("link[rel=stylesheet]") if "search" in link["href"]
    )
    response = client.get(href)
    assert response.status_code == 200 and response.mimetype == "text/css"
    response.close()
