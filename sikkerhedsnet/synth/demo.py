"""Demo logins: one user per role with a known password, placed where there is something to see.

The frontline professional (DESIGN §1: pedagogue, teacher, health visitor, dental staff) has one
login per kind of unit: the daycare's pedagogue, a health visitor among infants with ADBB
scorings, dental staff, a teacher and an SFO pedagogue in the units with the most to show.

For demonstrations on a synthetic municipality only. Running it again resets the logins
(password, role, memberships, login lockouts, a forced password change), so a demo always
starts from the same place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from axes.utils import reset as axes_reset
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils import timezone

from sikkerhedsnet.cases.models import Case, CaseAssignment, CaseStatus
from sikkerhedsnet.collaboration.models import MeetingSeries
from sikkerhedsnet.lib.worklist import worklist_rule
from sikkerhedsnet.people.models import (
    Enrolment,
    Membership,
    Role,
    Unit,
    UnitKind,
    User,
    current_on,
)
from sikkerhedsnet.screening.models import Instrument, Rating, Screening
from sikkerhedsnet.screening.selectors.rounds import round_on

DEMO_PASSWORD = "Sikkerhedsnet-demo-2026"  # noqa: S105 - printed for everyone; demo data only
DEMO_CHILDREN = 12_000
DEMO_SEED = 2026
ADBB_WITHOUT_FOLLOW_UP = "adbb_without_follow_up"  # the safety-net rule (screening/worklist.py)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: Role
    last_name: str
    job_title: str
    # Which unit: "daycare", "health_visiting", "dental", "school", "sfo", "intake", "team", or
    # "" for none.
    place: str
    look_at: str  # Danish, printed for the person giving the demo


DEMO_LOGINS = (
    DemoLogin(
        "leder", Role.UNIT_LEADER, "Leder", "Dagtilbudsleder", "daycare",
        "Enheder: børnelisten og børnenes sider med fuldt CPR-nummer",
    ),
    DemoLogin(
        "fagperson", Role.PROFESSIONAL, "Fagperson", "Pædagog", "daycare",
        "Samme dagtilbud som leder; trivselsrunden, dialogmøder og handleplaner",
    ),
    DemoLogin(
        "sundhedsplejerske", Role.PROFESSIONAL, "Sundhedsplejerske", "Sundhedsplejerske",
        "health_visiting",
        "Spædbørnene: ADBB-scoringer, ny scoring og opfølgende besøg på barnets side",
    ),
    DemoLogin(
        "tandplejer", Role.PROFESSIONAL, "Tandplejer", "Tandplejer", "dental",
        "Tandplejens børn: barnets side, bekymringsguiden og underretning til visitationen",
    ),
    DemoLogin(
        "laerer", Role.PROFESSIONAL, "Lærer", "Lærer", "school",
        "Trivselsrunden klasse for klasse: egen vurdering og fælles position; overblikket",
    ),
    DemoLogin(
        "sfo-paedagog", Role.PROFESSIONAL, "SFO-pædagog", "Pædagog", "sfo",
        "Trivselsrunden i SFO: egen vurdering af hvert barn; skolen sætter den fælles position",
    ),
    DemoLogin(
        "visitation", Role.INTAKE, "Visitation", "Socialrådgiver, visitationen", "intake",
        "Visitationen i familieafdelingen",
    ),
    DemoLogin(
        "raadgiver", Role.CASEWORKER, "Rådgiver", "Socialrådgiver", "team",
        "Mine sager: sagsstamme, undersøgelser, foranstaltninger og opfølgning",
    ),
    DemoLogin(
        "faglig-leder", Role.TEAM_LEADER, "Faglig leder", "Faglig leder", "team",
        "Teamets sagsstamme mod loftet, sager uden rådgiver, Mine opgaver",
    ),
    DemoLogin(
        "ppr", Role.PPR, "PPR", "Psykolog, PPR", "",
        "Fast deltager i dagtilbuddets tværfaglige møder: dagsorden og referat",
    ),
    DemoLogin(
        "ledelse", Role.MANAGEMENT, "Ledelse", "Børne- og familiechef", "",
        "Ledelsen: tal og overblik, ingen børnesager",
    ),
    DemoLogin(
        "databeskyttelse", Role.DATA_PROTECTION, "Databeskyttelse",
        "Databeskyttelsesrådgiver", "", "Adgangsloggen: hvem har set hvilke børn",
    ),
    DemoLogin(
        "administrator", Role.ADMINISTRATOR, "Administrator", "Systemadministrator", "",
        "Alle enheder og import af data",
    ),
)  # fmt: skip


@dataclass(frozen=True)
class DemoLoginRow:
    username: str
    role: str
    password: str
    look_at: str


def busiest_daycare() -> Unit | None:
    """The daycare with the most children enrolled today: the leader's page then has a list."""
    today = timezone.localdate()
    return (
        Unit.objects.filter(kind=UnitKind.DAYCARE)
        .annotate(children=Count("enrolments", filter=current_on(today, "enrolments__")))
        .filter(children__gt=0)
        .order_by("-children", "code")
        .first()
    )


