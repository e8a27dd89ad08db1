"""One case: its page (the assignments, the journal, the sections of other areas) and opening a
case directly, by a faglig leder."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sikkerhedsnet.cases import selectors
from sikkerhedsnet.cases.access import case_for, led_teams
from sikkerhedsnet.cases.forms import OpenCaseForm
from sikkerhedsnet.cases.hooks import render_case_sections
from sikkerhedsnet.cases.services.opening import case_open_by_leader
from sikkerhedsnet.lib.errors import Refused
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.people.models import Child


@login_required
@require_GET
def case_detail(request: AuthedRequest, case_id: int) -> HttpResponse:
    access = case_for(request, case_id, shown=_("Sagen"))
    case = access.case
    context = {
        "access": access,
        "case": case,
        "cpr": case.child.cpr_masked,
        "assignments": selectors.case_assignments(case),
        "caseworkers_had": selectors.child_caseworker_count(case.child),
        "journal": selectors.case_journal(case),
        "due": selectors.with_next_due(type(case).objects.filter(pk=case.pk))[0].due,
        "sections": render_case_sections(request, access),
    }
    return render(request, "cases/case/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def open_case(request: AuthedRequest) -> HttpResponse:
    teams = led_teams(request.user)
    if not teams.exists():
        raise Http404
    form = OpenCaseForm(request.POST or None, teams=teams)
    if request.method == "POST" and form.is_valid():
        child = Child.objects.filter(cpr=form.cleaned_data["cpr"]).first()
        if child is None:
            form.add_error("cpr", _("Der er intet barn med det CPR-nummer i Sikkerhedsnet."))
        else:
            try:
                case = case_open_by_leader(
                    actor=request.user,
                    child=child,
                    team=form.cleaned_data["team"],
                    became_aware_on=form.cleaned_data["became_aware_on"],
                    today=timezone.localdate(),
                )
            except Refused as error:
                error.add_to(form)
            else:
                messages.success(request, _("Sagen er oprettet."))
                return redirect("cases:detail", case_id=case.pk)
    status = 422 if form.errors else 200
    return render(request, "cases/case/open.html", {"form": form}, status=status)
