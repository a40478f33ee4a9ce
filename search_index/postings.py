"""Fast reads of Whoosh 2.7.4 postings into numpy arrays, whole blocks at a time.

Whoosh's own matchers decode ids and phrase positions one posting at a time in Python. These
helpers read the W3 codec's blocks directly (ids are delta-coded per block; one ``cumsum`` decodes
them all) and fall back to the generic matcher API for anything else (inlined single postings,
other codecs). Position values are joined and decoded with one ``frombuffer``. Blocks that cannot
hold a wanted document are skipped without being decompressed.
"""

from collections.abc import Iterator

import numpy as np

from ._whoosh import Searcher

#: Positions live in the low 32 bits of a key, the document number above them.
POS_BITS = 32

_EMPTY = np.zeros(0, dtype=np.int64)


def _unwrap(matcher: object) -> tuple[object, frozenset[int]]:
    """Return the leaf matcher and the deleted ids a FilterMatcher excluded."""
    if type(matcher).__name__ == "FilterMatcher" and getattr(matcher, "_exclude", False):
        return matcher.child, frozenset(matcher._ids)  # type: ignore[attr-defined]
    return matcher, frozenset()


def _wanted(within: np.ndarray | None, low: int, high: int) -> bool:
    """Tell whether the sorted array within has a value in low..high (always, without within)."""
    if within is None:
        return True
    i = int(np.searchsorted(within, low))
    return i < len(within) and int(within[i]) <= high


def _read_w3(
    m: object, offset: int, values: bool, within: np.ndarray | None
) -> tuple[np.ndarray, list[bytes]]:
    """Return the ids (plus offset) and raw values of a W3 leaf matcher's wanted blocks."""
    ids: list[int] = []
    vals: list[bytes] = []
    last = 0  # the last id of the previous block read: each block's first delta is absolute
    low = 0
    while m.is_active():  # type: ignore[attr-defined]
        high = m._maxid  # type: ignore[attr-defined]
        if _wanted(within, low + offset, high + offset):
            m._read_data()  # type: ignore[attr-defined]
            start = len(ids)
            ids.extend(m._data[0])  # type: ignore[attr-defined]
            if not m._byteids:  # type: ignore[attr-defined]
                ids[start] -= last
            last = high
            if values:
                m._read_values()  # type: ignore[attr-defined]
                vals.extend(m._values)  # type: ignore[attr-defined]
        low = high + 1
        m._next_block()  # type: ignore[attr-defined]
    out = np.array(ids, dtype=np.int64)
    if not m._byteids:  # type: ignore[attr-defined]
        out = np.cumsum(out)
    return out + offset, vals


def _read_generic(m: object, offset: int, values: bool) -> tuple[np.ndarray, list[bytes]]:
    """Return the ids (plus offset) and values of any matcher, one posting at a time."""
    ids, vals = [], []
    while m.is_active():  # type: ignore[attr-defined]
        ids.append(m.id() + offset)  # type: ignore[attr-defined]
        if values:
            vals.append(m.value())  # type: ignore[attr-defined]
        m.next()  # type: ignore[attr-defined]
    return np.array(ids, dtype=np.int64), vals


def _segments(
    searcher: Searcher, field: str, text: str, values: bool, within: np.ndarray | None
) -> Iterator[tuple[np.ndarray, list[bytes], np.ndarray]]:
    """Yield (ids, values, deleted ids) per segment holding the term, in docnum order."""
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        if (field, text) not in reader:
            continue
        matcher, deleted = _unwrap(reader.postings(field, text))
        if type(matcher).__name__ == "W3LeafMatcher" and hasattr(matcher, "_read_data"):
            ids, vals = _read_w3(matcher, offset, values, within)
        else:
            ids, vals = _read_generic(matcher, offset, values)
        gone = np.array(sorted(d + offset for d in deleted), dtype=np.int64)
        yield ids, vals, gone


def term_docs(
    searcher: Searcher, field: str, text: str, within: np.ndarray | None = None
) -> np.ndarray:
    """Return the sorted live document numbers holding the token (some outside within, if given)."""
    parts = []
    for ids, _, gone in _segments(searcher, field, text, False, within):
        parts.append(ids[~np.isin(ids, gone)] if len(gone) else ids)
    return np.concatenate(parts) if parts else _EMPTY


def decode_keys(ids: np.ndarray, vals: list[bytes]) -> np.ndarray:
    """Return sorted keys doc << POS_BITS | position from ids and their encoded position values.

    Each value is a 4-byte count then little-endian uint32 positions (analysis.encode_positions).
    """
    if not vals:
        return _EMPTY
    words = np.fromiter(map(len, vals), dtype=np.int64, count=len(vals)) // 4
    flat = np.frombuffer(b"".join(vals), dtype="<u4")
    keep = np.ones(len(flat), dtype=bool)
    keep[np.cumsum(words) - words] = False  # the count word heading each value
    docs = np.repeat(ids, words - 1)
    return (docs << POS_BITS) | flat[keep].astype(np.int64)


def term_keys(
    searcher: Searcher, field: str, text: str, within: np.ndarray | None = None
) -> np.ndarray:
    """Return the sorted keys (doc << POS_BITS | position) of the token in live documents.

    With within (sorted doc numbers), blocks holding none of them are not read, so keys of other
    documents may be missing or present.
    """
    parts = []
    for ids, vals, gone in _segments(searcher, field, text, True, within):
        keys = decode_keys(ids, vals)
        parts.append(keys[~np.isin(keys >> POS_BITS, gone)] if len(gone) else keys)
    return np.concatenate(parts) if parts else _EMPTY
