"""Views of the search blueprint: the /search page and the /api/v1/search JSON endpoint."""

import logging
from pathlib import Path

from flask import Response, current_app, jsonify, render_template, request, url_for
from markupsafe import Markup

from search_index import IndexMissingError, SearchResults, search
from search_index.labels import CATEGORIES, KEY_AREAS

from . import bp
from .params import PARAM_NAMES, ParamError, SearchParams, check_encoding, read_params

logger = logging.getLogger(__name__)

UNAVAILABLE = "检索服务暂不可用：检索索引尚未建立，请稍后再试。"


def _index_dir() -> Path:
    """Return the configured index directory."""
    return Path(current_app.config["SEARCH_INDEX_DIR"])


def _read_params() -> SearchParams:
    """Check the raw query string's encoding (before Werkzeug decodes it), then the parameters."""
    check_encoding(request.query_string)
    return read_params(request.args)


def _raw_q() -> str:
    """Return q for refilling the form, or an empty string when the query string is unreadable."""
    try:
        return request.args.get("q", "")[:200]
    except UnicodeDecodeError:
        return ""


def _run(params: SearchParams) -> SearchResults:
    """Search with checked parameters (the query must be set)."""
    assert params.query is not None
    return search(_index_dir(), params.query, params.filters, params.page)


def search_url(params: SearchParams | None, **changes: object) -> str:
    """Return the /search URL of params with some values changed (None or '' removes one)."""
    values: dict[str, object] = {}
    if params is not None:
        f = params.filters
        values = {"q": params.q, "area": f.area, "agency": f.agency, "year": f.year}
        values["category"] = CATEGORIES.get(f.category, "")
        values["page"] = params.page
    values.update(changes)
    if values.get("page") == 1:
        values.pop("page")
    return url_for("search.search_page", **{k: v for k, v in values.items() if v not in ("", None)})


@bp.get("/search")
def search_page() -> tuple[str, int]:
    """Render the search page: help, an error, or one page of results."""
    params: SearchParams | None = None
    context: dict[str, object] = {"key_areas": KEY_AREAS, "search_url": search_url}
    try:
        params = _read_params()
    except ParamError as exc:
        return render_template("search/search.html", error=str(exc), q=_raw_q(), **context), 400
    context.update(params=params, q=params.q)
    if params.query is None:
        return render_template("search/search.html", **context), 200
    try:
        results = _run(params)
    except IndexMissingError:
        logger.error("search index missing in %s", _index_dir())
        return render_template("search/search.html", error=UNAVAILABLE, **context), 503
    return render_template("search/search.html", results=results, markup=Markup, **context), 200


def _error(status: int, message: str) -> tuple[Response, int]:
    """Return a JSON error in the service's shape."""
    return jsonify({"error": message, "status": status}), status


@bp.get("/api/v1/search")
def api_search() -> tuple[Response, int]:
    """Return one page of results as JSON; 400 with a Chinese message for unusable input."""
    try:
        params = _read_params()
    except ParamError as exc:
        return _error(400, str(exc))
    if params.query is None:
        return _error(400, "请输入检索词（参数 q）。")
    try:
        results = _run(params)
    except IndexMissingError:
        logger.error("search index missing in %s", _index_dir())
        return _error(503, UNAVAILABLE)
    return jsonify(results_json(results)), 200


def results_json(results: SearchResults) -> dict[str, object]:
    """Return the JSON body of a results page."""
    return {
        "total": results.total,
        "page": results.page,
        "page_size": results.page_size,
        "pages": results.pages,
        "results": [
            {
                "title": h.title,
                "url": h.url,
                "index_no": h.index_no,
                "agency": h.agency,
                "agency_code": h.agency_code,
                "category": h.category,
                "key_area": h.key_area,
                "doc_no": h.doc_no,
                "date": h.date,
                "snippet": h.snippet_html,
            }
            for h in results.hits
        ],
        "facets": {
            name: [{"value": f.value, "label": f.label, "count": f.count} for f in values]
            for name, values in results.facets.items()
        },
    }


__all__ = ["PARAM_NAMES", "api_search", "search_page", "search_url"]
