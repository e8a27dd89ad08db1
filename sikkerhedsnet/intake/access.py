"""Intake's access: the intake team sees notifications and the children they name."""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from sikkerhedsnet.intake.models import Notification
from sikkerhedsnet.people.access import ChildScope, register_child_scope
from sikkerhedsnet.people.models import Role, User

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
