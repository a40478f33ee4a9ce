import pytest

from search_index.analysis import (
    UnigramFrequency,
    UnigramTokenizer,
    bigrams,
    normalize,
    unigrams,
)


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("ＰＭ２．５", "pm2.5"),
        ("  云溪市\u3000人民政府\n\t办公室 ", "云溪市 人民政府 办公室"),
        ("GDP增长", "gdp增长"),
        ("（一）", "(一)"),
        ("云财〔2026〕12号", "云财〔2026〕12号"),
    ],
)
def test_normalize_folds_width_case_and_spaces(raw, folded):
    assert normalize(raw) == folded


def test_bigrams_overlap_in_order():
    assert bigrams("云溪市长江") == ["云溪", "溪市", "市长", "长江"]
    assert bigrams("市") == []


def test_unigrams_skip_spaces():
    assert unigrams("pm2.5 浓度") == set("pm2.5浓度")


def test_latin_and_digit_runs_are_lowercased_and_cut_like_chinese():
    assert bigrams(normalize("PM2.5")) == ["pm", "m2", "2.", ".5"]


def test_unigram_tokenizer_yields_every_character():
    assert [t.text for t in UnigramTokenizer()("市 长")] == ["市", "长"]


def test_unigram_format_matches_the_tokenizer():
    text = "市长说：市长信箱"
    freqs = {w: f for w, f, _, _ in UnigramFrequency().word_values(text, None)}
    expected: dict[str, int] = {}
    for t in UnigramTokenizer()(text):
        expected[t.text] = expected.get(t.text, 0) + 1
    assert freqs == expected
