from pathlib import Path

import pytest
from search_fixtures import doc_html, make_page

from search_index import build_index, clear_views, default_index_dir, parse_query, search
from search_index.__main__ import main
from search_index.writer import open_index


def urls(path: Path, q: str) -> set[str]:
    return {h.url for h in search(path, parse_query(q), page_size=100).hits}


def generation(path: Path) -> int:
    return open_index(path).latest_generation()


@pytest.fixture
def pages():
    return [make_page(f"/doc/{i}/", f"文件{i}", f"正文{i}，关于征地补偿。") for i in range(5)]


def test_first_build_adds_everything(tmp_path, pages):
    stats = build_index(tmp_path / "ix", pages)
    assert (stats.added, stats.updated, stats.deleted, stats.unchanged) == (5, 0, 0, 0)


def test_rebuild_without_changes_writes_nothing(tmp_path, pages):
    build_index(tmp_path / "ix", pages)
    before = generation(tmp_path / "ix")
    stats = build_index(tmp_path / "ix", pages)
    assert (stats.added, stats.updated, stats.deleted, stats.unchanged) == (0, 0, 0, 5)
    assert not stats.changed
    assert generation(tmp_path / "ix") == before


def test_edit_reindexes_only_the_changed_page(tmp_path, pages):
    ix = tmp_path / "ix"
    build_index(ix, pages)
    pages[2] = make_page("/doc/2/", "文件2", "正文改为房屋征收决定。")
    stats = build_index(ix, pages)
    assert (stats.added, stats.updated, stats.deleted, stats.unchanged) == (0, 1, 0, 4)
    assert urls(ix, "房屋征收") == {"/doc/2/"}
    assert "/doc/2/" not in urls(ix, "征地补偿")
    assert search(ix, parse_query("文件")).total == 5


def test_added_page_is_found(tmp_path, pages):
    ix = tmp_path / "ix"
    build_index(ix, pages)
    stats = build_index(ix, [*pages, make_page("/doc/new/", "新增文件", "新增的保障性住房公示。")])
    assert (stats.added, stats.unchanged) == (1, 5)
    assert urls(ix, "保障性住房") == {"/doc/new/"}


def test_removed_page_leaves_the_index(tmp_path, pages):
    ix = tmp_path / "ix"
    build_index(ix, pages)
    assert urls(ix, "正文3") == {"/doc/3/"}
    stats = build_index(ix, pages[:3] + pages[4:])
    assert (stats.deleted, stats.unchanged) == (1, 4)
    assert urls(ix, "正文3") == set()
    results = search(ix, parse_query("征地"))
    assert results.total == 4
    assert sum(f.count for f in results.facets["agency"]) == 4


def test_edit_add_delete_in_one_rebuild_then_rebuild_again(tmp_path, pages):
    ix = tmp_path / "ix"
    build_index(ix, pages)
    changed = [
        make_page("/doc/0/", "文件0", "已修改的正文。"),
        *pages[1:4],
        make_page("/doc/9/", "文件9", "新增。"),
    ]
    stats = build_index(ix, changed)
    assert (stats.added, stats.updated, stats.deleted, stats.unchanged) == (1, 1, 1, 3)
    assert urls(ix, "文件") == {"/doc/0/", "/doc/1/", "/doc/2/", "/doc/3/", "/doc/9/"}
    assert not build_index(ix, changed).changed


def test_open_view_sees_a_rebuild(tmp_path, pages):
    ix = tmp_path / "ix"
    build_index(ix, pages)
    assert urls(ix, "新词") == set()
    build_index(ix, [*pages, make_page("/doc/n/", "新词", "新词")])
    assert urls(ix, "新词") == {"/doc/n/"}


def test_index_of_another_schema_version_is_rebuilt(tmp_path, pages):
    ix = tmp_path / "ix"
    build_index(ix, pages)
    (ix / "search-index-version.json").write_text('{"schema": 0}', encoding="utf-8")
    clear_views()
    stats = build_index(ix, pages)
    assert stats.added == 5


def test_duplicate_urls_keep_the_first_page(tmp_path, pages):
    stats = build_index(tmp_path / "ix", [*pages, make_page("/doc/0/", "重复", "重复")])
    assert stats.added == 5
    assert urls(tmp_path / "ix", "重复") == set()


def test_command_line_builds_from_a_site_folder(tmp_path, capsys):
    site = tmp_path / "output"
    (site / "doc" / "a").mkdir(parents=True)
    (site / "doc" / "a" / "index.html").write_text(
        doc_html("城市供水管理办法", "<p>供水。</p>"), encoding="utf-8"
    )
    assert main(["build", str(site), "--index-dir", str(tmp_path / "ix")]) == 0
    assert "新增 1" in capsys.readouterr().out
    assert urls(tmp_path / "ix", "供水") == {"/doc/a/"}
    assert main(["build", str(site), "--index-dir", str(tmp_path / "ix")]) == 0
    assert "未变 1" in capsys.readouterr().out


def test_command_line_reports_a_missing_site(tmp_path, capsys):
    assert main(["build", str(tmp_path / "nothing"), "--index-dir", str(tmp_path / "ix")]) == 2
    assert "网站输出目录不存在" in capsys.readouterr().err


def test_default_index_dir_honours_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("SEARCH_INDEX_DIR", raising=False)
    assert default_index_dir() == Path("var/search-index")
    monkeypatch.setenv("SEARCH_INDEX_DIR", str(tmp_path))
    assert default_index_dir() == tmp_path


def test_index_folder_removed_under_a_running_service_is_reported_missing(tmp_path, pages):
    import shutil

    from search_index import IndexMissingError

    ix = tmp_path / "ix"
    build_index(ix, pages)
    assert urls(ix, "正文1") == {"/doc/1/"}
    shutil.rmtree(ix)
    with pytest.raises(IndexMissingError):
        search(ix, parse_query("正文1"))
    build_index(ix, pages)
    assert urls(ix, "正文1") == {"/doc/1/"}


def test_a_new_index_is_built_aside_while_searches_use_the_old_one(tmp_path, pages, monkeypatch):
    ix = tmp_path / "ix"
    build_index(ix, pages)
    assert urls(ix, "征地补偿") == {f"/doc/{i}/" for i in range(5)}
    monkeypatch.setattr("search_index.indexer.index_exists", lambda path: False)  # rebuild whole
    seen_meanwhile: list[set[str]] = []

    def new_pages():
        yield make_page("/doc/new/", "新文件", "关于征地补偿的新规定。")
        assert (tmp_path / "ix.new").is_dir()  # the new index is being built aside
        clear_views()  # as a process opening the index now
        seen_meanwhile.append(urls(ix, "征地补偿"))

    stats = build_index(ix, new_pages())
    assert stats.added == 1
    assert seen_meanwhile == [{f"/doc/{i}/" for i in range(5)}]
    assert urls(ix, "征地补偿") == {"/doc/new/"}  # the open view noticed the new folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ix"]
