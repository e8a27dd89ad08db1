from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from sikkerhedsnet.audit.models import AuditEvent
from sikkerhedsnet.conftest import PASSWORD, World, client_for, comparable_page
from sikkerhedsnet.people.models import Membership, Role, UnitKind, User
from sikkerhedsnet.people.services import staff as services
from sikkerhedsnet.people.tests import factories as f

pytestmark = pytest.mark.usefixtures("today")

NEW_PASSWORD = "blå-hest-synger-om-natten-7"
NON_ADMIN_ROLES = [role for role in Role.values if role != Role.ADMINISTRATOR]


def _admin(world: World) -> Client:
    return client_for(world.role_users[Role.ADMINISTRATOR])


def _form(user: User, **changes: str) -> dict[str, str]:
    return {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "job_title": user.job_title,
        "role": user.role,
        "version": str(user.version),
        **changes,
    }


def _routes(world: World) -> list[str]:
    bob = world.colleague
    membership = bob.memberships.get()
    return [
        "/medarbejdere/",
        "/medarbejdere/ny/",
        f"/medarbejdere/{bob.pk}/",
        f"/medarbejdere/{bob.pk}/rediger/",
        f"/medarbejdere/{bob.pk}/deaktiver/",
        f"/medarbejdere/{bob.pk}/nulstil-adgangskode/",
        f"/medarbejdere/{bob.pk}/tilknytninger/ny/",
        f"/medarbejdere/{bob.pk}/tilknytninger/{membership.pk}/afslut/",
    ]


# Access -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_it_requires_the_administrator(world: World, role: str) -> None:
    client = client_for(world.role_users[role])
    for path in _routes(world):
        assert client.get(path).status_code == 404, path
    assert client.post(f"/medarbejdere/{world.colleague.pk}/deaktiver/").status_code == 404
    assert User.objects.get(pk=world.colleague.pk).is_active


def test_missing_and_forbidden_look_the_same(world: World) -> None:
    client = client_for(world.owner)
    forbidden = client.get(f"/medarbejdere/{world.colleague.pk}/")
    missing = _admin(world).get("/medarbejdere/999999/")
    assert forbidden.status_code == missing.status_code == 404
    assert comparable_page(forbidden.content, f"/medarbejdere/{world.colleague.pk}/") == (
        comparable_page(client.get("/medarbejdere/999999/").content, "/medarbejdere/999999/")
    )


def test_the_menu_shows_staff_to_the_administrator_only(world: World) -> None:
    assert 'href="/medarbejdere/"' in _admin(world).get("/").content.decode()
    assert 'href="/medarbejdere/"' not in client_for(world.owner).get("/").content.decode()


# The list ---------------------------------------------------------------------------------------


def test_the_list_searches_and_filters(world: World) -> None:
    client = _admin(world)
    page = client.get("/medarbejdere/", {"q": "bob"}).content.decode()
    assert "Bruger" in page
    assert ">bob<" in page
    assert ">alice<" not in page
    leaders = client.get("/medarbejdere/", {"rolle": Role.UNIT_LEADER}).content.decode()
    assert ">alice<" in leaders
    assert ">bob<" not in leaders
    in_other_unit = client.get("/medarbejdere/", {"enhed": world.other_unit.pk}).content.decode()
    assert ">charlie<" in in_other_unit
    assert ">alice<" not in in_other_unit


def test_the_list_shows_the_deactivated_apart(world: World) -> None:
    services.staff_deactivate(actor=world.role_users[Role.ADMINISTRATOR], user=world.colleague)
    client = _admin(world)
    assert ">bob<" not in client.get("/medarbejdere/").content.decode()
    inactive = client.get("/medarbejdere/", {"status": "deaktiverede"}).content.decode()
    assert ">bob<" in inactive
    assert ">alice<" not in inactive
    assert ">bob<" in client.get("/medarbejdere/", {"status": "alle"}).content.decode()


