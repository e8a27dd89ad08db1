import logging
from typing import TYPE_CHECKING

import pytest
from django.conf import settings
from django.test import Client

from sikkerhedsnet.conftest import PASSWORD, World
from sikkerhedsnet.policy import get_policy

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse


def _login(client: Client, username: str, password: str) -> "_MonkeyPatchedWSGIResponse":
    return client.post("/login/", {"username": username, "password": password})


def test_login_with_the_right_password(world: World) -> None:
    response = _login(Client(), "alice", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_wrong_password_gets_a_danish_message(world: World) -> None:
    page = _login(Client(), "alice", "forkert").content.decode()
    assert "korrekt brugernavn og adgangskode" in page


def test_lockout_after_the_policy_number_of_failures(world: World) -> None:
    client = Client()
    for _ in range(get_policy().login_failure_limit):
        _login(client, "alice", "forkert")
    response = _login(client, "alice", PASSWORD)
    assert response.status_code == 429
    assert "midlertidigt spærret" in response.content.decode()


def test_passwords_never_reach_the_logs(world: World, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    _login(Client(), "alice", "hemmelig-adgangskode-123")
    _login(Client(), "alice", PASSWORD)
    assert "hemmelig-adgangskode-123" not in caplog.text
    assert PASSWORD not in caplog.text


def test_idle_timeout_follows_policy() -> None:
    assert settings.SESSION_COOKIE_AGE == get_policy().session_idle_minutes * 60 == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST  # idle, not absolute: each request renews it


def test_security_headers(world: World) -> None:
    response = Client().get("/login/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
