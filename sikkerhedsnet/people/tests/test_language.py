"""The UI is Danish unless the user chooses English; her choice is kept on her profile and the
browser's Accept-Language is not asked (people/middleware.py, people/views/language.py)."""

from __future__ import annotations

import pytest
from django.test import Client

from sikkerhedsnet.audit.models import AuditEvent
from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.people.models import User

PASSWORD = "en-lang-og-hemmelig-sætning-9"


def _login(user: User, accept_language: str = "") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=accept_language)
    response = client.post("/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.fixture
def bob(world: World) -> User:
    world.colleague.set_password(PASSWORD)
    world.colleague.save()
    return world.colleague


def test_a_browser_set_to_english_gets_danish(bob: User) -> None:
    client = _login(bob, "en-GB,en;q=0.9")
    response = client.get("/")
    assert response["Content-Language"] == "da"
    assert '<html lang="da">' in response.content.decode()
    anonymous = Client(HTTP_ACCEPT_LANGUAGE="en").get("/login/")
    assert '<html lang="da">' in anonymous.content.decode()


def test_her_choice_of_english_is_kept_for_her_next_login(bob: User) -> None:
    client = _login(bob)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    bob.refresh_from_db()
    assert bob.language == "en"
    assert AuditEvent.objects.filter(event_type="user.language_chosen", subject_id=bob.pk).exists()
    # Another computer, no cookie, a Danish browser: English all the same.
    again = _login(bob, "da")
    response = again.get("/")
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()


def test_choosing_danish_again_is_kept_too(bob: User) -> None:
    bob.language = "en"
    bob.save(update_fields=["language"])
    client = client_for(bob)
    client.post("/i18n/setlang/", {"language": "da", "next": "/"})
    bob.refresh_from_db()
    assert bob.language == "da"
    assert client_for(bob).get("/")["Content-Language"] == "da"


def test_an_unknown_language_changes_nothing(bob: User) -> None:
    client_for(bob).post("/i18n/setlang/", {"language": "xx", "next": "/"})
    bob.refresh_from_db()
    assert bob.language == ""


def test_before_login_the_switch_works_by_cookie(world: World) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="da")
    client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    assert '<html lang="en">' in client.get("/login/").content.decode()
