"""Cases and the family-department teams around them, for tests (cases and casework).

`make_team_world()` builds two teams: in team A the faglig leder `leader`, the rådgiver `owner` who
has `case`, and her colleague `colleague`; in team B `other_leader` and `other_worker`, who has
`other_case`. `fagperson` works in a daycare where the case's child is enrolled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import factory

from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.people.models import Child, Role, Unit, UnitKind, User
from sikkerhedsnet.people.tests import factories as f


class CaseFactory(factory.django.DjangoModelFactory[Case]):
    class Meta:
        model = Case

    child = factory.SubFactory(f.ChildFactory)
    opened_on = date(2026, 3, 2)
    became_aware_on = date(2026, 3, 1)
    assessment_due_on = factory.LazyAttribute(
        lambda case: Case.assessment_due(case.became_aware_on)
    )


def make_team(name: str) -> Unit:
    return f.UnitFactory.create(name=name, kind=UnitKind.FAMILY_DEPARTMENT)


@dataclass
class TeamWorld:
    team: Unit
    other_team: Unit
    leader: User
    owner: User
    colleague: User
    other_leader: User
    other_worker: User
    fagperson: User
    intake: User
    child: Child
    case: Case
    other_case: Case


def make_team_world() -> TeamWorld:
    team_a, team_b = make_team("Familieteam Nord"), make_team("Familieteam Syd")
    daycare = f.UnitFactory.create(name="Solsikken")
    leader = f.staff(Role.TEAM_LEADER, team_a, username="lene", first_name="Lene")
    owner = f.staff(Role.CASEWORKER, team_a, username="rikke", first_name="Rikke")
    colleague = f.staff(Role.CASEWORKER, team_a, username="rasmus", first_name="Rasmus")
    other_leader = f.staff(Role.TEAM_LEADER, team_b, username="lars", first_name="Lars")
    other_worker = f.staff(Role.CASEWORKER, team_b, username="sofie", first_name="Sofie")
    fagperson = f.staff(Role.PROFESSIONAL, daycare, username="pia", first_name="Pia")
    intake = f.staff(Role.INTAKE, username="vibeke", first_name="Vibeke")
    child = f.EnrolmentFactory.create(unit=daycare).child
    case = CaseFactory.create(child=child, team=team_a, caseworker=owner)
    other_case = CaseFactory.create(team=team_b, caseworker=other_worker)
    return TeamWorld(
        team_a,
        team_b,
        leader,
        owner,
        colleague,
        other_leader,
        other_worker,
        fagperson,
        intake,
        child,
        case,
        other_case,
    )
