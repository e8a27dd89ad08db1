"""Dialogue meetings with the parents: booked ahead, moved, cancelled, and recorded afterwards.

A meeting is booked ahead with a time, a place and who takes part; each parent with parental
authority who is invited gets an invitation letter (post.services.letter_send, Digital Post), and
a new letter when the meeting is moved or cancelled. Afterwards the same meeting gets its record
(what the staff see, what the parents see and want, what was agreed) and is held. A meeting
nobody booked is recorded afterwards in one step, as before.

A record is not edited afterwards: what the parents agreed to on that day stays as it was
written, and a correction or a later talk is a new record (the history table would keep an edit
anyway, but the page would then show words the parents never heard). Moving, cancelling and
recording a booked meeting are a compare-and-set on DialogueMeeting.version, so two colleagues
cannot both move it (the parents would get two letters with different times) or record it twice.

The dialogue with the parents at a first concern is the Swedish model's local policy (DESIGN §3:
parents involved within 14 days of a yellow or red position), not a deadline of Barnets Lov; it
is part of the early, preventive effort of the municipality's coherent child policy (§ 15).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.collaboration.models import DialogueMeeting, DialogueStatus
from sikkerhedsnet.collaboration.selectors.parents import custodies_of
from sikkerhedsnet.collaboration.services.letters import (
    CANCELLATION,
    INVITATION,
    dialogue_letter_html,
    send_to_parents,
    when_text,
)
from sikkerhedsnet.lib import versions
from sikkerhedsnet.lib.dates import local_day
from sikkerhedsnet.lib.errors import Conflict, Refused
from sikkerhedsnet.people.access import today
from sikkerhedsnet.people.models import Child, Guardian, Unit, User
from sikkerhedsnet.people.selectors import unit_staff
from sikkerhedsnet.post.models import Letter
from sikkerhedsnet.screening.models import Screening

# A sanity bound on a typed date, not policy: a meeting more than a year ahead is a typing error.
LONGEST_AHEAD = timedelta(days=366)
MEETING_RELATED = ("child", "unit", "booked_by")


class DialogueRefused(Refused):
    """A Danish explanation of why the meeting was not booked, changed or recorded."""


class DialogueConflict(Conflict):
    """A colleague moved, cancelled or recorded the meeting after the page was shown."""

    current: DialogueMeeting


def held_on_refusal(*, child: Child, held_on: date) -> str | None:
    """Why a meeting cannot be dated `held_on`, or None; the form asks the same."""
    if held_on > today():
        return _("Mødet kan ikke ligge i fremtiden. Registrér det, når det er holdt.")
    if held_on < child.birth_date:
        return _("Mødet kan ikke ligge før barnets fødsel (%(date)s).") % {
            "date": child.birth_date.strftime("%d.%m.%Y")
        }
    return None


def starts_at_refusal(*, starts_at: datetime, now: datetime) -> str | None:
    """Why a meeting cannot be booked for `starts_at`, or None; the form asks the same."""
    if starts_at <= now:
        return _("Vælg en dato og et tidspunkt frem i tiden.")
    if starts_at > now + LONGEST_AHEAD:
        return _("Mødet ligger mere end et år ude i fremtiden. Vælg en tidligere dato.")
    return None


def _refuse_if(refusal: str | None, field: str | None = None) -> None:
    if refusal:
        raise DialogueRefused(refusal, field=field)


# Recorded afterwards, not booked ----------------------------------------------------------------


def _record(
    actor: User,
    *,
    held_on: date,
    participants: str,
    staff_view: str,
    parents_view: str,
    agreed: str,
) -> dict[str, object]:
    """The fields a meeting's record sets, the same whether it was booked or not."""
    return {
        "status": DialogueStatus.HELD,
        "held_on": held_on,
        "participants": participants.strip(),
        "staff_view": staff_view.strip(),
        "parents_view": parents_view.strip(),
        "agreed": agreed.strip(),
        "recorded_by": actor,
        "recorded_at": timezone.now(),
    }


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
    """A meeting nobody booked, recorded after it was held."""
    _refuse_if(held_on_refusal(child=child, held_on=held_on))
    meeting = DialogueMeeting.objects.create(
        child=child,
        unit=unit,
        screening=screening,
        **_record(
            actor,
            held_on=held_on,
            participants=participants,
            staff_view=staff_view,
            parents_view=parents_view,
            agreed=agreed,
        ),
    )
    audit_event_record(
        actor=actor,
        event_type="dialogue_meeting.recorded",
        subject=meeting,
        extra={"child": child.pk, "unit": unit.pk, "from_position": screening is not None},
    )
    return meeting


