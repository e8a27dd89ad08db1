from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import QuerySet

from sikkerhedsnet.audit.models import AccessLog

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def access_log_search(
    *,
    child_cpr: str | None = None,
    username: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[AccessLog]:
    """The access log filtered by child, user and period (dates in Danish time, inclusive)."""
    rows = AccessLog.objects.select_related("user", "child")
    if child_cpr:
        rows = rows.filter(child__cpr=child_cpr)
    if username:
        rows = rows.filter(user__username__iexact=username)
    if date_from:
        rows = rows.filter(at__gte=datetime.combine(date_from, time.min, COPENHAGEN))
    if date_to:
        end = datetime.combine(date_to + timedelta(days=1), time.min, COPENHAGEN)
        rows = rows.filter(at__lt=end)
    return rows.order_by("-at", "-id")
