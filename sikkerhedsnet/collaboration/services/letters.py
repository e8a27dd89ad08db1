"""The letters collaboration writes to the parents, and how they are sent.

The invitation to a dialogue meeting (and the letter when it is moved or cancelled) and the unit
plan as the parents read it. Each is HTML that extends "letters/base.html" with the
municipality's letterhead, in plain Danish whatever the language of the professional's screen
(lib.letters.LETTER_LANGUAGE). Each parent with parental authority gets her own letter, through
post.services.letter_send, inside the service that made the change (so a letter exists exactly
when the booking, the move or the sending does).

The parents' version of a unit plan holds what was agreed with them: the goals, the actions with
who does what and by when, and when the plan is looked at again. Never the unit's evaluations
(PlanReview.note) or the screening position the plan followed up: those are the staff's own notes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime

from django.db import models
from django.template.loader import render_to_string
from django.utils import dateformat, translation

from sikkerhedsnet.collaboration.models import DialogueMeeting, PlanAction, UnitPlan
from sikkerhedsnet.lib.dates import COPENHAGEN
from sikkerhedsnet.lib.letters import LETTER_LANGUAGE, letterhead
from sikkerhedsnet.people.access import today
from sikkerhedsnet.people.models import Child, Guardian, User
from sikkerhedsnet.post.models import Letter
from sikkerhedsnet.post.recipients import Recipient
from sikkerhedsnet.post.services import letter_send

INVITATION = "collaboration.invitation"
CANCELLATION = "collaboration.cancellation"
UNIT_PLAN = "collaboration.unit_plan"


def when_text(starts_at: datetime) -> str:
    """ "tirsdag den 24.11.2026 kl. 14.00", in Danish time and Danish words."""
    local = starts_at.astimezone(COPENHAGEN)
    with translation.override(LETTER_LANGUAGE):
        weekday = dateformat.format(local, "l")
    return f"{weekday} den {local:%d.%m.%Y} kl. {local:%H.%M}"


def staff_label(user: User) -> str:
    what = user.job_title or user.get_role_display()
    return f"{user.get_full_name() or user.username}, {what.lower()}"


def participant_lines(meeting: DialogueMeeting) -> list[str]:
    """Who comes, as the letter and the page name them: parents, staff, others."""
    lines = [str(guardian) for guardian in meeting.guardians.order_by("first_name", "pk")]
    lines += [staff_label(user) for user in meeting.staff.order_by("first_name", "pk")]
    if meeting.others:
        lines.append(meeting.others)
    return lines


def _recipient_lines(guardian: Guardian | None) -> list[str]:
    if guardian is None:
        return []
    return [line for line in (str(guardian), guardian.address) if line]


def _base(child: Child, guardian: Guardian | None, day: date) -> dict[str, object]:
    return {
        **letterhead(),
        "child": child,
        "guardian": guardian,
        "recipient": _recipient_lines(guardian),
        "today": day.strftime("%d.%m.%Y"),
    }


def dialogue_letter_html(
    meeting: DialogueMeeting, guardian: Guardian, *, change: str, previous: str = ""
) -> str:
    """The letter for one parent: `change` is "invitation", "moved" or "cancelled"; `previous`
    the time it had before a move."""
    if meeting.starts_at is None:
        raise ValueError("only a booked meeting (with a time) has letters")
    context = {
        **_base(meeting.child, guardian, today()),
        "meeting": meeting,
        "change": change,
        "when": when_text(meeting.starts_at),
        "previous": previous,
        "participants": participant_lines(meeting),
        "booker": meeting.booked_by,
    }
    template = (
        "collaboration/letters/dialogue_cancelled.html"
        if change == "cancelled"
        else "collaboration/letters/dialogue_invitation.html"
    )
    with translation.override(LETTER_LANGUAGE):
        return render_to_string(template, context)


def unit_plan_html(plan: UnitPlan, guardian: Guardian | None, *, day: date | None = None) -> str:
    """The plan as the parents read it, for one parent (a letter) or for print (no recipient)."""
    actions: list[PlanAction] = list(plan.actions.all())
    context = {
        **_base(plan.child, guardian, day or today()),
        "plan": plan,
        "actions": actions,
    }
    with translation.override(LETTER_LANGUAGE):
        return render_to_string("collaboration/letters/unit_plan.html", context)


def send_to_parents(
    *,
    actor: User,
    subject: models.Model,
    child: Child,
    guardians: Sequence[Guardian],
    kind: str,
    title: str,
    html_for: Callable[[Guardian], str],
) -> list[Letter]:
    """One letter to each of `guardians`; call inside the service's own transaction."""
    return [
        letter_send(
            actor=actor,
            kind=kind,
            title=title,
            html=html_for(guardian),
            recipient=Recipient.of_guardian(guardian),
            child=child,
            subject=subject,
        )
        for guardian in guardians
    ]
