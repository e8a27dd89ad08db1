"""The front page's case panels: a rådgiver's next deadlines, a faglig leder's teams."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from sikkerhedsnet.cases.tests.factories import CaseFactory, make_team_world
from sikkerhedsnet.conftest import client_for
from sikkerhedsnet.people.models import User


def home(user: User) -> str:
    return client_for(user).get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_the_caseworker_sees_her_deadline_within_14_days_and_no_one_elses() -> None:
    tw = make_team_world()  # the case's child assessment is due 01.07.2026 (4 months)
    due = tw.case.assessment_due_on.strftime("%d.%m.%Y")
    with time_machine.travel(datetime(2026, 6, 20, 10, tzinfo=UTC), tick=False):
        page = home(tw.owner)
        assert "Dine frister de næste 14 dage" in page
        assert f"{due}: " in page
        assert reverse("cases:detail", args=[tw.case.pk]) in page
        for user in (tw.colleague, tw.other_worker):
            assert reverse("cases:detail", args=[tw.case.pk]) not in home(user)
        for user in (tw.fagperson, tw.intake, tw.leader):
            assert "Dine frister de næste 14 dage" not in home(user)
    with time_machine.travel(datetime(2026, 5, 1, 10, tzinfo=UTC), tick=False):
        assert "Du har ingen frister de næste 14 dage." in home(tw.owner)
    with time_machine.travel(datetime(2026, 7, 20, 10, tzinfo=UTC), tick=False):
        assert "Overskredet" in home(tw.owner)


@pytest.mark.django_db
def test_the_team_leader_sees_caseloads_and_the_case_without_a_caseworker() -> None:
    tw = make_team_world()
    free = CaseFactory.create(team=tw.team, caseworker=None)
    other_free = CaseFactory.create(team=tw.other_team, caseworker=None)
    page = home(tw.leader)
    assert "Dine teams" in page
    assert "Rikke" in page
    assert "1 åben sag" in page
    assert reverse("cases:assign", args=[free.pk]) in page
    assert reverse("cases:assign", args=[other_free.pk]) not in page
    assert reverse("cases:assign", args=[free.pk]) not in home(tw.other_leader)
    for user in (tw.owner, tw.fagperson, tw.intake):
        page = home(user)
        assert "Dine teams" not in page
        assert reverse("cases:assign", args=[free.pk]) not in page
