from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.test import Client

from sikkerhedsnet import settings as project_settings
from sikkerhedsnet.audit.models import AuditEvent
from sikkerhedsnet.conftest import PASSWORD, World, client_for
from sikkerhedsnet.lib.errors import Conflict
from sikkerhedsnet.people.models import Membership, Role, UnitKind, User
from sikkerhedsnet.people.services import staff as services
from sikkerhedsnet.people.services.staff import StaffRefused
from sikkerhedsnet.people.tests import factories as f
from sikkerhedsnet.policy import get_policy

pytestmark = pytest.mark.usefixtures("today")

NEW_PASSWORD = "blå-hest-synger-om-natten-7"
NON_ADMIN_ROLES = [role for role in Role.values if role != Role.ADMINISTRATOR]


def _fields(**changes: str) -> dict[str, Any]:
    return {
        "username": "Mette.H",
        "first_name": " Mette ",
        "last_name": "Holm",
        "email": "mette.holm@KOMMUNE.DK",
        "job_title": "Rådgiver",
        "role": Role.CASEWORKER,
        **changes,
    }


def _admin(world: World) -> User:
    return world.role_users[Role.ADMINISTRATOR]


def _events(user: User) -> list[str]:
    rows = AuditEvent.objects.filter(subject_type="people.user", subject_id=user.pk)
    return list(rows.order_by("id").values_list("event_type", flat=True))


def _login(username: str, password: str) -> int:
    response = Client().post("/login/", {"username": username, "password": password})
    return int(response.status_code)


# Creating -------------------------------------------------------------------------------------


def test_the_administrator_creates_a_user_who_must_choose_her_password(
    world: World, today: date
) -> None:
    team = f.UnitFactory.create(kind=UnitKind.FAMILY_DEPARTMENT, name="Team Øst")
    result = services.staff_create(actor=_admin(world), unit=team, since=today, **_fields())
    user = User.objects.get(pk=result.user.pk)
    assert (user.username, user.first_name, user.email) == (
        "mette.h",
        "Mette",
        "mette.holm@kommune.dk",
    )
    assert user.role == Role.CASEWORKER
    assert user.must_change_password
    assert user.check_password(result.password)
    assert list(user.memberships.values_list("unit", "since", "until")) == [(team.pk, today, None)]
    assert _events(user) == ["user.created", "user.membership_added"]
    assert user.history.get().history_user == _admin(world)


def test_the_one_time_password_is_never_in_the_audit_trail(world: World) -> None:
    result = services.staff_create(actor=_admin(world), **_fields())
    services.staff_password_reset(actor=_admin(world), user=result.user)
    extras = json.dumps(list(AuditEvent.objects.values_list("extra", flat=True)))
    assert result.password not in extras
    assert result.user.password not in extras


def test_one_time_passwords_are_long_and_differ() -> None:
    passwords = {services.temporary_password() for _ in range(50)}
    assert len(passwords) == 50
    assert all(len(p) == 19 and not set(p) & set("0o1li") for p in passwords)


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_only_the_administrator_manages_staff(world: World, role: str, today: date) -> None:
    actor = world.role_users[role]
    with pytest.raises(StaffRefused, match="Kun en administrator"):
        services.staff_create(actor=actor, **_fields())
    with pytest.raises(StaffRefused, match="Kun en administrator"):
        services.staff_deactivate(actor=actor, user=world.outsider)
    with pytest.raises(StaffRefused, match="Kun en administrator"):
        services.staff_password_reset(actor=actor, user=world.outsider)
    with pytest.raises(StaffRefused, match="Kun en administrator"):
        services.membership_add(actor=actor, user=world.outsider, unit=world.unit, since=today)
    assert not User.objects.filter(username="mette.h").exists()
    assert world.outsider.memberships.count() == 1


def test_a_username_is_taken_whatever_its_case(world: World) -> None:
    with pytest.raises(StaffRefused, match="allerede i brug") as refused:
        services.staff_create(actor=_admin(world), **_fields(username="ALICE"))
    assert refused.value.field == "username"


def test_a_unit_without_a_start_date_is_refused_and_nothing_is_made(world: World) -> None:
    with pytest.raises(StaffRefused) as refused:
        services.staff_create(actor=_admin(world), unit=world.unit, since=None, **_fields())
    assert refused.value.field == "since"
    assert not User.objects.filter(username="mette.h").exists()


