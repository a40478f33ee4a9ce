"""Substring oracle: on a generated corpus, search agrees with a plain substring scan."""

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from search_fixtures import make_page

from search_index import Page, QueryError, build_index, parse_query, search
from search_index.analysis import normalize

# A small alphabet makes substrings repeat across documents, and near-misses common (every pair of
# a phrase present, the phrase itself absent), which is what the exact-phrase check must reject.
ALPHABET = list("云溪市长江大桥财政预算征地") + list("ab12.-〔〕/") + ["PM2.5", "2026年", " "]


def _corpus(seed: int = 7, count: int = 120) -> list[Page]:
    rng = random.Random(seed)
    pages = []
    for i in range(count):
        body = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(20, 120)))
        title = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(2, 12)))
        pages.append(make_page(f"/doc/{i}/", title.strip() or "题", body))
    return pages


CORPUS = _corpus()
TEXTS = {p.url: normalize(f"{p.title}\n{p.body}") for p in CORPUS}


@pytest.fixture(scope="module")
def oracle_index(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("oracle") / "ix"
    build_index(path, CORPUS)
    return path


def found(path: Path, raw: str) -> set[str]:
    results = search(path, parse_query(raw), page_size=len(CORPUS))
    assert results.total == len(results.hits)
    return {h.url for h in results.hits}


def containing(term: str) -> set[str]:
    return {url for url, text in TEXTS.items() if term in text}


@st.composite
def substrings(draw) -> str:
    page = draw(st.sampled_from(CORPUS))
    text = normalize(f"{page.title}\n{page.body}")
    length = draw(st.integers(1, 6))
    start = draw(st.integers(0, max(0, len(text) - length)))
    return text[start : start + length]


def _usable(term: str) -> bool:
    return bool(term.strip()) and '"' not in term


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(term=substrings())
def test_unquoted_substring_has_full_recall(oracle_index, term):
    for word in term.split():
        try:
            parse_query(word)
        except QueryError:
            continue  # nothing but operator characters, e.g. "-": refused with a message
        found_docs = found(oracle_index, word)
        assert containing(word) <= found_docs, word
        if word == parse_query(word).terms[0]:  # no operator character was stripped
            assert found_docs == containing(word), word


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(term=substrings())
def test_quoted_substring_returns_exactly_the_containing_documents(oracle_index, term):
    phrase = term.strip()
    if not _usable(phrase):
        return
    assert found(oracle_index, f'"{phrase}"') == containing(phrase)


def test_every_short_substring_of_one_document_is_found(oracle_index):
    page = CORPUS[0]
    text = normalize(page.body)
    for length in range(1, 7):
        for start in range(len(text) - length + 1):
            phrase = text[start : start + length].strip()
            if _usable(phrase):
                assert page.url in found(oracle_index, f'"{phrase}"'), phrase


def test_corpus_has_near_misses_that_the_position_check_rejects():
    near_misses = 0
    for page in CORPUS[:20]:
        text = TEXTS[page.url]
        for start in range(0, len(text) - 4, 5):
            phrase = text[start : start + 4]
            if " " in phrase:
                continue
            pairs = {phrase[i : i + 2] for i in range(3)}
            loose = {u for u, t in TEXTS.items() if all(p in t for p in pairs)}
            near_misses += len(loose - containing(phrase))
    assert near_misses > 0
