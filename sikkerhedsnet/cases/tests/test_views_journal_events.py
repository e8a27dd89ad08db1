"""The journal on the case page: notes and automatic entries together, newest first, each event
marked and linked back; "Kun notater"; a page at a time; only for those who may see the case."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from sikkerhedsnet.cases.models import JournalEntry, JournalKind
from sikkerhedsnet.cases.services.journal import journal_entry_add, journal_event_record
from sikkerhedsnet.cases.tests.factories import TeamWorld, make_team_world
from sikkerhedsnet.conftest import client_for
from sikkerhedsnet.measures.ladder import MeasureKind
from sikkerhedsnet.measures.models import LegalGround, Measure
from sikkerhedsnet.measures.services.decisions import measure_decide

TODAY = date(2026, 5, 4)

pytestmark = pytest.mark.usefixtures("today")

DECIDED_TITLE = "Afgørelse: Familiebehandling bevilget (Barnets Lov § 32)"


@pytest.fixture
def tw(db: None) -> TeamWorld:
    return make_team_world()


def _decide(tw: TeamWorld) -> Measure:
    return measure_decide(
        actor=tw.owner,
        case=tw.case,
        kind=MeasureKind.FAMILY_TREATMENT,
        offer=None,
        provider="Familiecentret",
        monthly_cost=18_000,
        legal_ground=LegalGround.SUPPORT_WITH_CONSENT,
        purpose="Forældrene lærer at sætte grænser",
        expected_months=6,
        decided_on=date(2026, 5, 3),
    )


def _note(tw: TeamWorld, title: str, on: date = date(2026, 5, 4)) -> JournalEntry:
    return journal_entry_add(
        actor=tw.owner,
        case=tw.case,
        kind=JournalKind.PHONE,
        occurred_on=on,
        title=title,
        text="Mor ringede.",
    )


def _page(tw: TeamWorld, who: str = "owner", query: str = "") -> str:
    url = reverse("cases:detail", args=[tw.case.pk]) + query
    response = client_for(getattr(tw, who)).get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_notes_and_events_newest_first(tw: TeamWorld) -> None:
    measure = _decide(tw)
    _note(tw, "Samtale med mor")
    text = _page(tw)
    assert text.index("Samtale med mor") < text.index(DECIDED_TITLE)
    assert "Automatisk" in text
    assert "Leverandør: Familiecentret" in text
    # The event links back to the measure it came from.
    assert reverse("measures:measure_detail", args=[tw.case.pk, measure.pk]) in text
    assert "Se foranstaltningen" in text


def test_only_notes_leaves_the_events_out(tw: TeamWorld) -> None:
    _decide(tw)
    _note(tw, "Samtale med mor")
    text = _page(tw, query="?vis=notater")
    assert "Samtale med mor" in text
    assert DECIDED_TITLE not in text


def test_an_event_is_corrected_by_a_note_naming_it(tw: TeamWorld) -> None:
    _decide(tw)
    event = JournalEntry.objects.get(case=tw.case, kind=JournalKind.EVENT)
    text = _page(tw)
    assert f"?retter={event.pk}" in text
    form = client_for(tw.owner).get(
        reverse("cases:journal_add", args=[tw.case.pk]) + f"?retter={event.pk}"
    )
    assert form.context["form"].initial["kind"] == JournalKind.NOTE


def test_a_long_journal_is_shown_a_page_at_a_time_keeping_the_filter(tw: TeamWorld) -> None:
    for days in range(30):
        _note(tw, f"Samtale nr. {days}", on=TODAY - timedelta(days=days))
    journal_event_record(
        case=tw.case, actor=tw.owner, occurred_on=TODAY, title="Hændelsen", event="test.x"
    )
    first = _page(tw, query="?vis=notater")
    assert "Samtale nr. 0" in first
    assert "Samtale nr. 29" not in first
    assert "vis=notater&amp;side=2" in first
    second = _page(tw, query="?vis=notater&side=2")
    assert "Samtale nr. 29" in second
    assert "Hændelsen" not in second


def test_a_read_only_colleague_sees_the_events_but_cannot_correct_them(tw: TeamWorld) -> None:
    _decide(tw)
    text = _page(tw, "colleague")
    assert DECIDED_TITLE in text
    assert "?retter=" not in text


@pytest.mark.parametrize("who", ["other_worker", "other_leader", "fagperson", "intake"])
def test_someone_outside_the_case_sees_no_events(tw: TeamWorld, who: str) -> None:
    _decide(tw)
    response = client_for(getattr(tw, who)).get(reverse("cases:detail", args=[tw.case.pk]))
    assert response.status_code == 404
    assert DECIDED_TITLE not in response.content.decode()
