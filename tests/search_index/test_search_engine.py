from datetime import datetime

import pytest
from search_fixtures import make_page

from search_index import Filters, IndexMissingError, parse_query, search

PAGES = [
    make_page(
        "/doc/bridge/",
        "云溪市长江大桥北岸接线道路工程施工招标公告",
        "云溪市长江大桥北岸接线道路工程已批准建设，现公开招标。\n招标编号：YXZB-2026-031。",
        index_no="11341900003051101X/2026-00031",
        agency_code="zjj",
        agency="云溪市住房和城乡建设局",
        category="政府采购",
        key_area="tendering",
        pub_date=datetime(2025, 10, 14, 9, 0),
    ),
    make_page(
        "/doc/air/",
        "2026年10月云溪市环境空气质量状况",
        "10月，全市PM2.5平均浓度为32微克/立方米，同比下降5.9%。市长热线受理投诉12件。",
        index_no="11341900003051098X/2026-00044",
        agency_code="sthjj",
        agency="云溪市生态环境局",
        category="统计信息",
        key_area="environment",
        pub_date=datetime(2026, 11, 12, 9, 0),
    ),
    make_page(
        "/doc/penalty/",
        "云溪市财政局行政处罚决定书（云财罚〔2026〕3号）",
        "当事人违反《中华人民共和国政府采购法》，依据云财〔2026〕12号文件处罚。",
        index_no="11341900003051047M/2026-00012",
        doc_no="云财罚〔2026〕3号",
        category="行政处罚",
        key_area="fiscal",
        pub_date=datetime(2026, 9, 22, 9, 0),
    ),
    make_page(
        "/doc/budget/",
        "云溪市财政局2026年部门预算",
        "2026年部门预算收入合计1.2亿元。“三公”经费预算比上年下降3%。",
        index_no="11341900003051047M/2026-00002",
        category="财政资金",
        key_area="fiscal",
        pub_date=datetime(2026, 2, 26, 9, 0),
    ),
    make_page(
        "/guide/czj/",
        "云溪市财政局政府信息公开指南",
        "本指南说明如何申请公开财政信息。市长信箱不受理政府信息公开申请。",
        agency_code="",
        agency="",
        category="",
        pub_date=None,
    ),
]


@pytest.fixture
def ix(index_of):
    return index_of(PAGES)


def urls(ix, q, **filters):
    return [h.url for h in search(ix, parse_query(q), Filters(**filters), page_size=50).hits]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        (
            "市长",
            {"/doc/bridge/", "/doc/air/", "/guide/czj/"},
        ),  # straddles 云溪市|长江 in the title
        ("长江大桥", {"/doc/bridge/"}),
        ("市", {p.url for p in PAGES}),
        ("桥", {"/doc/bridge/"}),
        ("2026年", {"/doc/air/", "/doc/budget/"}),
        ("PM2.5", {"/doc/air/"}),
        ("pm2.5", {"/doc/air/"}),
        ("ＰＭ２．５", {"/doc/air/"}),
        ("云财〔2026〕12号", {"/doc/penalty/"}),
        ("云财罚〔2026〕3号", {"/doc/penalty/"}),
        ("11341900003051047M/2026-00012", {"/doc/penalty/"}),
        ("2026-00012", {"/doc/penalty/"}),
        ("YXZB-2026", {"/doc/bridge/"}),
        ("“三公”经费", {"/doc/budget/"}),
        ("5.9%", {"/doc/air/"}),
        ("财政 预算", {"/doc/budget/"}),
        ("财政 AND 预算", {"/doc/budget/"}),
        ("不存在的词语", set()),
    ],
)
def test_finds_every_document_containing_the_text(ix, q, expected):
    assert set(urls(ix, q)) == expected


def test_title_matches_come_first_then_newest_first(ix):
    assert urls(ix, "市长") == ["/doc/bridge/", "/doc/air/", "/guide/czj/"]
    assert urls(ix, "财政") == ["/doc/penalty/", "/doc/budget/", "/guide/czj/"]


@pytest.mark.parametrize("q", ["市长江", '"市长江"'])
def test_terms_match_exactly_not_just_their_character_pairs(index_of, q):
    ix = index_of(
        [
            make_page("/a/", "甲", "市长江河"),
            make_page("/b/", "乙", "长江市长"),  # has 市长 and 长江 but not 市长江
        ]
    )
    assert set(urls(ix, q)) == {"/a/"}


def test_repeated_characters(index_of):
    ix = index_of([make_page("/a/", "甲", "哈哈哈"), make_page("/b/", "乙", "哈哈 哈哈")])
    assert set(urls(ix, "哈哈")) == {"/a/", "/b/"}
    assert set(urls(ix, "哈哈哈")) == {"/a/"}
    assert set(urls(ix, "哈哈哈哈")) == set()
    assert set(urls(ix, '"哈哈 哈哈"')) == {"/b/"}