# Changing -------------------------------------------------------------------------------------


def test_a_change_is_compare_and_set(world: World) -> None:
    admin = _admin(world)
    user = services.staff_create(actor=admin, **_fields()).user
    changed = services.staff_update(
        actor=admin, user=user, expected_version=1, **_fields(role=Role.TEAM_LEADER)
    )
    assert (changed.role, changed.version) == (Role.TEAM_LEADER, 2)
    with pytest.raises(Conflict):
        services.staff_update(
            actor=admin, user=user, expected_version=1, **_fields(last_name="Overskrevet")
        )
    assert User.objects.get(pk=user.pk).last_name == "Holm"
    event = AuditEvent.objects.get(event_type="user.updated")
    assert event.extra == {
        "fields": ["role"],
        "role": {"from": Role.CASEWORKER, "to": Role.TEAM_LEADER},
    }
    assert user.history.latest().history_user == admin


def test_a_change_to_another_users_username_is_refused(world: World) -> None:
    user = services.staff_create(actor=_admin(world), **_fields()).user
    with pytest.raises(StaffRefused, match="allerede i brug"):
        services.staff_update(
            actor=_admin(world), user=user, expected_version=1, **_fields(username="bob")
        )


def test_the_last_active_administrator_cannot_be_demoted(world: World) -> None:
    admin = _admin(world)
    fields = {name: getattr(admin, name) for name in services.STAFF_FIELDS}
    with pytest.raises(StaffRefused, match="eneste aktive administrator"):
        services.staff_update(
            actor=admin, user=admin, expected_version=1, **(fields | {"role": Role.PPR})
        )
    assert User.objects.get(pk=admin.pk).role == Role.ADMINISTRATOR


def test_an_administrator_may_be_demoted_while_another_is_active(world: World) -> None:
    admin = _admin(world)
    second = f.staff(Role.ADMINISTRATOR, username="anden-admin")
    fields = {name: getattr(second, name) for name in services.STAFF_FIELDS}
    changed = services.staff_update(
        actor=admin, user=second, expected_version=1, **(fields | {"role": Role.PPR})
    )
    assert changed.role == Role.PPR


# Deactivating ---------------------------------------------------------------------------------


def test_a_deactivated_user_cannot_log_in_and_is_logged_out(world: World) -> None:
    client = client_for(world.colleague)
    assert client.get("/").status_code == 200
    services.staff_deactivate(actor=_admin(world), user=world.colleague)
    assert client.get("/")["Location"].startswith("/login/")
    assert _login("bob", PASSWORD) == 200  # the login page again, with its error
    assert User.objects.filter(pk=world.colleague.pk).exists()  # never deleted
    assert _events(world.colleague) == ["user.deactivated"]


def test_a_reactivated_user_logs_in_again(world: World) -> None:
    services.staff_deactivate(actor=_admin(world), user=world.colleague)
    services.staff_reactivate(actor=_admin(world), user=world.colleague)
    assert _login("bob", PASSWORD) == 302
    assert _events(world.colleague) == ["user.deactivated", "user.reactivated"]


def test_nobody_deactivates_herself(world: World) -> None:
    with pytest.raises(StaffRefused, match="dig selv"):
        services.staff_deactivate(actor=_admin(world), user=_admin(world))


def test_deactivating_twice_is_refused(world: World) -> None:
    services.staff_deactivate(actor=_admin(world), user=world.colleague)
    with pytest.raises(StaffRefused, match="allerede deaktiveret"):
        services.staff_deactivate(actor=_admin(world), user=world.colleague)


def test_two_administrators_cannot_deactivate_each_other(world: World) -> None:
    """The second of two crossing deactivations (her page was loaded while she was active)
    would leave no active administrator."""
    first = _admin(world)
    second = f.staff(Role.ADMINISTRATOR, username="anden-admin")
    stale_second = User.objects.get(pk=second.pk)
    services.staff_deactivate(actor=first, user=second)
    with pytest.raises(StaffRefused, match="eneste aktive administrator"):
        services.staff_deactivate(actor=stale_second, user=first)
    assert User.objects.get(pk=first.pk).is_active


