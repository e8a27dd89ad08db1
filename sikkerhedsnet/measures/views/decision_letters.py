"""A case's decisions in law and their letters: refusing a measure, a decision's page with its
letters, and a decision letter's PDF.

A grant, an end or a withdrawal is made on the measure's page (views/decisions.py), which lists
its decisions and letters too; a refusal has no measure, so it has a page of its own. Every page
goes through access.access_decision / access_decision_letter or cases.access.case_for (404 for
missing and forbidden alike, the read logged).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sikkerhedsnet.cases.access import CaseAccess, case_for
from sikkerhedsnet.lib.errors import Refused
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.measures.access import access_decision, access_decision_letter
from sikkerhedsnet.measures.decision_letters import child_is_party
from sikkerhedsnet.measures.forms.refusals import RefuseForm
from sikkerhedsnet.measures.selectors.decision_letters import with_letters
from sikkerhedsnet.measures.services.refusals import measure_refuse
from sikkerhedsnet.measures.views.decisions import SHOWN, base_context
from sikkerhedsnet.post.views import pdf_response

SHOWN_LETTER = "Afgørelsesbrev"


def _refuse_page(
    request: AuthedRequest, access: CaseAccess, form: RefuseForm, *, status: int = 200
) -> HttpResponse:
    context = {**base_context(access), "form": form}
    return render(request, "measures/decisions/refusal_new.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def refusal_new(request: AuthedRequest, case_id: int) -> HttpResponse:
    access = case_for(request, case_id, shown=SHOWN, to_change=True)
    if request.method == "GET":
        form = RefuseForm(initial={"decided_on": timezone.localdate()})
        return _refuse_page(request, access, form)
    form = RefuseForm(request.POST)
    if not form.is_valid():
        return _refuse_page(request, access, form, status=400)
    try:
        decision = measure_refuse(actor=request.user, case=access.case, **form.cleaned_data)
    except Refused as error:
        error.add_to(form)
        return _refuse_page(request, access, form, status=400)
    messages.success(request, _("Afslaget er registreret, og afgørelsen er sendt."))
    return redirect("measures:decision_detail", case_id, decision.pk)


@login_required
@require_GET
def decision_detail(request: AuthedRequest, case_id: int, decision_id: int) -> HttpResponse:
    access = access_decision(request, case_id, decision_id, shown=SHOWN)
    decision = access.decision
    context = {
        **base_context(access.case_access),
        "decision": decision,
        "decisions": with_letters([decision]),
        "child_is_party": child_is_party(decision),
    }
    return render(request, "measures/decisions/detail.html", context)


@login_required
@require_GET
def decision_letter_pdf(request: AuthedRequest, case_id: int, letter_id: int) -> HttpResponse:
    return pdf_response(access_decision_letter(request, case_id, letter_id, shown=SHOWN_LETTER))
