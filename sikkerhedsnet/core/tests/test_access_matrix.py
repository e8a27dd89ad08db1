"""Every role against every page and API route: allowed (200) or indistinguishable 404.

The rows name the routes; the columns are the roles. A new page or API route is added here with
its expected answer for every role, so that nobody can add a route without deciding who sees it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.intake.models import Notification
from sikkerhedsnet.intake.services.handling import receipt_send
from sikkerhedsnet.intake.tests.factories import make_notification
from sikkerhedsnet.people.models import Role

OK, NO = 200, 404
R = Role


def _notification(w: World) -> Notification:
    """A professional's notification about the owner's child (one that gets a receipt)."""
    return make_notification(child=w.child, at=timezone.now(), user=w.colleague)


def _with_receipt(w: World) -> Notification:
    """The same, with its receipt written by intake (post.models.Letter)."""
    notification = _notification(w)
    return receipt_send(
        actor=w.role_users[Role.INTAKE], notification=notification, expected_version=1
    )


# Routes whose answer depends on the role alone (the unit and child are the owner's).
ROUTES: dict[str, Callable[[World], str]] = {
    "home": lambda w: "/",
    "unit_list": lambda w: "/enheder/",
    "unit_detail": lambda w: f"/enheder/{w.unit.pk}/",
    "child_detail": lambda w: f"/boern/{w.child.pk}/",
    "my_tasks": lambda w: "/opgaver/",
    "unit_tasks": lambda w: f"/enheder/{w.unit.pk}/opgaver/",
    "access_log": lambda w: "/adgangslog/",
    "import": lambda w: "/import/",
    "export_children": lambda w: "/import/eksport/children.csv",
    "api_me": lambda w: "/api/me",
    "api_units": lambda w: "/api/units",
    "api_unit_children": lambda w: f"/api/units/{w.unit.pk}/children",
    "api_child": lambda w: f"/api/children/{w.child.pk}",
    "api_access_log": lambda w: "/api/access-log",
    "screening_round": lambda w: f"/enheder/{w.unit.pk}/runde/",
    "screening_round_child": lambda w: f"/enheder/{w.unit.pk}/runde/{w.child.pk}/",
    "screening_overview": lambda w: f"/enheder/{w.unit.pk}/overblik/",
    "adbb_new": lambda w: f"/boern/{w.child.pk}/adbb/",
    "guide_assess": lambda w: f"/boern/{w.child.pk}/bekymringsguide/",
    "consent": lambda w: f"/boern/{w.child.pk}/samtykke/",
    "guide": lambda w: "/bekymringsguide/",
    "guide_edit": lambda w: "/bekymringsguide/rediger/",
    "notify_child": lambda w: f"/boern/{w.child.pk}/underret/",
    "my_notifications": lambda w: "/underretninger/mine/",
    "register_notification": lambda w: "/visitation/registrer/",
    "intake_queue": lambda w: "/visitation/",
    "intake_notification": lambda w: f"/visitation/{_notification(w).pk}/",
    "intake_receipt_pdf": lambda w: f"/visitation/{_with_receipt(w).pk}/kvittering.pdf",
    "staff_list": lambda w: "/medarbejdere/",
    "staff_detail": lambda w: f"/medarbejdere/{w.colleague.pk}/",
    "password_change": lambda w: "/adgangskode/",
}

EVERYONE = dict.fromkeys(Role.values, OK)
UNIT_STAFF = {role: OK if role in (R.PROFESSIONAL, R.UNIT_LEADER) else NO for role in Role.values}
UNIT_STAFF_AND_ADMIN = {**UNIT_STAFF, R.ADMINISTRATOR: OK}
ONLY_DPO = {role: OK if role == R.DATA_PROTECTION else NO for role in Role.values}
ONLY_ADMIN = {role: OK if role == R.ADMINISTRATOR else NO for role in Role.values}
# Statistics users see a unit's aggregates (small counts suppressed), never its children.
UNIT_STAFF_AND_STATISTICS = {**UNIT_STAFF_AND_ADMIN, R.MANAGEMENT: OK}

ONLY_INTAKE = {role: OK if role == R.INTAKE else NO for role in Role.values}

NOBODY = dict.fromkeys(Role.values, NO)
# The concern guide is read by every role that works with children.
GUIDE_READERS = {
    role: NO if role in (R.MANAGEMENT, R.DATA_PROTECTION) else OK for role in Role.values
}

EXPECTED: dict[str, dict[str, int]] = {
    "home": EVERYONE,
    "unit_list": EVERYONE,
    "unit_detail": UNIT_STAFF_AND_ADMIN,
    "child_detail": UNIT_STAFF,
    "my_tasks": EVERYONE,
    "unit_tasks": UNIT_STAFF_AND_ADMIN,
    "access_log": ONLY_DPO,
    "import": ONLY_ADMIN,
    "export_children": ONLY_ADMIN,
    "api_me": EVERYONE,
    "api_units": EVERYONE,
    "api_unit_children": UNIT_STAFF_AND_ADMIN,
    "api_child": UNIT_STAFF,
    "api_access_log": ONLY_DPO,
    "screening_round": UNIT_STAFF,
    "screening_round_child": UNIT_STAFF,
    "screening_overview": UNIT_STAFF_AND_STATISTICS,
    # The child is in a daycare: nobody there scores ADBB. Health visitors are tested in
    # screening/tests/test_views_health.py.
    "adbb_new": NOBODY,
    "guide_assess": UNIT_STAFF,
    "consent": UNIT_STAFF,
    "guide": GUIDE_READERS,
    "guide_edit": ONLY_ADMIN,
    # Staff who see the child notify from its page; intake and caseworkers receive, not notify.
    "notify_child": UNIT_STAFF,
    "my_notifications": EVERYONE,
    "register_notification": ONLY_INTAKE,
    "intake_queue": ONLY_INTAKE,
    "intake_notification": ONLY_INTAKE,
    "intake_receipt_pdf": ONLY_INTAKE,
    "staff_list": ONLY_ADMIN,
    "staff_detail": ONLY_ADMIN,
    # Every user changes her own password.
    "password_change": EVERYONE,
}

CASES = [(route, role) for route in ROUTES for role in Role.values]


def test_every_route_has_an_expectation_for_every_role() -> None:
    assert set(EXPECTED) == set(ROUTES)
    assert all(set(row) == set(Role.values) for row in EXPECTED.values())


@pytest.mark.parametrize(("route", "role"), CASES)
def test_access_matrix(world: World, route: str, role: str) -> None:
    response = client_for(world.role_users[role]).get(ROUTES[route](world))
    assert response.status_code == EXPECTED[route][role], (route, role)


@pytest.mark.parametrize(
    "route",
    [
        "unit_detail",
        "child_detail",
        "api_unit_children",
        "api_child",
        "screening_round",
        "screening_round_child",
        "screening_overview",
        "guide_assess",
        "consent",
        "notify_child",
    ],
)
def test_staff_of_another_unit_gets_404(world: World, route: str) -> None:
    assert client_for(world.outsider).get(ROUTES[route](world)).status_code == NO


@pytest.mark.parametrize("route", list(ROUTES))
def test_anonymous_is_sent_to_login_or_refused(world: World, route: str) -> None:
    response = Client().get(ROUTES[route](world))
    if route.startswith("api_"):
        assert response.status_code == 401
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")


# Routes open without login: a citizen notifies through the public form and sees the receipt.
PUBLIC_ROUTES = ["/underretning/", "/underretning/kvittering/"]


@pytest.mark.parametrize("path", PUBLIC_ROUTES)
def test_public_routes_answer_anonymous_and_every_role(world: World, path: str) -> None:
    assert Client().get(path).status_code == OK
    for role in Role.values:
        assert client_for(world.role_users[role]).get(path).status_code == OK, role


def test_a_closed_membership_ends_access(world: World) -> None:
    world.colleague.memberships.update(until=date(2021, 1, 1))
    assert client_for(world.colleague).get(ROUTES["child_detail"](world)).status_code == NO


def test_a_child_who_left_the_unit_is_no_longer_visible(world: World) -> None:
    world.child.enrolments.update(until=date(2022, 12, 31))
    assert client_for(world.colleague).get(ROUTES["child_detail"](world)).status_code == NO
