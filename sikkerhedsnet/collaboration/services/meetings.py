"""Writes of the cross-disciplinary meetings: series, meetings, agenda items, minutes, outcomes.

Without the parents' consent a child is never stored on an agenda item, nor in its audit row:
the item is an anonymous consultation with a description in general terms. Minutes and the
outcome of an item are a compare-and-set on AgendaItem.version (lib.versions), so two
participants writing the minutes at once cannot overwrite each other. A notification outcome for
a named child creates the notification to intake in the same transaction and links it on the
item; intake is above this area, so it does so through the plug-in kind "meeting_notification".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.collaboration.models import (
    AgendaItem,
    CollaborationMeeting,
    Consent,
    MeetingOutcome,
    MeetingSeries,
)
from sikkerhedsnet.lib import versions
from sikkerhedsnet.lib.dates import COPENHAGEN, local_day
from sikkerhedsnet.lib.errors import Conflict, Refused
from sikkerhedsnet.lib.plugins import load_callables
from sikkerhedsnet.people.models import Child, Unit, User

MAX_MEETINGS_AT_ONCE = 12


class MeetingRefused(Refused):
    """The change does not fit; the message is shown to the user as it is."""


class AgendaItemConflict(Conflict):
    """Someone saved the item after the page showed `expected_version`."""

    current: AgendaItem


class MeetingNotifier(Protocol):
    """The hook "meeting_notification": sends the notification, returns it (intake's)."""

    def __call__(self, *, actor: User, child: Child, unit: Unit, text: str) -> Any: ...


# Series and meetings ----------------------------------------------------------------------------


@transaction.atomic
def meeting_series_create(
    *,
    actor: User,
    name: str,
    unit: Unit | None,
    district: str,
    standing_members: Iterable[User],
    interval_weeks: int,
    location: str,
) -> MeetingSeries:
    if (unit is None) == (not district):
        raise MeetingRefused(_("Vælg enten en enhed eller et distrikt."))
    series = MeetingSeries.objects.create(
        name=name,
        unit=unit,
        district="" if unit is not None else district,
        interval_weeks=interval_weeks,
        location=location,
    )
    members = list(standing_members)
    series.standing_members.set(members)
    audit_event_record(
        actor=actor,
        event_type="meeting_series.created",
        subject=series,
        extra={"members": [member.pk for member in members]},
    )
    return series


@transaction.atomic
def meeting_series_members_set(
    *, actor: User, series: MeetingSeries, standing_members: Iterable[User]
) -> MeetingSeries:
    members = list(standing_members)
    series.standing_members.set(members)
    audit_event_record(
        actor=actor,
        event_type="meeting_series.members_changed",
        subject=series,
        extra={"members": [member.pk for member in members]},
    )
    return series


def meeting_times(first: datetime, *, count: int, interval_weeks: int) -> list[datetime]:
    """The same wall-clock time every `interval_weeks`, also across a change to summer time."""
    local = first.astimezone(COPENHAGEN).replace(tzinfo=None)
    step = timedelta(weeks=interval_weeks)
    return [(local + step * n).replace(tzinfo=COPENHAGEN) for n in range(count)]


@transaction.atomic
def meetings_schedule(
    *, actor: User, series: MeetingSeries, first_starts_at: datetime, count: int, location: str
) -> list[CollaborationMeeting]:
    if not 1 <= count <= MAX_MEETINGS_AT_ONCE:
        raise MeetingRefused(
            _("Du kan planlægge fra 1 til %(max)d møder ad gangen.") % {"max": MAX_MEETINGS_AT_ONCE}
        )
    if first_starts_at <= timezone.now():
        raise MeetingRefused(_("Det første møde skal ligge i fremtiden."))
    meetings = [
        CollaborationMeeting.objects.create(
            series=series, starts_at=moment, location=location or series.location
        )
        for moment in meeting_times(
            first_starts_at, count=count, interval_weeks=series.interval_weeks
        )
    ]
    audit_event_record(
        actor=actor,
        event_type="meeting.scheduled",
        subject=series,
        extra={"meetings": [meeting.pk for meeting in meetings]},
    )
    return meetings


# The agenda -------------------------------------------------------------------------------------


@transaction.atomic
def agenda_item_put_forward(
    *,
    actor: User,
    meeting: CollaborationMeeting,
    child: Child,
    unit: Unit,
    consent: Consent | str,
    concern: str,
    parents_invited: bool,
    anonymous_description: str = "",
) -> AgendaItem:
    """Put a child forward: by name with the parents' consent, otherwise anonymously."""
    if meeting.starts_at <= timezone.now():
        raise MeetingRefused(_("Mødet er holdt. Vælg et kommende møde."))
    identified = consent == Consent.GIVEN
    if not identified and not anonymous_description.strip():
        raise MeetingRefused(_("Skriv en anonym beskrivelse af barnet, fx køn og alder."))
    item = AgendaItem.objects.create(
        meeting=meeting,
        child=child if identified else None,
        unit=unit,
        anonymous_description="" if identified else anonymous_description.strip(),
        concern=concern,
        consent=consent,
        parents_invited=parents_invited,
        put_forward_by=actor,
    )
    # The audit row of an anonymous item names no child either.
    audit_event_record(
        actor=actor,
        event_type="agenda_item.put_forward",
        subject=item,
        extra={"meeting": meeting.pk, "child": child.pk if identified else None},
    )
    return item


# An item is fetched with what its page and the notification read.
ITEM_RELATED = ("meeting__series", "child", "unit")


@transaction.atomic
def agenda_item_minutes_record(
    *,
    actor: User,
    item: AgendaItem,
    expected_version: int,
    minutes: str,
    outcome: MeetingOutcome | str,
) -> AgendaItem:
    """Minutes and outcome of one item, if nobody saved it since the page was shown.

    The notification outcome for a named child sends the notification now, once; for an
    anonymous consultation it only records the advice (intake cannot act on an unnamed child).
    """
    current = versions.check_version(
        item, expected_version, conflict=AgendaItemConflict, related=ITEM_RELATED
    )
    if current.notification_id is not None and outcome != MeetingOutcome.NOTIFICATION:
        raise MeetingRefused(
            _("Der er allerede sendt en underretning fra punktet. Resultatet kan ikke ændres.")
        )
    now = timezone.now()
    if local_day(current.meeting.starts_at) > local_day(now):
        raise MeetingRefused(_("Referatet kan først skrives på mødedagen."))
    notification = current.notification
    child = current.child
    if outcome == MeetingOutcome.NOTIFICATION and child is not None and not notification:
        notification = _notify(actor=actor, item=current, child=child, minutes=minutes)
    saved = versions.compare_and_set(
        AgendaItem,
        pk=current.pk,
        expected_version=expected_version,
        actor=actor,
        conflict=AgendaItemConflict,
        related=ITEM_RELATED,
        minutes=minutes,
        minutes_by=actor,
        minutes_at=now,
        outcome=outcome,
        notification=notification,
    )
    audit_event_record(
        actor=actor,
        event_type="agenda_item.minutes_recorded",
        subject=saved,
        extra={"outcome": outcome, "notification": notification.pk if notification else None},
    )
    return saved


def _notify(*, actor: User, item: AgendaItem, child: Child, minutes: str) -> Any:
    meeting = item.meeting
    day = meeting.starts_at.astimezone(COPENHAGEN).strftime("%d.%m.%Y")
    text = _(
        "Underretning fra tværfagligt møde (%(series)s) den %(day)s.\n\n"
        "Bekymringen:\n%(concern)s\n\nReferat:\n%(minutes)s"
    ) % {"series": meeting.series.name, "day": day, "concern": item.concern, "minutes": minutes}
    return _meeting_notifier()(actor=actor, child=child, unit=item.unit, text=text)


def _meeting_notifier() -> MeetingNotifier:
    senders: list[MeetingNotifier] = load_callables("meeting_notification")
    if len(senders) != 1:
        raise ImproperlyConfigured("plug-in kind meeting_notification needs exactly one entry")
    return senders[0]
