from datetime import datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from search_fixtures import doc_html

from search_index.extract import block_text, extract_page, parse_pub_date
from search_index.site import is_indexed_url, iter_site_pages, url_for_path


def test_document_page_fields_come_from_the_meta_tags():
    html = doc_html(
        "关于调整居民生活用水价格的通知",
        "<p>正文。</p>",
        index_no="11341900003051020X/2025-00007",
        agency_code="szf",
        agency="云溪市人民政府办公室",
        category="政策文件",
        key_area="prices",
        doc_no="云政办〔2025〕12号",
        pub_date="2025-11-03 10:30",
    )
    page = extract_page(html, "/doc/11341900003051020X-2025-00007/")
    assert page is not None
    assert page.url == "/doc/11341900003051020X-2025-00007/"
    assert page.title == "关于调整居民生活用水价格的通知"
    assert page.index_no == "11341900003051020X/2025-00007"
    assert page.agency_code == "szf"
    assert page.agency == "云溪市人民政府办公室"
    assert page.category == "政策文件"
    assert page.key_area == "prices"
    assert page.doc_no == "云政办〔2025〕12号"
    assert page.pub_date == datetime(2025, 11, 3, 10, 30)
    assert page.year == "2025"


def test_document_text_is_the_doc_body_only():
    page = extract_page(doc_html("标题", "<p>正文第一段。</p><p>正文第二段。</p>"), "/doc/x/")
    assert page is not None
    assert page.body == "正文第一段。\n正文第二段。"
    for outside in ("首页", "公开目录", "主办单位", "导航脚本", "索引号", "跳到主要内容"):
        assert outside not in page.body


def test_page_is_frozen():
    page = extract_page(doc_html("标题", "<p>正文</p>"), "/doc/x/")
    with pytest.raises(AttributeError):
        page.title = "改"  # type: ignore[misc]


def test_inline_elements_join_without_spaces():
    html = "<div><p>云<strong>溪</strong>市<a href='#'>长江</a>大桥</p></div>"
    assert block_text(BeautifulSoup(html, "html.parser").div) == "云溪市长江大桥"


def test_block_elements_are_separate_lines():
    html = (
        "<div><h2>一、总则</h2><ul><li>第一条</li><li>第二条</li></ul>"
        "<table><tr><td>甲</td><td>乙</td></tr></table></div>"
    )
    text = block_text(BeautifulSoup(html, "html.parser").div)
    assert text.split("\n") == ["一、总则", "第一条", "第二条", "甲", "乙"]


def test_line_break_between_chinese_characters_is_not_a_space():
    html = "<div><p>云溪市人民\n  政府办公室 PM2.5\n浓度</p></div>"
    assert block_text(BeautifulSoup(html, "html.parser").div) == "云溪市人民政府办公室 PM2.5 浓度"


def test_comments_scripts_and_hidden_elements_are_dropped():
    html = (
        "<div><!-- 注释 --><p>可见</p><script>var a = '脚本';</script><style>p{}</style>"
        "<p hidden>隐藏</p><form><label>表单</label></form></div>"
    )
    assert block_text(BeautifulSoup(html, "html.parser").div) == "可见"


def test_plain_page_uses_main_without_navigation_and_its_h1_as_title():
    html = """<html lang="zh-CN"><head><title>依申请公开 - 云溪市</title></head><body>
    <header class="site-header">页头</header><nav class="site-nav">导航</nav>
    <main id="main"><nav class="breadcrumb">首页</nav>
    <h1>如何申请政府信息公开</h1><p>可以在线提交申请。</p></main>
    <footer class="site-footer">页脚</footer></body></html>"""
    page = extract_page(html, "/apply-guide/")
    assert page is not None
    assert page.title == "如何申请政府信息公开"
    assert page.body == "如何申请政府信息公开\n可以在线提交申请。"
    assert page.pub_date is None and page.year == ""
    assert page.index_no == page.agency_code == page.key_area == ""


def test_page_without_main_is_skipped():
    assert extract_page("<html><body><p>无主体</p></body></html>", "/x/") is None


def test_page_marked_noindex_is_skipped():
    html = (
        '<html><head><meta name="robots" content="noindex"></head>'
        '<body><main id="main">正文</main></body></html>'
    )
    assert extract_page(html, "/x/") is None


def test_entities_are_decoded():
    page = extract_page(doc_html("A&amp;B", "<p>&lt;script&gt; &amp; 〔2026〕</p>"), "/doc/x/")
    assert page is not None
    assert page.title == "A&B"
    assert page.body == "<script> & 〔2026〕"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-01 09:00", datetime(2026, 3, 1, 9, 0)),
        ("2026-03-01", datetime(2026, 3, 1)),
        ("2026-03-01 09:00:05", datetime(2026, 3, 1, 9, 0, 5)),
        ("", None),
        ("2026年3月1日", None),
        ("2026-13-01", None),
    ],
)
def test_pub_date_parsing(value, expected):
    assert parse_pub_date(value) == expected


def test_content_hash_changes_with_any_indexed_value_only():
    base = extract_page(doc_html("标题", "<p>正文</p>"), "/doc/x/")
    same = extract_page(doc_html("标题", "<p>正文</p>").replace("首页", "主页"), "/doc/x/")
    edited = extract_page(doc_html("标题", "<p>正文改</p>"), "/doc/x/")
    redated = extract_page(doc_html("标题", "<p>正文</p>", pub_date="2026-03-02 09:00"), "/doc/x/")
    assert base.content_hash() == same.content_hash()
    assert len({base.content_hash(), edited.content_hash(), redated.content_hash()}) == 3


@pytest.mark.parametrize(
    ("relative", "url"),
    [
        ("index.html", "/"),
        ("doc/11341900003051047M-2026-00001/index.html", "/doc/11341900003051047M-2026-00001/"),
        ("404.html", "/404.html"),
        ("guide/czj/index.html", "/guide/czj/"),
    ],
)
def test_url_for_path(relative, url):
    assert url_for_path(Path("/out"), Path("/out") / relative) == url


@pytest.mark.parametrize(
    ("url", "indexed"),
    [
        ("/doc/11341900003051047M-2026-00001/", True),
        ("/guide/czj/", True),
        ("/apply-guide/", True),
        ("/about/", True),
        ("/", False),
        ("/404.html", False),
        ("/catalogue/", False),
        ("/catalogue/agency/czj/page/2/", False),
        ("/area/fiscal/", False),
        ("/sitemap/", False),
        ("/annual-reports/", False),
        ("/guide/", False),
    ],
)
def test_listing_pages_are_not_indexed(url, indexed):
    assert is_indexed_url(url) is indexed


def test_iter_site_pages_walks_the_built_site(tmp_path):
    (tmp_path / "doc" / "a").mkdir(parents=True)
    (tmp_path / "doc" / "a" / "index.html").write_text(
        doc_html("甲", "<p>甲文</p>"), encoding="utf-8"
    )
    (tmp_path / "catalogue").mkdir()
    (tmp_path / "catalogue" / "index.html").write_text(
        doc_html("目录", "<p>列表</p>"), encoding="utf-8"
    )
    (tmp_path / "index.html").write_text(doc_html("首页", "<p>首页</p>"), encoding="utf-8")
    (tmp_path / "broken.html").write_bytes(b"\xff\xfe<main id='main'>x</main>")
    assert [p.url for p in iter_site_pages(tmp_path)] == ["/doc/a/"]
