"""The access log's panel on the front page: the latest reads, for the data protection officer.

For whoever may search the access log (`audit.view_accesslog`): the latest reads of children's
records and units' lists (who, when, what was shown, on what basis), each linked to the search
of that user's reads on that day, where she checks them (databeskyttelsesforordningen art. 32:
regular checks of who read what). The panel names no child: the search shows the rows in full.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from sikkerhedsnet.audit.selectors import access_log_search
from sikkerhedsnet.lib.front_page import PANEL_ITEMS, FrontPanel
from sikkerhedsnet.lib.http import AuthedRequest


def render_access_log(request: AuthedRequest) -> SafeString | None:
    if not request.user.has_perm("audit.view_accesslog"):
        return None
    search = reverse("audit:access_log")
    rows = []
    for row in access_log_search().select_related("unit")[:PANEL_ITEMS]:
        day = timezone.localtime(row.at).strftime("%d.%m.%Y")
        query = urlencode({"username": row.user.username, "date_from": day, "date_to": day})
        rows.append({"row": row, "url": f"{search}?{query}"})
    today = timezone.localdate()
    context = {
        "rows": rows,
        "today_count": access_log_search(date_from=today, date_to=today).count(),
    }
    return render_to_string("audit/front_page/panel.html", context, request=request)


ACCESS_LOG_PANEL = FrontPanel(name="audit_access_log", render=render_access_log)
