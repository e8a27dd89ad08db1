"""A user with a one-time password reaches nothing but "Skift adgangskode" until she has chosen
her own (people/middleware.py)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.people.models import Role, User
from sikkerhedsnet.people.services import staff as services

pytestmark = pytest.mark.usefixtures("today")

NEW_PASSWORD = "blå-hest-synger-om-natten-7"


@pytest.fixture
def newcomer(world: World) -> tuple[User, str]:
    """A user the administrator has just created, and her one-time password."""
    result = services.staff_create(
        actor=world.role_users[Role.ADMINISTRATOR],
        username="mette",
        first_name="Mette",
        last_name="Holm",
        email="",
        job_title="",
        role=Role.UNIT_LEADER,
        unit=world.unit,
        since=world.colleague.memberships.get().since,
    )
    return result.user, result.password


def _logged_in(user: User, password: str) -> Client:
    client = Client()
    assert (
        client.post("/login/", {"username": user.username, "password": password})["Location"] == "/"
    )
    return client


@pytest.mark.parametrize("path", ["/", "/enheder/", "/opgaver/", "/boern/1/", "/medarbejdere/?q=x"])
def test_every_page_sends_her_to_change_her_password(newcomer: tuple[User, str], path: str) -> None:
    response = _logged_in(*newcomer).get(path)
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == "/adgangskode/"
    assert parse_qs(target.query)["next"] == [path]


def test_a_post_is_not_carried_out_either(world: World, newcomer: tuple[User, str]) -> None:
    client = _logged_in(*newcomer)
    response = client.post(f"/boern/{world.child.pk}/samtykke/", {})
    assert response["Location"].startswith("/adgangskode/")


def test_the_change_page_login_logout_and_language_are_open(newcomer: tuple[User, str]) -> None:
    client = _logged_in(*newcomer)
    assert client.get("/adgangskode/").status_code == 200
    assert client.get("/login/").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.post("/i18n/setlang/", {"language": "da", "next": "/"}).status_code == 302
    assert client.post("/logout/")["Location"] == "/login/"


def test_the_api_refuses_her(newcomer: tuple[User, str]) -> None:
    response = _logged_in(*newcomer).get("/api/me")
    assert response.status_code == 403
    assert "adgangskode" in response.json()["detail"]


def test_an_htmx_request_redirects_the_whole_page(newcomer: tuple[User, str]) -> None:
    response = _logged_in(*newcomer).get("/enheder/", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith("/adgangskode/?next=")


def test_after_choosing_her_password_she_goes_where_she_was_going(
    newcomer: tuple[User, str],
) -> None:
    user, one_time = newcomer
    client = _logged_in(user, one_time)
    sent = client.get("/enheder/")["Location"]
    page = client.get(sent).content.decode()
    assert "midlertidig adgangskode" in page
    assert 'name="next" value="/enheder/"' in page
    response = client.post(
        "/adgangskode/",
        {
            "old_password": one_time,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
            "next": "/enheder/",
        },
    )
    assert response["Location"] == "/enheder/"
    assert client.get("/enheder/").status_code == 200
    assert client.get("/").status_code == 200


def test_a_reset_password_must_be_changed_too(world: World) -> None:
    client = client_for(world.colleague)
    assert client.get("/").status_code == 200
    result = services.staff_password_reset(
        actor=world.role_users[Role.ADMINISTRATOR], user=world.colleague
    )
    # The reset ended her session (Django ties it to the password hash); she logs in anew.
    assert client.get("/")["Location"].startswith("/login/")
    again = _logged_in(world.colleague, result.password)
    assert again.get("/")["Location"].startswith("/adgangskode/")


def test_others_are_not_stopped(world: World) -> None:
    assert client_for(world.colleague).get("/enheder/").status_code == 200
