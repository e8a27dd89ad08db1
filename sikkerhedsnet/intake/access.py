"""Intake's access: the intake team sees notifications and the children they name.

Who may do what is declared here once, as `rules` permissions: `intake.handle_notification`
(the intake team: the queue, registering, the notification's page) and
`intake.notify_from_child_page` (the roles that carry the sharpened duty to notify). The menu,
the views and the templates ask these, never the role sets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import rules
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from sikkerhedsnet.intake.models import Notification, Status
from sikkerhedsnet.people.hooks import ChildScope
from sikkerhedsnet.people.models import Custody, Role, User

INTAKE_ROLES = {Role.INTAKE}
# Roles that meet children in their daily work and so carry the sharpened duty to notify from
# the child's page. Intake and caseworkers are the receiving side; they register, not notify.
NOTIFIER_ROLES = {Role.PROFESSIONAL, Role.UNIT_LEADER, Role.PPR}


def _active(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def _is_intake(user: User) -> bool:
    return _active(user) and user.role in INTAKE_ROLES


def _notifies_from_child_page(user: User) -> bool:
    return _active(user) and user.role in NOTIFIER_ROLES


rules.add_perm("intake.handle_notification", rules.predicate(_is_intake))
rules.add_perm("intake.notify_from_child_page", rules.predicate(_notifies_from_child_page))


def can_handle_notifications(user: User) -> bool:
    """The intake team: the queue, registering, and every notification's page."""
    return bool(rules.has_perm("intake.handle_notification", user))


def may_notify_from_child_page(user: User) -> bool:
    """She notifies from the child's page and sees her own notifications."""
    return bool(rules.has_perm("intake.notify_from_child_page", user))


@dataclass(frozen=True)
class NotificationAccess:
    """A notification intake handles, with what the viewer may do with it in its present state."""

    notification: Notification
    can_handle: bool  # the notification's page, addenda
    can_assess: bool  # the 24-hour assessment, once
    can_decide: bool  # after the assessment, once
    can_match_child: bool  # name the child by CPR until the decision
    can_send_receipt: bool  # a named professional notifier's receipt, once
    can_read_letters: bool  # only a named professional notifier gets letters


def notification_access_of(user: User, notification: Notification) -> NotificationAccess:
    """What `user` may do with `notification` as it is now (ask again after a change)."""
    handles = can_handle_notifications(user)
    status = notification.status
    return NotificationAccess(
        notification=notification,
        can_handle=handles,
        can_assess=handles and status == Status.RECEIVED,
        can_decide=handles and status == Status.ASSESSED,
        can_match_child=handles and notification.child_id is None and status != Status.DECIDED,
        can_send_receipt=handles
        and notification.gets_receipt
        and notification.receipt_sent_at is None,
        can_read_letters=handles and notification.gets_receipt,
    )


def access_notification(user: User, notification_id: int) -> NotificationAccess:
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
    return notification_access_of(user, notification)


def _notified_children(user: User, day: date) -> Q | None:
    if not can_handle_notifications(user):
        return None
    return Q(pk__in=Notification.objects.filter(child__isnull=False).values("child_id"))


def _notified_basis(user: User, child_id: int, day: date) -> str | None:
    if not Notification.objects.filter(child_id=child_id).exists():
        return None
    return _("Barnet er nævnt i en underretning, som visitationen behandler")


NOTIFIED_CHILDREN = ChildScope(
    name="notified_children", children=_notified_children, basis=_notified_basis
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


SIBLINGS_OF_NOTIFIED_CHILDREN = ChildScope(
    name="siblings_of_notified_children",
    children=_siblings_of_notified,
    basis=_sibling_basis,
)
