from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
import time_machine

from sikkerhedsnet.audit.models import AuditEvent
from sikkerhedsnet.casework.models import ChildPlan, PlanGoal
from sikkerhedsnet.lib.errors import Conflict
from sikkerhedsnet.measures.cadence import first_follow_up_due
from sikkerhedsnet.measures.ladder import MeasureKind
from sikkerhedsnet.measures.models import LegalGround, Measure, MeasureStatus
from sikkerhedsnet.measures.services.decisions import (
    MeasureRefused,
    measure_decide,
    measure_end,
    measure_start,
    measure_withdraw,
    network_search_record,
)
from sikkerhedsnet.measures.tests.catalogue_world import (
    TODAY,
    CatalogueWorld,
    catalogue_world,
    make_measure,
    make_network_search,
    make_plan_goal,
)

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def cw(db: None) -> CatalogueWorld:
    return catalogue_world()


def decide(cw: CatalogueWorld, **fields: Any) -> Measure:
    defaults: dict[str, Any] = {
        "actor": cw.tw.owner,
        "case": cw.tw.case,
        "kind": MeasureKind.FAMILY_TREATMENT,
        "offer": cw.centre,
        "legal_ground": LegalGround.SUPPORT_WITH_CONSENT,
        "purpose": "Forældrene lærer at sætte grænser uden at råbe",
        "expected_months": 6,
        "decided_on": TODAY,
    }
    return measure_decide(**(defaults | fields))


# Least intrusive first ----------------------------------------------------------------------


def test_the_least_intrusive_fitting_kind_needs_no_reason(cw: CatalogueWorld) -> None:
    decided = decide(cw)
    assert (decided.status, decided.provider, decided.monthly_cost) == (
        MeasureStatus.DECIDED,
        "Kommunen",
        18_000,
    )
    assert AuditEvent.objects.filter(event_type="measure.decided", subject_id=decided.pk).exists()


def test_a_more_intrusive_kind_needs_a_written_reason(cw: CatalogueWorld) -> None:
    make_network_search(cw.tw)
    placement = {
        "kind": MeasureKind.RESIDENTIAL_INSTITUTION,
        "offer": cw.institution,
        "legal_ground": LegalGround.PLACEMENT_WITH_CONSENT,
        "siblings": "no_siblings",
    }
    with pytest.raises(MeasureRefused, match="mindre indgribende tilbud") as refused:
        decide(cw, **placement, intrusiveness_reason="   ")
    assert refused.value.field == "intrusiveness_reason"
    reason = "Familiebehandling er prøvet i et år uden at barnets sikkerhed er blevet bedre."
    decided = decide(cw, **placement, intrusiveness_reason=reason)
    assert decided.intrusiveness_reason == reason


def test_an_external_offer_on_the_same_rung_needs_no_reason(cw: CatalogueWorld) -> None:
    # Local before external is the order of the list; the reason rule is about the ladder.
    assert decide(cw, offer=cw.external).in_municipality is False


def test_the_reason_rule_counts_full_offers_as_fitting(cw: CatalogueWorld) -> None:
    make_measure(cw.tw, offer=cw.centre)
    make_measure(cw.tw, offer=cw.centre)
    make_network_search(cw.tw)
    with pytest.raises(MeasureRefused, match="mindre indgribende"):
        decide(
            cw,
            kind=MeasureKind.FOSTER_FAMILY,
            offer=None,
            provider="Plejefamilien Jensen",
            monthly_cost=40_000,
            legal_ground=LegalGround.PLACEMENT_WITH_CONSENT,
            siblings="no_siblings",
        )


# The network search before a placement ------------------------------------------------------


def _kinship(cw: CatalogueWorld, **fields: Any) -> Measure:
    return decide(
        cw,
        **{
            "kind": MeasureKind.KINSHIP_FOSTER_CARE,
            "offer": None,
            "provider": "Mormor, Inger Hansen",
            "monthly_cost": 12_000,
            "legal_ground": LegalGround.PLACEMENT_WITH_CONSENT,
            "siblings": "together",
            "intrusiveness_reason": "Barnet er ikke sikkert hjemme om natten.",
            "acute": True,
        }
        | fields,
    )


def test_a_placement_needs_a_network_search_first(cw: CatalogueWorld) -> None:
    with pytest.raises(MeasureRefused, match="netværk være afdækket"):
        _kinship(cw)
    assert not Measure.objects.exists()
    make_network_search(cw.tw, on=TODAY - timedelta(days=3))
    placed = _kinship(cw)
    assert (placed.acute, placed.siblings, placed.in_municipality) == (True, "together", True)


def test_a_network_search_older_than_policy_does_not_count(cw: CatalogueWorld) -> None:
    make_network_search(cw.tw, on=date(2025, 5, 9))  # 12 months and a day before TODAY
    with pytest.raises(MeasureRefused, match="højst 12 måneder"):
        _kinship(cw)
    make_network_search(cw.tw, on=date(2025, 5, 10))
    assert _kinship(cw).pk


