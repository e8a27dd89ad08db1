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

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sikkerhedsnet.collaboration.access_plans import access_child_to_record, access_record
from sikkerhedsnet.collaboration.forms_plans import (
    DialogueMeetingForm,
    PlanActionForm,
    PlanReviewForm,
    UnitPlanEditForm,
    UnitPlanForm,
)
from sikkerhedsnet.collaboration.models import DialogueMeeting, PlanAction, UnitPlan
from sikkerhedsnet.collaboration.selectors_plans import concern_position, plan_reviews
from sikkerhedsnet.collaboration.services.dialogue import DialogueRefused, dialogue_meeting_record
from sikkerhedsnet.collaboration.services.plans import (
    PlanConflict,
    PlanRefused,
    plan_action_add,
    plan_action_complete,
    plan_review_record,
    unit_plan_create,
    unit_plan_update,
)
from sikkerhedsnet.core.auth import AuthedRequest
from sikkerhedsnet.people.access import ChildAccess

POSITION_PARAM = "position"
MEETING_PARAM = "dialogmoede"

# Dialogue meetings ----------------------------------------------------------------------------


@login_required
def dialogue_new(request: AuthedRequest, child_id: int) -> HttpResponse:
    access, units = access_child_to_record(request.user, child_id, shown=_("Nyt dialogmøde"))
    child = access.child
    screening = concern_position(child=child, units=units, raw_id=request.GET.get(POSITION_PARAM))
    # A meeting that follows up a position belongs to the unit that gave it.
    choices = [screening.unit] if screening is not None else units
    form = DialogueMeetingForm(request.POST or None, child=child, units=choices)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = dialogue_meeting_record(
                actor=request.user,
                child=child,
                unit=form.chosen_unit,
                screening=screening,
                **{name: form.cleaned_data[name] for name in DIALOGUE_FIELDS},
            )
        except DialogueRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Dialogmødet er gemt."))
            return redirect("collaboration:dialogue_detail", child.pk, meeting.pk)
    context = {"access": access, "child": child, "form": form, "screening": screening}
    return render(request, "collaboration/plans/dialogue_form.html", context)


DIALOGUE_FIELDS = ("held_on", "participants", "staff_view", "parents_view", "agreed")


@login_required
def dialogue_detail(request: AuthedRequest, child_id: int, meeting_id: int) -> HttpResponse:
    meetings = DialogueMeeting.objects.select_related("unit", "recorded_by", "screening")
    access, meeting = access_record(
        request.user,
        meetings,
        child_id,
        meeting_id,
        perm="collaboration.view_dialoguemeeting",
        shown=_("Dialogmøde"),
    )
    context = {
        "access": access,
        "child": access.child,
        "meeting": meeting,
        "plans": list(meeting.plans.order_by("-created_on", "-id")),
    }
    return render(request, "collaboration/plans/dialogue_detail.html", context)


# Creating a plan ------------------------------------------------------------------------------


def _origin_meeting(request: AuthedRequest, child_id: int) -> DialogueMeeting | None:
    """The dialogue meeting the plan starts from, if the link named one the viewer may see."""
    raw = request.GET.get(MEETING_PARAM, "")
    if not raw.isdigit():
        return None
    meeting = DialogueMeeting.objects.filter(pk=int(raw), child_id=child_id).first()
    if meeting is None or not request.user.has_perm("collaboration.view_dialoguemeeting", meeting):
        return None
    return meeting


@login_required
def plan_new(request: AuthedRequest, child_id: int) -> HttpResponse:
    access, units = access_child_to_record(request.user, child_id, shown=_("Ny handleplan"))
    child = access.child
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
        except PlanRefused as error:
            form.add_error(None, str(error))
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


def _plan_access(
    request: AuthedRequest, child_id: int, plan_id: int, shown: str
) -> tuple[ChildAccess, UnitPlan]:
    plans = UnitPlan.objects.select_related("unit", "created_by", "dialogue_meeting", "screening")
    return access_record(
        request.user, plans, child_id, plan_id, perm="collaboration.change_unitplan", shown=shown
    )


def _shown() -> str:
    return _("Handleplan")


