"""The caseloads: a rådgiver's own cases and her team's, a faglig leder's teams against the cap."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from sikkerhedsnet.cases import selectors
from sikkerhedsnet.cases.access import led_teams
from sikkerhedsnet.cases.models import caseload_cap
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.people.models import Role


@login_required
@require_GET
def home(request: AuthedRequest) -> HttpResponse:
    if request.user.role == Role.TEAM_LEADER:
        return redirect("cases:team")
    if request.user.role != Role.CASEWORKER:
        raise Http404
    day = timezone.localdate()
    context = {
        "rows": selectors.my_open_cases(request.user),
        "team_cases": selectors.team_open_cases(request.user, day),
        "cap": caseload_cap(),
        "today": day,
    }
    return render(request, "cases/caseload/mine.html", context)


@login_required
@require_GET
def team(request: AuthedRequest) -> HttpResponse:
    teams = list(led_teams(request.user))
    if not teams:
        raise Http404
    day = timezone.localdate()
    context = {
        "teams": [
            {
                "team": unit,
                "loads": selectors.team_loads(unit, day),
                "free": selectors.with_next_due(selectors.cases_without_caseworker(unit)),
            }
            for unit in teams
        ],
        "cap": caseload_cap(),
        "today": day,
    }
    return render(request, "cases/caseload/team.html", context)
