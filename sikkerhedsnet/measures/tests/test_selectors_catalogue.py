from __future__ import annotations

from datetime import date

import pytest

from sikkerhedsnet.measures.ladder import MeasureKind, MixGroup
from sikkerhedsnet.measures.models import Measure, MeasureStatus
from sikkerhedsnet.measures.selectors.catalogue import (
    case_measure_paths,
    cost_by_kind_and_year,
    fitting_offers,
    least_intrusive_rung,
    measure_cost_in_year,
    months_active_in_year,
    occupancy,
    placement_mix,
)
from sikkerhedsnet.measures.tests.catalogue_world import (
    TODAY,
    CatalogueWorld,
    catalogue_world,
    make_measure,
)

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def cw(db: None) -> CatalogueWorld:
    return catalogue_world()


# Fitting offers -----------------------------------------------------------------------------


def test_fitting_offers_are_least_intrusive_first_then_local_then_price(cw: CatalogueWorld) -> None:
    names = [f.offer.name for f in fitting_offers(child=cw.tw.child, day=TODAY)]
    # The course is for 6–9-year-olds and the child is 4; the inactive offer never fits.
    assert names == [
        "Familiecentret",
        "Hjemmestøtte",
        "Familiehuset Syd",
        "Døgninstitutionen Egely",
    ]


def test_a_chosen_kind_narrows_the_list(cw: CatalogueWorld) -> None:
    fitting = fitting_offers(child=cw.tw.child, day=TODAY, kind=MeasureKind.FAMILY_TREATMENT)
    assert [f.offer for f in fitting] == [cw.centre, cw.external]


def test_the_age_is_the_childs_age_on_the_day(cw: CatalogueWorld) -> None:
    cw.tw.child.birth_date = date(2020, 5, 11)  # 6 the day after TODAY
    names = [f.offer.name for f in fitting_offers(child=cw.tw.child, day=date(2026, 5, 11))]
    assert names[0] == "Forældrekursus"
    assert least_intrusive_rung(child=cw.tw.child, day=date(2026, 5, 11)) == 1
    assert least_intrusive_rung(child=cw.tw.child, day=TODAY) == 2


def test_a_full_offer_still_fits_and_says_it_is_full(cw: CatalogueWorld) -> None:
    make_measure(cw.tw, offer=cw.centre)
    make_measure(cw.tw, offer=cw.centre, status=MeasureStatus.DECIDED, start_date=None)
    make_measure(cw.tw, offer=cw.centre, status=MeasureStatus.WAITING, start_date=None)
    centre = fitting_offers(child=cw.tw.child, day=TODAY)[0]
    assert (centre.offer, centre.occupied, centre.free, centre.full, centre.waiting) == (
        cw.centre,
        2,
        0,
        True,
        1,
    )
    external = fitting_offers(child=cw.tw.child, day=TODAY)[2]
    assert (external.free, external.full) == (None, False)  # no capacity: booked per child


def test_no_fitting_offer_has_no_least_rung(cw: CatalogueWorld) -> None:
    cw.tw.child.birth_date = date(2000, 1, 1)
    assert least_intrusive_rung(child=cw.tw.child, day=TODAY) is None


# Occupancy ----------------------------------------------------------------------------------


def test_occupancy_counts_active_decided_and_the_waiting_list(cw: CatalogueWorld) -> None:
    make_measure(cw.tw, offer=cw.centre)
    make_measure(cw.tw, offer=cw.centre)
    make_measure(cw.tw, offer=cw.centre, status=MeasureStatus.ENDED, end_date=date(2025, 6, 1))
    make_measure(
        cw.tw,
        offer=cw.centre,
        status=MeasureStatus.WAITING,
        start_date=None,
        waiting_since=date(2026, 3, 1),
    )
    make_measure(cw.tw, offer=cw.centre, status=MeasureStatus.DECIDED, start_date=None)
    row = next(r for r in occupancy() if r.offer == cw.centre)
    assert (row.active, row.decided, row.waiting, row.waiting_since) == (2, 1, 1, date(2026, 3, 1))
    assert row.share == 1.5
    assert row.over_capacity
    assert cw.inactive not in [r.offer for r in occupancy()]


# Cost ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "year", "through", "months"),
    [
        (date(2025, 1, 1), None, 2025, date(2026, 5, 10), 12),  # a whole year
        (date(2025, 1, 31), date(2025, 2, 1), 2025, date(2026, 5, 10), 2),  # two days, two months
        (date(2025, 3, 15), date(2025, 3, 16), 2025, date(2026, 5, 10), 1),
        (date(2024, 11, 1), None, 2026, date(2026, 5, 10), 5),  # this year: through May
        (date(2024, 11, 1), date(2024, 12, 31), 2025, date(2026, 5, 10), 0),  # ended before
        (date(2026, 6, 1), None, 2026, date(2026, 5, 10), 0),  # not started by `through`
        (date(2024, 11, 1), None, 2024, date(2026, 5, 10), 2),
    ],
)
def test_months_active_in_year(
    start: date, end: date | None, year: int, through: date, months: int
) -> None:
    assert months_active_in_year(start=start, end=end, year=year, through=through) == months


def test_a_measure_not_started_costs_nothing(cw: CatalogueWorld) -> None:
    waiting = make_measure(cw.tw, status=MeasureStatus.WAITING, start_date=None, monthly_cost=9_000)
    assert measure_cost_in_year(waiting, year=2026, through=TODAY) == 0


