"""Sets of document numbers as sorted, duplicate-free int64 numpy arrays."""

import numpy as np

#: The empty document set.
EMPTY = np.zeros(0, dtype=np.int64)


def members(values: np.ndarray, of: np.ndarray) -> np.ndarray:
    """Return a mask of the values (any order) that occur in the sorted array of."""
    if not len(of) or not len(values):
        return np.zeros(len(values), dtype=bool)
    where = np.searchsorted(of, values)
    where[where == len(of)] = 0
    return of[where] == values


def intersect(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Return the sorted values in both sorted arrays."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return small[members(small, large)]


def difference(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Return the sorted values of a that are not in b."""
    return a[~members(a, b)]


def unique_sorted(values: np.ndarray) -> np.ndarray:
    """Return the distinct values of a sorted array."""
    if len(values) < 2:
        return values
    keep = np.empty(len(values), dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]
