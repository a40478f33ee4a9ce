"""Display names of the closed vocabularies: the catalogue's defaults (disclosure/catalogue.py)."""

from disclosure.catalogue import DEFAULT_CATEGORIES, DEFAULT_KEY_AREAS

#: Key areas, slug -> name, in their official order.
KEY_AREAS: dict[str, str] = dict(DEFAULT_KEY_AREAS)

#: Catalogue categories, name -> URL slug.
CATEGORIES: dict[str, str] = dict(DEFAULT_CATEGORIES)

#: Catalogue categories, URL slug -> name.
CATEGORY_NAMES: dict[str, str] = {slug: name for name, slug in CATEGORIES.items()}
