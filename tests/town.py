"""A small municipality for the browser and API tests, built with the app's factories.

Lene leads Solsikken, where Emil is enrolled; Frida is a professional in Mælkebøtten and may not
see Emil; Dorte is the data protection officer. Every user's password is PASSWORD.
"""

from __future__ import annotations

from dataclasses import dataclass

from sikkerhedsnet.people.models import Child, Role, Unit, User
from sikkerhedsnet.people.tests import factories as f

PASSWORD = "korrekt-hest-batteri-42"


@dataclass(frozen=True)
class Town:
    unit: Unit
    other_unit: Unit
    leader: User
    outsider: User
    dpo: User
    child: Child
    other_child: Child


def build_town() -> Town:
    unit = f.UnitFactory.create(name="Solsikken", code="DAG001")
    other_unit = f.UnitFactory.create(name="Mælkebøtten", code="DAG002")
    leader = f.staff(Role.UNIT_LEADER, unit, username="lene", first_name="Lene")
    outsider = f.staff(Role.PROFESSIONAL, other_unit, username="frida", first_name="Frida")
    dpo = f.staff(Role.DATA_PROTECTION, username="dorte", first_name="Dorte")
    child = f.EnrolmentFactory.create(
        unit=unit, child=f.ChildFactory.create(first_name="Emil", last_name="Larsen")
    ).child
    other_child = f.EnrolmentFactory.create(unit=other_unit).child
    f.CustodyFactory.create(child=child)
    return Town(unit, other_unit, leader, outsider, dpo, child, other_child)
