"""Where each bigram occurs: per Whoosh segment, numpy files beside it, memory-mapped to search.

For each segment and text field (``title``, ``text``) three ``.npy`` files hold the sorted codes of
the distinct bigrams (two code points, ``first << 21 | second``), where each code's run starts, and
the runs: sorted keys ``document << POS_BITS | position`` (document numbers local to the segment).
Reading a bigram is a binary search and a slice, with no per-posting decoding, so a query costs
what its intersections cost. The files are named after the segment (``MAIN_<id>.text.keys.npy``),
so Whoosh deletes them with the segment when it merges segments away; deletions inside a live
segment are applied when reading. They are written after each commit (``write_missing``); a
segment without them is computed in memory from its stored fields when first searched.
"""

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ._whoosh import Index
from .analysis import normalize

logger = logging.getLogger(__name__)

#: Positions live in the low 32 bits of a key, the document number above them.
POS_BITS = 32
#: The text fields with positions: name -> the stored text it is built from.
FIELDS = ("title", "text")
#: Positions gathered before a chunk is sorted into the output (bounds memory while writing).
CHUNK_POSITIONS = 4_000_000

_EMPTY = np.zeros(0, dtype=np.int64)
_PARTS = ("grams", "starts", "keys")


def gram_code(gram: str) -> int:
    """Return the code of a two-character bigram."""
    return ord(gram[0]) << 21 | ord(gram[1])


def text_codes(text: str) -> np.ndarray:
    """Return the bigram code at every position of text (normalised here, as the index does)."""
    points = np.frombuffer(
        normalize(text).encode("utf-32-le", "surrogatepass"), dtype="<u4"
    ).astype(np.int64)
    return points[:-1] << 21 | points[1:] if len(points) > 1 else _EMPTY


@dataclass(frozen=True)
class SegmentPositions:
    """The bigram positions of one field of one segment."""

    grams: np.ndarray  # sorted distinct codes
    starts: np.ndarray  # run of grams[i] is keys[starts[i]:starts[i + 1]]
    keys: np.ndarray  # doc << POS_BITS | position, sorted within each run

    def _run(self, gram: str) -> tuple[int, int]:
        """Return the start and end of a bigram's run (equal when it does not occur)."""
        code = gram_code(gram)
        i = int(np.searchsorted(self.grams, code))
        if i == len(self.grams) or int(self.grams[i]) != code:
            return 0, 0
        return int(self.starts[i]), int(self.starts[i + 1])

    def count(self, gram: str) -> int:
        """Return how many times the bigram occurs in the segment."""
        start, end = self._run(gram)
        return end - start

    def keys_of(self, gram: str) -> np.ndarray:
        """Return the sorted keys of a bigram (a read-only view, no copy)."""
        start, end = self._run(gram)
        return self.keys[start:end]


def _chunks(texts: Iterable[tuple[int, str]]) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Yield (codes, keys) of documents in docnum order, about CHUNK_POSITIONS at a time."""
    codes: list[np.ndarray] = []
    keys: list[np.ndarray] = []
    size = 0
    for docnum, text in texts:
        doc_codes = text_codes(text)
        if not len(doc_codes):
            continue
        codes.append(doc_codes)
        keys.append(np.arange(len(doc_codes), dtype=np.int64) | docnum << POS_BITS)
        size += len(doc_codes)
        if size >= CHUNK_POSITIONS:
            yield np.concatenate(codes), np.concatenate(keys)
            codes, keys, size = [], [], 0
    if codes:
        yield np.concatenate(codes), np.concatenate(keys)


def _count(texts: Iterable[tuple[int, str]]) -> tuple[np.ndarray, np.ndarray]:
    """Return the sorted distinct codes and the start of each code's run (first pass)."""
    found: list[tuple[np.ndarray, np.ndarray]] = []
    for codes, _ in _chunks(texts):
        found.append(np.unique(codes, return_counts=True))
    if not found:
        return _EMPTY, np.zeros(1, dtype=np.int64)
    grams, inverse = np.unique(np.concatenate([g for g, _ in found]), return_inverse=True)
    counts = np.bincount(inverse, weights=np.concatenate([c for _, c in found]))
    starts = np.zeros(len(grams) + 1, dtype=np.int64)
    np.cumsum(counts.astype(np.int64), out=starts[1:])
    return grams, starts


