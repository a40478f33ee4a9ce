"""Fixtures of the search index tests: literal document pages and indexes in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from search_index import Page, build_index, clear_views


@pytest.fixture(autouse=True)
def _fresh_views():
    """Forget cached index views between tests (each test has its own tmp_path)."""
    clear_views()
    yield
    clear_views()


@pytest.fixture
def index_of(tmp_path: Path):
    """Return a function building an index of pages in tmp_path and returning its folder."""

    def build(pages: list[Page], name: str = "index") -> Path:
        path = tmp_path / name
        build_index(path, pages)
        return path

    return build
