from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikkerhedsnet.audit.services import access_log_record_unit
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.people import selectors
from sikkerhedsnet.people.access import access_child, access_unit, today, visible_units
from sikkerhedsnet.people.hooks import render_child_sections

ROSTER_PAGE_SIZE = 50


@login_required
def unit_list(request: AuthedRequest) -> HttpResponse:
    units = visible_units(request.user).order_by("kind", "name")
    page = Paginator(units, 100).get_page(request.GET.get("side"))
    return render(request, "people/unit_list.html", {"page": page})


@login_required
def unit_detail(request: AuthedRequest, unit_id: int) -> HttpResponse:
    unit = access_unit(request.user, unit_id)
    day = today()
    search = request.GET.get("q", "").strip()[:100]
    roster = selectors.unit_roster(user=request.user, unit=unit, day=day, search=search)
    page = Paginator(roster, ROSTER_PAGE_SIZE).get_page(request.GET.get("side"))
    if page.object_list:
        access_log_record_unit(
            user=request.user,
            unit=unit,
            shown=gettext_lazy("Børneliste, side %(n)d"),
            shown_params={"n": page.number},
            basis=_("Børn i enheden, som du har adgang til"),
        )
    context = {
        "unit": unit,
        "page": page,
        "search": search,
        "staff": selectors.unit_staff(unit=unit, day=day),
        "today": day,
        # Whoever imports the children may see no child here, only how many there are and
        # the imports that brought them (imports' own pages, logged there).
        "enrolled_count": (
            selectors.unit_enrolled_count(unit=unit, day=day)
            if request.user.has_perm("imports.import_data")
            else None
        ),
    }
    template = "people/_roster.html" if request.htmx else "people/unit_detail.html"
    return render(request, template, context)


@login_required
def child_detail(request: AuthedRequest, child_id: int) -> HttpResponse:
    access = access_child(request.user, child_id, shown=_("Barnets side"))
    child = selectors.child_record(child=access.child)
    context = {
        "access": access,
        "child": child,
        "age": child.age_on(today()),
        "siblings": selectors.siblings_of(child=child, user=request.user),
        "sections": render_child_sections(request, access),
    }
    return render(request, "people/child_detail.html", context)
