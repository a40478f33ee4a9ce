from search_index.highlight import find_spans, highlight, snippet


def test_matches_are_marked_and_text_escaped():
    assert (
        highlight("<b>市长</b> & 市长", ["市长"])
        == "&lt;b&gt;<mark>市长</mark>&lt;/b&gt; &amp; <mark>市长</mark>"
    )


def test_markup_in_terms_cannot_inject_html():
    assert highlight("a<script>b", ["<script>"]) == "a<mark>&lt;script&gt;</mark>b"


def test_overlapping_matches_merge():
    assert find_spans("云溪市长江", ["云溪市", "市长"]) == [(0, 4)]


def test_matching_folds_case_and_width():
    assert highlight("ＰＭ２．５浓度", ["pm2.5"]) == "<mark>ＰＭ２．５</mark>浓度"


def test_length_changing_folds_map_back_to_the_original():
    assert highlight("面积100㎡，合计", ["合计"]) == "面积100㎡，<mark>合计</mark>"
    assert highlight("面积100㎡，合计", ["m2"]) == "面积100<mark>㎡</mark>，合计"


def test_snippet_is_a_window_around_the_matches():
    text = "甲" * 300 + "征地补偿" + "乙" * 300
    result = snippet(text, ["征地"], width=40)
    assert result.startswith("…") and result.endswith("…")
    assert "<mark>征地</mark>补偿" in result
    assert len(result.replace("<mark>", "").replace("</mark>", "")) == 42


def test_snippet_without_match_is_the_beginning():
    assert snippet("开头的文字" + "乙" * 300, ["无"], width=10) == "开头的文字乙乙乙乙乙…"


def test_snippet_prefers_the_densest_window():
    text = "预算" + "甲" * 200 + "预算决算预算" + "乙" * 200
    assert "<mark>预算决算预算</mark>" in snippet(text, ["预算", "决算"], width=30)


def test_newlines_become_spaces():
    assert snippet("第一段\n第二段", ["段"]) == "第一<mark>段</mark> 第二<mark>段</mark>"