# Booked ahead -----------------------------------------------------------------------------------


def _invited_guardians(child: Child, guardians: Sequence[Guardian]) -> list[Guardian]:
    known = {custody.guardian_id for custody in custodies_of(child)}
    if any(guardian.pk not in known for guardian in guardians):
        raise DialogueRefused(_("Vælg blandt barnets forældre."), field="guardians")
    return list(guardians)


def _unit_staff(unit: Unit, staff: Sequence[User]) -> list[User]:
    known = {membership.user_id for membership in unit_staff(unit=unit, day=today())}
    if any(user.pk not in known for user in staff):
        raise DialogueRefused(_("Vælg blandt personalet i enheden."), field="staff")
    return list(staff)


def letter_recipients(meeting: DialogueMeeting) -> list[Guardian]:
    """The invited parents who get letters: those with parental authority over the child."""
    return list(
        meeting.guardians.filter(
            custodies__child_id=meeting.child_id, custodies__has_custody=True
        ).order_by("first_name", "last_name", "pk")
    )


def _letters(
    *, actor: User, meeting: DialogueMeeting, change: str, previous: str = ""
) -> list[Letter]:
    titles = {
        "invitation": _("Invitation til dialogmøde"),
        "moved": _("Nyt tidspunkt for dialogmøde"),
        "cancelled": _("Dialogmødet er aflyst"),
    }
    return send_to_parents(
        actor=actor,
        subject=meeting,
        child=meeting.child,
        guardians=letter_recipients(meeting),
        kind=CANCELLATION if change == "cancelled" else INVITATION,
        title=titles[change],
        html_for=lambda guardian: dialogue_letter_html(
            meeting, guardian, change=change, previous=previous
        ),
    )


@transaction.atomic
def dialogue_meeting_book(
    *,
    actor: User,
    child: Child,
    unit: Unit,
    starts_at: datetime,
    place: str,
    purpose: str,
    guardians: Sequence[Guardian],
    staff: Sequence[User],
    others: str = "",
    screening: Screening | None = None,
) -> DialogueMeeting:
    """Book a meeting ahead and invite the parents: a letter to each with parental authority."""
    _refuse_if(starts_at_refusal(starts_at=starts_at, now=timezone.now()), "day")
    if not place.strip():
        raise DialogueRefused(_("Skriv, hvor mødet holdes."), field="place")
    if not purpose.strip():
        raise DialogueRefused(_("Skriv, hvad I vil tale med forældrene om."), field="purpose")
    invited = _invited_guardians(child, guardians)
    coming = _unit_staff(unit, staff)
    meeting = DialogueMeeting.objects.create(
        child=child,
        unit=unit,
        status=DialogueStatus.PLANNED,
        starts_at=starts_at,
        place=place.strip(),
        purpose=purpose.strip(),
        others=others.strip(),
        screening=screening,
        booked_by=actor,
        booked_at=timezone.now(),
    )
    meeting.guardians.set(invited)
    meeting.staff.set(coming)
    letters = _letters(actor=actor, meeting=meeting, change="invitation")
    audit_event_record(
        actor=actor,
        event_type="dialogue_meeting.booked",
        subject=meeting,
        extra={
            "child": child.pk,
            "unit": unit.pk,
            "starts_at": starts_at.isoformat(),
            "letters": [letter.pk for letter in letters],
            "from_position": screening is not None,
        },
    )
    return meeting


def _planned(meeting: DialogueMeeting, expected_version: int) -> DialogueMeeting:
    current = versions.check_version(
        meeting, expected_version, conflict=DialogueConflict, related=MEETING_RELATED
    )
    if current.status != DialogueStatus.PLANNED:
        raise DialogueRefused(
            _("Mødet er ikke planlagt længere (%(status)s).")
            % {"status": current.get_status_display().lower()}
        )
    return current


