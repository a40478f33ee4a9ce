"""Fast reads of the document numbers in Whoosh 2.7.4 postings, whole blocks at a time.

Whoosh's own matchers decode ids one posting at a time in Python. These helpers read the W3 codec's
blocks directly (ids are delta-coded per block; one ``cumsum`` decodes them all) and fall back to
the generic matcher API for anything else (inlined single postings, other codecs).
"""

from collections.abc import Iterator

import numpy as np

from ._whoosh import Searcher

_EMPTY = np.zeros(0, dtype=np.int64)


def _unwrap(matcher: object) -> tuple[object, frozenset[int]]:
    """Return the leaf matcher and the deleted ids a FilterMatcher excluded."""
    if type(matcher).__name__ == "FilterMatcher" and getattr(matcher, "_exclude", False):
        return matcher.child, frozenset(matcher._ids)  # type: ignore[attr-defined]
    return matcher, frozenset()


def _read_w3(m: object, offset: int) -> np.ndarray:
    """Return the ids (plus offset) of a W3 leaf matcher."""
    ids: list[int] = []
    last = 0  # the last id of the previous block read: each block's first delta is absolute
    while m.is_active():  # type: ignore[attr-defined]
        m._read_data()  # type: ignore[attr-defined]
        start = len(ids)
        ids.extend(m._data[0])  # type: ignore[attr-defined]
        if not m._byteids:  # type: ignore[attr-defined]
            ids[start] -= last
        last = m._maxid  # type: ignore[attr-defined]
        m._next_block()  # type: ignore[attr-defined]
    out = np.array(ids, dtype=np.int64)
    if not m._byteids:  # type: ignore[attr-defined]
        out = np.cumsum(out)
    return out + offset


def _read_generic(m: object, offset: int) -> np.ndarray:
    """Return the ids (plus offset) of any matcher, one posting at a time."""
    ids = []
    while m.is_active():  # type: ignore[attr-defined]
        ids.append(m.id() + offset)  # type: ignore[attr-defined]
        m.next()  # type: ignore[attr-defined]
    return np.array(ids, dtype=np.int64)


def _segments(searcher: Searcher, field: str, text: str) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Yield (ids, deleted ids) per segment holding the term, in docnum order."""
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        if (field, text) not in reader:
            continue
        matcher, deleted = _unwrap(reader.postings(field, text))
        if type(matcher).__name__ == "W3LeafMatcher" and hasattr(matcher, "_read_data"):
            ids = _read_w3(matcher, offset)
        else:
            ids = _read_generic(matcher, offset)
        yield ids, np.array(sorted(d + offset for d in deleted), dtype=np.int64)


def term_docs(searcher: Searcher, field: str, text: str) -> np.ndarray:
    """Return the sorted live document numbers holding the token."""
    parts = []
    for ids, gone in _segments(searcher, field, text):
        parts.append(ids[~np.isin(ids, gone)] if len(gone) else ids)
    return np.concatenate(parts) if parts else _EMPTY
