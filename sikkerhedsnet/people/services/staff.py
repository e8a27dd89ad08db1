"""Staff: the administrator creates users, sets their role, units and teams, deactivates them and
resets their passwords; every user changes her own password.

Nobody is deleted: cases, screenings, notifications and the audit trail name the people who did
the work, so a user who leaves is deactivated (she can no longer log in) and a membership is
closed with `until`. The municipality keeps its staff's access under control (the
databeskyttelsesforordning art. 32: only those who need it have access; art. 5(2): it can show who
had access when), so every change here writes an audit row in the same transaction, never the
password itself. Barnets Lov sets no rule of its own for this.

A password the administrator sets is a one-time password: she gives it to the user herself (in
person or by telephone, never by e-mail), and the user must choose her own at the next login
(`must_change_password`, people/middleware.py).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.base_user import BaseUserManager
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.lib.errors import Refused
from sikkerhedsnet.lib.versions import check_version, compare_and_set
from sikkerhedsnet.people.models import Membership, Role, Unit, User

# Letters and digits that cannot be mistaken for one another when read aloud or copied by hand
# (no l/1, o/0, i): four groups of four, about 79 bits.
ONE_TIME_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
ONE_TIME_GROUPS = 4
ONE_TIME_GROUP_LENGTH = 4

STAFF_FIELDS = ("username", "first_name", "last_name", "email", "job_title", "role")


class StaffRefused(Refused):
    """A change to a user that the rules do not allow."""


@dataclass(frozen=True)
class OneTimePassword:
    """A user with the password the administrator hands over; shown once, stored only hashed."""

    user: User
    password: str


def temporary_password() -> str:
    groups = (
        "".join(secrets.choice(ONE_TIME_ALPHABET) for _ in range(ONE_TIME_GROUP_LENGTH))
        for _ in range(ONE_TIME_GROUPS)
    )
    return "-".join(groups)


def _require_administrator(actor: User) -> None:
    if not actor.has_perm("people.manage_staff"):
        raise StaffRefused(_("Kun en administrator kan ændre medarbejdere."))


def _save(user: User, actor: User, fields: list[str]) -> None:
    user._history_user = actor  # type: ignore[attr-defined]  # simple-history reads it
    user.save(update_fields=fields)


def _locked(user: User) -> User:
    return User.objects.select_for_update().get(pk=user.pk)


def _keep_an_administrator(user: User, message: str) -> None:
    """Refuse when `user` is the only active administrator: someone must be able to manage staff.

    The administrators' rows are locked first, so two administrators demoting or deactivating
    each other at the same moment cannot both succeed.
    """
    if user.role != Role.ADMINISTRATOR or not user.is_active:
        return
    others = (
        User.objects.select_for_update()
        .filter(role=Role.ADMINISTRATOR, is_active=True)
        .exclude(pk=user.pk)
        .order_by("pk")
    )
    if not list(others.values_list("pk", flat=True)):
        raise StaffRefused(message)


def _checked(user: User | None, fields: dict[str, str]) -> dict[str, Any]:
    unknown = set(fields) - set(STAFF_FIELDS)
    if unknown:
        raise TypeError(f"unknown staff fields: {sorted(unknown)}")
    checked: dict[str, Any] = {name: value.strip() for name, value in fields.items()}
    checked["username"] = User.normalize_username(checked["username"]).lower()
    checked["email"] = BaseUserManager.normalize_email(checked["email"])
    if checked["role"] not in Role.values:
        raise StaffRefused(_("Vælg en rolle fra listen."), field="role")
    taken = User.objects.filter(username__iexact=checked["username"])
    if user is not None:
        taken = taken.exclude(pk=user.pk)
    if taken.exists():
        raise StaffRefused(
            _("Brugernavnet %(username)s er allerede i brug.") % {"username": checked["username"]},
            field="username",
        )
    return checked


@transaction.atomic
def staff_create(
    *,
    actor: User,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    job_title: str,
    role: str,
    unit: Unit | None = None,
    since: date | None = None,
) -> OneTimePassword:
    """A new user with a one-time password; she chooses her own at her first login."""
    _require_administrator(actor)
    fields = _checked(
        None,
        {
            "username": username,
            "first_name": first_name,
            "last_name": last_name,
            "email": email,
            "job_title": job_title,
            "role": role,
        },
    )
    if unit is not None and since is None:
        raise StaffRefused(_("Skriv, fra hvilken dato medarbejderen er i enheden."), field="since")
    password = temporary_password()
    user = User(**fields, must_change_password=True)
    user.set_password(password)
    user._history_user = actor  # type: ignore[attr-defined]  # simple-history reads it
    user.save()
    audit_event_record(
        actor=actor, event_type="user.created", subject=user, extra={"role": fields["role"]}
    )
    if unit is not None and since is not None:
        membership_add(actor=actor, user=user, unit=unit, since=since)
    return OneTimePassword(user=user, password=password)


@transaction.atomic
def staff_update(
    *,
    actor: User,
    user: User,
    expected_version: int,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    job_title: str,
    role: str,
) -> User:
    """Names, e-mail, job title and role; compare-and-set, so two administrators never overwrite
    each other's change."""
    _require_administrator(actor)
    # The version first: a colleague's change explains a refusal better than the rules would.
    current = check_version(user, expected_version)
    fields = _checked(
        current,
        {
            "username": username,
            "first_name": first_name,
            "last_name": last_name,
            "email": email,
            "job_title": job_title,
            "role": role,
        },
    )
    changed = sorted(name for name, value in fields.items() if getattr(current, name) != value)
    if not changed:
        return current
    if "role" in changed:
        _keep_an_administrator(
            _locked(current),
            _(
                "%(name)s er den eneste aktive administrator og kan ikke få en anden rolle. "
                "Giv først en anden medarbejder rollen som administrator."
            )
            % {"name": current},
        )
    updated = compare_and_set(
        User, pk=user.pk, expected_version=expected_version, actor=actor, **fields
    )
    extra: dict[str, object] = {"fields": changed}
    if "role" in changed:
        extra["role"] = {"from": current.role, "to": updated.role}
    audit_event_record(actor=actor, event_type="user.updated", subject=updated, extra=extra)
    return updated