def _plan_page(
    request: AuthedRequest,
    access: ChildAccess,
    plan: UnitPlan,
    *,
    forms: dict[str, Any] | None = None,
    conflict: UnitPlan | None = None,
    status: int = 200,
) -> HttpResponse:
    """The plan as it is now; `forms` are what the person sent, kept as typed."""
    shown = {
        "action": PlanActionForm(),
        "review": PlanReviewForm(plan=plan),
        **(forms or {}),
    }
    context = {
        "access": access,
        "child": access.child,
        "plan": plan,
        "active": plan.status == "active",
        "actions": list(plan.actions.all()),
        "reviews": list(plan_reviews(plan)),
        "forms": shown,
        "conflict": conflict,
        "last_change": _last_change(plan) if conflict else None,
    }
    return render(request, "collaboration/plans/plan_detail.html", context, status=status)


def _last_change(plan: UnitPlan) -> Any:
    return plan.history.select_related("history_user").order_by("-history_date", "-pk").first()


@login_required
def plan_detail(request: AuthedRequest, child_id: int, plan_id: int) -> HttpResponse:
    access, plan = _plan_access(request, child_id, plan_id, _shown())
    return _plan_page(request, access, plan)


def _with_version(data: QueryDict, version: int) -> QueryDict:
    kept = data.copy()
    kept["version"] = str(version)
    return kept


@login_required
def plan_edit(request: AuthedRequest, child_id: int, plan_id: int) -> HttpResponse:
    access, plan = _plan_access(request, child_id, plan_id, _("Handleplan: ret mål og dato"))
    if plan.status != "active":
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
        except PlanConflict as error:
            # Bound again with her text and the current version: after reading the colleague's
            # change, one click saves hers, if it still should be.
            conflict = error.current
            form = UnitPlanEditForm(_with_version(request.POST, conflict.version), plan=conflict)
        except PlanRefused as error:
            form.add_error(None, str(error))
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
    access, plan = _plan_access(request, child_id, plan_id, _shown())
    form = PlanActionForm(request.POST)
    if form.is_valid():
        try:
            plan_action_add(actor=request.user, plan=plan, **form.cleaned_data)
        except PlanRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Handlingen er tilføjet."))
            return redirect(_anchor(child_id, plan.pk, "handlinger"))
    return _plan_page(request, access, _fresh(plan), forms={"action": form}, status=400)


@login_required
@require_POST
def action_complete(
    request: AuthedRequest, child_id: int, plan_id: int, action_id: int
) -> HttpResponse:
    _access, plan = _plan_access(request, child_id, plan_id, _shown())
    action = get_object_or_404(PlanAction, pk=action_id, plan=plan)
    try:
        plan_action_complete(actor=request.user, action=action)
    except PlanRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("»%(action)s« er markeret som udført.") % {"action": action.description}
        )
    return redirect(_anchor(child_id, plan.pk, "handlinger"))


@login_required
@require_POST
def review(request: AuthedRequest, child_id: int, plan_id: int) -> HttpResponse:
    access, plan = _plan_access(request, child_id, plan_id, _shown())
    form = PlanReviewForm(request.POST, plan=plan)
    if not form.is_valid():
        return _plan_page(request, access, plan, forms={"review": form}, status=400)
    try:
        plan_review_record(
            actor=request.user,
            plan=plan,
            expected_version=form.expected_version,
            note=form.cleaned_data["note"],
            outcome=form.cleaned_data["outcome"],
            next_review_due=form.cleaned_data["next_review_due"],
        )
    except PlanConflict as error:
        again = PlanReviewForm(
            _with_version(request.POST, error.current.version), plan=error.current
        )
        return _plan_page(
            request,
            access,
            error.current,
            forms={"review": again},
            conflict=error.current,
            status=409,
        )
    except PlanRefused as error:
        form.add_error(None, str(error))
        return _plan_page(request, access, _fresh(plan), forms={"review": form}, status=400)
    messages.success(request, _("Evalueringen er gemt."))
    return redirect("collaboration:plan_detail", child_id, plan.pk)


def _fresh(plan: UnitPlan) -> UnitPlan:
    return UnitPlan.objects.select_related("unit", "created_by").get(pk=plan.pk)


def _anchor(child_id: int, plan_id: int, anchor: str) -> str:
    return reverse("collaboration:plan_detail", args=[child_id, plan_id]) + f"#{anchor}"
