"""Pages for ADBB (health visitors), the concern guide and the parents' consent.

Every page about a child first finds the units where the viewer works and the child is enrolled
(404 when there is none, before anything is logged), then fetches the child through
access_child, which checks again and writes the access-log row.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from sikkerhedsnet.core.auth import AuthedRequest, permission_or_404
from sikkerhedsnet.people.access import ChildAccess, access_child, today
from sikkerhedsnet.people.models import Child, Unit, UnitKind
from sikkerhedsnet.policy import get_policy
from sikkerhedsnet.screening.forms_health import (
    AdbbFollowUpForm,
    AdbbForm,
    ConsentForm,
    ConsentWithdrawForm,
    GuideAssessmentForm,
    GuideUploadForm,
)
from sikkerhedsnet.screening.guide import (
    AgeBand,
    Guide,
    NoAgeBand,
    age_band_for,
    default_content,
    default_guide,
    guide_by_version,
    guide_in_force,
)
from sikkerhedsnet.screening.models import (
    ConcernGuideVersion,
    Instrument,
    Screening,
    SharingConsent,
)
from sikkerhedsnet.screening.rounds import round_on
from sikkerhedsnet.screening.services.adbb import (
    ADBB_ITEMS,
    SCORE_LABELS,
    AdbbRefused,
    adbb_age_error,
    adbb_flagged,
    adbb_follow_up_due,
    adbb_follow_up_record,
    adbb_record,
)
from sikkerhedsnet.screening.services.consent import (
    ConsentRefused,
    consent_record,
    consent_withdraw,
    guardians_with_custody,
    open_consent,
    units_shared_with,
    visible_assessments,
)
from sikkerhedsnet.screening.services.guide import (
    GuideChanged,
    GuideEditConflict,
    GuideRefused,
    PositionRequest,
    guide_assessment_record,
    guide_version_upload,
    positions_allowed,
)
from sikkerhedsnet.screening.services.positions import (
    JointPositionConflict,
    JointPositionTakenElsewhere,
    PositionRefused,
    joint_in_round,
)

HEALTH_VISITING = [UnitKind.HEALTH_VISITING]
VERSIONS_LISTED = 50


def _staff_access(
    request: AuthedRequest, child_id: int, *, shown: str, kinds: Iterable[str] | None = None
) -> tuple[ChildAccess, list[Unit]]:
    """The child and the viewer's units where it is enrolled; 404 for everyone else."""
    units = units_shared_with(actor=request.user, child_id=child_id, day=today(), kinds=kinds)
    if not units:
        raise Http404
    return access_child(request.user, child_id, shown=shown), units


def _date(value: Any) -> str:
    return value.strftime("%d.%m.%Y")


# ADBB -----------------------------------------------------------------------------------------


@login_required
def adbb_new(request: AuthedRequest, child_id: int) -> HttpResponse:
    access, units = _staff_access(
        request, child_id, shown=_("ADBB: ny scoring"), kinds=HEALTH_VISITING
    )
    child = access.child
    form = AdbbForm(request.POST or None, child=child, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            screening = adbb_record(
                actor=request.user,
                child=child,
                unit=form.chosen_unit,
                scores=form.scores,
                screened_on=form.cleaned_data["screened_on"],
            )
        except AdbbRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("ADBB-scoringen er gemt."))
            return redirect("screening:adbb_detail", child.pk, screening.pk)
    context = {
        "access": access,
        "child": child,
        "form": form,
        "age_note": adbb_age_error(child=child, screened_on=today()),
        "score_labels": SCORE_LABELS,
    }
    return render(request, "screening/adbb_form.html", context)


def _adbb_screening(child: Child, screening_id: int) -> Screening:
    return get_object_or_404(
        Screening.objects.select_related("unit", "recorded_by"),
        pk=screening_id,
        child=child,
        instrument=Instrument.ADBB,
    )


@login_required
def adbb_detail(request: AuthedRequest, child_id: int, screening_id: int) -> HttpResponse:
    access, _units = _staff_access(
        request, child_id, shown=_("ADBB-scoring"), kinds=HEALTH_VISITING
    )
    screening = _adbb_screening(access.child, screening_id)
    total = screening.adbb_total or 0
    context = {
        "access": access,
        "child": access.child,
        "screening": screening,
        "items": list(zip(ADBB_ITEMS, screening.adbb_scores or [], strict=False)),
        "flagged": adbb_flagged(total),
        "cutoff": get_policy().adbb_cutoff,
        "due": adbb_follow_up_due(screening.screened_on),
        "follow_ups": screening.follow_ups.select_related("recorded_by").order_by("visited_on"),
        "round": round_on(screening.screened_on),
    }
    return render(request, "screening/adbb_detail.html", context)


@login_required
def adbb_follow_up(request: AuthedRequest, child_id: int, screening_id: int) -> HttpResponse:
    access, _units = _staff_access(
        request, child_id, shown=_("ADBB: opfølgende besøg"), kinds=HEALTH_VISITING
    )
    screening = _adbb_screening(access.child, screening_id)
    form = AdbbFollowUpForm(request.POST or None, screened_on=screening.screened_on)
    if request.method == "POST" and form.is_valid():
        try:
            adbb_follow_up_record(
                actor=request.user,
                screening=screening,
                visited_on=form.cleaned_data["visited_on"],
                note=form.cleaned_data["note"],
            )
        except AdbbRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Det opfølgende besøg er gemt."))
            return redirect("screening:adbb_detail", access.child.pk, screening.pk)
    context = {
        "access": access,
        "child": access.child,
        "screening": screening,
        "form": form,
        "due": adbb_follow_up_due(screening.screened_on),
        "flagged": adbb_flagged(screening.adbb_total or 0),
    }
    return render(request, "screening/adbb_follow_up.html", context)


