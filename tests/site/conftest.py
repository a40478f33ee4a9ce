"""Fixtures of the site tests: one fixture site built once per module."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitefixture import build, write_content


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """Build the fixture site once and return its output folder."""
    root = tmp_path_factory.mktemp("site")
    return build(write_content(root), root / "output")


@pytest.fixture(scope="module")
def soup(site):
    """Return a function parsing one output file with BeautifulSoup."""

    def parse(relative: str) -> BeautifulSoup:
        return BeautifulSoup((site / relative).read_text(encoding="utf-8"), "html.parser")

    return parse
