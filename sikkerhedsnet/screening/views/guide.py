"""Pages of the concern guide: a professional's assessment of a child, reading the catalogue,
and the administrator's editor for new versions of it."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from sikkerhedsnet.lib.errors import Refused
from sikkerhedsnet.lib.http import AuthedRequest, permission_or_404
from sikkerhedsnet.people.access import today
from sikkerhedsnet.screening.access import (
    CHANGE_GUIDE,
    VIEW_GUIDE,
    StaffChildAccess,
    access_staff_child,
)
from sikkerhedsnet.screening.forms.guide import GuideAssessmentForm, GuideUploadForm
from sikkerhedsnet.screening.hooks import guide_next_steps, recommendation_for
from sikkerhedsnet.screening.models import ConcernGuideVersion, Screening
from sikkerhedsnet.screening.selectors.consent import visible_assessments
from sikkerhedsnet.screening.selectors.guide import (
    AgeBand,
    Guide,
    NoAgeBand,
    age_band_for,
    default_content,
    default_guide,
    guide_by_version,
    guide_in_force,
)
from sikkerhedsnet.screening.selectors.positions import joint_in_round
from sikkerhedsnet.screening.selectors.rounds import round_on
from sikkerhedsnet.screening.services.guide import (
    GuideChanged,
    GuideEditConflict,
    PositionRequest,
    guide_assessment_record,
    guide_version_upload,
)
from sikkerhedsnet.screening.services.positions import (
    JointPositionConflict,
    JointPositionTakenElsewhere,
)

VERSIONS_LISTED = 50


def _date(value: date) -> str:
    return value.strftime("%d.%m.%Y")


# Assessments ----------------------------------------------------------------------------------


def _rebound(data: QueryDict, **changes: str) -> QueryDict:
    fresh = data.copy()
    for name, value in changes.items():
        fresh[name] = value
    return fresh


def _conflict_message(error: JointPositionConflict) -> str:
    current = error.current
    if current is None:
        return _("Barnets position i runden er ændret, mens du udfyldte guiden.")
    return _(
        "%(who)s har sat barnets position til %(position)s den %(when)s, mens du udfyldte "
        "guiden. Se positionen på barnets side, og gem igen, hvis din vurdering skal gælde."
    ) % {
        "who": current.recorded_by or _("En kollega"),
        "position": current.get_position_display().lower(),
        "when": _date(current.screened_on),
    }


class _AssessmentPage:
    """What the guide page needs for one child; built per request."""

    def __init__(self, request: AuthedRequest, staff: StaffChildAccess) -> None:
        self.request, self.access, self.units = request, staff.child_access, staff.units
        self.guide: Guide = guide_in_force().guide
        self.band: AgeBand = age_band_for(self.guide, staff.child, today())
        self.offer_position = staff.can_set_position
        deadline = round_on(today()).deadline
        self.current = (
            joint_in_round(child=staff.child, deadline=deadline) if self.offer_position else None
        )

    def form(self, data: QueryDict | None = None, **initial: Any) -> GuideAssessmentForm:
        start = {
            "guide_version": self.guide.version,
            "position_version": self.current.version if self.current else None,
            **initial,
        }
        return GuideAssessmentForm(
            data,
            initial=start,
            guide=self.guide,
            band=self.band,
            units=self.units,
            offer_position=self.offer_position,
        )

    def render(self, form: GuideAssessmentForm, *, status: int = 200) -> HttpResponse:
        context = {
            "access": self.access,
            "child": self.access.child,
            "guide": self.guide,
            "band": self.band,
            "form": form,
            "ticked": set(form.ticked()),
            "areas": self.guide.grouped(self.band),
            "proposal": form.proposal(),
            "current_position": self.current,
        }
        if self.request.htmx:
            return render(self.request, "screening/guide/_proposal.html", context)
        return render(self.request, "screening/guide/assess.html", context, status=status)


def _proposal_only(page: _AssessmentPage, data: QueryDict) -> HttpResponse:
    """Ticking signs updates the proposal (HTMX, or the button without JavaScript); no saving."""
    initial = {
        "signs": data.getlist("signs"),
        "decided_level": data.get("decided_level"),
        "reason": data.get("reason", ""),
        "set_position": data.get("set_position") == "on",
        "unit": data.get("unit"),
        # The version the page was opened with: a position changed since is still a conflict.
        "position_version": data.get("position_version") or None,
    }
    return page.render(page.form(None, **initial))


def _save_assessment(page: _AssessmentPage, data: QueryDict) -> HttpResponse:
    request, child = page.request, page.access.child
    form = page.form(data)
    if data.get("guide_version") != page.guide.version:
        form = page.form(_rebound(data, guide_version=page.guide.version))
        message = _(
            "Guiden er opdateret til version %(version)s, mens du udfyldte den. "
            "Se tegnene igen, og gem."
        )
        form.add_error(None, message % {"version": page.guide.version})
        return page.render(form)
    if not form.is_valid():
        return page.render(form)
    position = None
    if form.cleaned_data.get("set_position"):
        position = PositionRequest(expected_version=form.cleaned_data.get("position_version"))
    try:
        assessment = guide_assessment_record(
            actor=request.user,
            child=child,
            unit=form.chosen_unit,
            assessed_on=today(),
            guide_version=form.cleaned_data["guide_version"],
            sign_ids=form.cleaned_data["signs"],
            decided_level=form.cleaned_data["decided_level"],
            reason=form.cleaned_data["reason"],
            position=position,
        )
    except JointPositionConflict as error:
        version = error.version
        form = page.form(_rebound(data, position_version=str(version) if version else ""))
        form.add_error(None, _conflict_message(error))
        return page.render(form)
    except JointPositionTakenElsewhere:
        form.add_error(
            "set_position",
            _("En anden enhed har allerede sat barnets position i runden. Gem uden position."),
        )
        return page.render(form)
    except GuideChanged as error:
        form = page.form(_rebound(data, guide_version=page.guide.version))
        error.add_to(form)
        return page.render(form)
    except Refused as error:
        if not str(error):  # PositionRefused names no reason: say what was not saved
            error = Refused(_("Vurderingen kunne ikke gemmes."))
        error.add_to(form)
        return page.render(form)
    messages.success(request, _("Vurderingen er gemt."))
    return redirect("screening:guide_assessment_detail", child.pk, assessment.pk)


@login_required
def guide_assess(request: AuthedRequest, child_id: int) -> HttpResponse:
    staff = access_staff_child(request.user, child_id, shown=_("Bekymringsguiden"))
    try:
        page = _AssessmentPage(request, staff)
    except NoAgeBand as error:
        context = {"access": staff.child_access, "child": staff.child, "band_error": str(error)}
        return render(request, "screening/guide/assess.html", context)
    if request.method != "POST":
        return page.render(page.form())
    if request.POST.get("action") == "propose":
        return _proposal_only(page, request.POST)
    return _save_assessment(page, request.POST)


@login_required
def guide_assessment_detail(
    request: AuthedRequest, child_id: int, assessment_id: int
) -> HttpResponse:
    staff = access_staff_child(request.user, child_id, shown=_("Vurdering i bekymringsguiden"))
    access, units = staff.child_access, staff.units
    assessment = get_object_or_404(
        visible_assessments(child=access.child, units=units).select_related("unit", "assessed_by"),
        pk=assessment_id,
    )
    guide = guide_by_version(assessment.guide_version)
    band = guide.band(assessment.age_band) if guide is not None else None
    ticked = set(assessment.signs)
    areas = (
        [(area, [s for s in area.signs if s.id in ticked]) for area in band.areas]
        if band is not None
        else []
    )
    position = Screening.objects.filter(guide_assessment=assessment).first()
    recommendation = recommendation_for(
        level=assessment.decided_level,
        assessment_id=assessment.pk,
        unit_id=assessment.unit_id,
        position_id=position.pk if position is not None else None,
    )
    steps = guide_next_steps(access.child, recommendation, request.user)
    context = {
        "access": access,
        "child": access.child,
        "assessment": assessment,
        "guide": guide,
        "band": band,
        "areas": areas,
        "proposed": guide.level(assessment.proposed_level) if guide else None,
        "decided": guide.level(assessment.decided_level) if guide else None,
        "position": position,
        # The recommended step is the primary button; the others are secondary.
        "primary_step": next((s for s in steps if s.code == recommendation.step), None),
        "other_steps": [s for s in steps if s.code != recommendation.step],
    }
    return render(request, "screening/guide/assessment_detail.html", context)


# Reading and editing the catalogue ------------------------------------------------------------


@permission_or_404(VIEW_GUIDE)
def guide_read(request: AuthedRequest) -> HttpResponse:
    in_force = guide_in_force()
    guide = in_force.guide
    band = guide.band(request.GET.get("alder", "")) or guide.age_bands[0]
    context = {
        "guide": guide,
        "version": in_force.version,
        "band": band,
        "areas": guide.grouped(band),
    }
    return render(request, "screening/guide/read.html", context)


def _pretty(content: object) -> str:
    return json.dumps(content, ensure_ascii=False, indent=2)


def _starting_text(request: AuthedRequest, newest: ConcernGuideVersion | None) -> str:
    start = request.GET.get("fra", "")
    if start == "standard":
        return _pretty(default_content())
    if start.isdigit():
        chosen = ConcernGuideVersion.objects.filter(pk=int(start)).first()
        if chosen is not None:
            return _pretty(chosen.content)
    return _pretty(newest.content if newest is not None else default_content())


def _edit_conflict_message(conflict: GuideEditConflict) -> str:
    newest = conflict.current
    return _(
        "%(who)s har lagt version %(version)s i kraft den %(when)s, mens du redigerede. "
        "Din tekst er bevaret herunder. Sammenlign med den nye version, og gem igen, "
        "hvis din skal afløse den."
    ) % {
        "who": newest.uploaded_by or _("En anden"),
        "version": newest.content.get("version", "?"),
        "when": timezone.localtime(newest.uploaded_at).strftime("%d.%m.%Y %H:%M"),
    }


@permission_or_404(CHANGE_GUIDE)
def guide_edit(request: AuthedRequest) -> HttpResponse:
    newest = ConcernGuideVersion.objects.select_related("uploaded_by").first()
    based_on = str(newest.pk) if newest is not None else ""
    if request.method == "POST":
        form = GuideUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                guide_version_upload(
                    actor=request.user,
                    content=form.cleaned_data["document"],
                    note=form.cleaned_data["note"],
                    based_on=form.based_on_id,
                )
            except GuideEditConflict as conflict:
                form.add_error(None, _edit_conflict_message(conflict))
            except Refused as error:
                error.add_to(form)
            else:
                messages.success(request, _("Den nye version af guiden er i kraft."))
                return redirect("screening:guide_edit")
        else:
            based_on = request.POST.get("based_on", "")
        text = form.text if form.text is not None else request.POST.get("content", "")
    else:
        form = GuideUploadForm()
        text = _starting_text(request, newest)
    context = {
        "form": form,
        "text": text,
        "based_on": based_on,
        "versions": ConcernGuideVersion.objects.select_related("uploaded_by")[:VERSIONS_LISTED],
        "in_force": guide_in_force(),
        "default_version": default_guide().version,
    }
    return render(request, "screening/guide/edit.html", context)
