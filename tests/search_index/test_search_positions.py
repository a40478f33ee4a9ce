"""Bigram position files beside Whoosh segments: contents, life cycle and the in-memory fallback."""

import logging
import re
from pathlib import Path

import numpy as np
import pytest
from search_fixtures import make_page

from search_index import build_index, clear_views, parse_query, search
from search_index import positions as positions_module
from search_index.analysis import bigrams, normalize
from search_index.positions import POS_BITS, compute, gram_code, load, write
from search_index.writer import open_index

TEXTS = [
    (0, "云溪市长江大桥维修通知"),
    (2, ""),  # a document without text (docnums need not be dense)
    (3, "市长信箱：ＰＭ２．５ 浓度 市长"),
    (4, "市"),
    (7, "江大桥 江大桥 长江"),
]


def plain_keys(texts: list[tuple[int, str]]) -> dict[str, list[int]]:
    """Return each bigram's keys counted the slow, obvious way."""
    out: dict[str, list[int]] = {}
    for docnum, text in texts:
        for i, gram in enumerate(bigrams(normalize(text))):
            out.setdefault(gram, []).append(docnum << POS_BITS | i)
    return out


def as_dict(found: positions_module.SegmentPositions, grams: list[str]) -> dict[str, list[int]]:
    return {g: found.keys_of(g).tolist() for g in grams if found.count(g)}


@pytest.mark.parametrize("chunk", [1, 5, 1_000_000])
def test_computed_positions_equal_a_plain_count_whatever_the_chunk_size(monkeypatch, chunk):
    monkeypatch.setattr(positions_module, "CHUNK_POSITIONS", chunk)
    expected = plain_keys(TEXTS)
    found = compute(lambda: iter(TEXTS))
    assert as_dict(found, list(expected)) == expected
    assert found.keys_of("不在").tolist() == []
    assert found.count("市长") == 3
    assert list(found.grams) == sorted(gram_code(g) for g in expected)


def test_written_files_load_memory_mapped_and_equal_the_computed(tmp_path):
    write(tmp_path, "MAIN_abc", "text", lambda: iter(TEXTS))
    loaded = load(tmp_path, "MAIN_abc", "text")
    assert loaded is not None
    assert isinstance(loaded.keys, np.memmap)
    expected = plain_keys(TEXTS)
    assert as_dict(loaded, list(expected)) == expected
    assert not list(tmp_path.glob("*.tmp"))


def test_a_segment_without_bigrams_writes_loadable_empty_files(tmp_path):
    write(tmp_path, "MAIN_abc", "title", lambda: iter([(0, ""), (1, "市")]))
    loaded = load(tmp_path, "MAIN_abc", "title")
    assert loaded is not None
    assert (loaded.count("市长"), len(loaded.keys)) == (0, 0)


def test_load_answers_none_until_the_files_are_complete(tmp_path):
    assert load(tmp_path, "MAIN_abc", "text") is None
    write(tmp_path, "MAIN_abc", "text", lambda: iter(TEXTS))
    (tmp_path / "MAIN_abc.text.grams.npy").unlink()  # written last: its absence means unfinished
    assert load(tmp_path, "MAIN_abc", "text") is None


def segment_ids(path: Path) -> set[str]:
    ix = open_index(path)
    return {s.segment_id() for s in ix._segments()}


def file_segments(path: Path) -> set[str]:
    return {re.match(r"(MAIN_[0-9a-z]+)\.", p.name).group(1) for p in path.glob("*.npy")}


def test_every_segment_has_its_files_and_merged_segments_lose_theirs(tmp_path):
    path = tmp_path / "ix"
    pages = [make_page(f"/doc/{i}/", f"通知{i}", f"第{i}号 云溪市长江大桥维修") for i in range(3)]
    build_index(path, pages)
    for round_ in range(12):  # each rebuild adds a segment; Whoosh merges small ones as it goes
        pages.append(make_page(f"/new/{round_}/", f"新增{round_}", f"补充{round_} 长江大桥"))
        pages[0] = make_page("/doc/0/", "通知0", f"第{round_}次修改 长江大桥")
        build_index(path, pages)
        assert file_segments(path) == segment_ids(path)
        assert len(list(path.glob("*.npy"))) == 6 * len(segment_ids(path))
    clear_views()
    found = {h.url for h in search(path, parse_query("长江大桥"), page_size=100).hits}
    assert found == {p.url for p in pages}
    assert search(path, parse_query("第11次修改")).total == 1
    assert search(path, parse_query("第0次修改")).total == 0  # the older version was deleted


def test_missing_files_are_computed_in_memory_with_a_warning(tmp_path, caplog):
    pages = [make_page(f"/doc/{i}/", f"通知{i}", f"正文{i} 市长信箱") for i in range(4)]
    path = tmp_path / "ix"
    build_index(path, pages)
    for npy in path.glob("*.npy"):
        npy.unlink()
    with caplog.at_level(logging.WARNING, logger="search_index.view"):
        assert search(path, parse_query("市长信箱")).total == 4
    assert "no bigram positions" in caplog.text
    assert not list(path.glob("*.npy"))  # a reader never writes into the index


def test_a_rebuild_restores_missing_files(tmp_path):
    pages = [make_page(f"/doc/{i}/", f"通知{i}", f"正文{i}") for i in range(2)]
    path = tmp_path / "ix"
    build_index(path, pages)
    for npy in path.glob("*.npy"):
        npy.unlink()
    build_index(path, pages)  # nothing changed, but the files come back
    assert file_segments(path) == segment_ids(path)


def test_two_process_build_finds_what_one_process_finds(tmp_path):
    pages = [
        make_page(f"/doc/{i}/", f"通知{i}", f"第{i}批 云溪市长江大桥 {'征地补偿' if i % 3 else ''}")
        for i in range(250)  # Whoosh hands documents to its processes in batches of 100
    ]
    one, two = tmp_path / "one", tmp_path / "two"
    build_index(one, pages)
    build_index(two, pages, procs=2)
    assert len(segment_ids(two)) == 2
    assert file_segments(two) == segment_ids(two)
    for q in ["长江大桥", "征地补偿", "第1批", "市长", '"桥 征"']:
        a = [h.url for h in search(one, parse_query(q), page_size=1000).hits]
        b = [h.url for h in search(two, parse_query(q), page_size=1000).hits]
        assert sorted(a) == sorted(b), q
