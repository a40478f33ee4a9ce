"""The shipped site configuration uses the catalogue's default vocabularies."""

from pathlib import Path

from pelican.settings import read_settings

from disclosure.catalogue import DEFAULT_CATEGORIES, DEFAULT_KEY_AREAS
from search_index import labels

ROOT = Path(__file__).resolve().parents[2]


def test_pelicanconf_lists_the_default_categories_and_key_areas():
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    assert settings["DISCLOSURE_CATEGORIES"] == DEFAULT_CATEGORIES
    assert list(settings["DISCLOSURE_KEY_AREAS"].items()) == list(DEFAULT_KEY_AREAS.items())


def test_search_labels_name_the_same_key_areas_in_the_same_order():
    assert list(labels.KEY_AREAS) == list(DEFAULT_KEY_AREAS)
