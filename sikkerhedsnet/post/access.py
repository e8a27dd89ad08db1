"""Who may act on a letter that could not be sent: its author, or a colleague in one of her units.

A letter's content is shown by the area it belongs to, through that area's own access check
(intake's receipt, the case's journal, the dialogue meeting). Here only the failed delivery is
handled: the author, or a colleague who shares a current unit with her (she may be away), may
see the failed letter, send it again or record that it went another way.
"""

from __future__ import annotations

import rules
from django.db.models import Q, QuerySet

from sikkerhedsnet.people.access import today, user_unit_ids
from sikkerhedsnet.people.models import Membership, User, current_on
from sikkerhedsnet.post.models import Letter


def _colleagues(user: User) -> Q:
    units = user_unit_ids(user, today())
    authors = Membership.objects.filter(current_on(today()), unit_id__in=units).values("user_id")
    return Q(created_by=user) | Q(created_by__in=authors)


def handled_letters(user: User) -> QuerySet[Letter]:
    """The letters whose delivery this user may follow up."""
    if not user.is_active:
        return Letter.objects.none()
    return Letter.objects.filter(_colleagues(user))


def may_handle(user: User, letter: Letter) -> bool:
    return handled_letters(user).filter(pk=letter.pk).exists()


def _handles(user: User, letter: Letter | None) -> bool:
    return letter is not None and may_handle(user, letter)


rules.add_perm("post.change_letter", rules.predicate(_handles))
