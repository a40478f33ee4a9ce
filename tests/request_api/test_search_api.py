"""GET /api/v1/search: JSON results, and a clear 400 (never a 500) for unusable input.

Policy: malformed input (empty or over-long q, q with nothing but operators, page not a positive
integer, a key area or category outside the closed lists, an agency code or year of the wrong
shape, bytes that are not UTF-8) is a 400 with a Chinese message; a well-formed request that
matches nothing (a word absent from the site, an agency or year with no documents, a page past the
end) is a 200 with an empty result list and the honest total.
"""

from datetime import datetime

import pytest

from search_index import Page, build_index, clear_views

PAGES = [
    Page(
        url="/doc/bridge/",
        title="云溪市长江大桥北岸接线道路工程施工招标公告",
        body="云溪市长江大桥北岸接线道路工程已批准建设。<b>粗体</b>",
        index_no="11341900003051151R/2025-00005",
        agency_code="zjj",
        agency="云溪市住房和城乡建设局",
        category="政府采购",
        key_area="tendering",
        pub_date=datetime(2025, 10, 14, 9, 0),
    ),
    Page(
        url="/doc/budget/",
        title="云溪市财政局2026年部门预算",
        body="2026年部门预算收入合计1.2亿元。市长信箱。",
        index_no="11341900003051047M/2026-00002",
        agency_code="czj",
        agency="云溪市财政局",
        category="财政资金",
        key_area="fiscal",
        pub_date=datetime(2026, 2, 26, 9, 0),
    ),
]


@pytest.fixture
def search_client(make_app, tmp_path):
    clear_views()
    build_index(tmp_path / "search-index", PAGES)
    app = make_app(SEARCH_INDEX_DIR=str(tmp_path / "search-index"))
    yield app.test_client()
    clear_views()


def test_results_json(search_client):
    response = search_client.get("/api/v1/search?q=市长")
    assert response.status_code == 200
    body = response.get_json()
    assert body["total"] == 2 and body["page"] == 1 and body["pages"] == 1
    first = body["results"][0]
    assert first["url"] == "/doc/bridge/"
    assert first["title"] == "云溪市长江大桥北岸接线道路工程施工招标公告"
    assert first["index_no"] == "11341900003051151R/2025-00005"
    assert first["agency"] == "云溪市住房和城乡建设局"
    assert first["date"] == "2025-10-14"
    assert "<mark>市长</mark>" in first["snippet"]
    assert set(first) >= {"title", "url", "index_no", "agency", "date", "snippet"}
    assert {f["value"]: f["count"] for f in body["facets"]["area"]} == {"tendering": 1, "fiscal": 1}
    assert {f["value"] for f in body["facets"]["agency"]} == {"zjj", "czj"}
    assert {f["value"] for f in body["facets"]["year"]} == {"2025", "2026"}


def test_snippet_is_escaped_html(search_client):
    snippet = search_client.get("/api/v1/search?q=粗体").get_json()["results"][0]["snippet"]
    assert "&lt;b&gt;<mark>粗体</mark>&lt;/b&gt;" in snippet


@pytest.mark.parametrize(
    ("query", "total"),
    [
        ("q=市长&area=fiscal", 1),
        ("q=市长&agency=zjj", 1),
        ("q=市长&category=财政资金", 1),
        ("q=市长&category=finance", 1),
        ("q=市长&year=2025", 1),
        ("q=市长&year=1999", 0),
        ("q=市长&agency=nosuch", 0),
        ("q=市长&area=land", 0),
        ("q=没有的词", 0),
        ("q=市长&page=2", 2),
        ("q=市长&page=1000000000", 2),
        ("q=市长&unknown=1", 2),
        ("q=" + "长" * 100, 0),
        ('q="unbalanced', 0),
        ("q=市长 AND 信箱", 1),
        ("q=市长 OR", 2),
        ("q=NOT 市长", 2),
        ("q=市长*", 2),
        ("q=市长?", 2),
        ("q=市长~2", 0),
        ("q=^市长", 2),
        ("q=(市长", 2),
        ("q=[市长 TO 信箱]", 0),
        ("q={市长}", 0),
        ("q=title:市长", 2),
        ("q=%E5%B8%82%E9%95%BF", 2),
    ],
)
def test_well_formed_requests_get_an_honest_result(search_client, query, total):
    response = search_client.get("/api/v1/search?" + query)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["total"] == total


def test_page_past_the_end_is_empty(search_client):
    body = search_client.get("/api/v1/search?q=市长&page=1000000000").get_json()
    assert body["results"] == [] and body["page"] == 1000000000


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "请输入检索词"),
        ("q=", "请输入检索词"),
        ("q=%20%20%E3%80%80", "请输入检索词"),
        ("q=" + "长" * 1000, "检索词过长"),
        ("q=AND OR NOT", "只包含检索运算符"),
        ("q=*", "只包含检索运算符"),
        ("q=%22%22", "只包含检索运算符"),
        ("q=市长&page=0", "页码应为正整数"),
        ("q=市长&page=-1", "页码应为正整数"),
        ("q=市长&page=abc", "页码应为正整数"),
        ("q=市长&page=1.5", "页码应为正整数"),
        ("q=市长&page=" + "9" * 5000, "页码应为正整数"),
        ("q=市长&area=nosuch", "未知的重点领域"),
        ("q=市长&category=nosuch", "未知的信息类别"),
        ("q=市长&agency=<script>", "发布机构代码格式不正确"),
        ("q=市长&year=26", "年份应为四位数字"),
        ("q=市长&year=二〇二六", "年份应为四位数字"),
        ("q=%FF%FE", "UTF-8"),
        ("q=%E5%B8", "UTF-8"),
        ("q=市长&area=%FF", "UTF-8"),
    ],
)
def test_unusable_input_is_a_400_with_a_chinese_message(search_client, query, message):
    response = search_client.get("/api/v1/search?" + query)
    assert response.status_code == 400
    body = response.get_json()
    assert message in body["error"]
    assert body["status"] == 400


def test_raw_non_utf8_query_string_is_a_400(search_client):
    response = search_client.get("/api/v1/search", environ_overrides={"QUERY_STRING": "q=\xff\xfe"})
    assert response.status_code == 400
    assert "UTF-8" in response.get_json()["error"]


def test_missing_index_is_a_503(make_app, tmp_path):
    clear_views()
    client = make_app(SEARCH_INDEX_DIR=str(tmp_path / "nothing")).test_client()
    response = client.get("/api/v1/search?q=市长")
    assert response.status_code == 503
    assert "检索服务暂不可用" in response.get_json()["error"]
