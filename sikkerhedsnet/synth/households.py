"""Grouping children into households of one to three siblings with plausible age gaps.

The children's birth dates are fixed first (spread evenly), then siblings are drawn from other
age years, so the age distribution stays even however the households fall.
"""

from __future__ import annotations

import random

# Share of households with 1, 2 or 3 children (Danish families with children average about 1.8).
SIZE_WEIGHTS = ((1, 0.42), (2, 0.42), (3, 0.16))
SIBLING_GAPS = (1, 2, 2, 3, 3, 4, 5)  # years between siblings


def _pick_size(rng: random.Random) -> int:
    draw = rng.random()
    for size, weight in SIZE_WEIGHTS:
        if draw < weight:
            return size
        draw -= weight
    return SIZE_WEIGHTS[-1][0]


class _AgeBuckets:
    """Unassigned children by age, popped from the end; assigned ones are skipped lazily."""

    def __init__(self, rng: random.Random, ages: list[int]) -> None:
        self.by_age: dict[int, list[int]] = {}
        for index, age in enumerate(ages):
            self.by_age.setdefault(age, []).append(index)
        for bucket in self.by_age.values():
            rng.shuffle(bucket)
        self.assigned = bytearray(len(ages))

    def take(self, age: int) -> int | None:
        bucket = self.by_age.get(age, [])
        while bucket:
            index = bucket.pop()
            if not self.assigned[index]:
                self.assigned[index] = 1
                return index
        return None


def group_into_households(rng: random.Random, ages: list[int]) -> list[list[int]]:
    """Lists of child indexes, each a household; every child in exactly one, in random order."""
    buckets = _AgeBuckets(rng, ages)
    order = list(range(len(ages)))
    rng.shuffle(order)
    households: list[list[int]] = []
    for first in order:
        if buckets.assigned[first]:
            continue
        buckets.assigned[first] = 1
        members = [first]
        for _ in range(_pick_size(rng) - 1):
            sibling = _sibling(rng, buckets, [ages[m] for m in members])
            if sibling is not None:
                members.append(sibling)
        households.append(members)
    return households


def _sibling(rng: random.Random, buckets: _AgeBuckets, taken_ages: list[int]) -> int | None:
    target = taken_ages[0] + rng.choice(SIBLING_GAPS) * rng.choice((-1, 1))
    if not 0 <= target <= 17 or target in taken_ages:
        return None
    return buckets.take(target)