# The concern guide: assessments ---------------------------------------------------------------


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

    def __init__(self, request: AuthedRequest, access: ChildAccess, units: list[Unit]) -> None:
        self.request, self.access, self.units = request, access, units
        self.guide: Guide = guide_in_force().guide
        self.band: AgeBand = age_band_for(self.guide, access.child, today())
        self.offer_position = any(positions_allowed(unit) for unit in units)
        deadline = round_on(today()).deadline
        self.current = (
            joint_in_round(child=access.child, deadline=deadline) if self.offer_position else None
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
            return render(self.request, "screening/guide_assess_proposal.html", context)
        return render(self.request, "screening/guide_assess.html", context, status=status)


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
        form.add_error(None, str(error))
        return page.render(form)
    except (GuideRefused, PositionRefused) as error:
        form.add_error(None, str(error) or _("Vurderingen kunne ikke gemmes."))
        return page.render(form)
    messages.success(request, _("Vurderingen er gemt."))
    return redirect("screening:guide_assessment_detail", child.pk, assessment.pk)


@login_required
def guide_assess(request: AuthedRequest, child_id: int) -> HttpResponse:
    access, units = _staff_access(request, child_id, shown=_("Bekymringsguiden"))
    try:
        page = _AssessmentPage(request, access, units)
    except NoAgeBand as error:
        context = {"access": access, "child": access.child, "band_error": str(error)}
        return render(request, "screening/guide_assess.html", context)
    if request.method != "POST":
        return page.render(page.form())
    if request.POST.get("action") == "propose":
        return _proposal_only(page, request.POST)
    return _save_assessment(page, request.POST)


@login_required
def guide_assessment_detail(
    request: AuthedRequest, child_id: int, assessment_id: int
) -> HttpResponse:
    access, units = _staff_access(request, child_id, shown=_("Vurdering i bekymringsguiden"))
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
    context = {
        "access": access,
        "child": access.child,
        "assessment": assessment,
        "guide": guide,
        "band": band,
        "areas": areas,
        "proposed": guide.level(assessment.proposed_level) if guide else None,
        "decided": guide.level(assessment.decided_level) if guide else None,
        "position": Screening.objects.filter(guide_assessment=assessment).first(),
    }
    return render(request, "screening/guide_assessment_detail.html", context)


# The concern guide: reading and editing the catalogue ----------------------------------------


@permission_or_404("screening.view_concern_guide")
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
    return render(request, "screening/guide.html", context)


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
    newest = conflict.newest
    return _(
        "%(who)s har lagt version %(version)s i kraft den %(when)s, mens du redigerede. "
        "Din tekst er bevaret herunder. Sammenlign med den nye version, og gem igen, "
        "hvis din skal afløse den."
    ) % {
        "who": newest.uploaded_by or _("En anden"),
        "version": newest.content.get("version", "?"),
        "when": timezone.localtime(newest.uploaded_at).strftime("%d.%m.%Y %H:%M"),
    }


@permission_or_404("screening.change_concern_guide")
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
            except GuideRefused as error:
                form.add_error(None, str(error))
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
    return render(request, "screening/guide_edit.html", context)


# Consent ---------------------------------------------------------------------------------------


def _consent_forms(
    request: AuthedRequest, child: Child, current: SharingConsent | None
) -> tuple[ConsentForm, ConsentWithdrawForm | None]:
    guardians = guardians_with_custody(child=child)
    action = request.POST.get("action") if request.method == "POST" else None
    record = ConsentForm(request.POST if action == "record" else None, guardians=guardians)
    withdraw = None
    if current is not None:
        data = request.POST if action == "withdraw" else None
        withdraw = ConsentWithdrawForm(data, open_consent=current)
    return record, withdraw


def _consent_save(
    request: AuthedRequest,
    child: Child,
    record: ConsentForm,
    withdraw: ConsentWithdrawForm | None,
) -> bool:
    """Carry out the posted action; False (with the error on the form) if it was refused."""
    try:
        if record.is_bound and record.is_valid():
            consent_record(
                actor=request.user,
                child=child,
                guardian=record.cleaned_data["guardian"],
                given_on=record.cleaned_data["given_on"],
            )
            messages.success(request, _("Samtykket er registreret."))
            return True
        if withdraw is not None and withdraw.is_bound and withdraw.is_valid():
            consent_withdraw(
                actor=request.user,
                consent=withdraw.open_consent,
                withdrawn_on=withdraw.cleaned_data["withdrawn_on"],
            )
            messages.success(request, _("Samtykket er trukket tilbage."))
            return True
    except ConsentRefused as error:
        (record if record.is_bound else withdraw or record).add_error(None, str(error))
    return False


@login_required
def consent(request: AuthedRequest, child_id: int) -> HttpResponse:
    access, _units = _staff_access(request, child_id, shown=_("Samtykke til deling"))
    child = access.child
    current = open_consent(child=child)
    record, withdraw = _consent_forms(request, child, current)
    if request.method == "POST":
        if request.POST.get("action") == "withdraw" and withdraw is None:
            messages.error(
                request, _("Samtykket var allerede trukket tilbage. Se status herunder.")
            )
            return redirect("screening:consent", child.pk)
        if _consent_save(request, child, record, withdraw):
            return redirect("screening:consent", child.pk)
    context = {
        "access": access,
        "child": child,
        "current": current,
        "record_form": record,
        "withdraw_form": withdraw,
        "has_guardians": bool(guardians_with_custody(child=child)),
        "history": SharingConsent.objects.filter(child=child)
        .select_related("given_by", "recorded_by")
        .order_by("-given_on", "-id"),
    }
    return render(request, "screening/consent.html", context)