# Passwords --------------------------------------------------------------------------------------


def test_a_reset_password_replaces_the_old_one_and_must_be_changed(world: World) -> None:
    result = services.staff_password_reset(actor=_admin(world), user=world.colleague)
    assert _login("bob", PASSWORD) == 200
    assert _login("bob", result.password) == 302
    assert User.objects.get(pk=world.colleague.pk).must_change_password
    assert _events(world.colleague) == ["user.password_reset"]


def test_a_reset_lifts_a_lockout(world: World) -> None:
    for _ in range(get_policy().login_failure_limit):
        _login("bob", "forkert")
    result = services.staff_password_reset(actor=_admin(world), user=world.colleague)
    assert _login("bob", result.password) == 302


def test_the_administrator_changes_her_own_password_herself(world: World) -> None:
    with pytest.raises(StaffRefused, match="Skift adgangskode"):
        services.staff_password_reset(actor=_admin(world), user=_admin(world))


def test_changing_her_password_lifts_the_duty_and_is_audited(world: World) -> None:
    user = services.staff_create(actor=_admin(world), **_fields()).user
    changed = services.password_change(user=user, new_password=NEW_PASSWORD)
    assert not changed.must_change_password
    assert changed.check_password(NEW_PASSWORD)
    event = AuditEvent.objects.get(event_type="user.password_changed")
    assert (event.actor, event.subject_id, event.extra) == (user, user.pk, {})


@pytest.mark.parametrize("password", ["kort-1", "123456789012345", "password1234"])
def test_a_weak_password_is_refused(world: World, password: str) -> None:
    with pytest.raises(StaffRefused) as refused:
        services.password_change(user=world.colleague, new_password=password)
    assert refused.value.field == "new_password1"
    assert User.objects.get(pk=world.colleague.pk).check_password(PASSWORD)


def test_argon2_hashes_new_passwords_in_the_project_settings(world: World, settings: Any) -> None:
    # The tests' conftest sets a fast hasher; here the project's own list.
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    changed = services.password_change(user=world.colleague, new_password=NEW_PASSWORD)
    assert changed.password.startswith("argon2$")


def test_an_old_pbkdf2_hash_still_logs_in_and_becomes_argon2(world: World, settings: Any) -> None:
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    old = PBKDF2PasswordHasher().encode(PASSWORD, "saltsaltsalt", iterations=1_000)
    User.objects.filter(pk=world.colleague.pk).update(password=old)
    assert _login("bob", PASSWORD) == 302
    assert User.objects.get(pk=world.colleague.pk).password.startswith("argon2$")


def test_users_not_made_by_the_administrator_need_not_change_their_password(db: None) -> None:
    assert not f.UserFactory.create().must_change_password
    assert not User.objects.create_user("demo", password=PASSWORD).must_change_password


# Memberships ------------------------------------------------------------------------------------


def test_a_membership_is_added_and_ended_never_deleted(world: World, today: date) -> None:
    admin = _admin(world)
    membership = services.membership_add(
        actor=admin, user=world.outsider, unit=world.unit, since=today
    )
    ended = services.membership_end(actor=admin, membership=membership, until=today)
    assert Membership.objects.get(pk=membership.pk).until == ended.until == today
    assert _events(world.outsider) == ["user.membership_added", "user.membership_ended"]


def test_an_overlapping_membership_is_refused(world: World, today: date) -> None:
    with pytest.raises(StaffRefused, match="allerede tilknyttet") as refused:
        services.membership_add(
            actor=_admin(world), user=world.colleague, unit=world.unit, since=today
        )
    assert refused.value.field == "unit"


def test_a_membership_ends_after_it_began_and_only_once(world: World) -> None:
    membership = world.colleague.memberships.get()  # since 1.1.2020
    with pytest.raises(StaffRefused, match=r"01\.01\.2020") as refused:
        services.membership_end(
            actor=_admin(world), membership=membership, until=date(2019, 12, 31)
        )
    assert refused.value.field == "until"
    services.membership_end(actor=_admin(world), membership=membership, until=date(2026, 1, 31))
    with pytest.raises(StaffRefused, match=r"allerede afsluttet den 31\.01\.2026"):
        services.membership_end(actor=_admin(world), membership=membership, until=date(2026, 2, 1))
