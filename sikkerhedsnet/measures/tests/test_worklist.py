"""The five measures rules, each at its edges: due today is no flag, due yesterday is."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse

from sikkerhedsnet.cases.tests.factories import CaseFactory, TeamWorld, make_team_world
from sikkerhedsnet.conftest import client_for
from sikkerhedsnet.lib.worklist import worklist_rule
from sikkerhedsnet.measures.ladder import MeasureKind
from sikkerhedsnet.measures.models import (
    AdultServicesCoordinator,
    FollowUp,
    Measure,
    MeasureStatus,
    SupervisionVisit,
)
from sikkerhedsnet.measures.tests.factories import MeasureFactory, OfferFactory
from sikkerhedsnet.people.models import Role, User
from sikkerhedsnet.people.tests import factories as f
from sikkerhedsnet.safetynet.selectors import flags_for_user

DAY = date(2026, 11, 25)
ONE_DAY = timedelta(days=1)


@pytest.fixture
def tw(db: None) -> TeamWorld:
    return make_team_world()


def _rows(code: str, at: date = DAY) -> list[dict[str, Any]]:
    rule = worklist_rule(code)
    return [rule.present(row) for row in rule.find(at)]


def _follow_up(measure: Measure, held_on: date, next_due: date | None = None) -> None:
    FollowUp.objects.create(
        measure=measure, held_on=held_on, held_by=_caseworker(measure), what_changed="x"
    )
    if next_due:
        Measure.objects.filter(pk=measure.pk).update(next_follow_up_due=next_due)


# first_follow_up_missing -------------------------------------------------------------------------


def test_first_follow_up_due_today_is_not_flagged_yesterday_is(tw: TeamWorld) -> None:
    MeasureFactory.create(case=tw.case, start_date=date(2026, 8, 25))  # due 25.11
    assert _rows("first_follow_up_missing") == []
    late = MeasureFactory.create(case=tw.case, start_date=date(2026, 8, 24))  # due 24.11
    (row,) = _rows("first_follow_up_missing")
    assert (row["measure_id"], row["child_id"], row["unit_id"], row["user_id"]) == (
        late.pk,
        tw.child.pk,
        tw.team.pk,
        tw.owner.pk,
    )
    assert row["since"] == date(2026, 11, 25)
    assert row["due"] == date(2026, 11, 24)
    explained = worklist_rule("first_follow_up_missing").explain(row)
    assert "24.08.2026" in explained
    assert "24.11.2026" in explained


def test_in_a_residential_institution_the_first_follow_up_is_after_six_weeks(
    tw: TeamWorld,
) -> None:
    kind = MeasureKind.RESIDENTIAL_INSTITUTION
    MeasureFactory.create(case=tw.case, kind=kind, start_date=DAY - timedelta(weeks=6))
    assert _rows("first_follow_up_missing") == []
    MeasureFactory.create(case=tw.case, kind=kind, start_date=DAY - timedelta(weeks=6, days=1))
    assert len(_rows("first_follow_up_missing")) == 1


def test_a_held_follow_up_or_an_ended_measure_is_not_flagged(tw: TeamWorld) -> None:
    held = MeasureFactory.create(case=tw.case, start_date=date(2026, 1, 5))
    _follow_up(held, date(2026, 3, 1), next_due=date(2026, 12, 1))
    MeasureFactory.create(
        case=tw.case, start_date=date(2026, 1, 5), status="ended", end_date=date(2026, 5, 1)
    )
    assert _rows("first_follow_up_missing") == []


def test_a_follow_up_after_the_day_asked_about_does_not_count(tw: TeamWorld) -> None:
    measure = MeasureFactory.create(case=tw.case, start_date=date(2026, 1, 5))
    _follow_up(measure, DAY + ONE_DAY)
    assert len(_rows("first_follow_up_missing")) == 1


# follow_up_overdue -------------------------------------------------------------------------------


def test_follow_up_due_today_is_not_overdue_yesterday_is(tw: TeamWorld) -> None:
    measure = MeasureFactory.create(case=tw.case, start_date=date(2026, 1, 5))
    _follow_up(measure, date(2026, 8, 25), next_due=DAY)
    assert _rows("follow_up_overdue") == []
    Measure.objects.filter(pk=measure.pk).update(next_follow_up_due=DAY - ONE_DAY)
    (row,) = _rows("follow_up_overdue")
    assert (row["unit_id"], row["user_id"], row["since"]) == (tw.team.pk, tw.owner.pk, DAY)
    assert "25.08.2026" in worklist_rule("follow_up_overdue").explain(row)


def test_a_measure_without_any_follow_up_is_the_first_follow_up_rules(tw: TeamWorld) -> None:
    MeasureFactory.create(case=tw.case, start_date=date(2026, 1, 5))
    assert _rows("follow_up_overdue") == []
    assert len(_rows("first_follow_up_missing")) == 1


# placement_supervision_missing -------------------------------------------------------------------


def _placement(tw: TeamWorld, start: date) -> Measure:
    return MeasureFactory.create(case=tw.case, kind=MeasureKind.FOSTER_FAMILY, start_date=start)


def _caseworker(measure: Measure) -> User:
    caseworker = measure.case.caseworker
    assert caseworker is not None
    return caseworker


def _visit(measure: Measure, on: date, *, spoke: bool = True) -> None:
    SupervisionVisit.objects.create(
        measure=measure, visited_on=on, visited_by=_caseworker(measure), spoke_with_child=spoke
    )


def test_a_placement_owes_its_first_visit_from_six_months(tw: TeamWorld) -> None:
    _placement(tw, date(2026, 5, 25))  # six months today
    assert _rows("placement_supervision_missing") == []
    late = _placement(tw, date(2026, 5, 24))
    (row,) = _rows("placement_supervision_missing")
    assert (row["measure_id"], row["owed"], row["visits"]) == (late.pk, 1, 0)
    assert row["since"] == date(2026, 11, 25)


def test_a_year_old_placement_needs_two_visits_speaking_with_the_child(tw: TeamWorld) -> None:
    measure = _placement(tw, date(2025, 1, 10))
    _visit(measure, date(2026, 2, 1))
    _visit(measure, date(2026, 9, 1), spoke=False)  # does not count
    (row,) = _rows("placement_supervision_missing")
    assert (row["owed"], row["visits"], row["last_visit"]) == (2, 1, date(2026, 2, 1))
    _visit(measure, date(2026, 10, 1))
    assert _rows("placement_supervision_missing") == []


def test_a_visit_drops_out_of_the_window_after_twelve_months(tw: TeamWorld) -> None:
    measure = _placement(tw, date(2024, 1, 10))
    _visit(measure, date(2025, 11, 25))  # twelve months ago today: still counts
    _visit(measure, date(2026, 6, 1))
    assert _rows("placement_supervision_missing") == []
    assert len(_rows("placement_supervision_missing", DAY + ONE_DAY)) == 1


def test_support_measures_need_no_supervision(tw: TeamWorld) -> None:
    MeasureFactory.create(case=tw.case, start_date=date(2024, 1, 10))
    assert _rows("placement_supervision_missing") == []


# young_person_without_coordinator ----------------------------------------------------------------


def _young(tw: TeamWorld, birth: date, status: str = MeasureStatus.ACTIVE) -> Measure:
    child = f.ChildFactory.create(birth_date=birth)
    case = CaseFactory.create(child=child, team=tw.team, caseworker=tw.owner)
    return MeasureFactory.create(case=case, status=status)


def test_17_and_a_half_today_is_in_time_yesterday_is_flagged(tw: TeamWorld) -> None:
    _young(tw, date(2009, 5, 25))
    assert _rows("young_person_without_coordinator") == []
    late = _young(tw, date(2009, 5, 24))
    (row,) = _rows("young_person_without_coordinator")
    assert (row["child_id"], row["unit_id"], row["user_id"]) == (
        late.child_id,
        tw.team.pk,
        tw.owner.pk,
    )
    assert (row["due"], row["since"]) == (date(2026, 11, 24), DAY)


def test_at_18_or_with_a_coordinator_or_only_ended_measures_no_flag(tw: TeamWorld) -> None:
    _young(tw, date(2008, 11, 25))  # 18 today
    named = _young(tw, date(2009, 1, 1))
    AdultServicesCoordinator.objects.create(
        child_id=named.child_id, name="Karin", named_on=date(2026, 6, 1), named_by=tw.owner
    )
    _young(tw, date(2009, 1, 2), status=MeasureStatus.ENDED)
    assert _rows("young_person_without_coordinator") == []


def test_a_waiting_measure_is_open_and_counts_once_per_young_person(tw: TeamWorld) -> None:
    measure = _young(tw, date(2009, 1, 1), status=MeasureStatus.WAITING)
    MeasureFactory.create(case=measure.case)
    assert len(_rows("young_person_without_coordinator")) == 1


# offer_over_capacity -----------------------------------------------------------------------------


def test_an_offer_over_capacity_reaches_the_leaders_and_the_administrator(tw: TeamWorld) -> None:
    offer = OfferFactory.create(capacity=2, name="Børnehuset")
    MeasureFactory.create_batch(2, case=tw.case, offer=offer)
    MeasureFactory.create(case=tw.case, offer=offer, status=MeasureStatus.WAITING, start_date=None)
    assert _rows("offer_over_capacity") == []
    MeasureFactory.create(case=tw.other_case, offer=offer, start_date=date(2026, 10, 1))
    (row,) = _rows("offer_over_capacity")
    assert (row["offer_id"], row["occupied"], row["capacity"]) == (offer.pk, 3, 2)
    assert (row["child_id"], row["since"]) == (None, date(2026, 10, 1))
    administrator = f.staff(Role.ADMINISTRATOR, username="admin")
    for user in (tw.leader, tw.other_leader, administrator):
        flags = flags_for_user(user=user, at=DAY)
        (flag,) = [flag for flag in flags if flag.rule.code == "offer_over_capacity"]
        assert flag.link is not None
        assert flag.link.url == reverse("measures:capacity")
        assert client_for(user).get(flag.link.url).status_code == 200
    assert "offer_over_capacity" not in [
        flag.rule.code for flag in flags_for_user(user=tw.owner, at=DAY)
    ]


def test_an_offer_without_capacity_is_never_over(tw: TeamWorld) -> None:
    offer = OfferFactory.create(capacity=None)
    MeasureFactory.create_batch(3, case=tw.case, offer=offer)
    assert _rows("offer_over_capacity") == []


# Who sees the rows -------------------------------------------------------------------------------


def test_the_caseworker_and_her_leader_see_the_row_not_her_colleague(tw: TeamWorld) -> None:
    MeasureFactory.create(case=tw.case, start_date=date(2026, 1, 5))

    def sees(user: Any) -> bool:
        flags = flags_for_user(user=user, at=DAY)
        return any(flag.rule.code == "first_follow_up_missing" for flag in flags)

    assert sees(tw.owner)
    assert sees(tw.leader)
    assert not sees(tw.colleague)
    assert not sees(tw.other_leader)
    assert not sees(tw.fagperson)


def test_each_row_links_to_the_measure(tw: TeamWorld) -> None:
    measure = MeasureFactory.create(case=tw.case, start_date=date(2026, 1, 5))
    flags = flags_for_user(user=tw.owner, at=DAY)
    (flag,) = [flag for flag in flags if flag.rule.code == "first_follow_up_missing"]
    assert flag.link is not None
    assert flag.link.url == f"/sager/{tw.case.pk}/foranstaltninger/{measure.pk}/opfoelgning/"
