"""Follow-up of a measure, supervision visits, and the move to adulthood.

The pages of one measure go through access.access_measure (404 for missing and forbidden alike;
the read is logged); what the user may do is on the access object. The transition list and
agenda show the young people of the cases the user follows (access.access_transition).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sikkerhedsnet.cases.access import CaseAccess, case_for
from sikkerhedsnet.cases.views.common import with_version
from sikkerhedsnet.lib.dates import add_months
from sikkerhedsnet.lib.errors import Conflict, Refused
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.measures import adulthood
from sikkerhedsnet.measures.access import (
    MeasureAccess,
    access_measure,
    access_placement,
    access_transition,
)
from sikkerhedsnet.measures.forms.follow_up import (
    CoordinatorForm,
    FollowUpForm,
    IntervalForm,
    SupervisionVisitForm,
)
from sikkerhedsnet.measures.models import AdultServicesCoordinator, Measure
from sikkerhedsnet.measures.selectors import follow_up as selectors
from sikkerhedsnet.measures.services.follow_up import (
    follow_up_record,
    measure_follow_up_interval_set,
)
from sikkerhedsnet.measures.services.supervision import supervision_visit_record
from sikkerhedsnet.measures.services.transition import (
    CoordinatorChanged,
    adult_coordinator_name,
)
from sikkerhedsnet.measures.views.decisions import base_context
from sikkerhedsnet.people.models import Membership, User, current_on
from sikkerhedsnet.policy import get_policy

SHOWN_FOLLOW_UP = "Opfølgning på foranstaltning"
SHOWN_SUPERVISION = "Tilsynsbesøg på anbringelse"
SHOWN_COORDINATOR = "Koordinator i voksenområdet"


def _base(access: CaseAccess | MeasureAccess) -> dict[str, Any]:
    return {
        **base_context(access),
        "measure": access.measure if isinstance(access, MeasureAccess) else None,
        "today": timezone.localdate(),
    }


# Follow-up ---------------------------------------------------------------------------------------


def _follow_up_page(
    request: AuthedRequest,
    access: MeasureAccess,
    *,
    form: FollowUpForm | None = None,
    interval_form: IntervalForm | None = None,
    conflict: bool = False,
    status: int = 200,
) -> HttpResponse:
    day = timezone.localdate()
    measure = access.measure
    initial = {
        "interval_weeks": measure.follow_up_interval_weeks,
        "reason": measure.follow_up_interval_reason,
    }
    context = {
        **_base(access),
        "state": selectors.follow_up_state(measure, day),
        "follow_ups": selectors.follow_ups_of(measure),
        "form": form or FollowUpForm(initial={"held_on": day}),
        "interval_form": interval_form or IntervalForm(initial=initial, version=measure.version),
        "conflict": conflict,
    }
    return render(request, "measures/follow_up/follow_up.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def follow_up(request: AuthedRequest, case_id: int, measure_id: int) -> HttpResponse:
    access = access_measure(request, case_id, measure_id, shown=SHOWN_FOLLOW_UP)
    measure = access.measure
    if request.method == "GET":
        return _follow_up_page(request, access)
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        return _follow_up_page(request, access, form=form, status=400)
    try:
        recorded = follow_up_record(actor=request.user, measure=measure, **form.meeting)
    except Refused as error:
        error.add_to(form)
        return _follow_up_page(request, access, form=form, status=400)
    if recorded.next_due:
        message = _("Opfølgningen er gemt. Næste opfølgning skal holdes senest %(due)s.") % {
            "due": recorded.next_due.strftime("%d.%m.%Y")
        }
    else:
        message = _("Opfølgningen er gemt.")
    messages.success(request, message)
    return redirect("measures:follow_up", case_id, measure_id)


@login_required
@require_POST
def follow_up_interval(request: AuthedRequest, case_id: int, measure_id: int) -> HttpResponse:
    access = access_measure(request, case_id, measure_id, shown=SHOWN_FOLLOW_UP)
    measure = access.measure
    form = IntervalForm(request.POST, version=measure.version)
    if not form.is_valid():
        return _follow_up_page(request, access, interval_form=form, status=400)
    try:
        measure_follow_up_interval_set(
            actor=request.user,
            measure=measure,
            expected_version=form.expected_version,
            interval_weeks=form.cleaned_data["interval_weeks"],
            reason=form.cleaned_data["reason"],
        )
    except Conflict as conflict:
        current = conflict.current
        assert isinstance(current, Measure)  # noqa: S101 - the service compares Measures
        again = IntervalForm(with_version(request.POST, current.version), version=current.version)
        return _follow_up_page(
            request, access.with_measure(current), interval_form=again, conflict=True, status=409
        )
    except Refused as error:
        error.add_to(form)
        return _follow_up_page(request, access, interval_form=form, status=400)
    messages.success(request, _("Intervallet for opfølgning er gemt."))
    return redirect("measures:follow_up", case_id, measure_id)


# Supervision visits ------------------------------------------------------------------------------


def _visitors(request: AuthedRequest, access: MeasureAccess, day: date) -> QuerySet[User]:
    """Who may have made the visit: the staff of the case's team, and the viewer herself."""
    team = Membership.objects.filter(current_on(day), unit=access.case.team).values("user_id")
    return User.objects.filter(Q(pk__in=team) | Q(pk=request.user.pk), is_active=True).order_by(
        "first_name", "last_name"
    )


