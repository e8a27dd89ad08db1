"""Intake's access: the intake team sees notifications and the children they name."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from sikkerhedsnet.intake.models import Notification
from sikkerhedsnet.people.access import ChildScope, register_child_scope
from sikkerhedsnet.people.models import Custody, Role, User

INTAKE_ROLES = {Role.INTAKE}


def can_handle_notifications(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role in INTAKE_ROLES)


def access_notification(user: User, notification_id: int) -> Notification:
    """The notification for intake; 404 for everyone else and for missing ones alike."""
    if not can_handle_notifications(user):
        raise Http404
    notification = (
        Notification.objects.select_related("child", "notifier_user")
        .filter(pk=notification_id)
        .first()
    )
    if notification is None:
        raise Http404
    return notification


def _notified_children(user: User, day: date) -> Q | None:
    if not can_handle_notifications(user):
        return None
    return Q(pk__in=Notification.objects.filter(child__isnull=False).values("child_id"))


def _notified_basis(user: User, child_id: int, day: date) -> str | None:
    if not Notification.objects.filter(child_id=child_id).exists():
        return None
    return _("Barnet er nævnt i en underretning, som visitationen behandler")


register_child_scope(
    ChildScope(name="notified_children", children=_notified_children, basis=_notified_basis)
)


# Intake assesses a notified child in its household, with any siblings shown beside it, so it
# also sees the siblings (children sharing a guardian) of the children it has notifications on.


def _notified_guardians() -> QuerySet[Custody, Any]:
    notified = Notification.objects.filter(child__isnull=False).values("child_id")
    return Custody.objects.filter(child_id__in=notified).values("guardian_id")


def _siblings_of_notified(user: User, day: date) -> Q | None:
    if not can_handle_notifications(user):
        return None
    return Q(
        pk__in=Custody.objects.filter(guardian_id__in=_notified_guardians()).values("child_id")
    )


def _sibling_basis(user: User, child_id: int, day: date) -> str | None:
    guardians = Custody.objects.filter(child_id=child_id).values("guardian_id")
    shares = Custody.objects.filter(
        guardian_id__in=guardians,
        child_id__in=Notification.objects.filter(child__isnull=False).values("child_id"),
    )
    if not shares.exists():
        return None
    return _("Søskende til et barn, som visitationen behandler en underretning om")


register_child_scope(
    ChildScope(
        name="siblings_of_notified_children",
        children=_siblings_of_notified,
        basis=_sibling_basis,
    )
)
