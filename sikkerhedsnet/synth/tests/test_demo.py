from __future__ import annotations

from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from sikkerhedsnet.cases.models import Case, CaseAssignment, CaseStatus
from sikkerhedsnet.collaboration.models import MeetingSeries
from sikkerhedsnet.people.models import Child, Membership, Role, UnitKind, User
from sikkerhedsnet.synth.demo import DEMO_LOGINS, DEMO_PASSWORD

USERNAMES = [login.username for login in DEMO_LOGINS]


def run_demo() -> str:
    out = StringIO()
    call_command("demo", "--no-serve", "--children", "300", stdout=out)
    return out.getvalue()


def test_it_makes_one_login_per_role_that_can_log_in(db: None) -> None:
    output = run_demo()
    assert Child.objects.count() == 300
    users = User.objects.filter(username__in=USERNAMES)
    assert sorted(users.values_list("role", flat=True)) == sorted(Role.values)
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
    leder.save()
    output = run_demo()
    assert "allerede børn" in output
    assert Child.objects.count() == 300
    assert User.objects.filter(username="leder").count() == 1
    leder.refresh_from_db()
    assert leder.is_active
    assert leder.check_password(DEMO_PASSWORD)
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
