"""The pages of decisions and their letters: the letter's PDF (for those who may read the case),
the refusal form, the decisions on the measure's page, the reason asked when a measure ends, and
the journal's links back."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from sikkerhedsnet.audit.models import AccessLog
from sikkerhedsnet.conftest import client_for
from sikkerhedsnet.measures.ladder import MeasureKind
from sikkerhedsnet.measures.models import DecisionOutcome, LegalGround, MeasureDecision
from sikkerhedsnet.measures.services.refusals import measure_refuse
from sikkerhedsnet.measures.tests.catalogue_world import (
    TODAY,
    CatalogueWorld,
    catalogue_world,
    make_measure,
)
from sikkerhedsnet.people.models import Role
from sikkerhedsnet.people.tests.factories import CustodyFactory, GuardianFactory, staff
from sikkerhedsnet.post.models import Letter
from sikkerhedsnet.post.tests.factories import make_letter

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def cw(db: None) -> CatalogueWorld:
    world = catalogue_world()
    mother = GuardianFactory.create(first_name="Mette", cpr="0101901234")
    CustodyFactory.create(child=world.tw.case.child, guardian=mother)
    return world


def refuse(cw: CatalogueWorld, **fields: Any) -> MeasureDecision:
    defaults: dict[str, Any] = {
        "actor": cw.tw.owner,
        "case": cw.tw.case,
        "kind": MeasureKind.CONTACT_PERSON,
        "legal_ground": LegalGround.SUPPORT_WITH_CONSENT,
        "request": "Mor har søgt om en kontaktperson.",
        "reason": "Behovet dækkes af familiebehandlingen.",
        "decided_on": TODAY,
    }
    return measure_refuse(**(defaults | fields))


def pdf_url(cw: CatalogueWorld, letter: Letter) -> str:
    return reverse("measures:decision_letter_pdf", args=[cw.tw.case.pk, letter.pk])


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("owner", 200),
        ("leader", 200),
        ("colleague", 200),  # reads the case in her team, so its letters too
        ("other_worker", 404),  # a caseworker outside the case's team
        ("other_leader", 404),
        ("fagperson", 404),
        ("intake", 404),
    ],
)
def test_it_requires_access(cw: CatalogueWorld, who: str, status: int) -> None:
    [letter] = Letter.objects.for_subject(refuse(cw))
    client = client_for(getattr(cw.tw, who))
    response = client.get(pdf_url(cw, letter))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    detail = reverse("measures:decision_detail", args=[cw.tw.case.pk, letter.subject_id])
    assert client.get(detail).status_code == status


def test_an_outsider_gets_404(cw: CatalogueWorld) -> None:
    [letter] = Letter.objects.for_subject(refuse(cw))
    outsider = staff(Role.CASEWORKER, username="ude")
    assert client_for(outsider).get(pdf_url(cw, letter)).status_code == 404


def test_only_this_cases_decision_letters_are_served(cw: CatalogueWorld) -> None:
    client = client_for(cw.tw.owner)
    other_area = make_letter(author=cw.tw.owner, child=cw.tw.case.child)
    assert client.get(pdf_url(cw, other_area)).status_code == 404
    [letter] = Letter.objects.for_subject(refuse(cw))
    other_case = reverse("measures:decision_letter_pdf", args=[cw.tw.other_case.pk, letter.pk])
    assert client_for(cw.tw.other_worker).get(other_case).status_code == 404


def test_the_pdf_is_logged_as_a_read_of_the_child(cw: CatalogueWorld) -> None:
    [letter] = Letter.objects.for_subject(refuse(cw))
    client_for(cw.tw.colleague).get(pdf_url(cw, letter))
    assert AccessLog.objects.filter(
        user=cw.tw.colleague, child=cw.tw.case.child, shown="Afgørelsesbrev"
    ).exists()


def test_the_measure_page_shows_each_letter_and_its_status(cw: CatalogueWorld) -> None:
    measure = make_measure(cw.tw)
    client = client_for(cw.tw.owner)
    url = reverse("measures:measure_end", args=[cw.tw.case.pk, measure.pk])
    response = client.post(url, {"version": 1, "end_date": "10.05.2026", "reason": "Målet er nået"})
    assert response.status_code == 302
    decision = measure.decisions.get()
    assert (decision.outcome, decision.reason) == (DecisionOutcome.ENDED, "Målet er nået")
    [letter] = Letter.objects.for_subject(decision)
    page = client.get(reverse("measures:measure_detail", args=[cw.tw.case.pk, measure.pk]))
    html = page.content.decode()
    assert "Afgørelser og breve" in html
    assert "Brev til Mette Hansen" in html
    assert "Afventer afsendelse" in html
    assert pdf_url(cw, letter) in html


def test_ending_asks_for_the_reason(cw: CatalogueWorld) -> None:
    measure = make_measure(cw.tw)
    url = reverse("measures:measure_end", args=[cw.tw.case.pk, measure.pk])
    response = client_for(cw.tw.owner).post(url, {"version": 1, "end_date": "10.05.2026"})
    assert response.status_code == 400
    assert "Skriv, hvorfor foranstaltningen slutter." in response.content.decode()
    assert not MeasureDecision.objects.exists()


def test_a_failed_letter_links_to_its_follow_up(cw: CatalogueWorld) -> None:
    decision = refuse(cw)
    [letter] = Letter.objects.for_subject(decision)
    Letter.objects.filter(pk=letter.pk).update(status="failed")
    url = reverse("measures:decision_detail", args=[cw.tw.case.pk, decision.pk])
    html = client_for(cw.tw.owner).get(url).content.decode()
    assert "Kunne ikke sendes" in html
    assert reverse("post:letter", args=[letter.pk]) in html


# Refusing -----------------------------------------------------------------------------------


def test_refusing_from_the_case(cw: CatalogueWorld) -> None:
    client = client_for(cw.tw.owner)
    url = reverse("measures:refusal_new", args=[cw.tw.case.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "kind": MeasureKind.CONTACT_PERSON,
            "legal_ground": LegalGround.SUPPORT_WITH_CONSENT,
            "request": "Mor har søgt om en kontaktperson.",
            "reason": "Behovet dækkes af familiebehandlingen.",
            "decided_on": "10.05.2026",
        },
    )
    decision = MeasureDecision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "measures:decision_detail", args=[cw.tw.case.pk, decision.pk]
    )
    assert (decision.outcome, decision.kind, decision.decided_on) == (
        DecisionOutcome.REFUSED,
        MeasureKind.CONTACT_PERSON,
        date(2026, 5, 10),
    )
    assert Letter.objects.for_subject(decision).count() == 1
    case_page = client.get(reverse("cases:detail", args=[cw.tw.case.pk])).content.decode()
    assert "Afslag på kontaktperson, 10.05.2026" in case_page


def test_a_refusal_without_a_reason_is_refused_in_danish(cw: CatalogueWorld) -> None:
    url = reverse("measures:refusal_new", args=[cw.tw.case.pk])
    response = client_for(cw.tw.owner).post(
        url,
        {
            "kind": MeasureKind.CONTACT_PERSON,
            "legal_ground": LegalGround.SUPPORT_WITH_CONSENT,
            "request": "Mor har søgt.",
            "reason": "",
            "decided_on": "10.05.2026",
        },
    )
    assert response.status_code == 400
    assert "Skriv begrundelsen for afslaget." in response.content.decode()
    assert not MeasureDecision.objects.exists()


def test_a_colleague_cannot_refuse(cw: CatalogueWorld) -> None:
    url = reverse("measures:refusal_new", args=[cw.tw.case.pk])
    client = client_for(cw.tw.colleague)
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "x"}).status_code == 404


# The journal --------------------------------------------------------------------------------


def test_the_journal_links_the_refusal_and_its_letter(cw: CatalogueWorld) -> None:
    decision = refuse(cw)
    [letter] = Letter.objects.for_subject(decision)
    html = client_for(cw.tw.owner).get(reverse("cases:detail", args=[cw.tw.case.pk]))
    content = html.content.decode()
    assert "Brev til Mette Hansen: Afgørelse: afslag på kontaktperson" in content
    assert pdf_url(cw, letter) in content
    assert reverse("measures:decision_detail", args=[cw.tw.case.pk, decision.pk]) in content
