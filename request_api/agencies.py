"""The agencies that receive applications, read from CONTENT_DIR/agencies.yaml."""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from flask import current_app

from disclosure.agencies import Agency, load_agencies

logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=8)
def _load(path: str, mtime_ns: int) -> tuple[Agency, ...]:
    """Load agencies.yaml once per modification."""
    return load_agencies(path)


def all_agencies() -> tuple[Agency, ...]:
    """Return the agencies of the configured content directory."""
    path = Path(current_app.config["CONTENT_DIR"]) / "agencies.yaml"
    return _load(str(path), path.stat().st_mtime_ns)


def agency_codes() -> set[str]:
    """Return the set of agency codes."""
    return {agency.code for agency in all_agencies()}


def agency_by_code(code: str) -> Agency | None:
    """Return the agency with this code, or None."""
    return next((a for a in all_agencies() if a.code == code), None)


def agency_name(code: str) -> str:
    """Return the agency's full name, or the code itself when unknown."""
    agency = agency_by_code(code)
    return agency.name if agency else code