def test_the_pages_of_the_list_keep_the_filters(world: World) -> None:
    for n in range(51):
        f.staff(Role.PPR, username=f"ppr{n:02d}")
    page = _admin(world).get("/medarbejdere/", {"rolle": Role.PPR}).content.decode()
    assert "?rolle=ppr&amp;side=2" in page


# Creating and changing ------------------------------------------------------------------------


def test_the_administrator_creates_a_user_and_sees_the_password_once(
    world: World, today: date
) -> None:
    team = f.UnitFactory.create(kind=UnitKind.FAMILY_DEPARTMENT, name="Team Øst")
    data = {
        "username": "mette",
        "first_name": "Mette",
        "last_name": "Holm",
        "email": "",
        "job_title": "",
        "role": Role.CASEWORKER,
        "unit": str(team.pk),
        "since": today.strftime("%d.%m.%Y"),
    }
    response = _admin(world).post("/medarbejdere/ny/", data)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    shown = re.search(r'id="one-time-password">([^<]+)<', response.content.decode())
    assert shown is not None
    mette = User.objects.get(username="mette")
    assert mette.check_password(shown.group(1))
    assert mette.must_change_password
    assert mette.memberships.get().unit == team


def test_a_bad_new_user_is_explained_in_danish(world: World) -> None:
    data = {"username": "ny bruger", "first_name": "", "last_name": "Holm", "role": ""}
    response = _admin(world).post("/medarbejdere/ny/", {**data, "unit": str(world.unit.pk)})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Skriv fornavnet." in page
    assert "Vælg en rolle." in page
    assert "Skriv, fra hvilken dato medarbejderen er i enheden." in page
    assert not User.objects.filter(last_name="Holm").exists()


def test_an_edit_is_saved(world: World) -> None:
    bob = world.colleague
    response = _admin(world).post(
        f"/medarbejdere/{bob.pk}/rediger/", _form(bob, job_title="Pædagog", role=Role.UNIT_LEADER)
    )
    assert response.status_code == 302
    bob.refresh_from_db()
    assert (bob.job_title, bob.role, bob.version) == ("Pædagog", Role.UNIT_LEADER, 2)


def test_a_stale_edit_is_refused_and_says_so(world: World) -> None:
    bob = world.colleague
    stale = _form(bob, last_name="Min udgave")
    _admin(world).post(f"/medarbejdere/{bob.pk}/rediger/", _form(bob, last_name="Først"))
    response = _admin(world).post(f"/medarbejdere/{bob.pk}/rediger/", stale)
    assert response.status_code == 409
    page = response.content.decode()
    assert "En anden administrator har ændret medarbejderen" in page
    assert 'value="Min udgave"' in page  # what she wrote is kept
    assert User.objects.get(pk=bob.pk).last_name == "Først"


def test_demoting_the_last_administrator_is_refused_on_the_form(world: World) -> None:
    admin = world.role_users[Role.ADMINISTRATOR]
    response = _admin(world).post(f"/medarbejdere/{admin.pk}/rediger/", _form(admin, role=Role.PPR))
    assert response.status_code == 400
    assert "eneste aktive administrator" in response.content.decode()


# Deactivating and passwords -----------------------------------------------------------------


def test_deactivate_and_reactivate(world: World) -> None:
    bob = world.colleague
    client = _admin(world)
    assert "Intet slettes" in client.get(f"/medarbejdere/{bob.pk}/deaktiver/").content.decode()
    assert client.post(f"/medarbejdere/{bob.pk}/deaktiver/").status_code == 302
    assert not User.objects.get(pk=bob.pk).is_active
    page = client.get(f"/medarbejdere/{bob.pk}/").content.decode()
    assert "er deaktiveret" in page  # the banner and the audit trail
    assert "Deaktiveret" in page
    assert client.post(f"/medarbejdere/{bob.pk}/genaktiver/").status_code == 302
    assert User.objects.get(pk=bob.pk).is_active


