"""Walk a built site and yield the Page records of its searchable pages."""

import logging
from collections.abc import Iterator
from pathlib import Path

from .extract import Page, extract_page

logger = logging.getLogger(__name__)

#: URL prefixes of listing and machine pages: they repeat document titles and are not indexed.
SKIP_PREFIXES = (
    "/catalogue/",
    "/area/",
    "/feeds/",
    "/data/",
    "/theme/",
    "/sitemap/",
    "/annual-reports/",
    "/tag/",
    "/category/",
    "/author/",
)
#: Exact URLs not indexed.
SKIP_URLS = frozenset({"/", "/404.html", "/index.html", "/search/", "/guide/"})


def url_for_path(output_dir: Path, path: Path) -> str:
    """Return the site URL of a built file (``doc/x/index.html`` -> ``/doc/x/``)."""
    rel = path.relative_to(output_dir).as_posix()
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def is_indexed_url(url: str) -> bool:
    """Tell whether a URL is a content page to index (documents, guides, standalone pages)."""
    if url in SKIP_URLS or url.startswith(SKIP_PREFIXES):
        return False
    return "/page/" not in url


def iter_site_pages(output_dir: Path) -> Iterator[Page]:
    """Yield the Page of every indexed HTML file under output_dir, in path order."""
    for path in sorted(output_dir.rglob("*.html")):
        url = url_for_path(output_dir, path)
        if not is_indexed_url(url):
            continue
        try:
            html = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            logger.warning("skipping unreadable page %s: %s", path, exc)
            continue
        page = extract_page(html, url)
        if page is not None:
            yield page
