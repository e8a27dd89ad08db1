"""Writes of the cross-disciplinary meetings: series, meetings, agenda items, minutes, outcomes.

Without the parents' consent a child is never stored on an agenda item, nor in its audit row:
the item is an anonymous consultation with a description in general terms. Minutes and the
outcome of an item are a compare-and-set on AgendaItem.version, so two participants writing the
minutes at once cannot overwrite each other. A notification outcome for a named child creates
the notification to intake in the same transaction and links it on the item.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
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
from sikkerhedsnet.intake.models import Channel, DutyGround, Notification
from sikkerhedsnet.intake.services.receiving import ChildGiven, Notifier, notification_receive
from sikkerhedsnet.intake.views_receiving import source_kind_for
from sikkerhedsnet.lib.dates import COPENHAGEN, local_day
from sikkerhedsnet.people.models import Child, Unit, User

MAX_MEETINGS_AT_ONCE = 12


class MeetingRefused(ValueError):
    """The change does not fit; the message is shown to the user as it is."""


class AgendaItemConflict(Exception):
    """Someone saved the item after the page showed `expected_version`."""

    def __init__(self, current: AgendaItem) -> None:
        super().__init__(current.pk)
        self.current = current


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


def _fresh(item_id: int) -> AgendaItem:
    return AgendaItem.objects.select_related("meeting__series", "child", "unit").get(pk=item_id)


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
    current = _fresh(item.pk)
    if current.version != expected_version:
        raise AgendaItemConflict(current)
    if current.notification_id is not None and outcome != MeetingOutcome.NOTIFICATION:
        raise MeetingRefused(
            _("Der er allerede sendt en underretning fra punktet. Resultatet kan ikke ændres.")
        )
    now = timezone.now()
    if local_day(current.meeting.starts_at) > local_day(now):
        raise MeetingRefused(_("Referatet kan først skrives på mødedagen."))
    notification = current.notification
    if outcome == MeetingOutcome.NOTIFICATION and current.child is not None and not notification:
        notification = _notify(actor=actor, item=current, minutes=minutes)
    updated = AgendaItem.objects.filter(pk=current.pk, version=expected_version).update(
        version=F("version") + 1,
        minutes=minutes,
        minutes_by=actor,
        minutes_at=now,
        outcome=outcome,
        notification=notification,
    )
    if not updated:
        raise AgendaItemConflict(_fresh(current.pk))
    saved = _fresh(current.pk)
    AgendaItem.history.bulk_history_create([saved], update=True, default_user=actor)
    audit_event_record(
        actor=actor,
        event_type="agenda_item.minutes_recorded",
        subject=saved,
        extra={"outcome": outcome, "notification": notification.pk if notification else None},
    )
    return saved


def _notify(*, actor: User, item: AgendaItem, minutes: str) -> Notification:
    meeting = item.meeting
    day = meeting.starts_at.astimezone(COPENHAGEN).strftime("%d.%m.%Y")
    text = _(
        "Underretning fra tværfagligt møde (%(series)s) den %(day)s.\n\n"
        "Bekymringen:\n%(concern)s\n\nReferat:\n%(minutes)s"
    ) % {"series": meeting.series.name, "day": day, "concern": item.concern, "minutes": minutes}
    return notification_receive(
        channel=Channel.MEETING,
        source_kind=source_kind_for(item.unit),
        text=text,
        notifier=Notifier(
            user=actor,
            name=actor.get_full_name() or actor.username,
            organisation=item.unit.name,
            email=actor.email,
        ),
        about=ChildGiven(child=item.child),
        is_professional=True,
        duty_ground=DutyGround.NEED_OF_SUPPORT,
    )