def test_the_administrator_has_no_way_to_deactivate_herself(world: World) -> None:
    admin = world.role_users[Role.ADMINISTRATOR]
    client = _admin(world)
    assert "/deaktiver/" not in client.get(f"/medarbejdere/{admin.pk}/").content.decode()
    assert client.post(f"/medarbejdere/{admin.pk}/deaktiver/").status_code == 404
    assert User.objects.get(pk=admin.pk).is_active


def test_a_password_reset_shows_the_new_password_once(world: World) -> None:
    bob = world.colleague
    response = _admin(world).post(f"/medarbejdere/{bob.pk}/nulstil-adgangskode/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    shown = re.search(r'id="one-time-password">([^<]+)<', response.content.decode())
    assert shown is not None
    bob.refresh_from_db()
    assert bob.check_password(shown.group(1))
    assert not bob.check_password(PASSWORD)
    assert bob.must_change_password


# Memberships ------------------------------------------------------------------------------------


def test_a_membership_is_added_and_ended(world: World, today: date) -> None:
    charlie = world.outsider
    client = _admin(world)
    added = client.post(
        f"/medarbejdere/{charlie.pk}/tilknytninger/ny/",
        {"unit": str(world.unit.pk), "since": "01.09.2026"},
    )
    assert added.status_code == 302
    membership = charlie.memberships.get(unit=world.unit)
    assert membership.since == date(2026, 9, 1)
    ended = client.post(
        f"/medarbejdere/{charlie.pk}/tilknytninger/{membership.pk}/afslut/",
        {"until": today.strftime("%d.%m.%Y")},
    )
    assert ended.status_code == 302
    assert Membership.objects.get(pk=membership.pk).until == today


def test_an_end_before_the_start_is_explained(world: World) -> None:
    bob = world.colleague
    membership = bob.memberships.get()
    response = _admin(world).post(
        f"/medarbejdere/{bob.pk}/tilknytninger/{membership.pk}/afslut/", {"until": "31.12.2019"}
    )
    assert response.status_code == 400
    assert "kan ikke ligge før 01.01.2020" in response.content.decode()


def test_another_users_membership_is_not_found(world: World) -> None:
    other = world.outsider.memberships.get()
    path = f"/medarbejdere/{world.colleague.pk}/tilknytninger/{other.pk}/afslut/"
    assert _admin(world).get(path).status_code == 404


# Every user's own password ----------------------------------------------------------------------


@pytest.mark.parametrize("role", Role.values)
def test_every_user_has_the_change_password_page_in_her_header(world: World, role: str) -> None:
    client = client_for(world.role_users[role])
    assert 'href="/adgangskode/"' in client.get("/").content.decode()
    assert client.get("/adgangskode/").status_code == 200


def test_she_changes_her_password_and_stays_logged_in(world: World) -> None:
    client = client_for(world.colleague)
    response = client.post(
        "/adgangskode/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200
    assert User.objects.get(pk=world.colleague.pk).check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(event_type="user.password_changed").count() == 1


@pytest.mark.parametrize(
    ("old", "new", "again", "message"),
    [
        ("forkert", NEW_PASSWORD, NEW_PASSWORD, "Den nuværende adgangskode er forkert."),
        (PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x", "De to nye adgangskoder er ikke ens."),
        (PASSWORD, "kort", "kort", "mindst 12 tegn"),
        (PASSWORD, PASSWORD, PASSWORD, "skal være en anden end den nuværende"),
        ("", "", "", "Skriv din nuværende adgangskode."),
    ],
)
def test_a_refused_password_change_says_why(
    world: World, old: str, new: str, again: str, message: str
) -> None:
    response = client_for(world.colleague).post(
        "/adgangskode/", {"old_password": old, "new_password1": new, "new_password2": again}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert User.objects.get(pk=world.colleague.pk).check_password(PASSWORD)


def test_it_goes_back_only_to_a_page_of_its_own(world: World) -> None:
    data = {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    response = client_for(world.colleague).post(
        "/adgangskode/", {**data, "next": "https://example.com/"}
    )
    assert response["Location"] == "/"
