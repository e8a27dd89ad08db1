"""Measures, follow-ups and supervision visits on the child's timeline: the case's team sees
them, nobody else does."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.cases.tests.factories import TeamWorld, make_team_world
from sikkerhedsnet.conftest import client_for
from sikkerhedsnet.measures.ladder import MeasureKind
from sikkerhedsnet.measures.models import (
    FollowUp,
    LegalGround,
    Measure,
    MeasureStatus,
    Offer,
    SupervisionVisit,
)
from sikkerhedsnet.measures.timeline import (
    follow_up_entries,
    measure_entries,
    supervision_entries,
    where,
)
from sikkerhedsnet.people.access import ChildAccess
from sikkerhedsnet.people.hooks import TimelineEntry
from sikkerhedsnet.people.models import User

SOURCES = (measure_entries, follow_up_entries, supervision_entries)


def measure(case: Case, **fields: Any) -> Measure:
    values: dict[str, Any] = {
        "case": case,
        "child": case.child,
        "kind": MeasureKind.FAMILY_TREATMENT,
        "provider": "Familiecentret",
        "in_municipality": True,
        "legal_ground": LegalGround.SUPPORT_WITH_CONSENT,
        "purpose": "Forældrene får hjælp til faste rutiner.",
        "expected_months": 6,
        "decided_on": date(2026, 4, 1),
        "monthly_cost": 14_000,
        **fields,
    }
    return Measure.objects.create(**values)


def measures_for(case: Case, worker: User) -> None:
    support = measure(
        case,
        status=MeasureStatus.ENDED,
        start_date=date(2026, 4, 15),
        end_date=date(2026, 6, 30),
    )
    first = measure(
        case,
        kind=MeasureKind.KINSHIP_FOSTER_CARE,
        provider="Mormor",
        legal_ground=LegalGround.PLACEMENT_WITH_CONSENT,
        decided_on=date(2026, 7, 1),
        status=MeasureStatus.ENDED,
        start_date=date(2026, 7, 1),
        end_date=date(2026, 9, 14),
        acute=True,
    )
    second = measure(
        case,
        kind=MeasureKind.FOSTER_FAMILY,
        provider="Plejefamilien Holm",
        legal_ground=LegalGround.PLACEMENT_WITH_CONSENT,
        decided_on=date(2026, 9, 10),
        status=MeasureStatus.ACTIVE,
        start_date=date(2026, 9, 15),
        moved_from=first,
    )
    FollowUp.objects.create(
        measure=support,
        held_on=date(2026, 6, 1),
        held_by=worker,
        what_changed="Morgenerne går bedre.",
        safety_scale=7,
        next_due=date(2026, 9, 1),
    )
    SupervisionVisit.objects.create(
        measure=second, visited_on=date(2026, 10, 20), visited_by=worker, spoke_with_child=True
    )


@pytest.fixture
def tw(db: None) -> TeamWorld:
    world = make_team_world()
    measures_for(world.case, world.owner)
    measures_for(world.other_case, world.other_worker)
    return world


def seen(viewer: User, tw: TeamWorld, limit: int = 50) -> list[TimelineEntry]:
    access = ChildAccess(child=tw.child, basis="test", can_see_full_cpr=False)
    found = [entry for source in SOURCES for entry in source(viewer, tw.child, access, limit=limit)]
    return sorted(found, key=lambda entry: entry.sort_key, reverse=True)


def test_the_caseworker_sees_the_childs_path_through_measures(tw: TeamWorld) -> None:
    assert [(entry.when, entry.title) for entry in seen(tw.owner, tw)] == [
        (date(2026, 10, 20), "Tilsynsbesøg, Plejefamilien Holm"),
        (date(2026, 9, 15), "Flyttet til Almen plejefamilie"),
        (date(2026, 9, 10), "Besluttet: Almen plejefamilie"),
        (date(2026, 7, 1), "Startet: Netværkspleje"),
        (date(2026, 7, 1), "Besluttet: Netværkspleje"),
        (date(2026, 6, 30), "Afsluttet: Familiebehandling"),
        (date(2026, 6, 1), "Opfølgning: Familiebehandling"),
        (date(2026, 4, 15), "Startet: Familiebehandling"),
        (date(2026, 4, 1), "Besluttet: Familiebehandling"),
    ]


def test_the_entries_say_what_matters(tw: TeamWorld) -> None:
    by_title = {entry.title: entry for entry in seen(tw.owner, tw)}
    assert by_title["Besluttet: Netværkspleje"].kind == "Anbringelse"
    assert by_title["Besluttet: Netværkspleje"].summary.startswith(
        "Netværkspleje, Mormor (akut). Forældrene"
    )
    assert by_title["Opfølgning: Familiebehandling"].summary == (
        "Sikkerhedsskala 7. Næste opfølgning senest 01.09.2026. Morgenerne går bedre."
    )
    assert by_title["Tilsynsbesøg, Plejefamilien Holm"].summary == "Talte med barnet"
    case = tw.case.pk
    moved = Measure.objects.get(case=tw.case, moved_from__isnull=False)
    assert by_title["Flyttet til Almen plejefamilie"].url == (
        f"/sager/{case}/foranstaltninger/{moved.pk}/"
    )
    assert by_title["Opfølgning: Familiebehandling"].url.endswith("/opfoelgning/")
    assert by_title["Tilsynsbesøg, Plejefamilien Holm"].url == (
        f"/sager/{case}/foranstaltninger/{moved.pk}/tilsyn/"
    )


@pytest.mark.parametrize("who", ["owner", "colleague", "leader"])
def test_the_cases_team_sees_it(tw: TeamWorld, who: str) -> None:
    assert len(seen(getattr(tw, who), tw)) == 9


@pytest.mark.parametrize("who", ["other_worker", "other_leader", "fagperson", "intake"])
def test_no_one_else_sees_anything(tw: TeamWorld, who: str) -> None:
    assert seen(getattr(tw, who), tw) == []


def test_a_measure_decided_but_not_started_shows_the_decision_only(tw: TeamWorld) -> None:
    measure(tw.case, decided_on=date(2026, 11, 1), start_date=date(2026, 12, 1))
    titles = [entry.title for entry in seen(tw.owner, tw) if entry.when >= date(2026, 11, 1)]
    assert titles == ["Besluttet: Familiebehandling"]


def test_the_limit_keeps_the_newest_events(tw: TeamWorld) -> None:
    access = ChildAccess(child=tw.child, basis="test", can_see_full_cpr=False)
    found = measure_entries(tw.owner, tw.child, access, limit=2)
    assert [entry.title for entry in found] == [
        "Flyttet til Almen plejefamilie",
        "Besluttet: Almen plejefamilie",
    ]


def test_an_offer_is_named_with_its_provider_when_that_says_more(tw: TeamWorld) -> None:
    local = Offer.objects.create(
        name="Børnehuset", provider="Kommunen", kind=MeasureKind.DAY_TREATMENT, monthly_price=1
    )
    external = Offer.objects.create(
        name="Plejefamilier",
        provider="Familieplejen Midt",
        kind=MeasureKind.FOSTER_FAMILY,
        in_municipality=False,
        monthly_price=1,
    )
    network = Offer.objects.create(
        name="Netværkspleje", provider="Kommunen", kind=MeasureKind.KINSHIP_FOSTER_CARE,
        monthly_price=1,
    )  # fmt: skip
    assert where(measure(tw.case, offer=local, provider="Kommunen")) == "Børnehuset"
    assert (
        where(measure(tw.case, offer=external, provider="Familieplejen Midt"))
        == "Plejefamilier (Familieplejen Midt)"
    )
    assert where(measure(tw.case, offer=network, provider="Mormor")) == "Netværkspleje (Mormor)"


def test_one_query_per_source_after_the_teams(
    tw: TeamWorld, django_assert_max_num_queries: object
) -> None:
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        seen(tw.owner, tw)  # each source: the viewer's teams, then its entries


@pytest.mark.parametrize("who", ["owner", "colleague", "leader"])
def test_every_link_opens_for_the_viewer_it_is_shown_to(tw: TeamWorld, who: str) -> None:
    viewer = getattr(tw, who)
    client = client_for(viewer)
    for url in {entry.url for entry in seen(viewer, tw)}:
        assert client.get(url).status_code == 200, url
