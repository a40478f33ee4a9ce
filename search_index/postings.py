"""Fast reads of Whoosh 2.7.4 postings: whole blocks of ids (and position values) at a time.

Whoosh's own matchers decode ids and phrase positions one posting at a time in Python, which costs
about half a millisecond per candidate document in a phrase query. These helpers read the W3 codec's
blocks directly (ids are delta-coded: ``itertools.accumulate`` decodes them in C) and fall back to
the generic matcher API for anything else (inlined single postings, other codecs).
"""

from collections.abc import Iterator
from itertools import accumulate

from ._whoosh import Searcher


def _unwrap(matcher: object) -> tuple[object, frozenset[int]]:
    """Return the leaf matcher and the deleted ids a FilterMatcher excluded."""
    if type(matcher).__name__ == "FilterMatcher" and getattr(matcher, "_exclude", False):
        return matcher.child, frozenset(matcher._ids)  # type: ignore[attr-defined]
    return matcher, frozenset()


def _blocks(matcher: object, values: bool) -> Iterator[tuple[list[int], list[bytes] | None]]:
    """Yield (ids, values) per block of a leaf matcher."""
    if type(matcher).__name__ == "W3LeafMatcher" and hasattr(matcher, "_read_data"):
        m = matcher
        while m.is_active():  # type: ignore[attr-defined]
            m._read_data()  # type: ignore[attr-defined]
            ids = m._data[0]  # type: ignore[attr-defined]
            ids = list(ids) if m._byteids else list(accumulate(ids))  # type: ignore[attr-defined]
            vals = None
            if values:
                m._read_values()  # type: ignore[attr-defined]
                vals = list(m._values)  # type: ignore[attr-defined]
            yield ids, vals
            m._next_block()  # type: ignore[attr-defined]
        return
    ids, vals = [], []
    m = matcher
    while m.is_active():  # type: ignore[attr-defined]
        ids.append(m.id())  # type: ignore[attr-defined]
        if values:
            vals.append(m.value())  # type: ignore[attr-defined]
        m.next()  # type: ignore[attr-defined]
    yield ids, (vals if values else None)


def _leaves(
    searcher: Searcher, field: str, text: str
) -> Iterator[tuple[object, int, frozenset[int]]]:
    """Yield (leaf matcher, docnum offset, deleted ids) for each segment holding the term."""
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        if (field, text) in reader:
            matcher, deleted = _unwrap(reader.postings(field, text))
            yield matcher, offset, deleted


def term_docs(searcher: Searcher, field: str, text: str) -> set[int]:
    """Return the live document numbers whose field holds the token text."""
    out: set[int] = set()
    for matcher, offset, deleted in _leaves(searcher, field, text):
        for ids, _ in _blocks(matcher, values=False):
            if offset:
                ids = [i + offset for i in ids]
            out.update(ids)
        if deleted:
            out.difference_update(d + offset for d in deleted)
    return out


def term_positions(
    searcher: Searcher, field: str, text: str, docs: set[int] | None = None
) -> dict[int, bytes]:
    """Return the raw Positions value of the token per live document (only docs, when given)."""
    out: dict[int, bytes] = {}
    for matcher, offset, deleted in _leaves(searcher, field, text):
        for ids, vals in _blocks(matcher, values=True):
            assert vals is not None
            if offset:
                ids = [i + offset for i in ids]
            pairs = zip(ids, vals, strict=True)
            out.update(pairs if docs is None else ((i, v) for i, v in pairs if i in docs))
        for d in deleted:
            out.pop(d + offset, None)
    return out
