from __future__ import annotations

from collections import Counter

from django.test import Client
from django.utils import timezone

from sikkerhedsnet.people.access import visible_children
from sikkerhedsnet.people.models import Membership, Role, Unit, UnitKind, User
from sikkerhedsnet.synth.context import SynthContext
from sikkerhedsnet.synth.pipeline import generate
from sikkerhedsnet.synth.sizing import MunicipalityPlan
from sikkerhedsnet.synth.tests.conftest import TODAY, current_children

LED_UNITS = (
    UnitKind.DAYCARE,
    UnitKind.SCHOOL,
    UnitKind.SFO,
    UnitKind.HEALTH_VISITING,
    UnitKind.DENTAL,
)


def roles_in(unit: Unit) -> Counter[str]:
    return Counter(Membership.objects.filter(unit=unit).values_list("user__role", flat=True))


def test_a_large_municipality_gets_realistic_numbers_of_units() -> None:
    plan = MunicipalityPlan.for_children(150_000)
    assert (plan.daycares, plan.schools, plan.health_visiting, plan.dental) == (833, 204, 83, 50)
    assert plan.caseworkers == 330
    assert plan.caseworker_teams == 42
    assert plan.residential == 2


def test_each_unit_has_one_leader_and_professionals(town: SynthContext) -> None:
    for unit in Unit.objects.filter(kind__in=LED_UNITS):
        roles = roles_in(unit)
        assert roles[Role.UNIT_LEADER] == 1, unit.code
        assert roles[Role.PROFESSIONAL] >= 3, unit.code


def test_the_family_department_has_intake_and_caseworker_teams(town: SynthContext) -> None:
    teams = list(Unit.objects.filter(kind=UnitKind.FAMILY_DEPARTMENT).order_by("code"))
    assert teams[0].code == "FAM001"
    assert set(roles_in(teams[0])) == {Role.INTAKE}
    caseworkers = 0
    for team in teams[1:]:
        roles = roles_in(team)
        assert roles[Role.TEAM_LEADER] == 1
        caseworkers += roles[Role.CASEWORKER]
    assert caseworkers * 25 >= 0.055 * len(town.children)
    for role in (Role.PPR, Role.MANAGEMENT, Role.DATA_PROTECTION, Role.ADMINISTRATOR):
        assert User.objects.filter(role=role).exists()


def test_no_generated_user_can_log_in_with_a_password(town: SynthContext) -> None:
    users = list(User.objects.all())
    assert users
    assert not any(user.has_usable_password() for user in users)


def test_a_daycare_leader_sees_exactly_the_children_of_her_daycare(town: SynthContext) -> None:
    daycare, other = Unit.objects.filter(kind=UnitKind.DAYCARE).order_by("code")[:2]
    leader = User.objects.get(memberships__unit=daycare, role=Role.UNIT_LEADER)
    seen = set(visible_children(leader, day=TODAY).values_list("pk", flat=True))
    enrolled = current_children(UnitKind.DAYCARE, TODAY)
    assert seen
    assert seen <= enrolled
    assert seen == set(
        daycare.enrolments.filter(since__lte=TODAY, until__isnull=True).values_list(
            "child_id", flat=True
        )
    )
    assert not seen & set(other.enrolments.values_list("child_id", flat=True))


def test_the_leader_opens_the_unit_page_and_a_child_page(db: None) -> None:
    generate(children=300, seed=12, today=timezone.localdate())
    daycare = Unit.objects.filter(kind=UnitKind.DAYCARE).order_by("code").first()
    assert daycare is not None
    leader = User.objects.get(memberships__unit=daycare, role=Role.UNIT_LEADER)
    child = visible_children(leader).order_by("pk").first()
    assert child is not None
    client = Client()
    client.force_login(leader)
    page = client.get(f"/enheder/{daycare.pk}/")
    assert page.status_code == 200
    assert child.last_name in page.content.decode()
    assert client.get(f"/boern/{child.pk}/").status_code == 200
