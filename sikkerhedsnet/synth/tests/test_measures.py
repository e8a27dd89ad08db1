"""The generated offers, measures and placements: today's shares of support and placement, the
placement mix, follow-up on the cadence, supervision, coordinators; rows the models accept."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from typing import Any

import pytest
from django.db import connection, transaction
from django.db.models import Count, Min, Model, Q

from sikkerhedsnet.cases.models import Case, CaseStatus
from sikkerhedsnet.lib.dates import COPENHAGEN, add_months
from sikkerhedsnet.measures.cadence import first_follow_up_due
from sikkerhedsnet.measures.ladder import MIX_GROUP, PLACEMENT_KINDS, MixGroup
from sikkerhedsnet.measures.models import (
    AdultServicesCoordinator,
    FollowUp,
    Measure,
    MeasureStatus,
    NetworkSearch,
    Offer,
    SupervisionVisit,
)
from sikkerhedsnet.policy import get_policy
from sikkerhedsnet.safetynet.selectors import rule_counts
from sikkerhedsnet.synth.context import SynthContext
from sikkerhedsnet.synth.pipeline import generate
from sikkerhedsnet.synth.tests.conftest import TODAY

CHILDREN = 6000
NOW = datetime.combine(TODAY, time.min, COPENHAGEN)
MODELS: tuple[type[Model], ...] = (
    Offer,
    Measure,
    NetworkSearch,
    FollowUp,
    SupervisionVisit,
    AdultServicesCoordinator,
    Case,
)
PLACEMENTS = Q(kind__in=list(PLACEMENT_KINDS))


# First in the module: it needs an empty database, before the module's municipality is made.
def test_the_same_seed_makes_the_same_measures(db: None) -> None:
    assert generated(seed=4) == generated(seed=4)


class _Undo(Exception):
    pass


def generated(seed: int) -> dict[str, list[tuple[Any, ...]]]:
    found: dict[str, list[tuple[Any, ...]]] = {}
    try:
        with transaction.atomic():
            generate(children=800, seed=seed, today=TODAY, history_years=1)
            found = {
                "measures": sorted(
                    Measure.objects.values_list(
                        "child__cpr", "kind", "offer__name", "status", "start_date", "end_date"
                    ),
                    key=str,
                ),
                "follow_ups": sorted(
                    FollowUp.objects.values_list("measure__child__cpr", "held_on", "safety_scale"),
                    key=str,
                ),
            }
            raise _Undo
    except _Undo:
        pass
    assert found["measures"]
    assert found["follow_ups"]
    return found


@pytest.fixture(scope="module")
def _generated(django_db_setup: None, django_db_blocker: Any) -> Iterator[SynthContext]:
    with django_db_blocker.unblock(), transaction.atomic():
        yield generate(children=CHILDREN, seed=5, today=TODAY, history_years=1)
        transaction.set_rollback(True)


@pytest.fixture
def municipality(_generated: SynthContext, db: None) -> SynthContext:
    return _generated


def active() -> Any:
    return Measure.objects.filter(status=MeasureStatus.ACTIVE)


def test_todays_shares_of_support_and_placement(municipality: SynthContext) -> None:
    support = active().exclude(PLACEMENTS).values("child_id").distinct().count()
    placed = active().filter(PLACEMENTS).values("child_id").distinct().count()
    assert 0.03 <= support / CHILDREN <= 0.04
    assert 0.008 <= placed / CHILDREN <= 0.012


def test_placements_are_mostly_in_foster_care(municipality: SynthContext) -> None:
    kinds = Counter(active().filter(PLACEMENTS).values_list("kind", flat=True))
    groups: Counter[str] = Counter()
    for kind, count in kinds.items():
        groups[MIX_GROUP[kind]] += count
    total = sum(groups.values())
    foster = groups[MixGroup.FOSTER_FAMILY] + groups[MixGroup.NETWORK]
    assert 0.55 <= foster / total <= 0.85
    assert 0.03 <= groups[MixGroup.NETWORK] / total <= 0.2
    assert 0.12 <= groups[MixGroup.INSTITUTION] / total <= 0.4


def test_some_acute_some_outside_some_moved(municipality: SynthContext) -> None:
    placements = Measure.objects.filter(PLACEMENTS)
    assert 0.02 <= placements.filter(acute=True).count() / placements.count() <= 0.2
    outside = Measure.objects.filter(in_municipality=False).count() / Measure.objects.count()
    assert 0.15 <= outside <= 0.6
    moved = placements.filter(moved_from__isnull=False).select_related("moved_from")
    assert moved.exists()
    for measure in moved:
        previous = measure.moved_from
        assert previous is not None
        assert previous.case_id == measure.case_id
        assert previous.end_date is not None
        assert measure.start_date is not None
        assert previous.end_date < measure.start_date


def test_every_measure_belongs_to_an_open_case_of_its_child(municipality: SynthContext) -> None:
    for measure in Measure.objects.select_related("case"):
        assert measure.case.child_id == measure.child_id
        assert measure.decided_on <= (measure.start_date or TODAY)
        if measure.status in (MeasureStatus.ACTIVE, MeasureStatus.WAITING):
            assert measure.case.status == CaseStatus.OPEN
        if measure.status == MeasureStatus.ACTIVE:
            assert measure.start_date is not None
            assert measure.start_date <= TODAY
            assert measure.end_date is None
            assert measure.next_follow_up_due is not None
        if measure.status == MeasureStatus.ENDED:
            assert measure.end_date is not None
            assert measure.end_date < TODAY


def test_a_network_search_comes_before_each_placement(municipality: SynthContext) -> None:
    searched = dict(
        NetworkSearch.objects.values("case_id")
        .annotate(first=Min("searched_on"))
        .values_list("case_id", "first")
    )
    firsts = Measure.objects.filter(PLACEMENTS, start_date__isnull=False).values("case_id")
    for row in firsts.annotate(first=Min("start_date")):
        assert searched[row["case_id"]] <= row["first"]
    kinship = NetworkSearch.objects.filter(found_carer=True).values_list("case_id", flat=True)
    assert set(kinship) == set(
        Measure.objects.filter(kind="kinship_foster_care").values_list("case_id", flat=True)
    )


def test_costs_come_from_the_offers_and_the_policy(municipality: SynthContext) -> None:
    for measure in Measure.objects.select_related("offer")[:500]:
        assert measure.offer is not None
        assert measure.monthly_cost == measure.offer.monthly_price
    yearly = get_policy().yearly_cost
    foster = Offer.objects.get(name="Kommunens plejefamilier")
    assert abs(foster.monthly_price * 12 - yearly["foster_family"]) < 12


def test_the_demo_catalogue_has_the_local_offers(municipality: SynthContext) -> None:
    house = Offer.objects.get(name="Børnehuset")
    assert (house.capacity, house.min_age, house.max_age, house.in_municipality) == (
        12,
        6,
        12,
        True,
    )
    assert Offer.objects.get(name="Akutboliger for unge").capacity == 7
    course = Offer.objects.get(name="Forældrekurset")
    assert (course.min_age, course.max_age) == (6, 9)
    assert Offer.objects.filter(in_municipality=False, kind="foster_family").exists()
    assert rule_counts(at=NOW)["offer_over_capacity"] == 0


def test_follow_ups_mostly_on_time(municipality: SynthContext) -> None:
    started = active().filter(start_date__lt=TODAY - timedelta(days=120))
    firsts = dict(
        FollowUp.objects.values("measure_id")
        .annotate(first=Min("held_on"))
        .values_list("measure_id", "first")
    )
    recent = [m for m in started if m.start_date and m.start_date > TODAY - timedelta(days=600)]
    on_time = [
        m
        for m in recent
        if m.pk in firsts
        and m.start_date is not None
        and firsts[m.pk] <= first_follow_up_due(kind=m.kind, start_date=m.start_date)
    ]
    assert 0.8 <= len(on_time) / len(recent) < 1
    counts = rule_counts(at=NOW)
    assert 0 < counts["first_follow_up_missing"] <= 0.08 * active().count()
    assert 0 < counts["follow_up_overdue"] <= 0.08 * active().count()
    for follow_up in FollowUp.objects.select_related("measure")[:500]:
        assert follow_up.measure.start_date is not None
        assert follow_up.measure.start_date <= follow_up.held_on < TODAY
        assert follow_up.next_due is not None
        assert follow_up.next_due > follow_up.held_on


def test_most_placements_get_two_visits_a_year(municipality: SynthContext) -> None:
    year_ago = add_months(TODAY, -12)
    long_running = active().filter(PLACEMENTS, start_date__lt=year_ago)
    visits = long_running.annotate(
        n=Count(
            "supervision_visits",
            filter=Q(
                supervision_visits__visited_on__gte=year_ago,
                supervision_visits__spoke_with_child=True,
            ),
        )
    )
    enough = sum(m.n >= 2 for m in visits)
    assert 0.8 <= enough / long_running.count() < 1
    assert 0 < rule_counts(at=NOW)["placement_supervision_missing"] <= 0.15 * long_running.count()


def test_most_young_people_have_a_coordinator_by_17_and_a_half(
    municipality: SynthContext,
) -> None:
    coordinators = set(AdultServicesCoordinator.objects.values_list("child_id", flat=True))
    open_measures = Measure.objects.filter(
        status__in=(MeasureStatus.ACTIVE, MeasureStatus.DECIDED, MeasureStatus.WAITING)
    ).select_related("child")
    due = {
        m.child_id
        for m in open_measures
        if add_months(m.child.birth_date, get_policy().adult_coordinator_age_months) < TODAY
    }
    assert due
    assert 0.75 <= len(due & coordinators) / len(due) < 1 or len(due) < 10
    assert rule_counts(at=NOW)["young_person_without_coordinator"] <= 0.25 * len(due)


def test_caseloads_stay_near_the_cap(municipality: SynthContext) -> None:
    loads = Counter(
        Case.objects.filter(status=CaseStatus.OPEN, caseworker__isnull=False).values_list(
            "caseworker_id", flat=True
        )
    )
    cap = get_policy().caseload_cap
    assert sum(load > cap for load in loads.values()) <= max(3, 0.15 * len(loads))
    assert max(loads.values()) <= cap + 4
    assert sum(loads.values()) / len(loads) >= 0.8 * cap


def test_measures_link_to_the_childs_plan_goals(municipality: SynthContext) -> None:
    linked = Measure.objects.filter(goals__isnull=False).distinct()
    assert linked.count() >= 0.7 * Measure.objects.count()
    for measure in linked.prefetch_related("goals__plan")[:300]:
        assert {goal.plan.case_id for goal in measure.goals.all()} == {measure.case_id}


def test_rows_satisfy_the_models_and_the_foreign_keys(municipality: SynthContext) -> None:
    tables = [model._meta.db_table for model in MODELS]
    connection.check_constraints(table_names=[*tables, Measure.goals.through._meta.db_table])
    for model in MODELS:
        rows = list(model._default_manager.order_by("pk")[:150])
        assert rows, model
        for row in rows:
            row.full_clean(validate_unique=False)


def test_the_whole_rule_set_runs_over_it(municipality: SynthContext) -> None:
    counts = rule_counts(at=NOW)
    assert {"first_follow_up_missing", "placement_without_child_plan"} <= set(counts)
