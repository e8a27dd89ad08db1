"""Measures in the case journal: each decision, start, end, withdrawal, move, follow-up, visit and
network search is one automatic entry, written by its service."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from sikkerhedsnet.cases.hooks import journal_links
from sikkerhedsnet.cases.models import JournalEntry, JournalKind
from sikkerhedsnet.measures import journal
from sikkerhedsnet.measures.ladder import MeasureKind
from sikkerhedsnet.measures.models import LegalGround, Measure, MeasureStatus
from sikkerhedsnet.measures.services.decisions import (
    measure_decide,
    measure_end,
    measure_withdraw,
    network_search_record,
)
from sikkerhedsnet.measures.services.follow_up import follow_up_record
from sikkerhedsnet.measures.services.placements import measure_move
from sikkerhedsnet.measures.services.supervision import supervision_visit_record
from sikkerhedsnet.measures.tests.catalogue_world import (
    TODAY,
    CatalogueWorld,
    catalogue_world,
    make_measure,
    make_network_search,
)

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def cw(db: None) -> CatalogueWorld:
    return catalogue_world()


def entries(cw: CatalogueWorld, event: str | None = None) -> list[JournalEntry]:
    found = JournalEntry.objects.filter(case=cw.tw.case, kind=JournalKind.EVENT)
    return list(found.filter(event=event) if event else found)


def decide(cw: CatalogueWorld, **fields: Any) -> Measure:
    defaults: dict[str, Any] = {
        "actor": cw.tw.owner,
        "case": cw.tw.case,
        "kind": MeasureKind.FAMILY_TREATMENT,
        "offer": cw.centre,
        "legal_ground": LegalGround.SUPPORT_WITH_CONSENT,
        "purpose": "Forældrene lærer at sætte grænser",
        "expected_months": 6,
        "decided_on": TODAY,
    }
    return measure_decide(**(defaults | fields))


def test_a_decision_is_one_entry_naming_the_paragraph(cw: CatalogueWorld) -> None:
    measure = decide(cw)
    [entry] = entries(cw)
    assert (entry.event, entry.source_type, entry.source_id, entry.occurred_on) == (
        journal.MEASURE_DECIDED,
        "measures.measure",
        measure.pk,
        TODAY,
    )
    assert entry.title == "Afgørelse: Familiebehandling bevilget (Barnets Lov § 32)"
    assert entry.text == (
        "Leverandør: Familiecentret\n"
        "Formål: Forældrene lærer at sætte grænser\n"
        "Forventet varighed: 6 måneder."
    )


def test_a_decision_started_at_once_is_a_decision_and_a_start(cw: CatalogueWorld) -> None:
    decide(cw, start_on=TODAY)
    started, decided = entries(cw)
    assert decided.event == journal.MEASURE_DECIDED
    assert started.title == "Foranstaltning startet: Familiebehandling"
    assert "Første opfølgning senest 10.08.2026." in started.text


def test_a_placement_decision_names_consent_and_paragraph(cw: CatalogueWorld) -> None:
    make_network_search(cw.tw)
    decide(
        cw,
        kind=MeasureKind.RESIDENTIAL_INSTITUTION,
        offer=cw.institution,
        legal_ground=LegalGround.PLACEMENT_WITHOUT_CONSENT,
        siblings="no_siblings",
        intrusiveness_reason="Barnet er ikke sikkert hjemme.",
    )
    [entry] = entries(cw)
    assert entry.title == (
        "Afgørelse: Anbringelse uden samtykke, døgninstitution (Barnets Lov § 47)"
    )
    assert "Begrundelse for at vælge en mere indgribende foranstaltning: Barnet er ikke" in (
        entry.text
    )


def test_the_waiting_list_starting_a_measure_is_an_entry(cw: CatalogueWorld) -> None:
    first = make_measure(cw.tw, offer=cw.centre)
    make_measure(cw.tw, offer=cw.centre)
    waiting = decide(cw)
    assert waiting.status == MeasureStatus.WAITING
    [decided] = entries(cw)
    assert "Tilbuddet er fuldt. Barnet står på venteliste fra 10.05.2026." in decided.text
    measure_end(actor=cw.tw.leader, measure=first, expected_version=1, end_date=TODAY)
    [ended] = entries(cw, journal.MEASURE_ENDED)
    assert (ended.source_id, ended.title) == (
        first.pk,
        "Foranstaltning afsluttet: Familiebehandling",
    )
    [started] = entries(cw, journal.MEASURE_STARTED)
    assert started.source_id == waiting.pk
    assert "Startet fra ventelisten, da der blev en plads ledig." in started.text
    assert started.written_by == cw.tw.leader
    assert len(entries(cw)) == 3


def test_a_withdrawal_is_one_entry_with_its_reason(cw: CatalogueWorld) -> None:
    measure = decide(cw)
    measure_withdraw(
        actor=cw.tw.owner, measure=measure, expected_version=1, reason="Familien er flyttet."
    )
    [entry] = entries(cw, journal.MEASURE_WITHDRAWN)
    assert entry.title == "Afgørelse trukket tilbage: Familiebehandling"
    assert entry.text == "Besluttet 10.05.2026.\nBegrundelse: Familien er flyttet."
    assert len(entries(cw)) == 2


def test_a_move_is_one_entry_not_an_end_and_a_start(cw: CatalogueWorld) -> None:
    placed = make_measure(
        cw.tw,
        kind=MeasureKind.FOSTER_FAMILY,
        provider="Plejefamilien Jensen",
        legal_ground=LegalGround.PLACEMENT_WITH_CONSENT,
        siblings="apart",
        start_date=date(2026, 1, 1),
    )
    successor = measure_move(
        actor=cw.tw.owner,
        measure=placed,
        expected_version=placed.version,
        moved_on=date(2026, 4, 1),
        kind=MeasureKind.KINSHIP_FOSTER_CARE,
        offer=None,
        provider="Moster Lise",
        monthly_cost=12_000,
        siblings="together",
    )
    [entry] = entries(cw)
    assert (entry.event, entry.source_id, entry.occurred_on) == (
        journal.PLACEMENT_MOVED,
        successor.pk,
        date(2026, 4, 1),
    )
    assert entry.title == "Barnet er flyttet fra almen plejefamilie til netværkspleje"
    assert "Fra: Plejefamilien Jensen (sidste dag 31.03.2026)\nTil: Moster Lise" in entry.text


def test_a_follow_up_is_one_entry(cw: CatalogueWorld) -> None:
    measure = make_measure(cw.tw, start_date=date(2026, 3, 1))
    follow_up_record(
        actor=cw.tw.owner,
        measure=measure,
        held_on=date(2026, 5, 5),
        child_took_part=True,
        family_took_part=True,
        network_took_part=False,
        professionals="Familiebehandler Ida",
        what_changed="Morgenerne fungerer bedre.",
        safety_scale=6,
    )
    [entry] = entries(cw)
    assert (entry.title, entry.occurred_on) == ("Opfølgning på familiebehandling", date(2026, 5, 5))
    assert entry.text.splitlines()[:3] == [
        "Deltog: barnet, familien, Familiebehandler Ida.",
        "Hvad har ændret sig: Morgenerne fungerer bedre.",
        "Sikkerhedsskala: 6.",
    ]


def test_a_supervision_visit_is_one_entry(cw: CatalogueWorld) -> None:
    placed = make_measure(
        cw.tw,
        kind=MeasureKind.FOSTER_FAMILY,
        provider="Plejefamilien Jensen",
        legal_ground=LegalGround.PLACEMENT_WITH_CONSENT,
    )
    supervision_visit_record(
        actor=cw.tw.owner,
        measure=placed,
        visited_on=date(2026, 5, 6),
        visited_by=cw.tw.colleague,
        spoke_with_child=False,
        note="Barnet var i skole.",
    )
    [entry] = entries(cw)
    assert entry.title == "Tilsynsbesøg: Plejefamilien Jensen"
    assert entry.text == (
        f"Besøget af {cw.tw.colleague}.\nTalte ikke med barnet.\nBarnet var i skole."
    )


def test_a_network_search_is_one_entry(cw: CatalogueWorld) -> None:
    network_search_record(
        actor=cw.tw.owner,
        case=cw.tw.case,
        searched_on=TODAY,
        people_considered="Mormor",
        result="Mormor kan ikke tage barnet.",
        found_carer=False,
    )
    [entry] = entries(cw)
    assert entry.title == "Netværksafdækning: netværket kan ikke tage barnet"
    assert entry.text == "Overvejet: Mormor\nResultat: Mormor kan ikke tage barnet."


def test_the_entries_link_back_to_the_measure_pages(cw: CatalogueWorld) -> None:
    measure = decide(cw)
    placed = make_measure(
        cw.tw, kind=MeasureKind.FOSTER_FAMILY, legal_ground=LegalGround.PLACEMENT_WITH_CONSENT
    )
    follow_up_record(
        actor=cw.tw.owner,
        measure=placed,
        held_on=TODAY,
        child_took_part=True,
        family_took_part=False,
        network_took_part=False,
        professionals="",
        what_changed="Godt.",
        safety_scale=None,
    )
    supervision_visit_record(
        actor=cw.tw.owner,
        measure=placed,
        visited_on=TODAY,
        visited_by=cw.tw.owner,
        spoke_with_child=True,
        note="",
    )
    case = cw.tw.case.pk
    links = journal_links(cw.tw.case, entries(cw))
    urls = {entry.event: links[entry.pk].url for entry in entries(cw)}
    assert urls == {
        journal.MEASURE_DECIDED: reverse("measures:measure_detail", args=[case, measure.pk]),
        journal.FOLLOW_UP_RECORDED: reverse("measures:follow_up", args=[case, placed.pk]),
        journal.SUPERVISION_VISIT_RECORDED: reverse("measures:supervision", args=[case, placed.pk]),
    }
