import pytest

from search_index.analysis import (
    BigramPositions,
    BigramTokenizer,
    UnigramFrequency,
    UnigramTokenizer,
    bigrams,
    decode_positions,
    encode_positions,
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


def test_bigram_tokenizer_positions_are_sequential():
    tokens = [(t.text, t.pos) for t in BigramTokenizer()("云溪市长江大桥", positions=True)]
    assert tokens == [("云溪", 0), ("溪市", 1), ("市长", 2), ("长江", 3), ("江大", 4), ("大桥", 5)]


def test_latin_and_digit_runs_are_lowercased_and_cut_like_chinese():
    texts = [t.text for t in BigramTokenizer()("PM2.5")]
    assert texts == ["pm", "m2", "2.", ".5"]


def test_unigram_tokenizer_yields_every_character():
    assert [t.text for t in UnigramTokenizer()("市 长")] == ["市", "长"]


def test_bigram_format_matches_the_tokenizer():
    text = "市长说：市长信箱 PM2.5 市长"
    values = {
        w: list(decode_positions(v)) for w, _, _, v in BigramPositions().word_values(text, None)
    }
    expected: dict[str, list[int]] = {}
    for t in BigramTokenizer()(text, positions=True):
        expected.setdefault(t.text, []).append(t.pos)
    assert values == expected


def test_unigram_format_matches_the_tokenizer():
    text = "市长说：市长信箱"
    freqs = {w: f for w, f, _, _ in UnigramFrequency().word_values(text, None)}
    expected: dict[str, int] = {}
    for t in UnigramTokenizer()(text):
        expected[t.text] = expected.get(t.text, 0) + 1
    assert freqs == expected


def test_positions_round_trip_and_keep_the_count_prefix():
    value = encode_positions([0, 7, 70000])
    assert list(decode_positions(value)) == [0, 7, 70000]
    assert BigramPositions().decode_frequency(value) == 3
    assert BigramPositions().decode_positions(value) == [0, 7, 70000]
