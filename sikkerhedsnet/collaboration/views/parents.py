"""The unit plan for the parents: the page to print it or send it, the PDF, and the letters.

The parents' version holds the goals, the actions and the review date, never the unit's
evaluations (services/letters.py). Every page goes through access_plan, so the read of the child
is logged, for the PDF too.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from sikkerhedsnet.collaboration.access import PlanAccess, access_plan
from sikkerhedsnet.collaboration.forms.parents import SendToParentsForm
from sikkerhedsnet.collaboration.models import UnitPlan
from sikkerhedsnet.collaboration.selectors.parents import with_parental_authority
from sikkerhedsnet.collaboration.services.letters import unit_plan_html
from sikkerhedsnet.collaboration.services.parents import unit_plan_send_to_parents
from sikkerhedsnet.lib.errors import Refused
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.lib.letters import render_pdf
from sikkerhedsnet.post.models import Letter
from sikkerhedsnet.post.views import pdf_response


def _plan(request: AuthedRequest, child_id: int, plan_id: int, shown: str) -> PlanAccess:
    plans = UnitPlan.objects.select_related("child", "unit", "created_by")
    return access_plan(request.user, child_id, plan_id, shown=shown, plans=plans)


def _page(
    request: AuthedRequest,
    plan_access: PlanAccess,
    form: SendToParentsForm | None = None,
    *,
    status: int = 200,
) -> HttpResponse:
    plan = plan_access.plan
    guardians = with_parental_authority(plan.child)
    context = {
        "access": plan_access.child_access,
        "child": plan.child,
        "plan": plan,
        "plan_access": plan_access,
        "actions": list(plan.actions.all()),
        "form": form or SendToParentsForm(guardians=guardians),
        "has_guardians": guardians.exists(),
        "letters": list(Letter.objects.for_subject(plan)),
    }
    return render(request, "collaboration/plans/for_parents.html", context, status=status)


@login_required
@require_GET
def plan_for_parents(request: AuthedRequest, child_id: int, plan_id: int) -> HttpResponse:
    return _page(request, _plan(request, child_id, plan_id, _("Handleplan til forældrene")))


@login_required
@require_GET
def plan_parents_pdf(request: AuthedRequest, child_id: int, plan_id: int) -> HttpResponse:
    plan = _plan(request, child_id, plan_id, _("Handleplan til forældrene (PDF)")).plan
    response = HttpResponse(render_pdf(unit_plan_html(plan, None)), content_type="application/pdf")
    filename = f"handleplan-{plan.created_on:%Y-%m-%d}-udgave-{plan.content_version}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def plan_send(request: AuthedRequest, child_id: int, plan_id: int) -> HttpResponse:
    plan_access = _plan(request, child_id, plan_id, _("Handleplan til forældrene"))
    plan = plan_access.plan
    if not plan_access.can_work_on:
        messages.error(request, _("Planen er afsluttet og sendes ikke til forældrene."))
        return redirect("collaboration:plan_for_parents", child_id, plan.pk)
    form = SendToParentsForm(request.POST, guardians=with_parental_authority(plan.child))
    if form.is_valid():
        try:
            letters = unit_plan_send_to_parents(
                actor=request.user, plan=plan, guardians=list(form.cleaned_data["guardians"])
            )
        except Refused as error:
            error.add_to(form)
        else:
            count = len(letters)
            messages.success(
                request,
                ngettext(
                    "Planen er sendt til %(count)d forælder.",
                    "Planen er sendt til %(count)d forældre.",
                    count,
                )
                % {"count": count},
            )
            return redirect("collaboration:plan_for_parents", child_id, plan.pk)
    return _page(request, plan_access, form, status=400)


@login_required
@require_GET
def plan_letter_pdf(
    request: AuthedRequest, child_id: int, plan_id: int, letter_id: int
) -> HttpResponse:
    plan = _plan(request, child_id, plan_id, _("Handleplan: brev til forældrene")).plan
    letter = Letter.objects.for_subject(plan).filter(pk=letter_id).first()
    if letter is None:
        raise Http404
    return pdf_response(letter)
