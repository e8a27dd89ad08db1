"""The meetings' safety-net rule and escalation hook.

meeting_minutes_missing: an agenda item still has no minutes a week (policy) after the meeting.
A row per item; an anonymous consultation has no child, so the row names the unit and the
professional who put it forward.

The escalation hook: a child put forward by name at a meeting counts as escalated beyond the
unit (the rule "yellow or red two rounds in a row" then stays quiet).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import DateField, Exists, F, OuterRef, QuerySet
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.collaboration.models import AgendaItem
from sikkerhedsnet.lib.dates import COPENHAGEN, Moment, local_day
from sikkerhedsnet.lib.worklist import Link, Rule
from sikkerhedsnet.policy import get_policy


def _meeting_day() -> TruncDate:
    return TruncDate("meeting__starts_at", tzinfo=COPENHAGEN, output_field=DateField())


def minutes_due(meeting_day: date) -> date:
    """The last day the minutes are on time."""
    return meeting_day + timedelta(days=get_policy().meeting_minutes_days)


def _minutes_missing(at: Moment) -> QuerySet[Any, dict[str, Any]]:
    day = local_day(at)
    # Flagged from the day after the due date: the meeting was held on or before this day.
    latest_meeting_day = day - timedelta(days=get_policy().meeting_minutes_days + 1)
    held_before = datetime.combine(latest_meeting_day + timedelta(days=1), time.min, COPENHAGEN)
    return (
        AgendaItem.objects.filter(minutes="", meeting__starts_at__lt=held_before)
        .values("child_id", "unit_id")
        .annotate(
            user_id=F("put_forward_by_id"),
            meeting_day=_meeting_day(),
            since=_meeting_day(),
            agenda_item_id=F("pk"),
            meeting_pk=F("meeting_id"),
            series=F("meeting__series__name"),
        )
    )


def _decorate(row: dict[str, Any]) -> dict[str, Any]:
    due = minutes_due(row["meeting_day"])
    return {**row, "since": due + timedelta(days=1), "minutes_due": due}


def _meeting_link(row: dict[str, Any]) -> Link:
    url = reverse("collaboration:meeting_detail", args=[row["meeting_pk"]])
    return Link(url=url, label=_("Åbn mødet"))


MEETING_MINUTES_MISSING = Rule(
    code="meeting_minutes_missing",
    title=_("Tværfagligt møde uden referat"),
    explanation=_(
        "Et punkt på det tværfaglige møde (%(series)s) den %(meeting_day)s har intet referat. "
        "Referatet skulle være skrevet senest %(minutes_due)s."
    ),
    who_acts=_("Den fagperson, der satte barnet på, og lederen i enheden"),
    find=_minutes_missing,
    decorate=_decorate,
    link=_meeting_link,
)


def named_at_meeting_since() -> Exists:
    """The child (OuterRef child_id) was put forward by name at a meeting on or after
    OuterRef concern_since (a date, the meeting's Danish day)."""
    return Exists(
        AgendaItem.objects.annotate(meeting_day=_meeting_day()).filter(
            child_id=OuterRef("child_id"), meeting_day__gte=OuterRef("concern_since")
        )
    )
