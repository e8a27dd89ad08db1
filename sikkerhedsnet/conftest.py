"""Fixed users per role (owner, colleague, outsider) and a small unit with children.

`owner` and `colleague` work in `unit`; `outsider` works in `other_unit`. `child` is enrolled in
`unit`; `other_child` in `other_unit`. One user per role in `role_users` for access matrices.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from sikkerhedsnet.people.models import Child, Role, Unit, User
from sikkerhedsnet.people.tests import factories as f

PASSWORD = "korrekt-hest-batteri-42"  # noqa: S105 - test users only


@dataclass
class World:
    unit: Unit
    other_unit: Unit
    owner: User
    colleague: User
    outsider: User
    child: Child
    other_child: Child
    role_users: dict[str, User]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # PBKDF2's deliberate slowness protects real passwords; in tests it only costs minutes.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db: None) -> World:
    unit = f.UnitFactory.create(name="Solsikken", code="DAG001")
    other_unit = f.UnitFactory.create(name="Mælkebøtten", code="DAG002")
    owner = f.staff(Role.UNIT_LEADER, unit, username="alice", first_name="Alice")
    colleague = f.staff(Role.PROFESSIONAL, unit, username="bob", first_name="Bob")
    outsider = f.staff(Role.PROFESSIONAL, other_unit, username="charlie", first_name="Charlie")
    child = f.EnrolmentFactory.create(unit=unit).child
    other_child = f.EnrolmentFactory.create(unit=other_unit).child
    f.CustodyFactory.create(child=child)
    role_users = {
        Role.PROFESSIONAL: colleague,
        Role.UNIT_LEADER: owner,
        **{
            role: f.staff(role, username=f"rolle-{role}")
            for role in Role.values
            if role not in (Role.PROFESSIONAL, Role.UNIT_LEADER)
        },
    }
    return World(unit, other_unit, owner, colleague, outsider, child, other_child, role_users)


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def comparable_page(content: bytes, path: str) -> str:
    """A page with what differs per request removed: CSRF tokens and the echoed path."""
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", content.decode())
    return text.replace(path, "PATH")