def _busiest(kind: str, *relevant: QuerySet[Any]) -> Unit | None:
    """The unit of `kind` with the most children enrolled today who have something to show.

    Each of `relevant` (rows matched on OuterRef "child_id" and "unit_id") counts in its turn,
    the most telling first; then the children enrolled today, then the code. None if no unit of
    the kind has children today.
    """
    enrolled = Enrolment.objects.filter(current_on(timezone.localdate()), unit__kind=kind)

    def per_unit(rows: QuerySet[Enrolment]) -> dict[int, int]:
        counted = rows.values("unit_id").annotate(n=Count("child_id", distinct=True))
        return dict(counted.values_list("unit_id", "n"))

    children = per_unit(enrolled)
    shown = [per_unit(enrolled.filter(Exists(rows))) for rows in relevant]

    def rank(unit: Unit) -> tuple[Any, ...]:
        return (*(-counts.get(unit.pk, 0) for counts in shown), -children[unit.pk], unit.code)

    return min(Unit.objects.filter(pk__in=children), key=rank, default=None)


def _same_child_and_unit() -> dict[str, OuterRef]:
    return {"child_id": OuterRef("child_id"), "unit_id": OuterRef("unit_id")}


def busiest_health_visiting() -> Unit | None:
    """The health-visiting unit with the most infants on the safety net's list for an ADBB
    without follow-up visit (her "Mine opgaver"), then with the most who have an ADBB there."""
    gaps = worklist_rule(ADBB_WITHOUT_FOLLOW_UP).find(timezone.now())
    scored = Screening.objects.filter(instrument=Instrument.ADBB)
    return _busiest(
        UnitKind.HEALTH_VISITING,
        gaps.filter(**_same_child_and_unit()),
        scored.filter(**_same_child_and_unit()),
    )


def busiest_school() -> Unit | None:
    """The school with the most pupils it has given a joint position in the current round: its
    round is under way, with yellow and red positions to act on and its SFO's ratings."""
    positions = Screening.objects.filter(
        instrument=Instrument.TRAFFIC_LIGHT,
        round_deadline=round_on(timezone.localdate()).deadline,
        **_same_child_and_unit(),
    )
    return _busiest(UnitKind.SCHOOL, positions)


def busiest_sfo() -> Unit | None:
    """The SFO with the most children its staff have rated in the current round."""
    deadline = round_on(timezone.localdate()).deadline
    rated = Rating.objects.filter(round_deadline=deadline, **_same_child_and_unit())
    return _busiest(UnitKind.SFO, rated)


def busiest_dental() -> Unit | None:
    """The dental clinic with the most children enrolled today."""
    return _busiest(UnitKind.DENTAL)


