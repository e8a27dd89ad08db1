"""The child's plan: made once per case, then goals agreed with the child and the parents."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sikkerhedsnet.cases.access import CaseAccess, case_for
from sikkerhedsnet.cases.views.common import case_context, with_version
from sikkerhedsnet.casework.forms import ChildPlanForm, GoalForm
from sikkerhedsnet.casework.models import ChildPlan, PlanGoal
from sikkerhedsnet.casework.selectors import assessment_of, child_plan_due, child_plan_of
from sikkerhedsnet.casework.services.plan import (
    child_plan_create,
    plan_goal_add,
    plan_goal_update,
)
from sikkerhedsnet.lib.errors import Conflict, Refused
from sikkerhedsnet.lib.http import AuthedRequest

SHOWN = "Barnets plan"


def _page(
    request: AuthedRequest,
    access: CaseAccess,
    *,
    plan_form: ChildPlanForm | None = None,
    goal_form: GoalForm | None = None,
    status: int = 200,
) -> HttpResponse:
    assessment = assessment_of(access.case)
    plan = child_plan_of(access.case)
    context = {
        **case_context(access),
        "plan": plan,
        "goals": list(plan.goals.all()) if plan else [],
        "assessment": assessment,
        "plan_due": child_plan_due(assessment),
        "plan_form": plan_form or ChildPlanForm(),
        "goal_form": goal_form or GoalForm(version=0),
    }
    return render(request, "casework/plan/page.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def child_plan(request: AuthedRequest, case_id: int) -> HttpResponse:
    access = case_for(request, case_id, shown=SHOWN)
    if request.method == "GET":
        return _page(request, access)
    form = ChildPlanForm(request.POST)
    if not form.is_valid():
        return _page(request, access, plan_form=form, status=400)
    try:
        child_plan_create(
            actor=request.user, case=access.case, adopted_on=form.cleaned_data["adopted_on"]
        )
    except Refused as error:
        error.add_to(form)
        return _page(request, access, plan_form=form, status=400)
    messages.success(request, _("Barnets plan er oprettet. Skriv målene herunder."))
    return redirect("casework:child_plan", case_id)


def _plan_of(access: CaseAccess) -> ChildPlan:
    plan = child_plan_of(access.case)
    if plan is None:
        raise Http404
    return plan


@login_required
@require_POST
def goal_add(request: AuthedRequest, case_id: int) -> HttpResponse:
    access = case_for(request, case_id, shown=SHOWN)
    plan = _plan_of(access)
    form = GoalForm(request.POST, version=0)
    if not form.is_valid():
        return _page(request, access, goal_form=form, status=400)
    try:
        plan_goal_add(actor=request.user, plan=plan, **form.agreement)
    except Refused as error:
        error.add_to(form)
        return _page(request, access, goal_form=form, status=400)
    messages.success(request, _("Målet er gemt."))
    return redirect("casework:child_plan", case_id)


def _goal_page(
    request: AuthedRequest,
    access: CaseAccess,
    goal: PlanGoal,
    form: GoalForm,
    *,
    conflict: bool = False,
    status: int = 200,
) -> HttpResponse:
    context = {**case_context(access), "goal": goal, "form": form, "conflict": conflict}
    return render(request, "casework/plan/goal_edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request: AuthedRequest, case_id: int, goal_id: int) -> HttpResponse:
    access = case_for(request, case_id, shown=SHOWN, to_change=True)
    goal = PlanGoal.objects.filter(pk=goal_id, plan__case=access.case).first()
    if goal is None:
        raise Http404
    if request.method == "GET":
        initial = {
            "text": goal.text,
            "agreed_with_child": goal.agreed_with_child,
            "agreed_with_parents": goal.agreed_with_parents,
            "agreed_with_others": goal.agreed_with_others,
            "agreed_on": goal.agreed_on,
        }
        return _goal_page(request, access, goal, GoalForm(initial=initial, version=goal.version))
    form = GoalForm(request.POST, version=goal.version)
    if not form.is_valid():
        return _goal_page(request, access, goal, form, status=400)
    try:
        plan_goal_update(
            actor=request.user, goal=goal, expected_version=form.expected_version, **form.agreement
        )
    except Conflict:
        goal.refresh_from_db()
        again = GoalForm(with_version(request.POST, goal.version), version=goal.version)
        return _goal_page(request, access, goal, again, conflict=True, status=409)
    except Refused as error:
        error.add_to(form)
        return _goal_page(request, access, goal, form, status=400)
    messages.success(request, _("Målet er gemt."))
    return redirect("casework:child_plan", case_id)
