"""The safety-net rules for cases (DESIGN §4): no caseworker drowning, no case without one, no
case in a team that no faglig leder leads.

Both are acted on by the faglig leder of the team (each row carries the team as its unit, and
the rules' audience acts on its own units only). A caseworker over the cap names no child and
does not reach the caseworker herself: she is named in the facts; deciding is her leader's.
"""

from __future__ import annotations

from typing import Any

from django.db.models import (
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Concat, TruncDate
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.cases.models import (
    WITHOUT_ACTIVE_CASEWORKER,
    Case,
    CaseAssignment,
    CaseStatus,
    caseload_cap,
    over_cap_filter,
)
from sikkerhedsnet.cases.selectors import team_leaders_on
from sikkerhedsnet.lib.dates import COPENHAGEN, Moment, local_day
from sikkerhedsnet.lib.worklist import NO_ID, Link, Rule
from sikkerhedsnet.people.models import Membership, Role, UnitKind, current_on

TEAM_LEADERS = frozenset({Role.TEAM_LEADER})


def _open_on(at: Moment) -> QuerySet[Case]:
    return Case.objects.filter(status=CaseStatus.OPEN, opened_on__lte=local_day(at))


def _over_cap(at: Moment) -> QuerySet[Any, dict[str, Any]]:
    cap = caseload_cap()
    day = local_day(at)
    team = Membership.objects.filter(
        current_on(day), user_id=OuterRef("caseworker_id"), unit__kind=UnitKind.FAMILY_DEPARTMENT
    ).order_by("since", "pk")
    latest_assignment = CaseAssignment.objects.filter(
        caseworker_id=OuterRef("caseworker_id"), until__isnull=True
    ).order_by("-since")
    # The row names no child: child_id is annotated as NULL over Case's own field (django-stubs
    # sees a redefinition; Django allows it once values() has left the field out).
    return (
        _open_on(at)  # type: ignore[no-redef]
        .filter(caseworker__isnull=False)
        .values("caseworker_id", "caseworker__first_name", "caseworker__last_name")
        .annotate(open_cases=Count("pk"), latest_opened=Max("opened_on"))
        .filter(over_cap_filter("open_cases"))
        .annotate(
            child_id=NO_ID,
            user_id=NO_ID,  # she is named in the facts; her faglig leder acts
            unit_id=Subquery(team.values("unit_id")[:1]),
            team_name=Subquery(team.values("unit__name")[:1]),
            caseworker_name=Concat("caseworker__first_name", Value(" "), "caseworker__last_name"),
            cap=Value(cap),
            since=Coalesce(
                TruncDate(Subquery(latest_assignment.values("since")[:1]), tzinfo=COPENHAGEN),
                F("latest_opened"),
            ),
        )
    )


def _case_rows(cases: QuerySet[Case]) -> QuerySet[Any, dict[str, Any]]:
    """One row per open case: its child, its team as the unit that acts, since it opened."""
    rows: QuerySet[Any, dict[str, Any]] = cases.values("child_id", "opened_on").annotate(
        unit_id=F("team_id"),
        user_id=NO_ID,
        case_id=F("pk"),
        team_name=Coalesce(F("team__name"), Value("–")),
        since=F("opened_on"),
    )
    return rows


def _without_caseworker(at: Moment) -> QuerySet[Any, dict[str, Any]]:
    return _case_rows(_open_on(at).filter(WITHOUT_ACTIVE_CASEWORKER))


def _in_team_nobody_leads(at: Moment) -> QuerySet[Any, dict[str, Any]]:
    led = team_leaders_on(local_day(at)).filter(unit_id=OuterRef("team_id"))
    return _case_rows(_open_on(at).filter(~Exists(led)))


def _assign_link(row: dict[str, Any]) -> Link:
    return Link(reverse("cases:assign", args=[row["case_id"]]), _("Fordel sagen"))


def _team_link(row: dict[str, Any]) -> Link:
    return Link(reverse("cases:team"), _("Se teamets sagsstamme"))


CASEWORKER_OVER_CAP = Rule(
    code="caseworker_over_cap",
    title=_("Rådgiver over loftet for sager"),
    explanation=_(
        "%(caseworker_name)s (%(team_name)s) har %(open_cases)s åbne sager; loftet er %(cap)s."
    ),
    who_acts=_("Teamets faglige leder"),
    find=_over_cap,
    audience_roles=TEAM_LEADERS,
    audience_by_unit=True,
    link=_team_link,
    names_deadline=False,  # a state to act on, no deadline: due, after the overdue rows
)

CASE_WITHOUT_CASEWORKER = Rule(
    code="case_without_caseworker",
    title=_("Sag uden rådgiver"),
    explanation=_(
        "Sagen i %(team_name)s blev oprettet %(opened_on)s og har ingen ansvarlig rådgiver."
    ),
    who_acts=_("Teamets faglige leder"),
    find=_without_caseworker,
    audience_roles=TEAM_LEADERS,
    audience_by_unit=True,
    link=_assign_link,
    names_deadline=False,
)

# A case in a team no faglig leder leads is seen by no one who can give it a caseworker. Intake,
# who opened it from a notification and still sees the child, is told; the dashboard counts it.
CASE_IN_TEAM_NOBODY_LEADS = Rule(
    code="case_in_team_nobody_leads",
    title=_("Sag i et team uden faglig leder"),
    explanation=_(
        "Sagen blev oprettet %(opened_on)s i %(team_name)s, som ingen faglig leder har; ingen "
        "kan fordele den til en rådgiver."
    ),
    who_acts=_("Visitationen og familieafdelingens ledelse"),
    find=_in_team_nobody_leads,
    audience_roles=frozenset({Role.INTAKE}),
    names_deadline=False,
)