def _supervision_page(
    request: AuthedRequest,
    access: MeasureAccess,
    *,
    form: SupervisionVisitForm | None = None,
    status: int = 200,
) -> HttpResponse:
    day = timezone.localdate()
    visitors = _visitors(request, access, day)
    measure = access.measure
    context = {
        **_base(access),
        "summary": selectors.supervision_summary(measure, day),
        "older_visits": selectors.older_visits(measure, day),
        "form": form
        or SupervisionVisitForm(
            initial={"visited_on": day, "visited_by": request.user.pk}, visitors=visitors
        ),
    }
    return render(request, "measures/follow_up/supervision.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def supervision(request: AuthedRequest, case_id: int, measure_id: int) -> HttpResponse:
    access = access_placement(request, case_id, measure_id, shown=SHOWN_SUPERVISION)
    if request.method == "GET":
        return _supervision_page(request, access)
    visitors = _visitors(request, access, timezone.localdate())
    form = SupervisionVisitForm(request.POST, visitors=visitors)
    if not form.is_valid():
        return _supervision_page(request, access, form=form, status=400)
    try:
        supervision_visit_record(actor=request.user, measure=access.measure, **form.visit)
    except Refused as error:
        error.add_to(form)
        return _supervision_page(request, access, form=form, status=400)
    messages.success(request, _("Tilsynsbesøget er gemt."))
    return redirect("measures:supervision", case_id, measure_id)


# The adult-services coordinator ------------------------------------------------------------------


def _coordinator_page(
    request: AuthedRequest,
    access: CaseAccess,
    *,
    form: CoordinatorForm | None = None,
    conflict: bool = False,
    status: int = 200,
) -> HttpResponse:
    child = access.case.child
    current = AdultServicesCoordinator.objects.filter(child=child).first()
    initial = {
        "expected_name": current.name if current else "",
        "name": current.name if current else "",
        "contact": current.contact if current else "",
        "named_on": timezone.localdate(),
    }
    context = {
        **_base(access),
        "coordinator": current,
        "form": form or CoordinatorForm(initial=initial),
        "coordinator_due": adulthood.coordinator_due(child.birth_date),
        "adult_on": adulthood.adult_on(child.birth_date),
        "conflict": conflict,
    }
    return render(request, "measures/transition/coordinator.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def coordinator(request: AuthedRequest, case_id: int) -> HttpResponse:
    access = case_for(request, case_id, shown=SHOWN_COORDINATOR)
    if request.method == "GET":
        return _coordinator_page(request, access)
    form = CoordinatorForm(request.POST)
    if not form.is_valid():
        return _coordinator_page(request, access, form=form, status=400)
    try:
        adult_coordinator_name(actor=request.user, child=access.case.child, **form.coordinator)
    except CoordinatorChanged as conflict:  # the Conflict of a coordinator: who it is now
        data = request.POST.copy()
        data["expected_name"] = conflict.current.name if conflict.current else ""
        again = CoordinatorForm(data)
        return _coordinator_page(request, access, form=again, conflict=True, status=409)
    except Refused as error:
        error.add_to(form)
        return _coordinator_page(request, access, form=form, status=400)
    messages.success(request, _("Koordinatoren er gemt."))
    return redirect("cases:detail", case_id)


# The transition list and the monthly agenda ------------------------------------------------------


@login_required
@require_GET
def transition_list(request: AuthedRequest) -> HttpResponse:
    user = access_transition(request.user).user
    day = timezone.localdate()
    policy = get_policy()
    context = {
        "rows": selectors.transition_rows(
            selectors.transition_list(user, day), day=day, until=add_months(day, 1)
        ),
        "today": day,
        "month": day.replace(day=1),
        "list_from_years": policy.transition_list_age_months // 12,
    }
    return render(request, "measures/transition/list.html", context)


def _month(value: str | None, default: date) -> date | None:
    if not value:
        return default.replace(day=1)
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1)
    except ValueError:
        return None


@login_required
@require_GET
def transition_agenda(request: AuthedRequest) -> HttpResponse:
    user = access_transition(request.user).user
    day = timezone.localdate()
    month = _month(request.GET.get("maaned"), day)
    if month is None:
        messages.error(request, _("Skriv måneden som ÅÅÅÅ-MM, fx 2026-12."))
        return redirect("measures:transition_agenda")
    first, last = selectors.month_bounds(month)
    context = {
        "rows": selectors.transition_rows(
            selectors.transition_agenda(user, month), day=first, until=last
        ),
        "month": month,
        "first": first,
        "last": last,
        "previous": add_months(month, -1),
        "next": add_months(month, 1),
    }
    return render(request, "measures/transition/agenda.html", context)
