from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.people.access import access_child
from sikkerhedsnet.people.child_page import render_timeline, shown_limit


@login_required
@require_GET
def child_timeline(request: AuthedRequest, child_id: int) -> HttpResponse:
    """More of the timeline ("vis flere"): the section alone for HTMX, else a page of its own."""
    access = access_child(request.user, child_id, shown=_("Barnets tidslinje"))
    section = render_timeline(request, access, limit=shown_limit(request.GET.get("antal")))
    if request.htmx:
        return HttpResponse(section)
    return render(request, "people/timeline_page.html", {"child": access.child, "section": section})
