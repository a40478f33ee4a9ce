"""The Whoosh schema of the search index, defined in one place."""

from ._whoosh import ID, NUMERIC, STORED, TEXT, Schema
from .analysis import UnigramFrequency, UnigramTokenizer

#: Bump when the schema or the analysis changes: an index of another version is rebuilt whole.
SCHEMA_VERSION = 4

#: Stored fields returned with every hit.
STORED_FIELDS = (
    "url",
    "title",
    "body",
    "index_no",
    "agency_code",
    "agency",
    "category",
    "key_area",
    "doc_no",
    "date",
    "content_hash",
)

#: Fields with a column, used for filters, facets and ordering.
FACET_FIELDS = ("key_area", "agency_code", "year", "category")


class UnigramField(TEXT):
    """Text field of single characters with frequencies (no positions)."""

    def __init__(self) -> None:
        super().__init__(analyzer=UnigramTokenizer(), phrase=False)
        self.format = UnigramFrequency()


def build_schema() -> Schema:
    """Return the schema: stored fields, columns and unigrams (bigrams: positions.py)."""
    return Schema(
        url=ID(stored=True, unique=True),
        content_hash=STORED(),
        title=STORED(),
        body=STORED(),
        index_no=STORED(),
        agency=STORED(),
        doc_no=STORED(),
        date=STORED(),
        agency_code=ID(stored=True, sortable=True),
        category=ID(stored=True, sortable=True),
        key_area=ID(stored=True, sortable=True),
        year=ID(sortable=True),
        sortdate=NUMERIC(bits=64, sortable=True),
        title1=UnigramField(),
        text1=UnigramField(),
    )
