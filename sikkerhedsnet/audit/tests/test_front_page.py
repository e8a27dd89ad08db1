"""The front page's access-log panel: the latest reads, for the data protection officer only."""

from __future__ import annotations

from django.urls import reverse

from sikkerhedsnet.audit.services import access_log_record
from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.people.models import Role, User


def home(user: User) -> str:
    return client_for(user).get(reverse("home")).content.decode()


def test_the_data_protection_officer_sees_the_latest_reads(world: World) -> None:
    access_log_record(
        user=world.colleague, child=world.child, shown="Barnets side", basis="Indskrevet"
    )
    page = home(world.role_users[Role.DATA_PROTECTION])
    assert "Seneste opslag i adgangsloggen" in page
    assert "Barnets side" in page
    assert "?username=bob&amp;date_from=" in page
    assert "1 opslag i dag." in page
    for role in (Role.PROFESSIONAL, Role.MANAGEMENT, Role.ADMINISTRATOR, Role.CASEWORKER):
        page = home(world.role_users[role])
        assert "Seneste opslag i adgangsloggen" not in page
        assert "Barnets side" not in page