def _fill(texts: Iterable[tuple[int, str]], grams: np.ndarray, starts: np.ndarray, out) -> None:
    """Place every key in its code's run of out, in docnum order (second pass)."""
    filled = starts[:-1].copy()
    for codes, keys in _chunks(texts):
        order = np.argsort(codes, kind="stable")  # keeps each run in docnum, position order
        slots = np.searchsorted(grams, codes[order])
        first = np.flatnonzero(np.r_[True, slots[1:] != slots[:-1]])
        lengths = np.diff(np.r_[first, len(slots)])
        rank = np.arange(len(slots)) - np.repeat(first, lengths)
        out[filled[slots] + rank] = keys[order]
        filled[slots[first]] += lengths


def compute(texts: Callable[[], Iterable[tuple[int, str]]]) -> SegmentPositions:
    """Return the positions of (docnum, text) pairs in memory; texts() is iterated twice."""
    grams, starts = _count(texts())
    keys = np.empty(int(starts[-1]), dtype=np.int64)
    _fill(texts(), grams, starts, keys)
    return SegmentPositions(grams, starts, keys)


def _paths(index_dir: Path, segment_id: str, field: str) -> dict[str, Path]:
    """Return the three file paths of a segment's field."""
    return {part: index_dir / f"{segment_id}.{field}.{part}.npy" for part in _PARTS}


def write(index_dir: Path, segment_id: str, field: str, texts) -> None:
    """Write a segment field's files; the grams file, written last, marks them complete."""
    paths = _paths(index_dir, segment_id, field)
    grams, starts = _count(texts())
    partial = paths["keys"].with_suffix(".tmp")
    if starts[-1]:
        keys = np.lib.format.open_memmap(partial, "w+", dtype=np.int64, shape=(int(starts[-1]),))
        _fill(texts(), grams, starts, keys)
        keys.flush()
        del keys  # unmapped before the rename
    else:
        with open(partial, "wb") as f:
            np.save(f, _EMPTY)
    os.replace(partial, paths["keys"])
    for part, values in (("starts", starts), ("grams", grams)):
        partial = paths[part].with_suffix(".tmp")
        with open(partial, "wb") as f:
            np.save(f, values)
        os.replace(partial, paths[part])


def load(index_dir: Path, segment_id: str, field: str) -> SegmentPositions | None:
    """Return a segment field's files memory-mapped, or None when they are not all there."""
    paths = _paths(index_dir, segment_id, field)
    if not paths["grams"].is_file():
        return None
    try:
        parts = {part: _open(path) for part, path in paths.items()}
    except (OSError, ValueError):
        logger.warning("unreadable bigram positions of %s %s", segment_id, field)
        return None
    return SegmentPositions(parts["grams"], parts["starts"], parts["keys"])


def _open(path: Path) -> np.ndarray:
    """Return an .npy file memory-mapped (read-only), or read whole when empty (no mmap)."""
    try:
        return np.load(path, mmap_mode="r")
    except ValueError:  # an empty array cannot be mapped
        return np.load(path)


def field_text(stored: dict, field: str) -> str:
    """Return the text a field indexes, from a document's stored fields."""
    if field == "title":
        return stored.get("title", "")
    parts = (stored.get(name, "") for name in ("title", "index_no", "doc_no", "body"))
    return "\n".join(part for part in parts if part)


def segment_texts(reader, field: str) -> Callable[[], Iterator[tuple[int, str]]]:
    """Return a callable iterating (local docnum, field text) of a segment's live documents."""

    def texts() -> Iterator[tuple[int, str]]:
        for docnum in sorted(reader.all_doc_ids()):
            yield docnum, field_text(reader.stored_fields(docnum), field)

    return texts


def leaf_segments(reader) -> list[tuple[object, int, object]]:
    """Return (segment reader, first document number, Whoosh segment) of each segment."""
    leaves = [(sub, offset, sub.segment()) for sub, offset in reader.leaf_readers()]
    return [leaf for leaf in leaves if leaf[2] is not None]  # an empty index has a dummy reader


def write_missing(index_dir: Path, ix: Index) -> int:
    """Write the files of every segment of ix that lacks them; return how many were written."""
    written = 0
    with ix.reader() as reader:
        for sub, _, segment in leaf_segments(reader):
            segment_id = segment.segment_id()
            for field in FIELDS:
                if load(index_dir, segment_id, field) is None:
                    write(index_dir, segment_id, field, segment_texts(sub, field))
                    written += 1
    return written
