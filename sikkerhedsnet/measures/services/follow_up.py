"""Following up a measure: the follow-up meeting, and the caseworker's own interval.

Both store the next deadline on the measure (Measure.next_follow_up_due, indexed for the safety
net), computed by cadence.py from the latest follow-up. Both move the measure's version on, so
an edit made from an older page (the interval, an end date) is refused rather than lost.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.cases.services.journal import journal_event_record
from sikkerhedsnet.lib.errors import Refused
from sikkerhedsnet.lib.versions import check_version, compare_and_set
from sikkerhedsnet.measures import journal
from sikkerhedsnet.measures.cadence import follow_up_due
from sikkerhedsnet.measures.models import FollowUp, Measure, MeasureStatus
from sikkerhedsnet.people.models import User

SAFETY_SCALE_MAX = 10
MAX_INTERVAL_WEEKS = 52


def _due_after(measure: Measure, *, interval_weeks: int | None) -> date | None:
    if measure.start_date is None:
        return None
    last = measure.follow_ups.aggregate(last=Max("held_on"))["last"]
    return follow_up_due(
        kind=measure.kind,
        start_date=measure.start_date,
        last_held_on=last,
        interval_weeks=interval_weeks,
    )


def _check_meeting(
    measure: Measure, *, held_on: date, took_part: bool, what_changed: str, scale: int | None
) -> None:
    if measure.status != MeasureStatus.ACTIVE or measure.start_date is None:
        raise Refused(_("Der kan kun registreres opfølgning på en foranstaltning, der er i gang."))
    if held_on > timezone.localdate():
        raise Refused(_("Mødedatoen kan ikke ligge i fremtiden."))
    if held_on < measure.start_date:
        raise Refused(_("Mødet kan ikke ligge før foranstaltningen startede."))
    if not took_part:
        raise Refused(_("Angiv, hvem der deltog i mødet."))
    if not what_changed.strip():
        raise Refused(_("Skriv, hvad der har ændret sig."))
    if scale is not None and not 0 <= scale <= SAFETY_SCALE_MAX:
        raise Refused(_("Sikkerhedsskalaen går fra 0 til 10."))


@transaction.atomic
def follow_up_record(
    *,
    actor: User,
    measure: Measure,
    held_on: date,
    child_took_part: bool,
    family_took_part: bool,
    network_took_part: bool,
    professionals: str,
    what_changed: str,
    safety_scale: int | None,
) -> FollowUp:
    """Record a follow-up meeting and move the measure's next deadline on from it."""
    # Locking the measure makes two follow-ups recorded at once compute the deadline in turn.
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    took_part = child_took_part or family_took_part or network_took_part or professionals.strip()
    _check_meeting(
        measure,
        held_on=held_on,
        took_part=bool(took_part),
        what_changed=what_changed,
        scale=safety_scale,
    )
    follow_up = FollowUp.objects.create(
        measure=measure,
        held_on=held_on,
        held_by=actor,
        child_took_part=child_took_part,
        family_took_part=family_took_part,
        network_took_part=network_took_part,
        professionals=professionals.strip(),
        what_changed=what_changed.strip(),
        safety_scale=safety_scale,
    )
    due = _due_after(measure, interval_weeks=measure.follow_up_interval_weeks)
    follow_up.next_due = due
    follow_up.save(update_fields=["next_due"])
    held = journal.follow_up_recorded(follow_up)
    journal_event_record(case=measure.case, actor=actor, source=follow_up, **held)
    compare_and_set(
        Measure,
        pk=measure.pk,
        expected_version=measure.version,
        actor=actor,
        next_follow_up_due=due,
    )
    audit_event_record(
        actor=actor,
        event_type="follow_up.recorded",
        subject=follow_up,
        extra={"case": measure.case_id, "measure": measure.pk, "next_due": str(due)},
    )
    return follow_up


@transaction.atomic
def measure_follow_up_interval_set(
    *,
    actor: User,
    measure: Measure,
    expected_version: int,
    interval_weeks: int | None,
    reason: str,
) -> Measure:
    """Set the caseworker's own follow-up interval (with a written reason), or go back to policy
    (`interval_weeks` None). The next deadline is computed again from the latest follow-up."""
    current = check_version(measure, expected_version)
    if current.status == MeasureStatus.ENDED:
        raise Refused(_("Foranstaltningen er afsluttet."))
    if interval_weeks is not None:
        if not 1 <= interval_weeks <= MAX_INTERVAL_WEEKS:
            raise Refused(_("Intervallet skal være mellem 1 og 52 uger."))
        if not reason.strip():
            raise Refused(
                _("Skriv, hvorfor foranstaltningen skal følges op med et andet interval.")
            )
    reason = reason.strip() if interval_weeks is not None else ""
    updated = compare_and_set(
        Measure,
        pk=current.pk,
        expected_version=expected_version,
        actor=actor,
        follow_up_interval_weeks=interval_weeks,
        follow_up_interval_reason=reason,
        next_follow_up_due=_due_after(current, interval_weeks=interval_weeks),
    )
    audit_event_record(
        actor=actor,
        event_type="measure.follow_up_interval_set",
        subject=updated,
        extra={"case": current.case_id, "interval_weeks": interval_weeks},
    )
    return updated
