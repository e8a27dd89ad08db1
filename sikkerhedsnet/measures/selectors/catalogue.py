"""Reads for the offer catalogue: fitting offers, occupancy, waiting lists, cost and the
placement mix.

Definitions kept here, once:

- An offer *fits* a child on a day when it is active, the child's age in whole years is within
  its ages, and (if a kind was chosen) it is of that kind. A full offer still fits: the child
  goes on its waiting list. Fitting offers are ordered least intrusive rung first, then local
  before external, then price.
- An offer's *occupied places* are its measures that are active or decided (a decided measure
  has been promised its place); its *waiting list* is its measures with status waiting, longest
  waiting first.
- A measure's *cost in a year* is its monthly cost for each calendar month of that year in
  which it is active on at least one day, counted up to a cut-off day (today for spend so far).
- The *placement mix* on a day is the share of each mix group among the placement periods
  active that day (start on or before the day, no end or an end on or after it).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Min, Q, QuerySet

from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.lib.dates import add_months
from sikkerhedsnet.measures.ladder import MIX_GROUP, PLACEMENT_KINDS, RUNG, MixGroup
from sikkerhedsnet.measures.models import Measure, MeasureStatus, NetworkSearch, Offer
from sikkerhedsnet.people.models import Child
from sikkerhedsnet.policy import get_policy

HOLDS_A_PLACE = (MeasureStatus.DECIDED, MeasureStatus.ACTIVE)


# Fitting offers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FittingOffer:
    offer: Offer
    occupied: int
    waiting: int

    @property
    def rung(self) -> int:
        return RUNG[self.offer.kind]

    @property
    def free(self) -> int | None:
        """Free places; None when the offer takes whom it is sent (no capacity set)."""
        if self.offer.capacity is None:
            return None
        return max(self.offer.capacity - self.occupied, 0)

    @property
    def full(self) -> bool:
        return self.free == 0


def offers_with_load() -> QuerySet[Offer]:
    return Offer.objects.annotate(
        occupied=Count("measures", filter=Q(measures__status__in=HOLDS_A_PLACE)),
        waiting=Count("measures", filter=Q(measures__status=MeasureStatus.WAITING)),
        waiting_since=Min("measures__waiting_since"),
    )


def fitting_offers(*, child: Child, day: date, kind: str | None = None) -> list[FittingOffer]:
    """The offers that fit the child on `day`, least intrusive first, local before external."""
    age = child.age_on(day)
    offers = offers_with_load().filter(active=True, min_age__lte=age, max_age__gte=age)
    if kind:
        offers = offers.filter(kind=kind)
    fitting = [_loaded(offer) for offer in offers]
    fitting.sort(
        key=lambda f: (f.rung, not f.offer.in_municipality, f.offer.monthly_price, f.offer.name)
    )
    return fitting


def least_intrusive_rung(*, child: Child, day: date) -> int | None:
    """The lowest rung among every offer that fits the child, of any kind; None if none fits."""
    rungs = [fitting.rung for fitting in fitting_offers(child=child, day=day)]
    return min(rungs, default=None)


def _loaded(offer: Any) -> FittingOffer:
    """An offer from offers_with_load(), which carries the annotations."""
    return FittingOffer(offer=offer, occupied=offer.occupied, waiting=offer.waiting)


def offer_load(offer: Offer) -> FittingOffer:
    return _loaded(offers_with_load().get(pk=offer.pk))


def waiting_list(offer: Offer) -> QuerySet[Measure]:
    return Measure.objects.filter(offer=offer, status=MeasureStatus.WAITING).order_by(
        "waiting_since", "pk"
    )


# Occupancy ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Occupancy:
    offer: Offer
    active: int
    decided: int
    waiting: int
    waiting_since: date | None

    @property
    def occupied(self) -> int:
        return self.active + self.decided

    @property
    def share(self) -> float | None:
        """Occupied places per place; over 1 when the offer is over capacity."""
        if not self.offer.capacity:
            return None
        return self.occupied / self.offer.capacity

    @property
    def over_capacity(self) -> bool:
        return self.offer.capacity is not None and self.occupied > self.offer.capacity


def occupancy() -> list[Occupancy]:
    """Every active offer with a capacity or a measure in it, with its load."""
    offers = (
        Offer.objects.annotate(
            active_count=Count("measures", filter=Q(measures__status=MeasureStatus.ACTIVE)),
            decided_count=Count("measures", filter=Q(measures__status=MeasureStatus.DECIDED)),
            waiting_count=Count("measures", filter=Q(measures__status=MeasureStatus.WAITING)),
            waiting_since=Min(
                "measures__waiting_since", filter=Q(measures__status=MeasureStatus.WAITING)
            ),
        )
        .filter(Q(active=True) | Q(active_count__gt=0) | Q(waiting_count__gt=0))
        .order_by("name")
    )
    return [
        Occupancy(
            offer=offer,
            active=offer.active_count,
            decided=offer.decided_count,
            waiting=offer.waiting_count,
            waiting_since=offer.waiting_since,
        )
        for offer in offers
    ]


# Cost -----------------------------------------------------------------------------------------


def months_active_in_year(*, start: date, end: date | None, year: int, through: date) -> int:
    """Calendar months of `year` with at least one active day, counting no day after `through`.

    A measure runs from `start` to `end` inclusive (no end: still running). Nothing after
    `through` counts, so this year's figure is spend so far, not a forecast.
    """
    last = min(end or through, through, date(year, 12, 31))
    first = max(start, date(year, 1, 1))
    if last < first:
        return 0
    return last.month - first.month + 1


def measure_cost_in_year(measure: Measure, *, year: int, through: date) -> int:
    if measure.start_date is None:
        return 0
    months = months_active_in_year(
        start=measure.start_date, end=measure.end_date, year=year, through=through
    )
    return months * measure.monthly_cost


@dataclass
class CostTable:
    years: list[int]
    rows: dict[str, dict[int, int]] = field(default_factory=dict)  # kind -> year -> kr

    def total(self, year: int) -> int:
        return sum(by_year.get(year, 0) for by_year in self.rows.values())


def cost_by_kind_and_year(*, years: list[int], through: date) -> CostTable:
    """Spend per measure kind and year, summed from every started measure's monthly cost."""
    table = CostTable(years=years)
    first = date(min(years), 1, 1)
    started = Measure.objects.filter(start_date__isnull=False, start_date__lte=through).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=first)
    )
    sums: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for kind, start, end, monthly in started.values_list(
        "kind", "start_date", "end_date", "monthly_cost"
    ).iterator(chunk_size=2000):
        if start is None:  # filtered out above; the type does not know
            continue
        for year in years:
            months = months_active_in_year(start=start, end=end, year=year, through=through)
            sums[kind][year] += months * monthly
    table.rows = {
        kind: dict(by_year)
        for kind, by_year in sorted(sums.items(), key=lambda item: RUNG[item[0]])
        if any(by_year.values())
    }
    return table


