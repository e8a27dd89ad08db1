"""ADBB scorings at health-visitor visits, and the follow-up visit a high total asks for.

The scale itself (items, score labels, ages) is adbb_scale.py; a total at or over the cutoff is
`Screening.is_flagged`. The safety-net rule `adbb_without_follow_up` (worklist.py) watches for a
high total without that visit.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.lib.errors import Refused
from sikkerhedsnet.people.models import Child, Unit, User
from sikkerhedsnet.screening.access import health_visiting_units
from sikkerhedsnet.screening.adbb_scale import adbb_age_error
from sikkerhedsnet.screening.models import (
    ADBB_ITEM_COUNT,
    ADBB_ITEM_MAX,
    AdbbFollowUp,
    Instrument,
    Screening,
)
from sikkerhedsnet.screening.selectors.rounds import round_on

NOTE_MAX_LENGTH = 1000


class AdbbRefused(Refused):
    """A Danish explanation of why the scoring or follow-up was not recorded."""


def _check_scores(scores: list[int]) -> None:
    if len(scores) != ADBB_ITEM_COUNT:
        raise AdbbRefused(_("Alle otte punkter skal scores."))
    if any(isinstance(s, bool) or not isinstance(s, int) for s in scores):
        raise AdbbRefused(_("Hvert punkt scores med et helt tal fra 0 til 4."))
    if any(not 0 <= score <= ADBB_ITEM_MAX for score in scores):
        raise AdbbRefused(_("Hvert punkt scores med et helt tal fra 0 til 4."))


def _check_actor(*, actor: User, child: Child, unit: Unit | None = None) -> None:
    """The actor is a health visitor of the child (in `unit`, when one is named)."""
    units = health_visiting_units(actor=actor, child_id=child.pk, day=timezone.localdate())
    if not units or (unit is not None and unit not in units):
        raise AdbbRefused(
            _("Kun sundhedsplejen, hvor barnet er indskrevet, kan registrere ADBB for barnet.")
        )


@transaction.atomic
def adbb_record(
    *, actor: User, child: Child, unit: Unit, scores: list[int], screened_on: date
) -> Screening:
    """Record an ADBB scoring; the total is computed here, never taken from the caller."""
    _check_scores(scores)
    if screened_on > timezone.localdate():
        raise AdbbRefused(_("Besøgsdatoen må ikke ligge i fremtiden."))
    age_error = adbb_age_error(child=child, screened_on=screened_on)
    if age_error:
        raise AdbbRefused(age_error)
    _check_actor(actor=actor, child=child, unit=unit)
    total = sum(scores)
    screening = Screening(
        child=child,
        unit=unit,
        instrument=Instrument.ADBB,
        round_deadline=round_on(screened_on).deadline,
        screened_on=screened_on,
        adbb_scores=list(scores),
        adbb_total=total,
        recorded_by=actor,
    )
    screening._history_user = actor  # type: ignore[attr-defined]  # simple-history reads it
    screening.save()
    audit_event_record(
        actor=actor,
        event_type="screening.adbb_recorded",
        subject=screening,
        extra={
            "child_id": child.pk,
            "screened_on": screened_on.isoformat(),
            "total": total,
            "flagged": screening.is_flagged,
        },
    )
    return screening


@transaction.atomic
def adbb_follow_up_record(
    *, actor: User, screening: Screening, visited_on: date, note: str = ""
) -> AdbbFollowUp:
    """Record the follow-up visit after an ADBB scoring."""
    if screening.instrument != Instrument.ADBB:
        raise ValueError("a follow-up visit belongs to an ADBB scoring")
    if visited_on > timezone.localdate():
        raise AdbbRefused(_("Besøgsdatoen må ikke ligge i fremtiden."))
    if visited_on < screening.screened_on:
        raise AdbbRefused(
            _("Det opfølgende besøg kan ikke ligge før scoringen den %(date)s.")
            % {"date": screening.screened_on.strftime("%d.%m.%Y")}
        )
    if len(note) > NOTE_MAX_LENGTH:
        raise AdbbRefused(_("Notatet må højst være %(n)d tegn.") % {"n": NOTE_MAX_LENGTH})
    # Any health visitor of the child: the child may have moved district since the scoring.
    _check_actor(actor=actor, child=screening.child)
    follow_up = AdbbFollowUp(
        screening=screening, visited_on=visited_on, note=note, recorded_by=actor
    )
    follow_up._history_user = actor  # type: ignore[attr-defined]  # simple-history reads it
    follow_up.save()
    audit_event_record(
        actor=actor,
        event_type="screening.adbb_follow_up_recorded",
        subject=follow_up,
        extra={
            "child_id": screening.child_id,
            "screening_id": screening.pk,
            "visited_on": visited_on.isoformat(),
        },
    )
    return follow_up
