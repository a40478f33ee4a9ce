"""A cached, read-only view of an index: searcher, per-document arrays and fast doc sets."""

import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import positions
from ._whoosh import Index, Searcher
from .analysis import bigrams
from .docsets import EMPTY, members, unique_sorted
from .positions import POS_BITS
from .postings import term_docs
from .schema import FACET_FIELDS
from .writer import folder_id, open_index

logger = logging.getLogger(__name__)

#: Most document numbers kept in one view's cache of term results (8 bytes each).
CACHE_IDS = 2_000_000

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


@dataclass(frozen=True)
class Segment:
    """One Whoosh segment of the view: its reader, first document number and deleted documents."""

    reader: object
    offset: int
    segment_id: str
    deleted: np.ndarray


class IndexView:
    """A searcher plus per-document arrays for ordering, filtering and facet counting."""

    def __init__(self, ix: Index, index_dir: Path) -> None:
        #: Whoosh readers seek shared file objects: hold this while using the view.
        self.lock = threading.Lock()
        self.index_dir = index_dir
        self.folder = folder_id(index_dir)
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
        self.segments = [
            Segment(
                sub,
                offset,
                segment.segment_id(),
                np.array(sorted(segment.deleted_docs()), dtype=np.int64),
            )
            for sub, offset, segment in positions.leaf_segments(reader)
        ]
        #: Bigram positions per (segment, field): mapped now, before the folder can be replaced.
        self._positions: dict[tuple[str, str], positions.SegmentPositions | None] = {
            (s.segment_id, name): positions.load(index_dir, s.segment_id, name)
            for s in self.segments
            for name in positions.FIELDS
        }
        self._cache: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._cached_ids = 0

    def close(self) -> None:
        """Close the searcher."""
        self.searcher.close()

    def value_docs(self, name: str, value: str) -> np.ndarray:
        """Return the live documents whose column name holds value."""
        if value not in self.values[name]:
            return EMPTY
        return np.flatnonzero(self.codes[name] == self.values[name].index(value))

    def gram_docs(self, field: str, term: str) -> np.ndarray:
        """Return the documents whose field (title or text) contains the term (cached, LRU)."""
        key = (field, term)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        docs = self._gram_docs(field, term)
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

    def positions(self, segment: Segment, field: str) -> positions.SegmentPositions:
        """Return a segment field's bigram positions: its files, else computed in memory."""
        key = (segment.segment_id, field)
        found = self._positions.get(key)
        if found is None:
            logger.warning("no bigram positions for %s %s: computing", *key)
            found = positions.compute(positions.segment_texts(segment.reader, field))
            self._positions[key] = found
        return found

    def gram_count(self, field: str, gram: str) -> int:
        """Return how many times a bigram occurs in the field (deleted documents included)."""
        return sum(self.positions(s, field).count(gram) for s in self.segments)

    def gram_keys(self, field: str, gram: str) -> np.ndarray:
        """Return the sorted keys doc << POS_BITS | position of a bigram in live documents."""
        parts = []
        for segment in self.segments:
            keys = self.positions(segment, field).keys_of(gram)
            if len(segment.deleted) and len(keys):
                keys = keys[~np.isin(keys >> POS_BITS, segment.deleted)]
            parts.append(keys + (segment.offset << POS_BITS) if segment.offset else keys)
        if len(parts) == 1:
            return parts[0]
        return np.concatenate(parts) if parts else EMPTY

    def _gram_docs(self, field: str, term: str) -> np.ndarray:
        """Return the documents whose field contains the term.

        One character: Whoosh's unigram postings. Longer: the cheapest bigrams covering the term
        are read rarest first; a start (key of the term's first character) stays a candidate while
        the key start + offset is among the keys of the bigram at each offset, so the starts left
        are the term's exact occurrences.
        """
        if len(term) == 1:
            return term_docs(self.searcher, field + "1", term)
        pairs = bigrams(term)
        costs = [self.gram_count(field, gram) for gram in pairs]
        if not min(costs):
            return EMPTY
        starts: np.ndarray | None = None
        for _, offset in sorted((costs[o], o) for o in cheapest_cover(costs)):
            keys = self.gram_keys(field, pairs[offset])
            starts = keys - offset if starts is None else starts[members(starts + offset, keys)]
            if not len(starts):
                return EMPTY
        assert starts is not None
        return unique_sorted(starts >> POS_BITS)


def get_view(index_dir: Path) -> IndexView:
    """Return the process-wide view of index_dir, reopened when the index has changed.

    A replaced view is not closed here (another thread may still be using it); its files are
    released when the last reference goes.
    """
    key = str(Path(index_dir).resolve())
    with _views_lock:
        view = _views.get(key)
        if view is None or not _up_to_date(view):
            view = IndexView(open_index(Path(index_dir)), Path(index_dir))
            _views[key] = view
            logger.debug("opened search index view of %s", key)
        return view


def _up_to_date(view: IndexView) -> bool:
    """Tell whether the view shows the latest commit of the same folder (not a replaced one)."""
    if folder_id(view.index_dir) != view.folder:
        return False
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