# The placement mix ----------------------------------------------------------------------------

MIX_DEFINITION = (
    "Anbringelsesmønstret på en dag: for hver gruppe (netværkspleje; plejefamilie, dvs. almen, "
    "forstærket og specialiseret plejefamilie; institution og opholdssted, dvs. opholdssted, "
    "døgninstitution og delvis lukket eller sikret afdeling; eget værelse og kollegium) antallet "
    "af anbringelsesperioder, der er i gang den dag (startet på eller før dagen og ikke sluttet "
    "før den), og gruppens andel af alle anbringelser den dag. En flytning afslutter én periode "
    "dagen før den næste starter, så et barn tælles én gang. Antal fra 1 til under "
    "statistikgrænsen (5) vises ikke (0 vises), og er præcis én gruppe skjult, skjules også "
    "den mindste af de andre, så den skjulte ikke kan regnes ud af totalen; er totalen under "
    "grænsen, skjules alt."
)


@dataclass(frozen=True)
class MixShare:
    group: str
    label: str
    count: int | None  # None when suppressed
    share: float | None


@dataclass(frozen=True)
class PlacementMix:
    day: date
    total: int | None
    groups: list[MixShare]


def placements_active_on(day: date) -> QuerySet[Measure]:
    return Measure.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=day),
        kind__in=PLACEMENT_KINDS,
        start_date__isnull=False,
        start_date__lte=day,
    )


def placement_mix(day: date, *, suppressed: bool = True) -> PlacementMix:
    """The shares of each mix group among the placements active on `day` (the one definition;
    MIX_DEFINITION says it in words for the API document)."""
    counts: Counter[str] = Counter()
    for kind, n in placements_active_on(day).order_by().values_list("kind").annotate(n=Count("pk")):
        counts[MIX_GROUP[kind]] += n
    values = {group: counts.get(group, 0) for group in MixGroup.values}
    total = sum(values.values())
    hidden, total_hidden = _hidden_groups(values, total) if suppressed else (set(), False)
    total_shown = None if total_hidden else total
    groups = [
        MixShare(
            group=group,
            label=str(MixGroup(group).label),
            count=None if group in hidden else n,
            share=None if group in hidden or not total else n / total,
        )
        for group, n in values.items()
    ]
    return PlacementMix(day=day, total=total_shown, groups=groups)


def _hidden_groups(values: dict[str, int], total: int) -> tuple[set[str], bool]:
    """The groups to hide, and whether the total must be hidden as well."""
    minimum = get_policy().statistics_min_count
    if total < minimum:
        return set(values), True
    # A zero points at no child, so it is shown: hiding it would, through the complementary
    # rule, hide the network share that the mix is read for.
    hidden = {group for group, n in values.items() if 0 < n < minimum}
    if len(hidden) != 1:
        return hidden, False
    # One hidden count is the total less the others: hide the smallest other non-zero count
    # too (a zero would be guessed). With none, the hidden one is the total, so hide that.
    others = [group for group, n in values.items() if group not in hidden and n > 0]
    if not others:
        return hidden, True
    hidden.add(min(others, key=lambda group: values[group]))
    return hidden, False


# A case's measures and the path of its placements ---------------------------------------------


def case_measure_paths(case_id: int) -> list[list[Measure]]:
    """The case's measures, each placement with the periods it moved through, oldest first;
    the newest decision first."""
    measures = list(
        Measure.objects.filter(case_id=case_id).select_related("offer").order_by("decided_on", "pk")
    )
    successor = {m.moved_from_id: m for m in measures if m.moved_from_id is not None}
    paths = []
    for root in (m for m in measures if m.moved_from_id is None):
        path = [root]
        while path[-1].pk in successor:
            path.append(successor[path[-1].pk])
        paths.append(path)
    return list(reversed(paths))


def measure_path(measure: Measure) -> list[Measure]:
    """The placement periods before and after `measure`, oldest first."""
    return next(
        (path for path in case_measure_paths(measure.case_id) if measure in path), [measure]
    )


def latest_network_search(case: Case, *, day: date) -> NetworkSearch | None:
    """The newest network search on the case that is recent enough for a placement on `day`."""
    oldest = add_months(day, -get_policy().network_search_valid_months)
    return (
        NetworkSearch.objects.filter(case=case, searched_on__gte=oldest, searched_on__lte=day)
        .order_by("-searched_on", "-pk")
        .first()
    )
