"""Signs of Safety: the meetings with their mapping and scale scores, the scale over time as a
chart and a table, and the family's safety network."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sikkerhedsnet.cases.access import CaseAccess, case_for
from sikkerhedsnet.cases.views.common import CONFLICT, case_context, with_version
from sikkerhedsnet.casework.charts import safety_scale_spec
from sikkerhedsnet.casework.forms import (
    NetworkEndForm,
    NetworkMemberForm,
    SafetyMeetingForm,
    SafetyScoreForm,
)
from sikkerhedsnet.casework.models import (
    MAPPING_COLUMNS,
    NetworkMember,
    ParticipantRole,
    SafetyMeeting,
)
from sikkerhedsnet.casework.selectors import (
    safety_meetings,
    safety_network,
    scale_points,
    scale_table,
)
from sikkerhedsnet.casework.services.safety import (
    network_member_add,
    network_member_end,
    safety_meeting_create,
    safety_meeting_update,
    safety_score_record,
)
from sikkerhedsnet.lib.errors import Conflict, Refused
from sikkerhedsnet.lib.http import AuthedRequest

SHOWN = "Signs of Safety"


# The overview: chart, table, meetings, network --------------------------------------------------


def _overview(
    request: AuthedRequest,
    access: CaseAccess,
    *,
    network_form: NetworkMemberForm | None = None,
    end_error: tuple[int, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    case = access.case
    points = scale_points(case)
    days, rows = scale_table(points)
    members = safety_network(case)
    context = {
        **case_context(access),
        "meetings": safety_meetings(case),
        "chart_spec": safety_scale_spec(points) if points else None,
        "scale_days": days,
        "scale_rows": rows,
        "current_members": [m for m in members if m.left_on is None],
        "former_members": [m for m in members if m.left_on is not None],
        "network_form": network_form or NetworkMemberForm(),
        "end_forms": {m.pk: NetworkEndForm(version=m.version) for m in members},
        "end_error": end_error,
    }
    return render(request, "casework/safety/overview.html", context, status=status)


@login_required
@require_GET
def safety(request: AuthedRequest, case_id: int) -> HttpResponse:
    return _overview(request, case_for(request, case_id, shown=SHOWN))


@login_required
@require_POST
def network_add(request: AuthedRequest, case_id: int) -> HttpResponse:
    access = case_for(request, case_id, shown=SHOWN)
    form = NetworkMemberForm(request.POST)
    if not form.is_valid():
        return _overview(request, access, network_form=form, status=400)
    network_member_add(actor=request.user, case=access.case, **form.cleaned_data)
    messages.success(request, _("%(name)s er skrevet ind i netværket.") % form.cleaned_data)
    return redirect("casework:safety", case_id)


@login_required
@require_POST
def network_end(request: AuthedRequest, case_id: int, member_id: int) -> HttpResponse:
    access = case_for(request, case_id, shown=SHOWN)
    member = NetworkMember.objects.filter(pk=member_id, case=access.case).first()
    if member is None:
        raise Http404
    form = NetworkEndForm(request.POST, version=member.version)
    if not form.is_valid():
        message = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return _overview(request, access, end_error=(member.pk, message), status=400)
    try:
        network_member_end(
            actor=request.user,
            member=member,
            expected_version=form.expected_version,
            left_on=form.cleaned_data["left_on"],
        )
    except Conflict:
        return _overview(request, access, end_error=(member.pk, str(CONFLICT)), status=409)
    except Refused as error:
        return _overview(request, access, end_error=(member.pk, str(error)), status=400)
    messages.success(request, _("%(name)s er taget ud af netværket.") % {"name": member.name})
    return redirect("casework:safety", case_id)


# One meeting: the mapping and the scores ----------------------------------------------------------


def _meeting_of(access: CaseAccess, meeting_id: int) -> SafetyMeeting:
    meeting = SafetyMeeting.objects.filter(pk=meeting_id, case=access.case).first()
    if meeting is None:
        raise Http404
    return meeting


def _meeting_initial(meeting: SafetyMeeting) -> dict[str, Any]:
    return {"held_on": meeting.held_on, **{n: getattr(meeting, n) for n in MAPPING_COLUMNS}}


def _meeting_page(
    request: AuthedRequest,
    access: CaseAccess,
    meeting: SafetyMeeting,
    *,
    form: SafetyMeetingForm | None = None,
    score_form: SafetyScoreForm | None = None,
    conflict: bool = False,
    status: int = 200,
) -> HttpResponse:
    context = {
        **case_context(access),
        "meeting": meeting,
        "form": form
        or SafetyMeetingForm(initial=_meeting_initial(meeting), version=meeting.version),
        "score_form": score_form or SafetyScoreForm(),
        "scores": list(meeting.scores.all()),
        "conflict": conflict,
        "saved_columns": _saved_columns(meeting) if conflict else [],
    }
    return render(request, "casework/safety/meeting.html", context, status=status)


def _saved_columns(meeting: SafetyMeeting) -> list[tuple[str, str]]:
    form = SafetyMeetingForm(version=meeting.version)
    return [(str(form.fields[n].label), getattr(meeting, n)) for n in MAPPING_COLUMNS]


@login_required
@require_http_methods(["GET", "POST"])
def meeting_new(request: AuthedRequest, case_id: int) -> HttpResponse:
    access = case_for(request, case_id, shown=SHOWN, to_change=True)
    form = SafetyMeetingForm(request.POST or None, version=0)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                meeting = safety_meeting_create(
                    actor=request.user,
                    case=access.case,
                    held_on=form.cleaned_data["held_on"],
                    columns=form.mapping,
                )
            except Refused as error:
                error.add_to(form)
            else:
                messages.success(request, _("Mødet er gemt. Skriv deltagernes scorer herunder."))
                return redirect("casework:safety_meeting", case_id, meeting.pk)
    context = {**case_context(access), "form": form}
    return render(request, "casework/safety/meeting_new.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def meeting(request: AuthedRequest, case_id: int, meeting_id: int) -> HttpResponse:
    access = case_for(request, case_id, shown=SHOWN)
    current = _meeting_of(access, meeting_id)
    if request.method == "GET":
        return _meeting_page(request, access, current)
    form = SafetyMeetingForm(request.POST, version=current.version)
    if not form.is_valid():
        return _meeting_page(request, access, current, form=form, status=400)
    try:
        safety_meeting_update(
            actor=request.user,
            meeting=current,
            expected_version=form.expected_version,
            held_on=form.cleaned_data["held_on"],
            columns=form.mapping,
        )
    except Conflict:
        fresh = _meeting_of(access, meeting_id)
        data = with_version(request.POST, fresh.version)
        again = SafetyMeetingForm(data, version=fresh.version)
        return _meeting_page(request, access, fresh, form=again, conflict=True, status=409)
    except Refused as error:
        error.add_to(form)
        return _meeting_page(request, access, current, form=form, status=400)
    messages.success(request, _("Kortlægningen er gemt."))
    return redirect("casework:safety_meeting", case_id, meeting_id)


@login_required
@require_POST
def score_add(request: AuthedRequest, case_id: int, meeting_id: int) -> HttpResponse:
    access = case_for(request, case_id, shown=SHOWN)
    current = _meeting_of(access, meeting_id)
    form = SafetyScoreForm(request.POST)
    if not form.is_valid():
        return _meeting_page(request, access, current, score_form=form, status=400)
    try:
        safety_score_record(
            actor=request.user,
            meeting=current,
            participant_name=form.cleaned_data["participant_name"],
            participant_role=ParticipantRole(form.cleaned_data["participant_role"]),
            score=form.cleaned_data["score"],
        )
    except Refused as error:
        error.add_to(form)
        return _meeting_page(request, access, current, score_form=form, status=400)
    messages.success(request, _("Scoren er gemt."))
    return redirect("casework:safety_meeting", case_id, meeting_id)
