"""Giving a case its rådgiver: the faglig leder assigns, a rådgiver takes a case that has nobody."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sikkerhedsnet.cases import selectors
from sikkerhedsnet.cases.access import access_case
from sikkerhedsnet.cases.forms import AssignForm
from sikkerhedsnet.cases.models import CaseConflict, caseload_cap
from sikkerhedsnet.cases.services.assignment import case_assign
from sikkerhedsnet.lib.errors import Refused
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.people.models import Role


@login_required
@require_http_methods(["GET", "POST"])
def assign(request: AuthedRequest, case_id: int) -> HttpResponse:
    # Not case_for: a rådgiver who takes a free case of her team changes a case she cannot edit.
    access = access_case(request.user, case_id, shown=_("Fordeling af sagen"))
    case = access.case
    if case.team is None or not (access.can_assign or access.can_take):
        raise Http404
    loads = selectors.team_loads(case.team, timezone.localdate())
    if request.user.role == Role.CASEWORKER:
        loads = [load for load in loads if load.caseworker == request.user]
    form = AssignForm(request.POST or None, case=case, loads=loads)
    conflict = False
    if request.method == "POST" and form.is_valid():
        worker = next(
            load.caseworker
            for load in loads
            if load.caseworker.pk == form.cleaned_data["caseworker"]
        )
        try:
            case_assign(
                actor=request.user,
                case=case,
                caseworker=worker,
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
                over_cap_reason=form.cleaned_data["over_cap_reason"],
            )
        except CaseConflict as error:
            conflict = True
            case = error.current
            # Her choice and reasons stay as typed; the version becomes the current one.
            typed = request.POST.copy()
            typed["version"] = str(case.version)
            form = AssignForm(typed, case=case, loads=loads)
            form.is_valid()
            form.add_error(
                None,
                _(
                    "En kollega har ændret sagen, mens du havde siden åben. Sagen har nu "
                    "rådgiver: %(name)s. Dit valg er ikke gemt; se det igen og gem på ny."
                )
                % {"name": case.caseworker or _("ingen")},
            )
        except Refused as error:
            error.add_to(form)
        else:
            messages.success(request, _("Sagen er fordelt til %(name)s.") % {"name": worker})
            return redirect("cases:detail", case_id=case.pk)
    status = 409 if conflict else (422 if form.errors else 200)
    context = {"case": case, "access": access, "form": form, "cap": caseload_cap()}
    return render(request, "cases/assignment/form.html", context, status=status)
