"""The parents' consent that earlier positions follow the child to a new unit (issue 3, item 5).

A consent is given by a named guardian with custody, on a date, and later perhaps withdrawn on a
date; the row is never deleted, so the history of consents is the list of rows (and the history
table keeps every change). Whether a consent is in force on a day is decided in one place,
selectors.consent_in_force; recent_positions already obeys it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.people.access import UNIT_STAFF_ROLES
from sikkerhedsnet.people.models import Child, Custody, Enrolment, Guardian, Unit, User, current_on
from sikkerhedsnet.screening.models import GuideAssessment, SharingConsent
from sikkerhedsnet.screening.selectors import consent_in_force


class ConsentRefused(ValueError):
    """A Danish explanation of why the consent was not recorded or withdrawn."""


def units_shared_with(
    *, actor: User, child_id: int, day: date, kinds: Iterable[str] | None = None
) -> list[Unit]:
    """Units where the actor works and the child is enrolled on `day` (optionally of `kinds`).

    This is the relationship that lets unit staff act on a child: record consent, a guide
    assessment, or (in a health-visiting unit) an ADBB scoring.
    """
    if not actor.is_authenticated or actor.role not in UNIT_STAFF_ROLES:
        return []
    units = Unit.objects.filter(
        memberships__in=actor.memberships.filter(current_on(day)),
        enrolments__in=Enrolment.objects.filter(current_on(day), child_id=child_id),
    )
    if kinds is not None:
        units = units.filter(kind__in=list(kinds))
    return list(units.distinct().order_by("name"))


def visible_assessments(*, child: Child, units: list[Unit]) -> QuerySet[GuideAssessment]:
    """Guide assessments made in the viewer's units; other units' only with consent in force."""
    return GuideAssessment.objects.filter(child=child).filter(
        Q(unit__in=units) | consent_in_force()
    )


def guardians_with_custody(*, child: Child) -> list[Guardian]:
    custodies = Custody.objects.filter(child=child, has_custody=True).select_related("guardian")
    return [custody.guardian for custody in custodies.order_by("guardian__first_name")]


def open_consent(*, child: Child) -> SharingConsent | None:
    """The consent not yet withdrawn, if any (at most one: consent_record sees to that)."""
    return (
        SharingConsent.objects.filter(child=child, withdrawn_on__isnull=True)
        .select_related("given_by", "recorded_by")
        .first()
    )


def _check_day(day: date, *, not_before: date | None = None) -> None:
    if day > timezone.localdate():
        raise ConsentRefused(_("Datoen må ikke ligge i fremtiden."))
    if not_before is not None and day < not_before:
        raise ConsentRefused(
            _("Datoen kan ikke ligge før samtykket blev givet (%(date)s).")
            % {"date": not_before.strftime("%d.%m.%Y")}
        )


@transaction.atomic
def consent_record(
    *, actor: User, child: Child, guardian: Guardian, given_on: date
) -> SharingConsent:
    """Record that `guardian`, who has custody, consented on `given_on`."""
    _check_day(given_on)
    if guardian not in guardians_with_custody(child=child):
        raise ConsentRefused(_("Samtykket skal gives af en forælder med forældremyndighed."))
    # Lock the child so that two people recording at once cannot both create an open consent.
    Child.objects.select_for_update().filter(pk=child.pk).first()
    existing = open_consent(child=child)
    if existing is not None:
        raise ConsentRefused(
            _(
                "Der er allerede registreret et samtykke fra %(guardian)s den %(date)s. "
                "Det skal trækkes tilbage, før der kan registreres et nyt."
            )
            % {"guardian": existing.given_by, "date": existing.given_on.strftime("%d.%m.%Y")}
        )
    consent = SharingConsent(child=child, given_by=guardian, given_on=given_on, recorded_by=actor)
    consent._history_user = actor  # type: ignore[attr-defined]  # simple-history reads it
    consent.save()
    audit_event_record(
        actor=actor,
        event_type="screening.consent_recorded",
        subject=consent,
        extra={"child_id": child.pk, "guardian_id": guardian.pk, "given_on": given_on.isoformat()},
    )
    return consent


@transaction.atomic
def consent_withdraw(*, actor: User, consent: SharingConsent, withdrawn_on: date) -> SharingConsent:
    """Withdraw a consent from `withdrawn_on`; the row stays, so the history shows both dates."""
    locked = SharingConsent.objects.select_for_update().get(pk=consent.pk)
    if locked.withdrawn_on is not None:
        # Someone withdrew it after the page was shown: say so rather than change their date.
        raise ConsentRefused(
            _("Samtykket er allerede trukket tilbage den %(date)s.")
            % {"date": locked.withdrawn_on.strftime("%d.%m.%Y")}
        )
    _check_day(withdrawn_on, not_before=locked.given_on)
    locked.withdrawn_on = withdrawn_on
    locked._history_user = actor  # type: ignore[attr-defined]  # simple-history reads it
    locked.save(update_fields=["withdrawn_on"])
    audit_event_record(
        actor=actor,
        event_type="screening.consent_withdrawn",
        subject=locked,
        extra={"child_id": locked.child_id, "withdrawn_on": withdrawn_on.isoformat()},
    )
    return locked
