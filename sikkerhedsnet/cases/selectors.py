"""Reads for the case pages: caseloads against the cap, cases due, history and continuity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from sikkerhedsnet.cases.access import team_ids
from sikkerhedsnet.cases.hooks import Due, next_due
from sikkerhedsnet.cases.models import (
    WITHOUT_ACTIVE_CASEWORKER,
    Case,
    CaseAssignment,
    CaseStatus,
    JournalEntry,
    caseload_cap,
    over_cap,
)
from sikkerhedsnet.people.models import (
    Child,
    Enrolment,
    Membership,
    Role,
    Unit,
    UnitKind,
    User,
    current_on,
)


@dataclass(frozen=True)
class Load:
    caseworker: User
    open_cases: int
    cap: int

    @property
    def over_cap(self) -> bool:
        return over_cap(self.open_cases)

    @property
    def at_cap(self) -> bool:
        return self.open_cases >= self.cap

    @property
    def room(self) -> int:
        return self.cap - self.open_cases


@dataclass(frozen=True)
class CaseDue:
    case: Case
    due: Due | None


def team_caseworkers(team: Unit, day: date) -> QuerySet[User]:
    members = Membership.objects.filter(current_on(day), unit=team).values("user_id")
    return User.objects.filter(pk__in=members, role=Role.CASEWORKER, is_active=True)


def team_loads(team: Unit, day: date) -> list[Load]:
    """Every rådgiver of the team with her open cases (in any team) against the cap."""
    cap = caseload_cap()
    workers = team_caseworkers(team, day).annotate(
        open_cases=Count("cases", filter=Q(cases__status=CaseStatus.OPEN))
    )
    ordered = workers.order_by("first_name", "last_name", "pk")
    return [Load(worker, worker.open_cases, cap) for worker in ordered]


def open_load(caseworker: User) -> int:
    """The caseworker's open cases, in any team: her load against the cap."""
    return Case.objects.filter(caseworker=caseworker, status=CaseStatus.OPEN).count()


def team_leaders_on(day: date) -> QuerySet[Membership]:
    """The faglige ledere's places in the family department's teams on `day`; a team with one is
    led: someone there sees its cases without a caseworker and gives them one."""
    return Membership.objects.filter(
        current_on(day),
        user__role=Role.TEAM_LEADER,
        user__is_active=True,
        unit__kind=UnitKind.FAMILY_DEPARTMENT,
    )


def default_team(child: Child, day: date) -> Unit | None:
    """The team a new case goes to: the team of the child's earlier case (one team follows a
    family), else the team of the child's district, else the team with the fewest open cases.

    Only a team a faglig leder leads takes a case (the intake team is a unit of the family
    department too, but no one there gives cases to caseworkers), unless no team has one.
    """
    teams = Unit.objects.filter(kind=UnitKind.FAMILY_DEPARTMENT)
    led = teams.filter(pk__in=team_leaders_on(day).values("unit_id"))
    if led.exists():
        teams = led
    earlier = Case.objects.filter(child=child, team__in=teams).order_by("-opened_on").first()
    if earlier is not None:
        return earlier.team
    districts = Enrolment.objects.filter(current_on(day), child=child).values("unit__district")
    local = teams.filter(district__in=districts).exclude(district="").order_by("pk").first()
    if local is not None:
        return local
    open_cases = Count("cases", filter=Q(cases__status=CaseStatus.OPEN))
    return teams.annotate(open_cases=open_cases).order_by("open_cases", "pk").first()


def cases_without_caseworker(team: Unit) -> QuerySet[Case]:
    return (
        Case.objects.filter(WITHOUT_ACTIVE_CASEWORKER, team=team, status=CaseStatus.OPEN)
        .select_related("child")
        .order_by("opened_on", "pk")
    )


def with_next_due(cases: QuerySet[Case]) -> list[CaseDue]:
    listed = list(cases)
    due = next_due(listed)
    rows = [CaseDue(case, due.get(case.pk)) for case in listed]
    return sorted(rows, key=lambda row: (row.due is None, row.due.on if row.due else None))


def my_open_cases(user: User) -> list[CaseDue]:
    cases = Case.objects.filter(caseworker=user, status=CaseStatus.OPEN).select_related(
        "child", "team"
    )
    return with_next_due(cases)


def team_open_cases(user: User, day: date) -> QuerySet[Case]:
    """The other open cases of the rådgiver's teams, which she may read."""
    return (
        Case.objects.filter(team_id__in=team_ids(user, day=day), status=CaseStatus.OPEN)
        .exclude(caseworker=user)
        .select_related("child", "caseworker")
        .order_by("opened_on", "pk")
    )


def case_assignments(case: Case) -> QuerySet[CaseAssignment]:
    return CaseAssignment.objects.filter(case=case).select_related("caseworker", "assigned_by")


def child_caseworker_count(child: Child) -> int:
    """How many caseworkers the child has had, over all its cases (continuity)."""
    return (
        CaseAssignment.objects.filter(case__child=child).values("caseworker_id").distinct().count()
    )


def case_journal(case: Case) -> QuerySet[JournalEntry]:
    return (
        JournalEntry.objects.filter(case=case)
        .select_related("written_by", "corrects", "letter")
        .defer("letter_pdf", "letter__pdf")
        .prefetch_related("corrections")
    )
