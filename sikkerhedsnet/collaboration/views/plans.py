"""Pages for dialogue meetings with the parents and unit plans, under the child.

Every page first checks that the viewer works in a unit where the child is enrolled (and, for a
plan or a meeting, in the unit that made it): 404 otherwise, before anything is logged. Then the
child is fetched through access_child, which writes the access-log row.

A plan's page carries its version in every form that could overwrite a colleague's work (the
goals and review date, a review). A colleague's change in between is refused with a Danish
message, and the form is shown again with what the person typed and the current version, so one
more click saves it after she has read what changed.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sikkerhedsnet.collaboration.access import (
    PlanAccess,
    access_child_to_record,
    access_plan,
    may_see_dialogue,
    plan_access_of,
)
from sikkerhedsnet.collaboration.forms.parents import PlanAgreementForm
from sikkerhedsnet.collaboration.forms.plans import (
    PlanActionForm,
    PlanReviewForm,
    UnitPlanEditForm,
    UnitPlanForm,
)
from sikkerhedsnet.collaboration.models import DialogueMeeting, PlanAction, UnitPlan
from sikkerhedsnet.collaboration.selectors.parents import with_parental_authority
from sikkerhedsnet.collaboration.selectors.plans import (
    concern_position,
    plan_agreements,
    plan_reviews,
)
from sikkerhedsnet.collaboration.services.parents import plan_agreement_record
from sikkerhedsnet.collaboration.services.plans import (
    plan_action_add,
    plan_action_complete,
    plan_review_record,
    unit_plan_create,
    unit_plan_update,
)
from sikkerhedsnet.lib.errors import Conflict, Refused
from sikkerhedsnet.lib.http import AuthedRequest

POSITION_PARAM = "position"
MEETING_PARAM = "dialogmoede"

# Creating a plan ------------------------------------------------------------------------------


def _origin_meeting(request: AuthedRequest, child_id: int) -> DialogueMeeting | None:
    """The dialogue meeting the plan starts from, if the link named one the viewer may see."""
    raw = request.GET.get(MEETING_PARAM, "")
    if not raw.isdigit():
        return None
    meeting = DialogueMeeting.objects.filter(pk=int(raw), child_id=child_id).first()
    if meeting is None or not may_see_dialogue(request.user, meeting):
        return None
    return meeting


@login_required
def plan_new(request: AuthedRequest, child_id: int) -> HttpResponse:
    recording = access_child_to_record(request.user, child_id, shown=_("Ny handleplan"))
    access, child, units = recording.child_access, recording.child, recording.units
    meeting = _origin_meeting(request, child_id)
    screening = concern_position(child=child, units=units, raw_id=request.GET.get(POSITION_PARAM))
    origin_unit = meeting.unit if meeting else (screening.unit if screening else None)
    form = UnitPlanForm(request.POST or None, units=[origin_unit] if origin_unit else units)
    if request.method == "POST" and form.is_valid():
        try:
            plan = unit_plan_create(
                actor=request.user,
                child=child,
                unit=form.chosen_unit,
                goals=form.cleaned_data["goals"],
                review_due=form.cleaned_data["review_due"],
                dialogue_meeting=meeting,
                screening=screening,
            )
        except Refused as error:
            error.add_to(form)
        else:
            messages.success(
                request, _("Handleplanen er oprettet. Tilføj nu de handlinger, I har aftalt.")
            )
            return redirect("collaboration:plan_detail", child.pk, plan.pk)
    context = {
        "access": access,
        "child": child,
        "form": form,
        "meeting": meeting,
        "screening": screening,
    }
    return render(request, "collaboration/plans/plan_form.html", context)


# A plan's page --------------------------------------------------------------------------------


def _plan_access(request: AuthedRequest, child_id: int, plan_id: int, shown: str) -> PlanAccess:
    plans = UnitPlan.objects.select_related(
        "child", "unit", "created_by", "dialogue_meeting", "screening"
    )
    return access_plan(request.user, child_id, plan_id, shown=shown, plans=plans)


def _shown() -> str:
    return _("Handleplan")


def _plan_page(
    request: AuthedRequest,
    plan_access: PlanAccess,
    *,
    forms: dict[str, Any] | None = None,
    conflict: UnitPlan | None = None,
    status: int = 200,
) -> HttpResponse:
    """The plan as it is now; `forms` are what the person sent, kept as typed."""
    access, plan = plan_access.child_access, plan_access.plan
    guardians = with_parental_authority(plan.child)
    shown = {
        "action": PlanActionForm(),
        "review": PlanReviewForm(plan=plan),
        "answer": PlanAgreementForm(plan=plan, guardians=guardians),
        **(forms or {}),
    }
    context = {
        "access": access,
        "child": access.child,
        "plan": plan,
        "plan_access": plan_access,
        "active": plan_access.can_work_on,
        "actions": list(plan.actions.all()),
        "reviews": list(plan_reviews(plan)),
        "agreements": list(plan_agreements(plan)),
        "has_guardians": guardians.exists(),
        "forms": shown,
        "conflict": conflict,
        "last_change": _last_change(plan) if conflict else None,
    }
    return render(request, "collaboration/plans/plan_detail.html", context, status=status)


def _last_change(plan: UnitPlan) -> Any:
    return plan.history.select_related("history_user").order_by("-history_date", "-pk").first()


@login_required
def plan_detail(request: AuthedRequest, child_id: int, plan_id: int) -> HttpResponse:
    return _plan_page(request, _plan_access(request, child_id, plan_id, _shown()))


def _with_version(data: QueryDict, version: int) -> QueryDict:
    kept = data.copy()
    kept["version"] = str(version)
    return kept


@login_required
def plan_edit(request: AuthedRequest, child_id: int, plan_id: int) -> HttpResponse:
    plan_access = _plan_access(request, child_id, plan_id, _("Handleplan: ret mål og dato"))
    access, plan = plan_access.child_access, plan_access.plan
    if not plan_access.can_work_on:
        messages.error(request, _("Planen er afsluttet og kan ikke ændres."))
        return redirect("collaboration:plan_detail", child_id, plan.pk)
    form = UnitPlanEditForm(request.POST or None, plan=plan)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            unit_plan_update(
                actor=request.user,
                plan=plan,
                expected_version=form.expected_version,
                goals=form.cleaned_data["goals"],
                review_due=form.cleaned_data["review_due"],
            )
        except Conflict as error:
            # Bound again with her text and the current version: after reading the colleague's
            # change, one click saves hers, if it still should be.
            conflict = cast(UnitPlan, error.current)
            form = UnitPlanEditForm(_with_version(request.POST, conflict.version), plan=conflict)
        except Refused as error:
            error.add_to(form)
        else:
            messages.success(request, _("Handleplanen er gemt."))
            return redirect("collaboration:plan_detail", child_id, plan.pk)
    context = {
        "access": access,
        "child": access.child,
        "plan": conflict or plan,
        "form": form,
        "conflict": conflict,
        "last_change": _last_change(conflict) if conflict else None,
    }
    status = 409 if conflict else (400 if form.errors else 200)
    return render(request, "collaboration/plans/plan_edit.html", context, status=status)


@login_required
@require_POST
def action_add(request: AuthedRequest, child_id: int, plan_id: int) -> HttpResponse:
    plan_access = _plan_access(request, child_id, plan_id, _shown())
    plan = plan_access.plan
    form = PlanActionForm(request.POST)
    if form.is_valid():
        try:
            plan_action_add(actor=request.user, plan=plan, **form.cleaned_data)
        except Refused as error:
            error.add_to(form)
        else:
            messages.success(request, _("Handlingen er tilføjet."))
            return redirect(_anchor(child_id, plan.pk, "handlinger"))
    fresh = _fresh(request, plan_access)
    return _plan_page(request, fresh, forms={"action": form}, status=400)


@login_required
@require_POST
def action_complete(
    request: AuthedRequest, child_id: int, plan_id: int, action_id: int
) -> HttpResponse:
    plan = _plan_access(request, child_id, plan_id, _shown()).plan
    action = get_object_or_404(PlanAction, pk=action_id, plan=plan)
    try:
        plan_action_complete(actor=request.user, action=action)
    except Refused as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("»%(action)s« er markeret som udført.") % {"action": action.description}
        )
    return redirect(_anchor(child_id, plan.pk, "handlinger"))


@login_required
@require_POST
def review(request: AuthedRequest, child_id: int, plan_id: int) -> HttpResponse:
    plan_access = _plan_access(request, child_id, plan_id, _shown())
    plan = plan_access.plan
    form = PlanReviewForm(request.POST, plan=plan)
    if not form.is_valid():
        return _plan_page(request, plan_access, forms={"review": form}, status=400)
    try:
        plan_review_record(
            actor=request.user,
            plan=plan,
            expected_version=form.expected_version,
            note=form.cleaned_data["note"],
            outcome=form.cleaned_data["outcome"],
            next_review_due=form.cleaned_data["next_review_due"],
        )
    except Conflict as error:
        current = cast(UnitPlan, error.current)
        again = PlanReviewForm(_with_version(request.POST, current.version), plan=current)
        now = plan_access_of(request.user, current, plan_access.child_access)
        return _plan_page(request, now, forms={"review": again}, conflict=current, status=409)
    except Refused as error:
        error.add_to(form)
        fresh = _fresh(request, plan_access)
        return _plan_page(request, fresh, forms={"review": form}, status=400)
    messages.success(request, _("Evalueringen er gemt."))
    return redirect("collaboration:plan_detail", child_id, plan.pk)


@login_required
@require_POST
def plan_answer(request: AuthedRequest, child_id: int, plan_id: int) -> HttpResponse:
    """A parent's answer to the plan: agreed or not, with her own words."""
    plan_access = _plan_access(request, child_id, plan_id, _shown())
    plan = plan_access.plan
    form = PlanAgreementForm(request.POST, plan=plan, guardians=with_parental_authority(plan.child))
    if form.is_valid():
        try:
            plan_agreement_record(actor=request.user, plan=plan, **form.cleaned_data)
        except Refused as error:
            error.add_to(form)
        else:
            messages.success(request, _("Forælderens svar er gemt."))
            return redirect(_anchor(child_id, plan.pk, "foraeldrenes-svar"))
    return _plan_page(request, _fresh(request, plan_access), forms={"answer": form}, status=400)


def _fresh(request: AuthedRequest, plan_access: PlanAccess) -> PlanAccess:
    """The plan as it is now, with what she may do with it now."""
    plan = UnitPlan.objects.select_related("unit", "created_by", "child").get(
        pk=plan_access.plan.pk
    )
    return plan_access_of(request.user, plan, plan_access.child_access)


def _anchor(child_id: int, plan_id: int, anchor: str) -> str:
    return reverse("collaboration:plan_detail", args=[child_id, plan_id]) + f"#{anchor}"
