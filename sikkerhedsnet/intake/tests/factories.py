from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sikkerhedsnet.intake.models import Channel, Notification, SourceKind
from sikkerhedsnet.intake.services.receiving import ChildGiven, Notifier, notification_receive
from sikkerhedsnet.people.models import Child, User

CPH = ZoneInfo("Europe/Copenhagen")


def make_notification(
    *,
    child: Child | None,
    at: datetime,
    user: User | None = None,
    name: str = "",
    anonymous: bool = False,
    professional: bool = True,
) -> Notification:
    return notification_receive(
        channel=Channel.PROFESSIONAL if user else Channel.PHONE,
        source_kind=SourceKind.SCHOOL if professional else SourceKind.CITIZEN,
        text="Barnet kommer ofte sultent i skole.",
        notifier=Notifier(user=user, anonymous=anonymous, name=name),
        about=ChildGiven(child=child),
        is_professional=professional,
        received_at=at,
    )