def _set(
    *, actor: User, meeting: DialogueMeeting, expected_version: int, **changes: object
) -> DialogueMeeting:
    return versions.compare_and_set(
        DialogueMeeting,
        pk=meeting.pk,
        expected_version=expected_version,
        actor=actor,
        conflict=DialogueConflict,
        only_if=Q(status=DialogueStatus.PLANNED),
        related=MEETING_RELATED,
        **changes,
    )


@transaction.atomic
def dialogue_meeting_move(
    *,
    actor: User,
    meeting: DialogueMeeting,
    expected_version: int,
    starts_at: datetime,
    place: str,
) -> DialogueMeeting:
    """A new time or place; the invited parents get a letter with it."""
    current = _planned(meeting, expected_version)
    _refuse_if(starts_at_refusal(starts_at=starts_at, now=timezone.now()), "day")
    if not place.strip():
        raise DialogueRefused(_("Skriv, hvor mødet holdes."), field="place")
    if starts_at == current.starts_at and place.strip() == current.place:
        raise DialogueRefused(_("Tidspunkt og sted er de samme som før. Ret et af dem."))
    previous = when_text(current.starts_at) if current.starts_at else ""
    moved = _set(
        actor=actor,
        meeting=current,
        expected_version=expected_version,
        starts_at=starts_at,
        place=place.strip(),
    )
    letters = _letters(actor=actor, meeting=moved, change="moved", previous=previous)
    audit_event_record(
        actor=actor,
        event_type="dialogue_meeting.moved",
        subject=moved,
        extra={
            "from": current.starts_at.isoformat() if current.starts_at else None,
            "to": starts_at.isoformat(),
            "letters": [letter.pk for letter in letters],
        },
    )
    return moved


@transaction.atomic
def dialogue_meeting_cancel(
    *, actor: User, meeting: DialogueMeeting, expected_version: int, reason: str
) -> DialogueMeeting:
    """Cancel a planned meeting. Before its time the parents get a letter saying so; a meeting
    whose time has passed (nobody came) is only marked, as no letter can still be of use."""
    current = _planned(meeting, expected_version)
    now = timezone.now()
    cancelled = _set(
        actor=actor,
        meeting=current,
        expected_version=expected_version,
        status=DialogueStatus.CANCELLED,
        cancelled_at=now,
        cancel_reason=reason.strip(),
    )
    ahead = current.starts_at is not None and current.starts_at > now
    letters = _letters(actor=actor, meeting=cancelled, change="cancelled") if ahead else []
    audit_event_record(
        actor=actor,
        event_type="dialogue_meeting.cancelled",
        subject=cancelled,
        extra={"letters": [letter.pk for letter in letters]},
    )
    return cancelled


def record_refusal(*, meeting: DialogueMeeting, held_on: date) -> str | None:
    """Why the booked meeting cannot be recorded as held on `held_on`, or None."""
    refusal = held_on_refusal(child=meeting.child, held_on=held_on)
    if refusal:
        return refusal
    if meeting.starts_at is not None and local_day(timezone.now()) < local_day(meeting.starts_at):
        return _(
            "Referatet kan først skrives på mødedagen. Er mødet holdt på en anden dag, så flyt "
            "det først."
        )
    return None


@transaction.atomic
def dialogue_meeting_record_booked(
    *,
    actor: User,
    meeting: DialogueMeeting,
    expected_version: int,
    held_on: date,
    participants: str,
    staff_view: str,
    parents_view: str,
    agreed: str,
) -> DialogueMeeting:
    """The record of a booked meeting, on the same meeting: it is held from now on."""
    current = _planned(meeting, expected_version)
    _refuse_if(record_refusal(meeting=current, held_on=held_on), "held_on")
    held = _set(
        actor=actor,
        meeting=current,
        expected_version=expected_version,
        **_record(
            actor,
            held_on=held_on,
            participants=participants,
            staff_view=staff_view,
            parents_view=parents_view,
            agreed=agreed,
        ),
    )
    audit_event_record(
        actor=actor,
        event_type="dialogue_meeting.recorded",
        subject=held,
        extra={
            "child": held.child_id,
            "unit": held.unit_id,
            "from_position": held.screening_id is not None,
            "booked": True,
        },
    )
    return held