def test_support_needs_no_network_search(cw: CatalogueWorld) -> None:
    assert decide(cw).pk


def test_a_network_search_is_recorded_with_an_audit_row(cw: CatalogueWorld) -> None:
    search = network_search_record(
        actor=cw.tw.owner,
        case=cw.tw.case,
        searched_on=TODAY,
        people_considered="Mormor",
        result="Kan tage barnet",
        found_carer=True,
    )
    assert AuditEvent.objects.filter(event_type="network_search.recorded", subject_id=search.pk)
    with pytest.raises(MeasureRefused, match="fremtiden"):
        network_search_record(
            actor=cw.tw.owner,
            case=cw.tw.case,
            searched_on=TODAY + timedelta(days=1),
            people_considered="Mormor",
            result="Kan",
            found_carer=False,
        )


# The decision's contents --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"legal_ground": LegalGround.PLACEMENT_WITH_CONSENT}, "støttegrundlag"),
        ({"purpose": " "}, "formålet"),
        ({"expected_months": 0}, "mindst 1 måned"),
        ({"decided_on": TODAY + timedelta(days=1)}, "fremtiden"),
        ({"offer": None, "provider": ""}, "hvem der leverer"),
        ({"offer": None, "provider": "Privat", "monthly_cost": None}, "udgiften"),
        ({"kind": MeasureKind.HOME_SUPPORT}, "er af typen familiebehandling"),
    ],
)
def test_a_decision_is_refused_with_a_danish_message(
    cw: CatalogueWorld, fields: dict[str, Any], message: str
) -> None:
    with pytest.raises(MeasureRefused, match=message):
        decide(cw, **fields)


def test_a_placement_needs_a_placement_ground_and_siblings(cw: CatalogueWorld) -> None:
    make_network_search(cw.tw)
    with pytest.raises(MeasureRefused, match="anbringelsesgrundlag"):
        _kinship(cw, legal_ground=LegalGround.SUPPORT_WITH_CONSENT)
    with pytest.raises(MeasureRefused, match="søskende"):
        _kinship(cw, siblings="")


def test_an_offer_for_other_ages_or_an_inactive_one_is_refused(cw: CatalogueWorld) -> None:
    with pytest.raises(MeasureRefused, match="fra 6 til 9 år; barnet er 4"):
        decide(cw, kind=MeasureKind.EARLY_PREVENTIVE, offer=cw.course)
    with pytest.raises(MeasureRefused, match="ikke længere aktivt"):
        decide(cw, kind=MeasureKind.CONTACT_PERSON, offer=cw.inactive)


def test_the_decision_links_to_the_plan_goals(cw: CatalogueWorld) -> None:
    goal = make_plan_goal(cw.tw)
    with pytest.raises(MeasureRefused, match="mindst ét af målene"):
        decide(cw)
    assert list(decide(cw, goals=[goal]).goals.all()) == [goal]


def test_a_goal_from_another_case_is_refused(cw: CatalogueWorld) -> None:
    plan = ChildPlan.objects.create(
        case=cw.tw.other_case, adopted_on=date(2026, 1, 1), created_by=cw.tw.other_worker
    )
    foreign = PlanGoal.objects.create(
        plan=plan, text="Andet", agreed_with_child=True, agreed_on=TODAY, created_by=cw.tw.owner
    )
    with pytest.raises(MeasureRefused, match="hører ikke til"):
        decide(cw, goals=[foreign])


def test_a_closed_case_takes_no_decision(cw: CatalogueWorld) -> None:
    cw.tw.case.status = "closed"
    with pytest.raises(MeasureRefused, match="lukket"):
        decide(cw)


# Starting, the waiting list and ending ------------------------------------------------------


def test_starting_sets_the_start_and_the_first_follow_up(cw: CatalogueWorld) -> None:
    decided = decide(cw)
    started = measure_start(
        actor=cw.tw.owner, measure=decided, expected_version=decided.version, start_date=TODAY
    )
    assert (started.status, started.start_date) == (MeasureStatus.ACTIVE, TODAY)
    expected = first_follow_up_due(kind=MeasureKind.FAMILY_TREATMENT, start_date=TODAY)
    assert started.next_follow_up_due == expected
    assert started.version == decided.version + 1


def test_an_interval_set_before_the_start_brings_the_first_follow_up_forward(
    cw: CatalogueWorld,
) -> None:
    decided = decide(cw)
    Measure.objects.filter(pk=decided.pk).update(
        follow_up_interval_weeks=2, follow_up_interval_reason="Tæt opfølgning i starten"
    )
    decided.refresh_from_db()
    started = measure_start(
        actor=cw.tw.owner, measure=decided, expected_version=decided.version, start_date=TODAY
    )
    assert started.next_follow_up_due == TODAY + timedelta(weeks=2)


