from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from sikkerhedsnet.core import shell
from sikkerhedsnet.lib.front_page import render_front_panels
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.people.access import visible_units


@require_GET
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers; 503 otherwise, for the load balancer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    """Her work: the panels the areas list under "front_page_panels", each shown only to those
    its area lets see it (lib/front_page.py), then her units."""
    units = visible_units(request.user).order_by("name")[:50]
    panels = render_front_panels(request)
    return render(request, "core/home.html", {"units": units, "panels": panels})


def _as_date(value: object) -> object:
    """A date from settings may be written as "2026-01-15"; shown as 15.01.2026."""
    return date.fromisoformat(value) if isinstance(value, str) and value else value


@require_GET
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    """The accessibility statement every public-sector website links from every page (lov om
    tilgængelighed af offentlige organers websteder og mobilapplikationer, § 5); open to all."""
    statement = shell.accessibility()
    statement["prepared_on"] = _as_date(statement["prepared_on"])
    statement["reviewed_on"] = _as_date(statement["reviewed_on"])
    return render(
        request,
        "core/accessibility.html",
        {"statement": statement, "town": shell.municipality()},
    )


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    """How the municipality handles personal data (databeskyttelsesforordningen art. 13-14);
    open to all, so a citizen who sends a notification can read it."""
    return render(
        request, "core/privacy.html", {"page": shell.privacy(), "town": shell.municipality()}
    )
