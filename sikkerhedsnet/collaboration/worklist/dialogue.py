"""The safety-net rules for dialogue meetings booked ahead with the parents.

dialogue_meeting_tomorrow: a reminder the day before, for the one who booked the meeting (only
her: the row names her, and `audience_by_unit` keeps the rest of the unit out). From the Danish
day before the meeting until that day ends; on the meeting's day it is gone.

dialogue_meeting_without_record: a planned meeting whose day has passed with neither a record
nor a cancellation. From the Danish day after the meeting's day, so the record can be written
on the day itself; for the booker and the staff of the unit.

Neither is a deadline of Barnets Lov: a dialogue with the parents at a first concern is the
Swedish model's local policy (DESIGN §3), and these rules only keep a booked meeting from being
forgotten (DESIGN §4).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import DateField, F, QuerySet
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.collaboration.models import DialogueMeeting, DialogueStatus
from sikkerhedsnet.lib.dates import COPENHAGEN, Moment, local_day, local_text
from sikkerhedsnet.lib.worklist import Link, Rule


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, COPENHAGEN)


def _meeting_day() -> TruncDate:
    return TruncDate("starts_at", tzinfo=COPENHAGEN, output_field=DateField())


def _planned() -> QuerySet[DialogueMeeting]:
    return DialogueMeeting.objects.filter(status=DialogueStatus.PLANNED)


def _tomorrow(at: Moment) -> QuerySet[Any, dict[str, Any]]:
    day = local_day(at)
    tomorrow = day + timedelta(days=1)
    return (
        _planned()
        .filter(
            starts_at__gte=_start_of(tomorrow),
            starts_at__lt=_start_of(tomorrow + timedelta(days=1)),
        )
        .values("child_id", "unit_id", "place", "starts_at")
        .annotate(user_id=F("booked_by_id"), meeting_id=F("pk"), since=_meeting_day())
    )


def _without_record(at: Moment) -> QuerySet[Any, dict[str, Any]]:
    # Flagged from the day after the meeting's Danish day: it started before today began.
    return (
        _planned()
        .filter(starts_at__lt=_start_of(local_day(at)))
        .values("child_id", "unit_id", "place", "starts_at")
        .annotate(user_id=F("booked_by_id"), meeting_id=F("pk"), since=_meeting_day())
    )


def _with_time(row: dict[str, Any]) -> dict[str, Any]:
    local = row["starts_at"].astimezone(COPENHAGEN)
    return {**row, "meeting_day": local.date(), "meeting_at": local_text(row["starts_at"])}


def _reminder(row: dict[str, Any]) -> dict[str, Any]:
    # Shown the day before: that is the row's "since". It is due, not overdue, until the
    # meeting starts ("overdue_since", lib.worklist): the worklist puts it after what is late.
    row = _with_time(row)
    return {
        **row,
        "since": row["meeting_day"] - timedelta(days=1),
        "overdue_since": row["starts_at"],
    }


def _missing(row: dict[str, Any]) -> dict[str, Any]:
    row = _with_time(row)
    return {**row, "since": row["meeting_day"] + timedelta(days=1)}


def _meeting_link(row: dict[str, Any]) -> Link:
    url = reverse("collaboration:dialogue_detail", args=[row["child_id"], row["meeting_id"]])
    return Link(url=url, label=_("Åbn dialogmødet"))


DIALOGUE_MEETING_TOMORROW = Rule(
    code="dialogue_meeting_tomorrow",
    title=_("Dialogmøde i morgen"),
    explanation=_(
        "Du har planlagt et dialogmøde med forældrene i morgen, %(meeting_at)s, "
        "%(place)s. Se invitationen og det, I vil tale om."
    ),
    who_acts=_("Den fagperson, der planlagde mødet"),
    find=_tomorrow,
    decorate=_reminder,
    # No role acts on every row: each row reaches only the person it names, the booker.
    audience_by_unit=True,
    # A reminder of what comes: its deadline is the meeting's start (`_reminder`), so it is due
    # until then and sorts after what is overdue.
    link=_meeting_link,
)

DIALOGUE_MEETING_WITHOUT_RECORD = Rule(
    code="dialogue_meeting_without_record",
    title=_("Dialogmøde uden referat"),
    explanation=_(
        "Dialogmødet med forældrene den %(meeting_at)s har intet referat. "
        "Skriv referatet, eller aflys mødet, hvis det ikke blev holdt."
    ),
    who_acts=_("Den fagperson, der planlagde mødet, og personalet i enheden"),
    find=_without_record,
    decorate=_missing,
    link=_meeting_link,
)
