"""Who may record dialogue meetings and unit plans for a child, and open them.

The staff (professional or unit leader) of a unit where the child is enrolled today act for that
unit: they record dialogue meetings and plans there, and open the unit's own. Nobody else does,
and for everyone else a plan or a meeting looks missing (404), exactly like one that does not
exist. The object fetch goes through access_child afterwards, so each page is also logged.
"""

from __future__ import annotations

from typing import TypeVar

import rules
from django.db.models import Model, QuerySet
from django.http import Http404

from sikkerhedsnet.collaboration.models import DialogueMeeting, UnitPlan
from sikkerhedsnet.people.access import ChildAccess, access_child, today
from sikkerhedsnet.people.models import Child, Unit, User
from sikkerhedsnet.screening.services.consent import units_shared_with

M = TypeVar("M", bound=Model)


def acting_units(user: User, child_id: int) -> list[Unit]:
    """The units where `user` works and the child is enrolled today: where she may act."""
    return units_shared_with(actor=user, child_id=child_id, day=today())


@rules.predicate
def works_with_child(user: User, child: Child) -> bool:
    return bool(acting_units(user, child.pk))


@rules.predicate
def works_in_record_unit(user: User, record: DialogueMeeting | UnitPlan) -> bool:
    return any(unit.pk == record.unit_id for unit in acting_units(user, record.child_id))


rules.add_perm("collaboration.add_unitplan", works_with_child)
rules.add_perm("collaboration.add_dialoguemeeting", works_with_child)
rules.add_perm("collaboration.change_unitplan", works_in_record_unit)
rules.add_perm("collaboration.view_unitplan", works_in_record_unit)
rules.add_perm("collaboration.view_dialoguemeeting", works_in_record_unit)


def access_child_to_record(
    user: User, child_id: int, *, shown: str
) -> tuple[ChildAccess, list[Unit]]:
    """The child and the units to record for; 404 (nothing logged) for anyone who may not."""
    child = Child.objects.filter(pk=child_id).first()
    if child is None or not user.has_perm("collaboration.add_unitplan", child):
        raise Http404
    return access_child(user, child_id, shown=shown), acting_units(user, child_id)


def access_record(
    user: User, records: QuerySet[M], child_id: int, record_id: int, *, perm: str, shown: str
) -> tuple[ChildAccess, M]:
    """A plan or a dialogue meeting of the child, if `user` has `perm` on it; 404 otherwise."""
    record = records.filter(pk=record_id, child_id=child_id).first()
    if record is None or not user.has_perm(perm, record):
        raise Http404
    return access_child(user, child_id, shown=shown), record
