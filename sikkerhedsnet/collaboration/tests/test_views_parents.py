"""The unit plan for the parents: access for owner, colleague and outsider, the PDF without the
unit's internal notes, sending, and the parents' answers shown on the plan."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client

from sikkerhedsnet.collaboration.models import ParentAnswer, PlanAgreement, PlanReview, UnitPlan
from sikkerhedsnet.collaboration.services.parents import unit_plan_send_to_parents
from sikkerhedsnet.collaboration.tests.factories import PlanActionFactory, UnitPlanFactory
from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.people.models import Guardian
from sikkerhedsnet.post.models import Letter

TODAY = date(2026, 11, 2)
INTERNAL = "Mor virker presset; vi holder øje med afhentningerne."
pytestmark = pytest.mark.usefixtures("today")
Capture = Callable[..., Any]


@pytest.fixture
def plan(world: World) -> UnitPlan:
    plan = UnitPlanFactory.create(
        child=world.child,
        unit=world.unit,
        created_by=world.owner,
        created_on=TODAY,
        review_due=date(2026, 12, 28),
        goals="Emil leger med de andre børn hver dag.",
    )
    PlanActionFactory.create(plan=plan, description="Voksenstøttet leg", due_on=date(2026, 11, 20))
    PlanReview.objects.create(
        plan=plan,
        reviewed_on=TODAY,
        reviewed_by=world.owner,
        note=INTERNAL,
        outcome="continue",
        next_review_due=date(2026, 12, 28),
    )
    return plan


@pytest.fixture
def mother(world: World) -> Guardian:
    guardian = world.child.custodies.get().guardian
    guardian.cpr, guardian.first_name = "0101901234", "Mette"
    guardian.save()
    return guardian


def _base(world: World, plan: UnitPlan) -> str:
    return f"/boern/{world.child.pk}/handleplaner/{plan.pk}/"


def _text(response: Any) -> str:
    return str(response.content.decode())


def test_it_requires_access(world: World, plan: UnitPlan, mother: Guardian) -> None:
    base = _base(world, plan)
    [letter] = unit_plan_send_to_parents(actor=world.owner, plan=plan, guardians=[mother])
    for url in (f"{base}foraeldre/", f"{base}foraeldre.pdf", f"{base}breve/{letter.pk}.pdf"):
        assert client_for(world.owner).get(url).status_code == 200, url
        assert client_for(world.colleague).get(url).status_code == 200, url
        assert client_for(world.outsider).get(url).status_code == 404, url
        assert Client().get(url).status_code == 302, url
    outsider = client_for(world.outsider)
    assert outsider.post(f"{base}foraeldre/send/", {"guardians": [mother.pk]}).status_code == 404
    answer = {"guardian": mother.pk, "answer": "agreed", "answered_on": "02.11.2026"}
    assert outsider.post(f"{base}foraeldre/svar/", answer).status_code == 404
    assert Letter.objects.count() == 1
    assert not PlanAgreement.objects.exists()


def test_the_plan_page_offers_the_print_for_the_parents(world: World, plan: UnitPlan) -> None:
    page = _text(client_for(world.colleague).get(_base(world, plan)))
    assert f"{_base(world, plan)}foraeldre/" in page
    assert "Udskriv til forældrene" in page


def test_the_pdf_is_a_pdf_and_the_page_for_the_parents_has_no_internal_note(
    world: World, plan: UnitPlan
) -> None:
    client = client_for(world.colleague)
    page = _text(client.get(f"{_base(world, plan)}foraeldre/"))
    assert "Emil leger med de andre børn hver dag." in page
    assert "Voksenstøttet leg" in page
    assert INTERNAL not in page
    pdf = client.get(f"{_base(world, plan)}foraeldre.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert "udgave-1" in pdf["Content-Disposition"]


def test_sending_from_the_page(
    world: World, plan: UnitPlan, mother: Guardian, django_capture_on_commit_callbacks: Capture
) -> None:
    client = client_for(world.colleague)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{_base(world, plan)}foraeldre/send/", {"guardians": [mother.pk]})
    assert response.status_code == 302
    page = _text(client.get(response["Location"]))
    assert "Planen er sendt til 1 forælder." in page
    letter = Letter.objects.for_subject(plan).get()
    assert letter.kind == "collaboration.unit_plan"
    assert f"{_base(world, plan)}breve/{letter.pk}.pdf" in page
    assert "Sendt" in page


def test_sending_to_nobody_is_refused_at_the_field(
    world: World, plan: UnitPlan, mother: Guardian
) -> None:
    response = client_for(world.colleague).post(f"{_base(world, plan)}foraeldre/send/", {})
    assert response.status_code == 400
    assert "Vælg, hvem planen skal sendes til." in _text(response)
    assert not Letter.objects.exists()


def test_the_answer_is_shown_on_the_plan_and_marked_when_the_plan_changed_since(
    world: World, plan: UnitPlan, mother: Guardian
) -> None:
    client = client_for(world.colleague)
    response = client.post(
        f"{_base(world, plan)}foraeldre/svar/",
        {
            "guardian": mother.pk,
            "answer": ParentAnswer.NOT_AGREED,
            "comment": "Emil skal ikke lege i små grupper.",
            "answered_on": "02.11.2026",
        },
        follow=True,
    )
    page = _text(response)
    assert "Forælderens svar er gemt." in page
    assert "Mette Hansen: Ikke enig i planen" in page
    assert "Emil skal ikke lege i små grupper." in page
    assert "Svaret gælder planen, som den er nu (udgave 1)." in page
    client.post(
        f"{_base(world, plan)}rediger/",
        {
            "version": str(plan.version),
            "goals": "Emil leger med én ven.",
            "review_due": "28.12.2026",
        },
    )
    page = _text(client.get(_base(world, plan)))
    assert "Svaret gælder udgave 1 af planen. Planen er ændret siden (nu udgave 2)." in page


def test_not_agreeing_without_the_parents_words_is_refused_and_kept(
    world: World, plan: UnitPlan, mother: Guardian
) -> None:
    response = client_for(world.colleague).post(
        f"{_base(world, plan)}foraeldre/svar/",
        {"guardian": mother.pk, "answer": ParentAnswer.NOT_AGREED, "answered_on": "02.11.2026"},
    )
    assert response.status_code == 400
    assert "med forælderens egne ord" in _text(response)
    assert not PlanAgreement.objects.exists()
