"""A cached, read-only view of an index: searcher, per-document arrays and fast doc sets."""

import logging
import threading
from collections import OrderedDict
from pathlib import Path

import numpy as np

from ._whoosh import Index, Searcher
from .analysis import bigrams
from .docsets import EMPTY, members, unique_sorted
from .postings import POS_BITS, term_docs, term_keys
from .schema import FACET_FIELDS
from .writer import open_index

logger = logging.getLogger(__name__)

#: Most document numbers kept in one view's cache of term results (8 bytes each).
CACHE_IDS = 2_000_000
#: Most position keys kept in one view's cache of bigram postings (8 bytes each).
CACHE_KEYS = 8_000_000
#: Postings per Whoosh block: a bigram is read only in part when candidates are fewer.
_BLOCK = 128

_views: dict[str, "IndexView"] = {}
_views_lock = threading.Lock()


def cheapest_cover(costs: list[int]) -> list[int]:
    """Return the offsets of the cheapest bigrams that together cover every character of a term.

    costs[o] is the cost of the bigram at offset o (characters o and o + 1). Bigrams at the
    chosen offsets, found at their offsets from one start, spell out the whole term.
    """
    best: list[tuple[int, list[int]]] = []
    for offset, cost in enumerate(costs):
        before = [best[i] for i in (offset - 2, offset - 1) if i >= 0]
        total, chosen = min(before) if before else (0, [])
        best.append((total + cost, [*chosen, offset]))
    return best[-1][1]


class IndexView:
    """A searcher plus per-document arrays for ordering, filtering and facet counting."""

    def __init__(self, ix: Index) -> None:
        #: Whoosh readers seek shared file objects: hold this while using the view.
        self.lock = threading.Lock()
        self.searcher: Searcher = ix.searcher()
        reader = self.searcher.reader()
        size = reader.doc_count_all()
        self.all_docs: np.ndarray = np.unique(np.fromiter(reader.all_doc_ids(), dtype=np.int64))
        live = np.zeros(size, dtype=bool)
        live[self.all_docs] = True
        #: Per facet column: the distinct values, and each document's value index (-1: deleted).
        self.values: dict[str, list[str]] = {}
        self.codes: dict[str, np.ndarray] = {}
        for name in FACET_FIELDS:
            index: dict[str, int] = {}
            column = reader.column_reader(name) if size else ()  # no columns when empty
            codes = np.fromiter((index.setdefault(v, len(index)) for v in column), np.int64, size)
            self.values[name] = list(index)
            self.codes[name] = np.where(live, codes, -1)
        dates = np.fromiter(reader.column_reader("sortdate") if size else (), np.int64, size)
        #: Order key of each document: larger is newer (ties: lower document number first).
        self.rank: np.ndarray = np.empty(size, dtype=np.int64)
        self.rank[np.lexsort((-np.arange(size), dates))] = np.arange(size)
        #: Display names of agency codes, filled on first use.
        self.labels: dict[str, str] = {}
        self._cache: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._cached_ids = 0
        self._keys: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._cached_keys = 0

    def close(self) -> None:
        """Close the searcher."""
        self.searcher.close()

    def value_docs(self, name: str, value: str) -> np.ndarray:
        """Return the live documents whose column name holds value."""
        if value not in self.values[name]:
            return EMPTY
        return np.flatnonzero(self.codes[name] == self.values[name].index(value))

    def gram_docs(self, prefix: str, term: str) -> np.ndarray:
        """Return the documents whose text contains the term (cached per view, LRU)."""
        key = (prefix, term)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        docs = self._gram_docs(prefix, term)
        docs.flags.writeable = False
        self._remember(key, docs)
        return docs

    def _remember(self, key: tuple[str, str], docs: np.ndarray) -> None:
        """Cache a term result, evicting the least recently used beyond CACHE_IDS ids."""
        if len(docs) > CACHE_IDS // 4:
            return
        self._cache[key] = docs
        self._cached_ids += len(docs)
        while self._cached_ids > CACHE_IDS:
            _, old = self._cache.popitem(last=False)
            self._cached_ids -= len(old)

    def gram_keys(self, field: str, gram: str, df: int, within: np.ndarray | None) -> np.ndarray:
        """Return the position keys of a bigram (cached, LRU), at least those of docs within.

        A bigram with many more postings than candidates is read in part and not cached.
        """
        key = (field, gram)
        cached = self._keys.get(key)
        if cached is not None:
            self._keys.move_to_end(key)
            return cached
        if within is not None and len(within) * _BLOCK < df:
            return term_keys(self.searcher, field, gram, within)
        keys = term_keys(self.searcher, field, gram)
        keys.flags.writeable = False
        if len(keys) <= CACHE_KEYS // 4:
            self._keys[key] = keys
            self._cached_keys += len(keys)
            while self._cached_keys > CACHE_KEYS:
                _, old = self._keys.popitem(last=False)
                self._cached_keys -= len(old)
        return keys

    def _gram_docs(self, prefix: str, term: str) -> np.ndarray:
        """Return the documents whose text (n-gram fields prefix1, prefix2) contains the term.

        The cheapest bigrams covering the term are read rarest first, as keys doc << POS_BITS |
        position shifted back by their offset in the term; keys present for every covering bigram
        are the term's exact occurrences. Later bigrams read only blocks holding candidates.
        """
        if len(term) <= 2:
            cached = self._keys.get((prefix + "2", term))
            if cached is not None:
                return unique_sorted(cached >> POS_BITS)
            return term_docs(self.searcher, prefix + str(len(term)), term)
        field = prefix + "2"
        pairs = bigrams(term)
        dfs = [self.searcher.doc_frequency(field, gram) for gram in pairs]
        if not min(dfs):
            return EMPTY
        # Reading costs a posting per document plus a value per occurrence (nothing if cached).
        costs = [
            0 if (field, g) in self._keys else df + int(self.searcher.frequency(field, g))
            for df, g in zip(dfs, pairs, strict=True)
        ]
        grams = sorted((dfs[o], o) for o in cheapest_cover(costs))
        starts: np.ndarray | None = None
        docs: np.ndarray | None = None
        for df, offset in grams:
            found = self.gram_keys(field, term[offset : offset + 2], df, docs) - offset
            starts = found if starts is None else starts[members(starts, found)]
            if not len(starts):
                return EMPTY
            docs = unique_sorted(starts >> POS_BITS)
        assert docs is not None
        return docs


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
