"""The measures rules of the safety net (DESIGN §4): follow-ups, supervision, the move to
adulthood, and offers over capacity.

The four rules about a child's measure name the case's team as the unit and its caseworker as
the user: the caseworker acts, and the team's faglig leder sees her team's rows (her colleagues
do not). Month arithmetic is done in Python on the day the rule is evaluated on (cadence.py,
adulthood.py): each rule compares stored dates with cut-offs, so it stays one query and agrees
with the pages to the day. A deadline is kept on its last day; the row appears the day after.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Case as SqlCase
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.lib.dates import Moment, add_months, local_day
from sikkerhedsnet.lib.worklist import NO_ID, Link, Rule
from sikkerhedsnet.measures import adulthood, cadence
from sikkerhedsnet.measures.ladder import PLACEMENT_KINDS, MeasureKind
from sikkerhedsnet.measures.models import (
    AdultServicesCoordinator,
    FollowUp,
    Measure,
    MeasureStatus,
    Offer,
    SupervisionVisit,
)
from sikkerhedsnet.people.models import Role

TEAM_LEADERS = frozenset({Role.TEAM_LEADER})
OPEN_STATUSES = (MeasureStatus.WAITING, MeasureStatus.DECIDED, MeasureStatus.ACTIVE)


def _active(day: Any) -> QuerySet[Measure]:
    return Measure.objects.filter(status=MeasureStatus.ACTIVE, start_date__lte=day)


def _case_row(queryset: QuerySet[Measure], *fields: str) -> QuerySet[Any, dict[str, Any]]:
    found: QuerySet[Any, dict[str, Any]] = queryset.values(
        "child_id", "case_id", "kind", "start_date", *fields
    ).annotate(measure_id=F("pk"), unit_id=F("case__team_id"), user_id=F("case__caseworker_id"))
    return found


def _kind_label(row: dict[str, Any]) -> str:
    return str(MeasureKind(row["kind"]).label)


def _measure_link(row: dict[str, Any]) -> Link:
    return Link(
        reverse("measures:follow_up", args=[row["case_id"], row["measure_id"]]),
        _("Registrér opfølgning"),
    )


# First follow-up missing ------------------------------------------------------------------------


def _first_follow_up_missing(at: Moment) -> QuerySet[Any, dict[str, Any]]:
    day = local_day(at)
    residential = list(cadence.RESIDENTIAL_CADENCE_KINDS)
    cut_residential = cadence.latest_start_with_first_follow_up_overdue(
        kind=MeasureKind.RESIDENTIAL_INSTITUTION, day=day
    )
    cut_other = cadence.latest_start_with_first_follow_up_overdue(
        kind=MeasureKind.FAMILY_TREATMENT, day=day
    )
    overdue = Q(kind__in=residential, start_date__lte=cut_residential) | (
        ~Q(kind__in=residential) & Q(start_date__lte=cut_other)
    )
    held = FollowUp.objects.filter(measure_id=OuterRef("pk"), held_on__lte=day)
    rows = _active(day).filter(overdue).filter(~Exists(held))
    found: QuerySet[Any, dict[str, Any]] = _case_row(rows).annotate(since=F("start_date"))
    return found


def _first_due(row: dict[str, Any]) -> dict[str, Any]:
    due = cadence.first_follow_up_due(kind=row["kind"], start_date=row["start_date"])
    return {**row, "kind": _kind_label(row), "due": due, "since": due + cadence.ONE_DAY}


FIRST_FOLLOW_UP_MISSING = Rule(
    code="first_follow_up_missing",
    title=_("Foranstaltning uden første opfølgning"),
    explanation=_(
        "%(kind)s startede den %(start_date)s. Første opfølgning skulle være holdt senest "
        "%(due)s, men der er ingen opfølgning."
    ),
    who_acts=_("Sagens rådgiver"),
    find=_first_follow_up_missing,
    decorate=_first_due,
    audience_roles=TEAM_LEADERS,
    audience_by_unit=True,
    link=_measure_link,
)


# Follow-up overdue ------------------------------------------------------------------------------


def _follow_up_overdue(at: Moment) -> QuerySet[Any, dict[str, Any]]:
    day = local_day(at)
    held = FollowUp.objects.filter(measure_id=OuterRef("pk"), held_on__lte=day)
    rows = _active(day).filter(next_follow_up_due__lt=day).filter(Exists(held))
    found: QuerySet[Any, dict[str, Any]] = _case_row(rows, "next_follow_up_due").annotate(
        last_held_on=Subquery(held.order_by("-held_on").values("held_on")[:1]),
        since=F("next_follow_up_due"),
    )
    return found


def _overdue_since(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "kind": _kind_label(row), "since": row["next_follow_up_due"] + cadence.ONE_DAY}


FOLLOW_UP_OVERDUE = Rule(
    code="follow_up_overdue",
    title=_("Opfølgning på foranstaltning over tiden"),
    explanation=_(
        "%(kind)s blev sidst fulgt op den %(last_held_on)s. Næste opfølgning skulle være "
        "holdt senest %(next_follow_up_due)s."
    ),
    who_acts=_("Sagens rådgiver"),
    find=_follow_up_overdue,
    decorate=_overdue_since,
    audience_roles=TEAM_LEADERS,
    audience_by_unit=True,
    link=_measure_link,
)


# Placement supervision missing ------------------------------------------------------------------


def _owed_visits(day: Any) -> SqlCase:
    """Visits owed by a placement on `day`, from its start date (cadence.supervision_levels)."""
    whens = [
        When(start_date__lte=cut_off, then=Value(owed))
        for owed, cut_off in reversed(cadence.supervision_cut_offs(day))
    ]
    return SqlCase(*whens, default=Value(0), output_field=IntegerField())


def _supervision_missing(at: Moment) -> QuerySet[Any, dict[str, Any]]:
    day = local_day(at)
    counted = SupervisionVisit.objects.filter(
        measure_id=OuterRef("pk"), spoke_with_child=True, visited_on__lte=day
    )
    in_window = counted.filter(visited_on__gte=cadence.supervision_window_start(day))
    window_count = in_window.order_by().values("measure_id").annotate(n=Count("pk")).values("n")
    rows = (
        _active(day)
        .filter(kind__in=list(PLACEMENT_KINDS))
        .annotate(
            owed=_owed_visits(day),
            visits=Coalesce(Subquery(window_count), Value(0)),
        )
        .filter(visits__lt=F("owed"))
    )
    found: QuerySet[Any, dict[str, Any]] = _case_row(rows, "owed", "visits").annotate(
        last_visit=Subquery(counted.order_by("-visited_on").values("visited_on")[:1]),
        since=F("start_date"),
    )
    return found


def _supervision_facts(row: dict[str, Any]) -> dict[str, Any]:
    return {
        **row,
        "kind": _kind_label(row),
        "last_visit": row["last_visit"] or _("ingen"),
        "since": _supervision_since(row),
    }


def _supervision_since(row: dict[str, Any]) -> Any:
    """The day the placement first owed what it now owes (display only)."""
    months = dict(cadence.supervision_levels())[row["owed"]]
    return add_months(row["start_date"], months) + cadence.ONE_DAY


def _supervision_link(row: dict[str, Any]) -> Link:
    return Link(
        reverse("measures:supervision", args=[row["case_id"], row["measure_id"]]),
        _("Registrér tilsynsbesøg"),
    )


PLACEMENT_SUPERVISION_MISSING = Rule(
    code="placement_supervision_missing",
    title=_("Anbringelse med for få tilsynsbesøg"),
    explanation=_(
        "%(kind)s startede den %(start_date)s. Der skulle have været %(owed)s tilsynsbesøg "
        "med samtale med barnet inden for de seneste 12 måneder, men der har været "
        "%(visits)s. Seneste besøg med samtale: %(last_visit)s."
    ),
    who_acts=_("Sagens rådgiver"),
    find=_supervision_missing,
    decorate=_supervision_facts,
    audience_roles=TEAM_LEADERS,
    audience_by_unit=True,
    link=_supervision_link,
)


# Young person without an adult-services coordinator ---------------------------------------------


def _without_coordinator(at: Moment) -> QuerySet[Any, dict[str, Any]]:
    day = local_day(at)
    after, up_to = adulthood.coordinator_overdue_birth_range(day)
    coordinator = AdultServicesCoordinator.objects.filter(
        child_id=OuterRef("child_id"), named_on__lte=day
    )
    open_measure = Measure.objects.filter(case_id=OuterRef("pk"), status__in=OPEN_STATUSES)
    # One row per case with an open measure (a young person nearly always has one case).
    return (
        Case.objects.filter(child__birth_date__gt=after, child__birth_date__lte=up_to)
        .filter(Exists(open_measure), ~Exists(coordinator))
        .values("child_id")
        .annotate(
            case_id=F("pk"),
            birth_date=F("child__birth_date"),
            unit_id=F("team_id"),
            user_id=F("caseworker_id"),
            since=F("child__birth_date"),
        )
    )


def _coordinator_due(row: dict[str, Any]) -> dict[str, Any]:
    due = adulthood.coordinator_due(row["birth_date"])
    return {
        **row,
        "due": due,
        "adult_on": adulthood.adult_on(row["birth_date"]),
        "since": due + cadence.ONE_DAY,
    }


def _coordinator_link(row: dict[str, Any]) -> Link:
    return Link(
        reverse("measures:coordinator", args=[row["case_id"]]),
        _("Udpeg koordinator"),
    )


YOUNG_PERSON_WITHOUT_COORDINATOR = Rule(
    code="young_person_without_coordinator",
    title=_("Ung på 17½ uden koordinator i voksenområdet"),
    explanation=_(
        "Den unge fylder 18 den %(adult_on)s og har en åben foranstaltning. En koordinator "
        "fra voksenområdet skulle være udpeget senest %(due)s."
    ),
    who_acts=_("Sagens rådgiver"),
    find=_without_coordinator,
    decorate=_coordinator_due,
    audience_roles=TEAM_LEADERS,
    audience_by_unit=True,
    link=_coordinator_link,
)


# Offer over capacity ----------------------------------------------------------------------------


def _over_capacity(at: Moment) -> QuerySet[Any, dict[str, Any]]:
    day = local_day(at)
    active = Q(measures__status=MeasureStatus.ACTIVE, measures__start_date__lte=day) & (
        Q(measures__end_date__isnull=True) | Q(measures__end_date__gte=day)
    )
    return (
        Offer.objects.filter(capacity__isnull=False)
        .annotate(
            occupied=Count("measures", filter=active),
            since=Max("measures__start_date", filter=active),
        )
        .filter(occupied__gt=F("capacity"))
        .values("name", "provider", "capacity", "occupied", "since")
        .annotate(offer_id=F("pk"), child_id=NO_ID, unit_id=NO_ID, user_id=NO_ID)
    )


def _capacity_link(row: dict[str, Any]) -> Link:
    return Link(reverse("measures:capacity"), _("Se belægning og venteliste"))


OFFER_OVER_CAPACITY = Rule(
    code="offer_over_capacity",
    title=_("Tilbud med flere børn end pladser"),
    explanation=_("%(name)s (%(provider)s) har %(occupied)s børn i gang og %(capacity)s pladser."),
    who_acts=_("De faglige ledere og administratoren"),
    find=_over_capacity,
    audience_roles=frozenset({Role.TEAM_LEADER, Role.ADMINISTRATOR}),
    link=_capacity_link,
    names_deadline=False,  # a state to act on, no deadline: due, after the overdue rows
)
