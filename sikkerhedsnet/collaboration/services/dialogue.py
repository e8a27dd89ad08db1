"""Recording a dialogue meeting with the parents.

A dialogue meeting is a record of a conversation on a given day: what the staff see, what the
parents see and want, and what was agreed with them. It is not edited afterwards: what the
parents agreed to on that day stays as it was written, and a correction or a later talk is a new
record (the history table would keep an edit anyway, but the page would then show words the
parents never heard). This also means two people can never overwrite each other's meeting.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.collaboration.models import DialogueMeeting
from sikkerhedsnet.lib.errors import Refused
from sikkerhedsnet.people.access import today
from sikkerhedsnet.people.models import Child, Unit, User
from sikkerhedsnet.screening.models import Screening


class DialogueRefused(Refused):
    """A Danish explanation of why the meeting was not recorded."""


def held_on_refusal(*, child: Child, held_on: date) -> str | None:
    """Why a meeting cannot be dated `held_on`, or None; the form asks the same."""
    if held_on > today():
        return _("Mødet kan ikke ligge i fremtiden. Registrér det, når det er holdt.")
    if held_on < child.birth_date:
        return _("Mødet kan ikke ligge før barnets fødsel (%(date)s).") % {
            "date": child.birth_date.strftime("%d.%m.%Y")
        }
    return None


@transaction.atomic
def dialogue_meeting_record(
    *,
    actor: User,
    child: Child,
    unit: Unit,
    held_on: date,
    participants: str,
    staff_view: str,
    parents_view: str,
    agreed: str,
    screening: Screening | None = None,
) -> DialogueMeeting:
    refusal = held_on_refusal(child=child, held_on=held_on)
    if refusal:
        raise DialogueRefused(refusal)
    meeting = DialogueMeeting.objects.create(
        child=child,
        unit=unit,
        held_on=held_on,
        participants=participants.strip(),
        staff_view=staff_view.strip(),
        parents_view=parents_view.strip(),
        agreed=agreed.strip(),
        screening=screening,
        recorded_by=actor,
    )
    audit_event_record(
        actor=actor,
        event_type="dialogue_meeting.recorded",
        subject=meeting,
        extra={"child": child.pk, "unit": unit.pk, "from_position": screening is not None},
    )
    return meeting
