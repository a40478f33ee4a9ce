"""Read the Pelican settings file without importing Pelican (fast, for check and new)."""

from __future__ import annotations

import runpy
from pathlib import Path

from disclosure.catalogue import DEFAULT_CATEGORIES, DEFAULT_KEY_AREAS

DEFAULT_SETTINGS = "pelicanconf.py"


def load_settings(settings_file: str | Path = DEFAULT_SETTINGS) -> dict:
    """Return the upper-case names defined by a Pelican settings file."""
    namespace = runpy.run_path(str(settings_file))
    return {key: value for key, value in namespace.items() if key.isupper()}


def content_path(settings: dict, settings_file: str | Path = DEFAULT_SETTINGS) -> Path:
    """Return the content folder named by PATH, relative to the settings file."""
    path = Path(settings.get("PATH", "content"))
    return path if path.is_absolute() else Path(settings_file).resolve().parent / path


def vocabulary(settings: dict) -> tuple[dict[str, str], dict[str, str]]:
    """Return the configured categories and key areas."""
    categories = settings.get("DISCLOSURE_CATEGORIES") or DEFAULT_CATEGORIES
    return dict(categories), dict(settings.get("DISCLOSURE_KEY_AREAS") or DEFAULT_KEY_AREAS)


def catalogue_options(settings: dict) -> dict[str, str]:
    """Return the documents folder and agencies file names used by the catalogue plugin."""
    conf = settings.get("DISCLOSURE_CATALOGUE", {})
    return {
        "documents_dir": conf.get("documents_dir", "documents"),
        "agencies_file": conf.get("agencies_file", "agencies.yaml"),
    }
