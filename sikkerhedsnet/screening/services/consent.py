"""The parents' consent that earlier positions follow the child to a new unit (issue 3, item 5).

A consent is given by a named guardian with custody, on a date, and later perhaps withdrawn on a
date; the row is never deleted, so the history of consents is the list of rows (and the history
table keeps every change). Whether a consent is in force on a day is decided in one place,
selectors.positions.consent_in_force; the reads are in selectors/consent.py.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.lib.errors import Refused
from sikkerhedsnet.people.models import Child, Guardian, User
from sikkerhedsnet.screening.models import SharingConsent
from sikkerhedsnet.screening.selectors.consent import guardians_with_custody, open_consent


class ConsentRefused(Refused):
    """A Danish explanation of why the consent was not recorded or withdrawn."""


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
