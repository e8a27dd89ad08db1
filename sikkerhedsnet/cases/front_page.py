"""Cases' panels on the front page: a rådgiver's next deadlines, a faglig leder's teams.

The rådgiver sees the open cases she has whose next deadline (from the "case_deadlines"
providers: the child assessment's 4 months, Barnets Lov § 20, the follow-up of a measure …)
falls within the next 14 days, the overdue ones first. The faglig leder sees each team she leads:
its rådgivere's open cases against the caseload cap, and the open cases without a caseworker,
each linked to where she gives it one. Like the caseload pages they link to, the panels name
cases by number and child.
"""

from __future__ import annotations

from datetime import timedelta

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from sikkerhedsnet.cases import selectors
from sikkerhedsnet.cases.access import led_teams
from sikkerhedsnet.cases.models import caseload_cap
from sikkerhedsnet.lib.front_page import PANEL_ITEMS, FrontPanel
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.people.access import today
from sikkerhedsnet.people.models import Role

DEADLINE_DAYS = 14


def render_deadlines(request: AuthedRequest) -> SafeString | None:
    # The same test as her caseload page ("Mine sager"), which is a rådgiver's only.
    if not request.user.has_perm("cases.view_caseload") or request.user.role != Role.CASEWORKER:
        return None
    day = today()
    horizon = day + timedelta(days=DEADLINE_DAYS)
    due = [
        row for row in selectors.my_open_cases(request.user) if row.due and row.due.on <= horizon
    ]
    context = {"rows": due[:PANEL_ITEMS], "count": len(due), "today": day}
    return render_to_string("cases/front_page/deadlines.html", context, request=request)


def render_teams(request: AuthedRequest) -> SafeString | None:
    teams = list(led_teams(request.user))
    if not teams:
        return None
    day = today()
    rows = []
    for team in teams:  # the few teams she leads: two queries each
        loads = sorted(selectors.team_loads(team, day), key=lambda load: -load.open_cases)
        free = selectors.cases_without_caseworker(team)
        shown = list(free[:PANEL_ITEMS])
        count = free.count() if len(shown) == PANEL_ITEMS else len(shown)
        rows.append(
            {"team": team, "loads": loads[:PANEL_ITEMS], "free": shown, "free_count": count}
        )
    context = {"teams": rows, "cap": caseload_cap()}
    return render_to_string("cases/front_page/teams.html", context, request=request)


DEADLINES_PANEL = FrontPanel(name="cases_deadlines", render=render_deadlines)
TEAMS_PANEL = FrontPanel(name="cases_teams", render=render_teams)
