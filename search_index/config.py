"""Where the search index lives."""

import os
from pathlib import Path

#: Default index directory, relative to the working directory (runtime data, outside git).
DEFAULT_INDEX_DIR = Path("var/search-index")


def default_index_dir() -> Path:
    """Return $SEARCH_INDEX_DIR when set, else var/search-index."""
    return Path(os.environ.get("SEARCH_INDEX_DIR") or DEFAULT_INDEX_DIR)
