"""Search blueprint: ``GET /search`` (HTML page) and ``GET /api/v1/search`` (JSON).

Parameters: ``q`` (required, at most 100 characters), ``area`` (key-area slug), ``agency`` (agency
code), ``category`` (category name or slug), ``year`` (four digits), ``page`` (from 1; 10 per page).
The index is read from ``current_app.config["SEARCH_INDEX_DIR"]``.

JSON: ``{"total", "page", "page_size", "pages", "results": [{"title", "url", "index_no", "agency",
"agency_code", "category", "key_area", "doc_no", "date", "snippet"}], "facets": {"area"|"agency"|
"year": [{"value", "label", "count"}]}}``; ``snippet`` is escaped HTML with matches in ``<mark>``.

Bad input, never a 500:
- 400 with ``{"error": <Chinese message>, "status": 400}`` (the page: status 400, the message and
  the form) for input that cannot be searched: empty or whitespace-only ``q`` (the HTML page shows
  the help instead, status 200), ``q`` over 100 characters or made only of operators (AND, OR, NOT,
  ``*``, ``?``, ``~``, ``^``, unbalanced brackets or quotes), ``page`` not a positive integer, an
  ``area`` or ``category`` outside the closed lists, an ``agency`` or ``year`` of the wrong shape, a
  query string that is not UTF-8 (raw or percent-encoded).
- 200 with an empty result list for well-formed requests that match nothing: absent words, an
  agency or year without documents, a page past the last one (``total`` stays honest).
- 503 with a Chinese message when the index has not been built.
"""

from flask import Blueprint

bp = Blueprint(
    "search",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/search-static",
)

from . import views  # noqa: E402,F401  (registers the routes on bp)
