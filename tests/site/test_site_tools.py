"""sitetools: build aside and swap, fast check, scaffold, pre-commit hook."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from sitefixture import CZJ, ROOT, build, valid_fields, write_content

from disclosure.catalogue import check_tree, parse_front_matter
from plugins.disclosure_catalogue.catalogue import ContentError
from sitetools.__main__ import main
from sitetools.build import build_site
from sitetools.config import load_settings
from sitetools.scaffold import ScaffoldError, new_document

SETTINGS = str(ROOT / "pelicanconf.py")
BAD = {
    "czj/bad.md": valid_fields(Index_no=f"{CZJ}/2025-00001", Agency="nobody", Date="2026-02-30"),
    "czj/dup.md": valid_fields(Category="杂项"),
    "czj/ok.md": valid_fields(Index_no=f"{CZJ}/2026-00002"),
}


def test_build_swaps_the_new_site_into_place(tmp_path):
    content = write_content(tmp_path)
    output = tmp_path / "output"
    output.mkdir()
    (output / "stale.html").write_text("old", encoding="utf-8")
    assert build_site(SETTINGS, str(output), str(content)) == 0
    assert (output / "index.html").exists()
    assert not (output / "stale.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"]


def test_failed_build_leaves_the_old_site_untouched(tmp_path, capsys):
    good = write_content(tmp_path / "good")
    output = tmp_path / "output"
    assert build_site(SETTINGS, str(output), str(good)) == 0
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    bad = write_content(tmp_path / "bad", documents=BAD)
    assert build_site(SETTINGS, str(output), str(bad)) == 1
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad", "good", "output"]
    assert "原有网站保持不变" in capsys.readouterr().out


def test_pelican_error_during_build_keeps_old_site(tmp_path, monkeypatch):
    content = write_content(tmp_path)
    output = tmp_path / "output"
    assert build_site(SETTINGS, str(output), str(content)) == 0
    marker = output / "index.html"
    before = marker.read_bytes()
    (content / "guides" / "czj.md").write_text("Title: 坏指南\nDate: 不是日期\n\n正文", "utf-8")
    assert build_site(SETTINGS, str(output), str(content)) == 1
    assert marker.read_bytes() == before


def test_pelican_run_stops_on_invalid_content(tmp_path):
    content = write_content(tmp_path, documents=BAD)
    with pytest.raises(Exception, match="内容检查发现 4 个错误") as caught:
        build(content, tmp_path / "output")
    assert type(caught.value).__name__ == ContentError.__name__
    assert not (tmp_path / "output" / "index.html").exists()


def test_check_reports_every_problem_in_one_run(tmp_path, capsys):
    content = write_content(tmp_path, documents=BAD)
    assert main(["--settings", SETTINGS, "--content", str(content), "check"]) == 1
    err = capsys.readouterr().err
    assert "content/documents/czj/bad.md，字段 Agency（发布机构）：未知机构代码“nobody”" in err
    assert "content/documents/czj/bad.md，字段 Date（发布日期）：“2026-02-30”不是有效日期" in err
    assert "content/documents/czj/dup.md，字段 Category（公开目录分类）：未知分类“杂项”" in err
    assert "检查未通过：4 个错误" in err


def test_check_passes_clean_content(tmp_path, capsys):
    content = write_content(tmp_path)
    assert main(["--settings", SETTINGS, "--content", str(content), "check"]) == 0
    assert "检查通过：7 篇文档" in capsys.readouterr().err


def scaffold(content: Path, **kwargs) -> Path:
    options = {"agency": "czj", "category": "政策文件", "title": "关于某事项的通知"}
    options.update(kwargs)
    return new_document(content, load_settings(SETTINGS), **options)


@pytest.mark.parametrize(
    ("agency", "created", "expected"),
    [
        ("czj", date(2026, 5, 6), f"{CZJ}/2026-00004"),
        ("czj", date(2025, 5, 6), f"{CZJ}/2025-00008"),
        ("czj", date(2027, 1, 4), f"{CZJ}/2027-00001"),
        ("szf", date(2026, 5, 6), "11341900003051020X/2026-00005"),
    ],
)
def test_new_takes_the_next_free_index_number(tmp_path, agency, created, expected):
    content = write_content(tmp_path)
    path = scaffold(content, agency=agency, created=created)
    meta, _ = parse_front_matter(path.read_text(encoding="utf-8"))
    assert meta["index_no"] == expected
    assert path.parent == content / "documents" / agency


def test_new_never_reuses_a_number_held_by_an_invalid_document(tmp_path):
    documents = {"czj/draft.md": valid_fields(Index_no=f"{CZJ}/2026-00009", Summary="")}
    content = write_content(tmp_path, documents=documents)
    path = scaffold(content, created=date(2026, 6, 1))
    assert f"{CZJ}/2026-00010" in path.read_text(encoding="utf-8")


def test_scaffolded_document_passes_the_check_once_summarised(tmp_path):
    content = write_content(tmp_path)
    scaffold(content, created=date(2026, 6, 1), summary="说明某事项。", key_area="prices")
    report = check_tree(content)
    assert report.errors == []
    assert len(report.documents) == 8


def test_new_without_summary_fails_the_check_until_filled(tmp_path):
    content = write_content(tmp_path)
    path = scaffold(content, created=date(2026, 6, 1))
    assert [p.field for p in check_tree(content).errors] == ["summary"]
    assert path.name == "2026-00004.md"


def test_new_rejects_unknown_agency_and_category(tmp_path):
    content = write_content(tmp_path)
    with pytest.raises(ScaffoldError, match="未知机构代码"):
        scaffold(content, agency="nobody")
    with pytest.raises(ScaffoldError, match="未知分类"):
        scaffold(content, category="杂项")


def test_new_command_line(tmp_path, capsys):
    content = write_content(tmp_path)
    args = ["--settings", SETTINGS, "--content", str(content), "new", "--agency", "sthjj"]
    args += ["--category", "统计信息", "--title", "10月空气质量", "--created", "2026-11-02"]
    assert main(args) == 0
    assert "已创建" in capsys.readouterr().out
    assert (content / "documents/sthjj/2026-00004.md").exists()


def test_pre_commit_hook_runs_the_check():
    config = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "entry: hooks/pre-commit" in config
    hook = ROOT / "hooks" / "pre-commit"
    assert os.access(hook, os.X_OK)
    assert "sitetools check" in hook.read_text(encoding="utf-8")


@pytest.mark.skipif(not (ROOT / "content" / "agencies.yaml").exists(), reason="尚无示例内容")
def test_real_content_builds_clean(tmp_path, capsys):
    assert build_site(SETTINGS, str(tmp_path / "output"), str(ROOT / "content")) == 0
    out = capsys.readouterr()
    assert "[错误]" not in out.err
    site = tmp_path / "output"
    assert (site / "catalogue" / "index.html").exists()
    apply_guide = (site / "apply-guide" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="ColumnType" content="依法申请公开">' in apply_guide