def test_a_decision_with_a_start_date_starts_at_once(cw: CatalogueWorld) -> None:
    started = decide(cw, decided_on=date(2026, 5, 1), start_on=TODAY - timedelta(days=1))
    assert (started.status, started.start_date) == (MeasureStatus.ACTIVE, date(2026, 5, 9))
    assert started.next_follow_up_due is not None


def test_a_start_is_compare_and_set(cw: CatalogueWorld) -> None:
    decided = decide(cw)
    measure_start(actor=cw.tw.owner, measure=decided, expected_version=1, start_date=TODAY)
    with pytest.raises(Conflict):
        measure_start(actor=cw.tw.leader, measure=decided, expected_version=1, start_date=TODAY)


@pytest.mark.parametrize(
    ("start", "message"),
    [(TODAY + timedelta(days=1), "fremtiden"), (date(2026, 5, 1), "før den er besluttet")],
)
def test_a_start_date_is_checked(cw: CatalogueWorld, start: date, message: str) -> None:
    decided = decide(cw, decided_on=date(2026, 5, 5))
    with pytest.raises(MeasureRefused, match=message):
        measure_start(actor=cw.tw.owner, measure=decided, expected_version=1, start_date=start)


def test_a_full_offer_puts_the_child_on_the_waiting_list(cw: CatalogueWorld) -> None:
    first, second = decide(cw, start_on=TODAY), decide(cw, start_on=TODAY)
    waiting = decide(cw, start_on=TODAY)  # the start date waits with the child
    assert (first.status, second.status) == (MeasureStatus.ACTIVE, MeasureStatus.ACTIVE)
    assert (waiting.status, waiting.waiting_since, waiting.start_date) == (
        MeasureStatus.WAITING,
        TODAY,
        None,
    )
    with pytest.raises(MeasureRefused, match="ingen ledig plads"):
        measure_start(actor=cw.tw.owner, measure=waiting, expected_version=1, start_date=TODAY)


def test_when_a_place_frees_the_longest_waiting_starts_the_day_after(
    cw: CatalogueWorld, time_machine: time_machine.TimeMachineFixture
) -> None:
    first = decide(cw, start_on=TODAY)
    decide(cw, start_on=TODAY)
    waited_longest = decide(cw)
    time_machine.move_to(TODAY + timedelta(days=2), tick=False)
    waited_less = decide(cw, decided_on=TODAY + timedelta(days=2))
    measure_end(actor=cw.tw.owner, measure=first, expected_version=first.version, end_date=TODAY)
    waited_longest.refresh_from_db()
    waited_less.refresh_from_db()
    assert (waited_longest.status, waited_longest.start_date) == (
        MeasureStatus.ACTIVE,
        TODAY + timedelta(days=1),
    )
    assert waited_longest.next_follow_up_due is not None
    assert waited_less.status == MeasureStatus.WAITING


def test_ending_is_checked(cw: CatalogueWorld) -> None:
    started = decide(cw, decided_on=date(2026, 5, 1), start_on=date(2026, 5, 5))
    with pytest.raises(MeasureRefused, match="før startdatoen"):
        measure_end(
            actor=cw.tw.owner, measure=started, expected_version=2, end_date=date(2026, 5, 4)
        )
    with pytest.raises(MeasureRefused, match="fremtiden"):
        measure_end(
            actor=cw.tw.owner, measure=started, expected_version=2, end_date=TODAY + timedelta(1)
        )
    ended = measure_end(actor=cw.tw.owner, measure=started, expected_version=2, end_date=TODAY)
    assert (ended.status, ended.end_date, ended.next_follow_up_due) == ("ended", TODAY, None)


def test_a_waiting_decision_is_withdrawn_and_a_decided_one_gives_its_place_on(
    cw: CatalogueWorld,
) -> None:
    holds_a_place = decide(cw)
    decide(cw, start_on=TODAY)
    first_waiting, second_waiting = decide(cw), decide(cw)
    with pytest.raises(MeasureRefused, match="hvorfor"):
        measure_withdraw(actor=cw.tw.owner, measure=first_waiting, expected_version=1, reason=" ")
    withdrawn = measure_withdraw(
        actor=cw.tw.owner, measure=first_waiting, expected_version=1, reason="Hjælp i skolen"
    )
    assert (withdrawn.status, withdrawn.start_date) == (MeasureStatus.ENDED, None)
    measure_withdraw(actor=cw.tw.owner, measure=holds_a_place, expected_version=1, reason="Flyttet")
    second_waiting.refresh_from_db()
    assert (second_waiting.status, second_waiting.start_date) == (MeasureStatus.ACTIVE, TODAY)
    with pytest.raises(MeasureRefused, match="ikke er startet"):
        measure_withdraw(actor=cw.tw.owner, measure=second_waiting, expected_version=2, reason="x")
