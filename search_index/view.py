"""A cached, read-only view of an index: searcher, per-document columns and fast doc sets."""

import logging
import threading
from array import array
from collections import OrderedDict
from pathlib import Path

from ._whoosh import Index, Searcher
from .analysis import bigrams, decode_positions
from .postings import term_docs, term_positions
from .schema import FACET_FIELDS
from .writer import open_index

logger = logging.getLogger(__name__)

#: Most document numbers kept in one view's cache of term results (4 bytes each).
CACHE_IDS = 4_000_000

_views: dict[str, "IndexView"] = {}
_views_lock = threading.Lock()


def cover_offsets(length: int) -> list[int]:
    """Return bigram offsets that cover a term of length characters (0, 2, 4, …, length-2)."""
    offsets = list(range(0, length - 1, 2))
    if offsets[-1] != length - 2:
        offsets.append(length - 2)
    return offsets


class IndexView:
    """A searcher plus per-document arrays for ordering, filtering and facet counting."""

    def __init__(self, ix: Index) -> None:
        #: Whoosh readers seek shared file objects: hold this while using the view.
        self.lock = threading.Lock()
        self.searcher: Searcher = ix.searcher()
        reader = self.searcher.reader()
        size = reader.doc_count_all()
        live = list(reader.all_doc_ids())
        self.all_docs: frozenset[int] = frozenset(live)
        self.columns: dict[str, list[str]] = {
            name: list(reader.column_reader(name)) for name in FACET_FIELDS
        }
        dates = list(reader.column_reader("sortdate"))
        self.rank: list[int] = [0] * size
        for position, docnum in enumerate(sorted(live, key=lambda d: (dates[d], -d))):
            self.rank[docnum] = position + 1
        #: Display names of agency codes, filled on first use.
        self.labels: dict[str, str] = {}
        self._cache: OrderedDict[tuple[str, str], array] = OrderedDict()
        self._cached_ids = 0
        self.value_docs: dict[str, dict[str, set[int]]] = {name: {} for name in FACET_FIELDS}
        for name, values in self.columns.items():
            groups = self.value_docs[name]
            for docnum in live:
                groups.setdefault(values[docnum], set()).add(docnum)

    def close(self) -> None:
        """Close the searcher."""
        self.searcher.close()

    def term_docs(self, field: str, text: str) -> set[int]:
        """Return the live documents whose field holds the token text."""
        return term_docs(self.searcher, field, text)

    def gram_docs(self, prefix: str, term: str) -> set[int]:
        """Return the documents whose text contains the term (cached per view, LRU)."""
        key = (prefix, term)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return set(cached)
        docs = self._gram_docs(prefix, term)
        self._remember(key, array("I", docs))
        return docs

    def _remember(self, key: tuple[str, str], docs: array) -> None:
        """Cache a term result, evicting the least recently used beyond CACHE_IDS ids."""
        if len(docs) > CACHE_IDS // 4:
            return
        self._cache[key] = docs
        self._cached_ids += len(docs)
        while self._cached_ids > CACHE_IDS:
            _, old = self._cache.popitem(last=False)
            self._cached_ids -= len(old)

    def _gram_docs(self, prefix: str, term: str) -> set[int]:
        """Return the documents whose text (n-gram fields prefix1, prefix2) contains the term.

        Candidates hold every bigram of the term; the bigrams covering it are then checked to sit
        at consecutive positions, so only documents containing the exact term are returned.
        """
        if len(term) <= 2:
            return self.term_docs(prefix + str(len(term)), term)
        field = prefix + "2"
        offsets = cover_offsets(len(term))
        cover = {term[o : o + 2] for o in offsets}
        docs: set[int] | None = None
        for gram in set(bigrams(term)) - cover:
            found = self.term_docs(field, gram)
            docs = found if docs is None else docs & found
            if not docs:
                return set()
        values: dict[str, dict[int, bytes]] = {}
        for gram in sorted(cover):
            values[gram] = term_positions(self.searcher, field, gram, docs)
            docs = set(values[gram]) if docs is None else docs & values[gram].keys()
            if not docs:
                return set()
        assert docs is not None
        return self._verify(term, offsets, values, docs)

    @staticmethod
    def _verify(
        term: str, offsets: list[int], values: dict[str, dict[int, bytes]], docs: set[int]
    ) -> set[int]:
        """Keep the docs where the covering bigrams sit at consecutive positions.

        The rarest covering bigram anchors the check: its few positions are tried against sets
        of the others' positions, shifted by their offsets.
        """
        grams = [(o, values[term[o : o + 2]]) for o in offsets]
        anchor_offset, anchor = min(grams, key=lambda g: len(g[1]))
        rest = [(o - anchor_offset, v) for o, v in grams if o != anchor_offset]
        found = set()
        for docnum in docs:
            sets = [(o, set(decode_positions(v[docnum]))) for o, v in rest]
            for p in decode_positions(anchor[docnum]):
                if all(p + o in s for o, s in sets):
                    found.add(docnum)
                    break
        return found


def get_view(index_dir: Path) -> IndexView:
    """Return the process-wide view of index_dir, reopened when the index has changed.

    A replaced view is not closed here (another thread may still be using it); its files are
    released when the last reference goes.
    """
    key = str(Path(index_dir).resolve())
    with _views_lock:
        view = _views.get(key)
        if view is None or not _up_to_date(view):
            view = IndexView(open_index(Path(index_dir)))
            _views[key] = view
            logger.debug("opened search index view of %s", key)
        return view


def _up_to_date(view: IndexView) -> bool:
    """Tell whether the view shows the latest commit (False while the folder is being replaced)."""
    try:
        return bool(view.searcher.up_to_date())
    except OSError:
        return False


def clear_views() -> None:
    """Close and forget the cached views (tests, benchmarks)."""
    with _views_lock:
        for view in _views.values():
            with view.lock:
                view.close()
        _views.clear()