def test_cost_is_summed_by_kind_and_year(cw: CatalogueWorld) -> None:
    make_measure(
        cw.tw, start_date=date(2025, 11, 20), monthly_cost=10_000
    )  # 2 months 2025, 5 in 2026
    make_measure(
        cw.tw,
        start_date=date(2025, 1, 1),
        end_date=date(2025, 3, 1),
        status=MeasureStatus.ENDED,
        monthly_cost=1_000,
    )  # 3 months 2025
    make_measure(
        cw.tw,
        kind=MeasureKind.FOSTER_FAMILY,
        legal_ground="placement_with_consent",
        start_date=date(2026, 4, 30),
        monthly_cost=40_000,
    )  # April and May 2026
    make_measure(cw.tw, status=MeasureStatus.DECIDED, start_date=None, monthly_cost=99_000)
    table = cost_by_kind_and_year(years=[2024, 2025, 2026], through=TODAY)
    assert table.rows == {
        MeasureKind.FAMILY_TREATMENT: {2024: 0, 2025: 23_000, 2026: 50_000},
        MeasureKind.FOSTER_FAMILY: {2024: 0, 2025: 0, 2026: 80_000},
    }
    assert [table.total(y) for y in (2024, 2025, 2026)] == [0, 23_000, 130_000]
    assert (
        measure_cost_in_year(
            Measure.objects.get(case=cw.tw.case, monthly_cost=10_000), year=2025, through=TODAY
        )
        == 20_000
    )


# The placement mix --------------------------------------------------------------------------


def _placement(cw: CatalogueWorld, kind: str, count: int, **fields: object) -> None:
    for _ in range(count):
        defaults: dict[str, object] = {"start_date": date(2026, 1, 1)}
        make_measure(cw.tw, kind=kind, legal_ground="placement_with_consent", **(defaults | fields))


def test_the_mix_counts_placements_active_on_the_day(cw: CatalogueWorld) -> None:
    _placement(cw, MeasureKind.KINSHIP_FOSTER_CARE, 5)
    _placement(cw, MeasureKind.FOSTER_FAMILY, 6)
    _placement(cw, MeasureKind.SPECIALISED_FOSTER_FAMILY, 4)
    _placement(cw, MeasureKind.RESIDENTIAL_INSTITUTION, 3)
    _placement(cw, MeasureKind.RESIDENTIAL_HOME, 2)
    # Not counted: ended before the day, starting after it, waiting, and support.
    _placement(cw, MeasureKind.FOSTER_FAMILY, 1, end_date=date(2026, 2, 28), status="ended")
    _placement(cw, MeasureKind.FOSTER_FAMILY, 1, start_date=date(2026, 3, 2))
    _placement(cw, MeasureKind.FOSTER_FAMILY, 1, start_date=None, status=MeasureStatus.WAITING)
    make_measure(cw.tw, start_date=date(2026, 1, 1))
    mix = placement_mix(date(2026, 3, 1), suppressed=False)
    counts = {share.group: share.count for share in mix.groups}
    assert counts == {
        MixGroup.NETWORK: 5,
        MixGroup.FOSTER_FAMILY: 10,
        MixGroup.INSTITUTION: 5,
        MixGroup.OWN_ROOM: 0,
    }
    assert mix.total == 20
    assert {s.group: s.share for s in mix.groups}[MixGroup.FOSTER_FAMILY] == 0.5
    # The end date is the last day in the placement.
    ended_on_day = placement_mix(date(2026, 2, 28), suppressed=False)
    assert ended_on_day.total == 21


def test_small_counts_are_suppressed_with_one_more_so_none_can_be_worked_out(
    cw: CatalogueWorld,
) -> None:
    _placement(cw, MeasureKind.KINSHIP_FOSTER_CARE, 2)
    _placement(cw, MeasureKind.FOSTER_FAMILY, 9)
    _placement(cw, MeasureKind.RESIDENTIAL_INSTITUTION, 6)
    mix = placement_mix(date(2026, 3, 1))
    shown = {s.group: s.count for s in mix.groups}
    assert shown == {
        MixGroup.NETWORK: None,  # 2: under 5
        MixGroup.FOSTER_FAMILY: 9,
        MixGroup.INSTITUTION: None,  # hidden too, or network = 17 - 9 - 6 - 0
        MixGroup.OWN_ROOM: 0,  # a zero points at no child
    }
    assert mix.total == 17
    assert {s.group: s.share for s in mix.groups}[MixGroup.NETWORK] is None


def test_a_total_under_the_minimum_hides_everything(cw: CatalogueWorld) -> None:
    _placement(cw, MeasureKind.FOSTER_FAMILY, 4)
    mix = placement_mix(date(2026, 3, 1))
    assert mix.total is None
    assert all(s.count is None and s.share is None for s in mix.groups)
    assert placement_mix(date(2026, 3, 1), suppressed=False).total == 4


# A case's measures --------------------------------------------------------------------------


def test_a_placement_path_follows_the_moves(cw: CatalogueWorld) -> None:
    support = make_measure(cw.tw, decided_on=date(2024, 1, 1))
    first = make_measure(
        cw.tw,
        kind=MeasureKind.FOSTER_FAMILY,
        decided_on=date(2025, 1, 1),
        end_date=date(2025, 5, 31),
        status="ended",
    )
    second = make_measure(
        cw.tw,
        kind=MeasureKind.RESIDENTIAL_HOME,
        decided_on=date(2025, 6, 1),
        start_date=date(2025, 6, 1),
        moved_from=first,
    )
    assert case_measure_paths(cw.tw.case.pk) == [[first, second], [support]]
