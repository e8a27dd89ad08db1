"""The generated cases: a team for every case, loads filled towards the cap, history rows."""

from __future__ import annotations

import pytest
from django.db.models import Count

from sikkerhedsnet.cases.access import team_ids
from sikkerhedsnet.cases.models import Case, CaseAssignment, CaseStatus
from sikkerhedsnet.people.models import Role, UnitKind
from sikkerhedsnet.policy import get_policy
from sikkerhedsnet.synth.context import SynthContext
from sikkerhedsnet.synth.pipeline import generate
from sikkerhedsnet.synth.tests.conftest import TODAY


@pytest.fixture
def municipality(db: None) -> SynthContext:
    return generate(children=2000, seed=3, today=TODAY)


def test_every_case_has_a_caseworker_team(municipality: SynthContext) -> None:
    cases = Case.objects.select_related("team")
    assert cases.exists()
    assert all(case.team and case.team.kind == UnitKind.FAMILY_DEPARTMENT for case in cases)
    assert not Case.objects.filter(team__staff__role=Role.INTAKE).exists()


def test_an_assigned_case_is_with_a_caseworker_of_its_team(municipality: SynthContext) -> None:
    assigned = Case.objects.filter(caseworker__isnull=False).select_related("caseworker")
    assert assigned.exists()
    for case in assigned:
        assert case.status == CaseStatus.OPEN
        assert case.caseworker is not None
        assert case.team_id in team_ids(case.caseworker, day=TODAY)
        assignment = CaseAssignment.objects.get(case=case, until__isnull=True)
        assert assignment.caseworker_id == case.caseworker_id
        assert assignment.assigned_by.role == Role.TEAM_LEADER


def test_loads_fill_up_towards_the_cap(municipality: SynthContext) -> None:
    loads = (
        Case.objects.filter(status=CaseStatus.OPEN, caseworker__isnull=False)
        .values("caseworker")
        .annotate(n=Count("pk"))
    )
    # A small municipality has fewer cases than places: they gather on a few rådgivere.
    assert max(row["n"] for row in loads) >= min(get_policy().caseload_cap, 5)