@transaction.atomic
def staff_deactivate(*, actor: User, user: User) -> User:
    """She can no longer log in (Django refuses an inactive user, also her open sessions)."""
    _require_administrator(actor)
    current = _locked(user)
    if current.pk == actor.pk:
        raise StaffRefused(_("Du kan ikke deaktivere dig selv."))
    if not current.is_active:
        raise StaffRefused(_("%(name)s er allerede deaktiveret.") % {"name": current})
    _keep_an_administrator(
        current,
        _(
            "%(name)s er den eneste aktive administrator og kan ikke deaktiveres. Giv først en "
            "anden medarbejder rollen som administrator."
        )
        % {"name": current},
    )
    current.is_active = False
    _save(current, actor, ["is_active"])
    audit_event_record(actor=actor, event_type="user.deactivated", subject=current)
    return current


@transaction.atomic
def staff_reactivate(*, actor: User, user: User) -> User:
    _require_administrator(actor)
    current = _locked(user)
    if current.is_active:
        raise StaffRefused(_("%(name)s er allerede aktiv.") % {"name": current})
    current.is_active = True
    _save(current, actor, ["is_active"])
    audit_event_record(actor=actor, event_type="user.reactivated", subject=current)
    return current


@transaction.atomic
def staff_password_reset(*, actor: User, user: User) -> OneTimePassword:
    """A new one-time password; the old one stops working at once, and so do her sessions
    (Django ties a session to the password hash)."""
    _require_administrator(actor)
    current = _locked(user)
    if current.pk == actor.pk:
        raise StaffRefused(_("Din egen adgangskode skifter du under »Skift adgangskode«."))
    password = temporary_password()
    current.set_password(password)
    current.must_change_password = True
    _save(current, actor, ["password", "must_change_password"])
    # A user who forgot her password has often locked herself out by trying; the new one works.
    axes_reset(username=current.username)
    audit_event_record(actor=actor, event_type="user.password_reset", subject=current)
    return OneTimePassword(user=current, password=password)


@transaction.atomic
def membership_add(*, actor: User, user: User, unit: Unit, since: date) -> Membership:
    """She works in `unit` (a daycare, a school, a team in the family department) from `since`."""
    _require_administrator(actor)
    overlapping = Membership.objects.filter(user=user, unit=unit).filter(
        Q(until__isnull=True) | Q(until__gte=since)
    )
    if overlapping.exists():
        raise StaffRefused(
            _("%(name)s er allerede tilknyttet %(unit)s i den periode.")
            % {"name": user, "unit": unit},
            field="unit",
        )
    membership = Membership(user=user, unit=unit, since=since)
    membership._history_user = actor  # type: ignore[attr-defined]  # simple-history reads it
    membership.save()
    audit_event_record(
        actor=actor,
        event_type="user.membership_added",
        subject=user,
        extra={"membership": membership.pk, "unit": unit.code, "since": since.isoformat()},
    )
    return membership


@transaction.atomic
def membership_end(*, actor: User, membership: Membership, until: date) -> Membership:
    """The last day she works in the unit; the row stays, so the history shows where she was."""
    _require_administrator(actor)
    current = (
        Membership.objects.select_for_update().select_related("unit", "user").get(pk=membership.pk)
    )
    if current.until is not None:
        raise StaffRefused(
            _("Tilknytningen er allerede afsluttet den %(day)s.")
            % {"day": current.until.strftime("%d.%m.%Y")}
        )
    if until < current.since:
        raise StaffRefused(
            _("Slutdatoen kan ikke ligge før %(day)s, hvor tilknytningen begyndte.")
            % {"day": current.since.strftime("%d.%m.%Y")},
            field="until",
        )
    current.until = until
    current._history_user = actor  # type: ignore[attr-defined]  # simple-history reads it
    current.save(update_fields=["until"])
    audit_event_record(
        actor=actor,
        event_type="user.membership_ended",
        subject=current.user,
        extra={"membership": current.pk, "unit": current.unit.code, "until": until.isoformat()},
    )
    return current


@transaction.atomic
def password_change(*, user: User, new_password: str) -> User:
    """Her own new password (checked against AUTH_PASSWORD_VALIDATORS); clears the duty to
    choose one. Django re-hashes it with the first of PASSWORD_HASHERS (Argon2)."""
    try:
        password_validation.validate_password(new_password, user)
    except ValidationError as error:
        raise StaffRefused(" ".join(error.messages), field="new_password1") from None
    current = _locked(user)
    current.set_password(new_password)
    current.must_change_password = False
    _save(current, current, ["password", "must_change_password"])
    audit_event_record(actor=current, event_type="user.password_changed", subject=current)
    return current


@transaction.atomic
def language_choose(*, user: User, language: str) -> User:
    """Keep the UI language she chose on her profile, so it follows her to her next login."""
    if language not in dict(settings.LANGUAGES):
        raise StaffRefused(_("Sproget findes ikke."), field="language")
    current = _locked(user)
    if current.language == language:
        return current
    current.language = language
    _save(current, current, ["language"])
    audit_event_record(
        actor=current,
        event_type="user.language_chosen",
        subject=current,
        extra={"language": language},
    )
    return current