def _family_department_units() -> tuple[Unit | None, Unit | None]:
    """The intake team and the first caseworker team, by the generator's naming."""
    teams = list(Unit.objects.filter(kind=UnitKind.FAMILY_DEPARTMENT).order_by("code")[:2])
    intake = next((u for u in teams if "Visitation" in u.name), None)
    team = next((u for u in teams if u is not intake), None)
    return intake, team


def _attach(user: User, unit: Unit | None) -> None:
    """Leave the demo user in exactly this one unit (or none)."""
    Membership.objects.filter(user=user).exclude(unit=unit).delete()
    if unit is not None and not Membership.objects.filter(user=user, unit=unit).exists():
        since = timezone.localdate() - timedelta(days=365)
        Membership.objects.create(user=user, unit=unit, since=since)


def _take_over_caseload(user: User, team: Unit | None) -> None:
    """Give the demo caseworker the open cases of the team's busiest generated caseworker.

    Demo data only: the generator's caseworkers carry the caseloads, and a demo of "Mine sager"
    needs a caseworker with cases. The assignment rows move with the cases.
    """
    if team is None or Case.objects.filter(caseworker=user, status=CaseStatus.OPEN).exists():
        return
    busiest = (
        Case.objects.filter(team=team, status=CaseStatus.OPEN, caseworker__isnull=False)
        .exclude(caseworker=user)
        .values("caseworker_id")
        .annotate(cases=Count("pk"))
        .order_by("-cases", "caseworker_id")
        .first()
    )
    if busiest is None:
        return
    other = busiest["caseworker_id"]
    CaseAssignment.objects.filter(caseworker_id=other, until__isnull=True).update(caseworker=user)
    Case.objects.filter(caseworker_id=other, status=CaseStatus.OPEN).update(caseworker=user)


def _join_meetings(users: list[User], daycare: Unit | None) -> None:
    """Make the demo leader and PPR psychologist standing members of the daycare's meetings."""
    if daycare is None:
        return
    series = MeetingSeries.objects.filter(unit=daycare)
    if daycare.district:
        series = series | MeetingSeries.objects.filter(district=daycare.district)
    for one in series:
        one.standing_members.add(*users)


@transaction.atomic
def demo_logins_reset(*, password: str = DEMO_PASSWORD) -> list[DemoLoginRow]:
    # One hash for all of them: the demo password is public anyway, and each PBKDF2 hash costs
    # about a second on a small machine.
    hashed = make_password(password)
    intake, team = _family_department_units()
    places: dict[str, Unit | None] = {
        "daycare": busiest_daycare(),
        "health_visiting": busiest_health_visiting(),
        "dental": busiest_dental(),
        "school": busiest_school(),
        "sfo": busiest_sfo(),
        "intake": intake,
        "team": team,
        "": None,
    }
    rows = []
    for login in DEMO_LOGINS:
        user, _created = User.objects.update_or_create(
            username=login.username,
            defaults={
                "role": login.role,
                "first_name": "Demo",
                "last_name": login.last_name,
                "job_title": login.job_title,
                "email": f"{login.username}@demo.example",
                "is_active": True,
                "is_staff": False,
                "is_superuser": False,
                "password": hashed,
                # The demo password is the one to use, even after an administrator's reset.
                "must_change_password": False,
            },
        )
        unit = places[login.place]
        _attach(user, unit)
        axes_reset(username=login.username)
        look_at = f"{login.look_at} ({unit.name})" if unit is not None else login.look_at
        rows.append(DemoLoginRow(login.username, str(login.role.label), password, look_at))
    demo = {
        user.username: user
        for user in User.objects.filter(username__in=["raadgiver", "leder", "ppr"])
    }
    _take_over_caseload(demo["raadgiver"], team)
    _join_meetings([demo["leder"], demo["ppr"]], places["daycare"])
    return rows
