from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from sikkerhedsnet.people.models import User


def actor_named(username: str | None) -> User | None:
    """The user recorded as actor in the audit trail; none when the command runs unnamed."""
    if not username:
        return None
    try:
        return User.objects.get(username=username)
    except User.DoesNotExist:
        raise CommandError(
            _("Der findes ingen bruger med brugernavnet %(name)s.") % {"name": username}
        ) from None
