"""Reads for follow-up, supervision and the move to adulthood."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Max, QuerySet
from django.utils.translation import ngettext

from sikkerhedsnet.cases.access import visible_cases
from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.lib.dates import add_months
from sikkerhedsnet.measures import adulthood, cadence
from sikkerhedsnet.measures.ladder import is_placement
from sikkerhedsnet.measures.models import (
    AdultServicesCoordinator,
    FollowUp,
    Measure,
    MeasureStatus,
    SupervisionVisit,
)
from sikkerhedsnet.people.models import Child, Role, User
from sikkerhedsnet.policy import get_policy

OPEN_STATUSES = (MeasureStatus.WAITING, MeasureStatus.DECIDED, MeasureStatus.ACTIVE)


# Follow-up ---------------------------------------------------------------------------------------


def open_measures(case: Case) -> QuerySet[Measure]:
    return (
        Measure.objects.filter(case=case, status__in=OPEN_STATUSES)
        .annotate(last_follow_up=Max("follow_ups__held_on"))
        .order_by("start_date", "pk")
    )


def follow_ups_of(measure: Measure) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(measure=measure).select_related("held_by")


@dataclass(frozen=True)
class FollowUpState:
    next_due: date | None
    overdue: bool
    policy_interval: str  # the cadence in plain words, for the page


def follow_up_state(measure: Measure, day: date) -> FollowUpState:
    policy = get_policy()
    if cadence.uses_residential_cadence(measure.kind):
        n = policy.residential_follow_up_weeks
        words = ngettext("hver uge", "hver %(weeks)s. uge", n) % {"weeks": n}
    else:
        n = policy.support_follow_up_months
        words = ngettext("hver måned", "hver %(n)s. måned", n) % {"n": n}
    due = measure.next_follow_up_due
    overdue = measure.status == MeasureStatus.ACTIVE and due is not None and due < day
    return FollowUpState(next_due=due, overdue=overdue, policy_interval=words)


# Supervision -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SupervisionSummary:
    """Visits in the 12 months up to `day`; only those where the child was spoken to count."""

    window_start: date
    visits: list[SupervisionVisit]
    counted: int
    per_year: int
    owed: int  # by now, pro rata from the start (cadence.supervision_visits_owed)

    @property
    def missing(self) -> int:
        return max(self.owed - self.counted, 0)


def supervision_summary(measure: Measure, day: date) -> SupervisionSummary:
    start = cadence.supervision_window_start(day)
    visits = list(
        SupervisionVisit.objects.filter(
            measure=measure, visited_on__gte=start, visited_on__lte=day
        ).select_related("visited_by")
    )
    owed = (
        cadence.supervision_visits_owed(start_date=measure.start_date, day=day)
        if measure.start_date and is_placement(measure.kind)
        else 0
    )
    return SupervisionSummary(
        window_start=start,
        visits=visits,
        counted=sum(visit.spoke_with_child for visit in visits),
        per_year=get_policy().supervision_visits_per_year,
        owed=owed,
    )


def older_visits(measure: Measure, day: date) -> QuerySet[SupervisionVisit]:
    start = cadence.supervision_window_start(day)
    return SupervisionVisit.objects.filter(measure=measure, visited_on__lt=start).select_related(
        "visited_by"
    )


# The move to adulthood ---------------------------------------------------------------------------


@dataclass
class YoungPerson:
    child: Child
    case: Case
    measures: list[Measure] = field(default_factory=list)
    coordinator: AdultServicesCoordinator | None = None

    @property
    def coordinator_due(self) -> date:
        return adulthood.coordinator_due(self.child.birth_date)

    @property
    def adult_on(self) -> date:
        return adulthood.adult_on(self.child.birth_date)

    def age_months(self, day: date) -> int:
        return self.child.age_in_months_on(day)

    def coordinator_overdue(self, day: date) -> bool:
        return self.coordinator is None and self.coordinator_due < day

    def next_milestone(self, day: date) -> date:
        """The next of 17½ and 18 on or after `day` (for ordering the agenda)."""
        ahead = [when for when in (self.coordinator_due, self.adult_on) if when >= day]
        return min(ahead) if ahead else self.adult_on


def transition_cases(user: User, day: date) -> QuerySet[Case]:
    """The cases whose young people the user follows: a rådgiver her own, a faglig leder her
    team's."""
    cases = visible_cases(user, day=day)
    if user.role == Role.CASEWORKER:
        cases = cases.filter(caseworker=user)
    return cases


def _young_people(
    user: User, day: date, *, born_after: date, born_up_to: date
) -> list[YoungPerson]:
    measures = (
        Measure.objects.filter(
            case__in=transition_cases(user, day),
            status__in=OPEN_STATUSES,
            child__birth_date__gt=born_after,
            child__birth_date__lte=born_up_to,
        )
        .select_related("child", "case", "case__caseworker", "child__adult_coordinator")
        .order_by("child__birth_date", "child_id", "start_date", "pk")
    )
    people: dict[int, YoungPerson] = {}
    for measure in measures:
        child = measure.child
        person = people.get(child.pk)
        if person is None:
            coordinator = getattr(child, "adult_coordinator", None)
            person = people[child.pk] = YoungPerson(child, measure.case, coordinator=coordinator)
        person.measures.append(measure)
    return list(people.values())


def transition_list(user: User, day: date) -> list[YoungPerson]:
    """Young people with an open measure from 17 until 18 on `day`, eldest first."""
    after, up_to = adulthood.transition_list_birth_range(day)
    return _young_people(user, day, born_after=after, born_up_to=up_to)


def month_bounds(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    return first, add_months(first, 1) - cadence.ONE_DAY


def transition_agenda(user: User, month: date) -> list[YoungPerson]:
    """Those on the list at any time in `month`, the nearest 17½ or 18 first.

    That is everyone who is 17 by the month's last day and not yet 18 on its first day.
    """
    first, last = month_bounds(month)
    after = adulthood.transition_list_birth_range(first)[0]
    up_to = adulthood.transition_list_birth_range(last)[1]
    people = _young_people(user, first, born_after=after, born_up_to=up_to)
    return sorted(people, key=lambda person: (person.next_milestone(first), person.child.pk))


@dataclass(frozen=True)
class TransitionRow:
    """A young person as shown on `day`: age, and which milestone falls by `until`."""

    person: YoungPerson
    years: int
    months: int
    soon: str  # "half" (17½) or "adult" (18) when it falls from `day` to `until`, else ""
    overdue: bool  # 17½ has passed without a coordinator


def transition_rows(people: list[YoungPerson], *, day: date, until: date) -> list[TransitionRow]:
    rows = []
    for person in people:
        age = person.age_months(day)
        soon = ""
        if day <= person.coordinator_due <= until:
            soon = "half"
        elif day <= person.adult_on <= until:
            soon = "adult"
        rows.append(
            TransitionRow(person, age // 12, age % 12, soon, person.coordinator_overdue(day))
        )
    return rows
