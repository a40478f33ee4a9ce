import pytest

from search_index.query import MAX_QUERY_CHARS, QueryError, parse_query


@pytest.mark.parametrize(
    ("raw", "terms"),
    [
        ("市长", ("市长",)),
        ("市", ("市",)),
        ("  征地  补偿 ", ("征地", "补偿")),
        ("ＰＭ２．５", ("pm2.5",)),
        ("云财〔2026〕12号", ("云财〔2026〕12号",)),
        ("11341100MB0000000X/2026-00012", ("11341100mb0000000x/2026-00012",)),
        ("征地 AND 补偿", ("征地", "补偿")),
        ("征地 OR 补偿 NOT 拆迁", ("征地", "补偿", "拆迁")),
        ("预算*", ("预算",)),
        ("预?算~2^3", ("预算23",)),
        ("-预算 +决算 !公开", ("预算", "决算", "公开")),
        ("title:预算", ("预算",)),
        ("(预算", ("预算",)),
        ("(一)", ("(一)",)),
        ("[预算]", ("[预算]",)),
        ("“三公”经费", ("“三公”经费",)),
        ("云溪 云溪市", ("云溪市",)),
        ("预算 预算", ("预算",)),
        ("a\x00b", ("a", "b")),
    ],
)
def test_terms(raw, terms):
    assert parse_query(raw).terms == terms


def test_quoted_phrase_keeps_spaces():
    assert parse_query('"PM2.5 浓度" 监测').terms == ("pm2.5 浓度", "监测")


def test_full_width_quotes_are_phrase_quotes():
    assert parse_query("＂长江 大桥＂").terms == ("长江 大桥",)


def test_operator_characters_inside_quotes_are_text():
    assert parse_query('"a AND b*"').terms == ("a and b*",)


def test_unbalanced_quote_is_ignored():
    assert parse_query('"长江 大桥').terms == ("长江", "大桥")
    assert parse_query('长江 "大桥" "桥').terms == ("长江", "大桥")


def test_term_inside_another_term_is_dropped():
    assert parse_query('"云溪市" 云溪').terms == ("云溪市",)
    assert parse_query('云溪市 "云溪"').terms == ("云溪市",)


def test_dropped_operators_are_reported():
    assert parse_query("征地 AND 补偿 || 拆迁").dropped == ("AND", "||")


def test_lowercase_operator_words_are_text():
    assert parse_query("and").terms == ("and",)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "请输入检索词"),
        ("   \t\u3000 ", "请输入检索词"),
        ("AND OR NOT", "只包含检索运算符"),
        ("* ? ~ ^", "只包含检索运算符"),
        ('""', "只包含检索运算符"),
        ("x" * 1000, "检索词过长"),
        ("云\ufffd溪", "无法识别的字符"),
    ],
)
def test_unusable_queries_raise_a_chinese_message(raw, message):
    with pytest.raises(QueryError, match=message):
        parse_query(raw)


def test_longest_query_is_accepted():
    assert parse_query("长" * MAX_QUERY_CHARS).terms == ("长" * MAX_QUERY_CHARS,)
    with pytest.raises(QueryError):
        parse_query("长" * (MAX_QUERY_CHARS + 1))
