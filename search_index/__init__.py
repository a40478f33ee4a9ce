"""Full-text Chinese search over the built disclosure site (Whoosh 2.7.4 behind a thin adapter).

Build: ``python -m search_index build [output] [--index-dir DIR]`` (default ``$SEARCH_INDEX_DIR`` or
``var/search-index``), incremental by url and content hash. In code::

    stats = build_index(index_dir, iter_site_pages(Path("output")))
    results = search(index_dir, parse_query("市长"), Filters(area="fiscal"), page=1)

Matching: every term is found wherever its characters occur consecutively in a page's folded
text (title, index number, document number, body); terms are ANDed. Order: pages whose title
contains every term first, then newest first. Only ``_whoosh.py`` imports Whoosh.
"""

from .config import default_index_dir
from .extract import Page, extract_page
from .indexer import BuildStats, build_index
from .query import MAX_QUERY_CHARS, ParsedQuery, QueryError, parse_query
from .search import FacetValue, Filters, Hit, SearchResults, search
from .site import iter_site_pages
from .view import clear_views
from .writer import IndexMissingError

__all__ = [
    "MAX_QUERY_CHARS",
    "BuildStats",
    "FacetValue",
    "Filters",
    "Hit",
    "IndexMissingError",
    "Page",
    "ParsedQuery",
    "QueryError",
    "SearchResults",
    "build_index",
    "clear_views",
    "default_index_dir",
    "extract_page",
    "iter_site_pages",
    "parse_query",
    "search",
]