def test_quoted_phrase_with_space(ix):
    assert urls(ix, '"北岸接线 道路"') == []
    assert urls(ix, '"北岸接线道路"') == ["/doc/bridge/"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"area": "fiscal"}, ["/doc/penalty/", "/doc/budget/"]),
        ({"agency": "czj"}, ["/doc/penalty/", "/doc/budget/"]),
        ({"category": "行政处罚"}, ["/doc/penalty/"]),
        ({"year": "2025"}, ["/doc/bridge/"]),
        ({"area": "fiscal", "year": "2026", "category": "财政资金"}, ["/doc/budget/"]),
        ({"area": "land"}, []),
        ({"agency": "nosuch"}, []),
        ({"year": "1999"}, []),
    ],
)
def test_filters(ix, filters, expected):
    assert urls(ix, "云溪", **filters) == expected


def test_facet_counts(ix):
    results = search(ix, parse_query("云溪"))
    assert results.total == 5
    facets = {
        name: {(f.value, f.label, f.count) for f in values}
        for name, values in results.facets.items()
    }
    assert facets["area"] == {
        ("fiscal", "财政预决算和“三公”经费", 2),
        ("tendering", "招投标", 1),
        ("environment", "环境保护", 1),
    }
    assert facets["agency"] == {
        ("czj", "云溪市财政局", 2),
        ("zjj", "云溪市住房和城乡建设局", 1),
        ("sthjj", "云溪市生态环境局", 1),
    }
    assert facets["year"] == {("2026", "2026年", 3), ("2025", "2025年", 1)}
    assert [f.value for f in results.facets["year"]] == ["2026", "2025"]


def test_facets_follow_the_filters(ix):
    results = search(ix, parse_query("云溪"), Filters(area="fiscal"))
    assert {f.value: f.count for f in results.facets["year"]} == {"2026": 2}


def test_pagination(ix):
    q = parse_query("市")
    pages = [search(ix, q, page=n, page_size=2) for n in (1, 2, 3, 4)]
    assert [len(p.hits) for p in pages] == [2, 2, 1, 0]
    assert all(p.total == 5 and p.pages == 3 for p in pages)
    seen = [h.url for p in pages for h in p.hits]
    assert sorted(seen) == sorted(p.url for p in PAGES)


def test_page_far_beyond_the_end_is_empty_and_cheap(ix):
    results = search(ix, parse_query("市"), page=10**9)
    assert results.total == 5 and results.hits == ()


def test_hit_fields_and_highlighting(ix):
    hit = search(ix, parse_query("云财罚")).hits[0]
    assert hit.url == "/doc/penalty/"
    assert hit.title_html == "云溪市财政局行政处罚决定书（<mark>云财罚</mark>〔2026〕3号）"
    assert hit.index_no == "11341900003051047M/2026-00012"
    assert hit.doc_no == "云财罚〔2026〕3号"
    assert hit.agency == "云溪市财政局" and hit.agency_code == "czj"
    assert hit.date == "2026-09-22"


def test_snippet_escapes_html(index_of):
    ix = index_of([make_page("/x/", "标题", "<script>alert('市长')</script> 市长")])
    snippet = search(ix, parse_query("市长")).hits[0].snippet_html
    assert "<script>" not in snippet
    assert (
        snippet
        == "&lt;script&gt;alert(&#x27;<mark>市长</mark>&#x27;)&lt;/script&gt; <mark>市长</mark>"
    )


def test_missing_index_raises(tmp_path):
    with pytest.raises(IndexMissingError):
        search(tmp_path / "nothing", parse_query("市长"))


def test_concurrent_searches_agree_with_sequential_ones(ix):
    from concurrent.futures import ThreadPoolExecutor

    queries = ["市长", "云溪", "2026年", "PM2.5", "财政 预算", "市", "桥"] * 10
    expected = {q: urls(ix, q) for q in set(queries)}
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda q: (q, urls(ix, q)), queries))
    assert all(result == expected[q] for q, result in got)


def test_term_cache_is_bounded_and_returns_the_same_results(ix, monkeypatch):
    from search_index import view as view_module

    monkeypatch.setattr(view_module, "CACHE_IDS", 8)
    first = {q: urls(ix, q) for q in ["市", "云溪", "市长", "2026年", "财政"]}
    again = {q: urls(ix, q) for q in first}
    assert again == first
    cached = view_module.get_view(ix)
    assert cached._cached_ids <= 8


def test_rare_bigram_with_common_partner_finds_only_exact_phrases(index_of):
    # 大桥 is in every document, 长江 in two; only the adjacent pair is the phrase.
    pages = [make_page(f"/doc/{i}/", f"通知{i}", "跨江大桥维修") for i in range(300)]
    pages[150] = make_page("/doc/150/", "通知150", "长江沿岸，大桥维修")
    pages[299] = make_page("/doc/299/", "通知299", "长江大桥维修")
    path = index_of(pages)
    assert urls(path, '"长江大桥"') == ["/doc/299/"]
    assert urls(path, "江大桥") == [f"/doc/{i}/" for i in range(300) if i != 150][:50]
    assert search(path, parse_query("江大桥")).total == 299


def test_empty_index_finds_nothing(index_of):
    path = index_of([])
    results = search(path, parse_query("云溪市长江"), Filters(area="fiscal"))
    assert (results.total, results.hits) == (0, ())
