from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.http import Http404
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import Settings

from sikkerhedsnet.cases.models import Case, CaseAssignment, CaseStatus
from sikkerhedsnet.collaboration.models import MeetingSeries
from sikkerhedsnet.people.access import visible_children
from sikkerhedsnet.people.models import Child, Enrolment, Membership, Role, Unit, UnitKind, User
from sikkerhedsnet.people.tests import factories as f
from sikkerhedsnet.screening.access import access_round_unit, access_staff_child
from sikkerhedsnet.screening.models import Instrument, Rating, Screening
from sikkerhedsnet.screening.selectors.rounds import round_on
from sikkerhedsnet.screening.services.adbb import adbb_record
from sikkerhedsnet.synth.demo import (
    DEMO_LOGINS,
    DEMO_PASSWORD,
    DEMO_SEED,
    busiest_health_visiting,
    demo_logins_reset,
)
from sikkerhedsnet.synth.pipeline import generate

USERNAMES = [login.username for login in DEMO_LOGINS]
# The frontline professionals of DESIGN §1 besides the daycare's, and the kind of unit each
# works in.
FRONTLINE = {
    "sundhedsplejerske": UnitKind.HEALTH_VISITING,
    "tandplejer": UnitKind.DENTAL,
    "laerer": UnitKind.SCHOOL,
    "sfo-paedagog": UnitKind.SFO,
}
# The winter round is under way: some schools have set positions, their SFOs have rated.
DAY = date(2026, 1, 18)
NOON = datetime(2026, 1, 18, 12, tzinfo=ZoneInfo("Europe/Copenhagen"))
LOW = [1, 0, 0, 0, 0, 0, 0, 0]
AT_CUTOFF = [1, 1, 1, 1, 1, 0, 0, 0]  # 5, the default cutoff


def run_demo() -> str:
    out = StringIO()
    call_command("demo", "--no-serve", "--children", "300", stdout=out)
    return out.getvalue()


