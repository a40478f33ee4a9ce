"""Document sets as sorted numpy arrays, and the choice of bigrams covering a term."""

import numpy as np
import pytest

from search_index.docsets import difference, intersect, members, unique_sorted
from search_index.view import cheapest_cover


def arr(*values: int) -> np.ndarray:
    return np.array(values, dtype=np.int64)


@pytest.mark.parametrize(
    ("a", "b", "both"),
    [
        (arr(1, 3, 5), arr(3, 4, 5, 9), [3, 5]),
        (arr(), arr(1, 2), []),
        (arr(7), arr(), []),
        (arr(0, 9), arr(10, 11), []),
        (arr(2, 4, 6, 8, 10), arr(10), [10]),
    ],
)
def test_intersect_keeps_the_values_in_both(a, b, both):
    assert intersect(a, b).tolist() == both
    assert intersect(b, a).tolist() == both


def test_difference_drops_the_values_of_the_second_set():
    assert difference(arr(1, 2, 3, 12), arr(2, 12, 13)).tolist() == [1, 3]


def test_members_marks_values_beyond_the_largest_as_absent():
    assert members(arr(5, 1, 99), arr(1, 5, 7)).tolist() == [True, True, False]


def test_unique_sorted_drops_repeats():
    assert unique_sorted(arr(1, 1, 2, 5, 5, 5)).tolist() == [1, 2, 5]


@pytest.mark.parametrize(
    ("costs", "offsets"),
    [
        ([5], [0]),
        ([5, 5], [0, 1]),
        ([1, 1, 1], [0, 2]),
        ([9, 1, 9, 1, 9], [0, 1, 3, 4]),
        ([1, 9, 1, 9, 1], [0, 2, 4]),
        ([1, 100, 1, 100, 1, 100, 1], [0, 2, 4, 6]),
    ],
)
def test_cheapest_cover_spans_every_character_at_least_cost(costs, offsets):
    assert cheapest_cover(costs) == offsets
