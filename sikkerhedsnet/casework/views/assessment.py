"""The child assessment's page: the ICS triangle, the views of child and parents, the interim
assessment and the conclusion with its decision. Three forms, three POST endpoints; a refused
or conflicting save shows the page again with what the caseworker typed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sikkerhedsnet.cases.access import CaseAccess, case_for
from sikkerhedsnet.cases.views.common import case_context, with_version
from sikkerhedsnet.casework.forms import (
    AssessmentForm,
    ConclusionForm,
    InterimAssessmentForm,
    VersionedForm,
    assessment_initial,
    dimension_field_name,
)
from sikkerhedsnet.casework.models import PLACEMENT_DECISIONS, Assessment, AssessmentDecision
from sikkerhedsnet.casework.selectors import (
    assessment_clock,
    assessment_of,
    child_plan_of,
    interims_of,
    triangle,
)
from sikkerhedsnet.casework.services.assessment import (
    assessment_conclude,
    assessment_save,
    interim_assessment_record,
)
from sikkerhedsnet.lib.errors import Conflict, Refused
from sikkerhedsnet.lib.http import AuthedRequest

SHOWN = "Børnefaglig undersøgelse"


def _version(access: CaseAccess) -> int:
    current = assessment_of(access.case)
    return current.version if current else 0


def _forms(access: CaseAccess, version: int) -> dict[str, VersionedForm]:
    current = assessment_of(access.case)
    initial = (
        assessment_initial(current.dimensions, current.child_view, current.parents_view)
        if current
        else {}
    )
    return {
        "texts": AssessmentForm(initial=initial, version=version),
        "interim": InterimAssessmentForm(version=version),
        "conclusion": ConclusionForm(version=version),
    }


def _page(
    request: AuthedRequest,
    access: CaseAccess,
    *,
    held: tuple[str, VersionedForm] | None = None,
    conflict: bool = False,
    status: int = 200,
) -> HttpResponse:
    case = access.case
    current = assessment_of(case)
    forms = _forms(access, current.version if current else 0)
    if held is not None:
        forms[held[0]] = held[1]
    context = {
        **case_context(access),
        "assessment": current,
        "clock": assessment_clock(case, current),
        "triangle": triangle(current),
        "sides": _sides(current, forms["texts"]),
        "editable": access.can_edit and (current is None or current.is_open),
        "interims": list(interims_of(current)),
        "forms": forms,
        "texts_form": forms["texts"],
        "held": held[0] if held else "",
        "conflict": conflict,
        "placement_kinds": [str(kind) for kind in PLACEMENT_DECISIONS],
        "without_consent": AssessmentDecision.PLACEMENT_WITHOUT_CONSENT,
        "has_plan": child_plan_of(case) is not None,
    }
    return render(request, "casework/assessment/page.html", context, status=status)


def _sides(current: Assessment | None, form: VersionedForm) -> list[Any]:
    """Each side of the triangle with, per dimension, its field and the saved text."""
    return [
        (side, [(d, form[dimension_field_name(d)], saved) for d, saved in rows])
        for side, rows in triangle(current)
    ]


def _conflicted(
    request: AuthedRequest, access: CaseAccess, key: str, form: VersionedForm
) -> HttpResponse:
    """The page again with what she typed, at the version she has now seen."""
    version = _version(access)
    data = with_version(form.data, version)  # type: ignore[arg-type]
    again = type(form)(data, version=version)
    return _page(request, access, held=(key, again), conflict=True, status=409)


def _refused(
    request: AuthedRequest, access: CaseAccess, key: str, form: VersionedForm, error: Refused
) -> HttpResponse:
    error.add_to(form)
    return _page(request, access, held=(key, form), status=400)


@login_required
@require_GET
def assessment(request: AuthedRequest, case_id: int) -> HttpResponse:
    return _page(request, case_for(request, case_id, shown=SHOWN))


@login_required
@require_POST
def assessment_texts(request: AuthedRequest, case_id: int) -> HttpResponse:
    access = case_for(request, case_id, shown=SHOWN)
    form = AssessmentForm(request.POST, version=_version(access))
    if not form.is_valid():
        return _page(request, access, held=("texts", form), status=400)
    try:
        assessment_save(
            actor=request.user,
            case=access.case,
            expected_version=form.expected_version,
            dimensions=form.dimensions,
            child_view=form.cleaned_data["child_view"],
            parents_view=form.cleaned_data["parents_view"],
        )
    except Conflict:
        return _conflicted(request, access, "texts", form)
    except Refused as error:
        return _refused(request, access, "texts", form, error)
    messages.success(request, _("Undersøgelsen er gemt."))
    return redirect("casework:assessment", case_id)


@login_required
@require_POST
def assessment_interim(request: AuthedRequest, case_id: int) -> HttpResponse:
    access = case_for(request, case_id, shown=SHOWN)
    form = InterimAssessmentForm(request.POST, version=_version(access))
    if not form.is_valid():
        return _page(request, access, held=("interim", form), status=400)
    try:
        interim_assessment_record(
            actor=request.user,
            case=access.case,
            expected_version=form.expected_version,
            text=form.cleaned_data["interim_text"],
            expected_done_on=form.cleaned_data["expected_done_on"],
        )
    except Conflict:
        return _conflicted(request, access, "interim", form)
    except Refused as error:
        return _refused(request, access, "interim", form, error)
    messages.success(request, _("Den foreløbige vurdering er gemt."))
    return redirect("casework:assessment", case_id)


@login_required
@require_POST
def assessment_conclusion(request: AuthedRequest, case_id: int) -> HttpResponse:
    access = case_for(request, case_id, shown=SHOWN)
    form = ConclusionForm(request.POST, version=_version(access))
    if not form.is_valid():
        return _page(request, access, held=("conclusion", form), status=400)
    try:
        assessment_conclude(
            actor=request.user,
            case=access.case,
            expected_version=form.expected_version,
            conclusion=form.cleaned_data["conclusion"],
            decision=AssessmentDecision(form.cleaned_data["decision"]),
            decided_on=form.cleaned_data["decided_on"],
        )
    except Conflict:
        return _conflicted(request, access, "conclusion", form)
    except Refused as error:
        return _refused(request, access, "conclusion", form, error)
    messages.success(request, _("Konklusionen og afgørelsen er gemt. Undersøgelsen er afsluttet."))
    return redirect("casework:assessment", case_id)