def test_it_makes_one_login_per_role_that_can_log_in(db: None) -> None:
    output = run_demo()
    assert Child.objects.count() == 300
    users = User.objects.filter(username__in=USERNAMES)
    assert users.count() == len(DEMO_LOGINS) == len(set(USERNAMES))
    assert set(users.values_list("role", flat=True)) == set(Role.values)
    assert DEMO_PASSWORD in output
    for username in USERNAMES:
        assert username in output
        client = Client()
        response = client.post("/login/", {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
        assert client.session["_auth_user_id"] == str(User.objects.get(username=username).pk)


def test_the_leader_and_professional_share_a_daycare_with_children(db: None) -> None:
    run_demo()
    leader_units = set(
        Membership.objects.filter(user__username="leder").values_list("unit", flat=True)
    )
    professional_units = set(
        Membership.objects.filter(user__username="fagperson").values_list("unit", flat=True)
    )
    assert len(leader_units) == 1
    assert leader_units == professional_units
    membership = Membership.objects.select_related("unit").get(user__username="leder")
    assert membership.unit.kind == UnitKind.DAYCARE
    assert membership.unit.enrolments.filter(until__isnull=True).exists()
    client = Client()
    client.force_login(User.objects.get(username="leder"))
    assert client.get(f"/enheder/{membership.unit.pk}/").status_code == 200


def test_running_it_again_keeps_the_children_and_resets_the_logins(db: None) -> None:
    run_demo()
    leder = User.objects.get(username="leder")
    leder.set_password("glemt-og-skiftet-123")
    leder.is_active = False
    leder.must_change_password = True
    leder.save()
    output = run_demo()
    assert "allerede børn" in output
    assert Child.objects.count() == 300
    assert User.objects.filter(username="leder").count() == 1
    leder.refresh_from_db()
    assert leder.is_active
    assert leder.check_password(DEMO_PASSWORD)
    assert not leder.must_change_password
    assert Membership.objects.filter(user=leder).count() == 1


def test_the_caseworker_has_cases_and_ppr_sits_on_the_daycares_meetings(db: None) -> None:
    out = StringIO()
    call_command("demo", "--no-serve", "--children", "3000", stdout=out)
    caseworker = User.objects.get(username="raadgiver")
    assert Case.objects.filter(caseworker=caseworker, status=CaseStatus.OPEN).exists()
    assert not CaseAssignment.objects.filter(
        case__caseworker=caseworker, until__isnull=True
    ).exclude(caseworker=caseworker)
    ppr = User.objects.get(username="ppr")
    assert MeetingSeries.objects.filter(standing_members=ppr).exists()
    client = Client()
    client.force_login(caseworker)
    assert client.get(reverse("cases:home")).status_code == 200


def test_a_fresh_clone_gets_its_var_folder(db: None, settings: Settings, tmp_path: Path) -> None:
    # A fresh clone has no var/, where the demo's SQLite file lives; the demo makes it.
    settings.VAR_DIR = tmp_path / "clone" / "var"
    run_demo()
    assert settings.VAR_DIR.is_dir()


@pytest.fixture
def demo(db: None) -> Iterator[dict[str, User]]:
    """A generated municipality of 3,000 children on DAY with the demo logins, still on DAY."""
    generate(children=3000, seed=DEMO_SEED, today=DAY)
    with time_machine.travel(NOON, tick=False):
        demo_logins_reset()
        yield {user.username: user for user in User.objects.filter(username__in=USERNAMES)}


@pytest.mark.parametrize(("username", "kind"), FRONTLINE.items())
def test_each_frontline_professional_works_in_a_unit_of_her_kind_with_children(
    demo: dict[str, User], username: str, kind: str
) -> None:
    user = demo[username]
    assert user.role == Role.PROFESSIONAL
    membership = Membership.objects.select_related("unit").get(user=user)
    assert membership.unit.kind == kind
    enrolled = Enrolment.objects.filter(unit=membership.unit, until__isnull=True)
    seen = visible_children(user).filter(pk__in=enrolled.values("child_id"))
    assert seen.exists()
    if kind in (UnitKind.SCHOOL, UnitKind.SFO):
        assert access_round_unit(user, membership.unit.pk) == membership.unit
    else:  # health visiting and dental screen no round: their work is on the child's page
        with pytest.raises(Http404):
            access_round_unit(user, membership.unit.pk)
    client = Client()
    client.force_login(user)
    home = client.get("/").content.decode()
    assert reverse("people:unit_detail", args=[membership.unit.pk]) in home


def test_the_health_visitor_opens_an_infants_adbb_scorings(demo: dict[str, User]) -> None:
    nurse = demo["sundhedsplejerske"]
    scored = visible_children(nurse).filter(screenings__instrument=Instrument.ADBB)
    child = scored.distinct().order_by("pk").first()
    assert child is not None
    staff = access_staff_child(nurse, child.pk, shown="ADBB", kinds=[UnitKind.HEALTH_VISITING])
    assert [unit.kind for unit in staff.units] == [UnitKind.HEALTH_VISITING]
    scoring = Screening.objects.filter(child=child, instrument=Instrument.ADBB).latest(
        "screened_on"
    )
    client = Client()
    client.force_login(nurse)
    page = client.get(reverse("people:child_detail", args=[child.pk]))
    assert page.status_code == 200
    assert reverse("screening:adbb_detail", args=[child.pk, scoring.pk]) in page.content.decode()
    detail = client.get(reverse("screening:adbb_detail", args=[child.pk, scoring.pk]))
    assert detail.status_code == 200


def test_the_teacher_and_the_sfo_pedagogue_have_a_round_under_way(
    demo: dict[str, User],
) -> None:
    deadline = round_on(DAY).deadline
    school = Membership.objects.get(user=demo["laerer"]).unit
    sfo = Membership.objects.get(user=demo["sfo-paedagog"]).unit
    assert Screening.objects.filter(
        unit=school, instrument=Instrument.TRAFFIC_LIGHT, round_deadline=deadline
    ).exists()
    assert Rating.objects.filter(unit=sfo, round_deadline=deadline).exists()
    for username, unit in (("laerer", school), ("sfo-paedagog", sfo)):
        client = Client()
        client.force_login(demo[username])
        page = client.get(reverse("screening:round", args=[unit.pk]))
        assert page.status_code == 200
        assert 'id="barn-' in page.content.decode()


def _infant_scored(unit: Unit, scores: list[int]) -> Child:
    """An infant of about five months in the unit, scored at two months by its nurse."""
    nurse = User.objects.get(memberships__unit=unit)
    born = timezone.localdate() - timedelta(days=150)
    baby = f.ChildFactory.create(birth_date=born)
    f.EnrolmentFactory.create(child=baby, unit=unit, since=born)
    adbb_record(actor=nurse, child=baby, unit=unit, scores=scores, screened_on=born + timedelta(62))
    return baby


def test_the_health_visitor_goes_where_an_adbb_waits_for_its_follow_up_visit(db: None) -> None:
    many = f.UnitFactory.create(code="SUN001", kind=UnitKind.HEALTH_VISITING)
    waiting = f.UnitFactory.create(code="SUN002", kind=UnitKind.HEALTH_VISITING)
    for unit in (many, waiting):
        f.staff(Role.PROFESSIONAL, unit)
        _infant_scored(unit, LOW)
    _infant_scored(many, LOW)
    assert busiest_health_visiting() == many  # more infants with a scoring

    # At the cutoff two months ago, and no follow-up visit: the safety net's gap.
    _infant_scored(waiting, AT_CUTOFF)
    assert busiest_health_visiting() == waiting
    demo_logins_reset()
    assert Membership.objects.get(user__username="sundhedsplejerske").unit == waiting
