"""A case's measures: deciding, starting, ending and withdrawing, and the network search before a
placement.

A case's pages go through access.access_measure or cases.access.case_for (404 for missing and
forbidden alike, the read logged); what the user may do is on the access object.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sikkerhedsnet.cases.access import CaseAccess, case_for
from sikkerhedsnet.cases.views.common import case_context, with_version
from sikkerhedsnet.casework.forms import VersionedForm
from sikkerhedsnet.casework.models import PlanGoal
from sikkerhedsnet.lib.errors import Conflict, Refused
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.measures.access import MeasureAccess, access_measure
from sikkerhedsnet.measures.forms.catalogue import (
    DecideForm,
    EndForm,
    KindFilterForm,
    NetworkSearchForm,
    StartForm,
    WithdrawForm,
)
from sikkerhedsnet.measures.ladder import MeasureKind
from sikkerhedsnet.measures.models import Measure, MeasureStatus, NetworkSearch
from sikkerhedsnet.measures.selectors import catalogue as selectors
from sikkerhedsnet.measures.selectors.decision_letters import measure_decisions
from sikkerhedsnet.measures.services.decisions import (
    measure_decide,
    measure_end,
    measure_start,
    measure_withdraw,
    network_search_record,
)

SHOWN = "Foranstaltninger"


def base_context(access: CaseAccess | MeasureAccess) -> dict[str, Any]:
    """What every page of a case's measures shows around its own part; `access` is what the
    page's template asks."""
    case_access = access.case_access if isinstance(access, MeasureAccess) else access
    return {**case_context(case_access), "access": access}


def _plan_goals(access: CaseAccess) -> Any:
    return PlanGoal.objects.filter(plan__case=access.case).order_by("pk")


def _decide_page(
    request: AuthedRequest, access: CaseAccess, form: DecideForm, kind: str, *, status: int = 200
) -> HttpResponse:
    day = timezone.localdate()
    child = access.case.child
    fitting = selectors.fitting_offers(child=child, day=day, kind=kind or None)
    lowest = selectors.least_intrusive_rung(child=child, day=day)
    context = {
        **base_context(access),
        "form": form,
        "filter_form": KindFilterForm({"type": kind}),
        "fitting": fitting,
        "lowest_rung": lowest,
        "age": child.age_on(day),
        "network_search": selectors.latest_network_search(access.case, day=day),
        "has_goals": _plan_goals(access).exists(),
    }
    return render(request, "measures/catalogue/measure_new.html", context, status=status)


def _kind_asked(request: AuthedRequest) -> str:
    kind = request.GET.get("type", "")
    return kind if kind in MeasureKind.values else ""


@login_required
@require_http_methods(["GET", "POST"])
def measure_new(request: AuthedRequest, case_id: int) -> HttpResponse:
    access = case_for(request, case_id, shown=SHOWN, to_change=True)
    day = timezone.localdate()
    kind = _kind_asked(request)
    # Every fitting offer is a choice, whatever kind the list above is filtered to.
    fitting = selectors.fitting_offers(child=access.case.child, day=day)
    goals = _plan_goals(access)
    if request.method == "GET":
        initial = {"decided_on": day, "kind": kind}
        form = DecideForm(initial=initial, fitting=fitting, goals=goals)
        return _decide_page(request, access, form, kind)
    form = DecideForm(request.POST, fitting=fitting, goals=goals)
    if not form.is_valid():
        return _decide_page(request, access, form, kind, status=400)
    data = form.cleaned_data
    try:
        measure = measure_decide(actor=request.user, case=access.case, **data)
    except Refused as error:
        error.add_to(form)
        return _decide_page(request, access, form, kind, status=400)
    messages.success(request, _decided_message(measure))
    return redirect("measures:measure_detail", case_id, measure.pk)


def _decided_message(measure: Measure) -> str:
    if measure.status == MeasureStatus.WAITING:
        return _(
            "Foranstaltningen er besluttet. Tilbuddet er fuldt, så barnet står på ventelisten."
        )
    if measure.status == MeasureStatus.ACTIVE:
        return _("Foranstaltningen er besluttet og startet.")
    return _("Foranstaltningen er besluttet. Start den, når den begynder.")


@login_required
@require_http_methods(["GET", "POST"])
def network_search_new(request: AuthedRequest, case_id: int) -> HttpResponse:
    access = case_for(request, case_id, shown=SHOWN, to_change=True)
    form = NetworkSearchForm(request.POST or None, initial={"searched_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            network_search_record(actor=request.user, case=access.case, **form.cleaned_data)
        except Refused as error:
            error.add_to(form)
        else:
            messages.success(request, _("Netværksafdækningen er registreret."))
            return redirect("cases:detail", case_id)
    context = {
        **base_context(access),
        "form": form,
        "searches": NetworkSearch.objects.filter(case=access.case).select_related("searched_by"),
    }
    status = 400 if form.errors else 200
    return render(request, "measures/catalogue/network_search_new.html", context, status=status)


def _detail_page(
    request: AuthedRequest,
    access: MeasureAccess,
    *,
    posted: VersionedForm | None = None,
    conflict: bool = False,
    status: int = 200,
) -> HttpResponse:
    """The measure's page; `posted` is the start, end or withdraw form as it was sent back."""
    today = timezone.localdate()
    measure = access.measure
    start_form = posted if isinstance(posted, StartForm) else None
    end_form = posted if isinstance(posted, EndForm) else None
    withdraw_form = posted if isinstance(posted, WithdrawForm) else None
    context = {
        **base_context(access),
        "measure": measure,
        "is_placement": access.is_placement,
        "path": selectors.measure_path(measure),
        "goals": measure.goals.all(),
        "waiting_place": (
            selectors.waiting_list(measure.offer).filter(pk__lte=measure.pk).count()
            if measure.offer is not None and measure.status == MeasureStatus.WAITING
            else None
        ),
        "start_form": start_form
        or StartForm(initial={"start_date": today}, version=measure.version),
        "end_form": end_form or EndForm(initial={"end_date": today}, version=measure.version),
        "withdraw_form": withdraw_form or WithdrawForm(version=measure.version),
        "conflict": conflict,
        "decisions": measure_decisions(measure),
    }
    return render(request, "measures/catalogue/measure_detail.html", context, status=status)


@login_required
@require_GET
def measure_detail(request: AuthedRequest, case_id: int, measure_id: int) -> HttpResponse:
    return _detail_page(request, access_measure(request, case_id, measure_id, shown=SHOWN))


def _change_state(
    request: AuthedRequest,
    case_id: int,
    measure_id: int,
    *,
    form_class: type[VersionedForm],
    change: Callable[[Measure, VersionedForm], object],
    done: str,
) -> HttpResponse:
    """Start, end or withdraw: the form, the service with the page's version, and the page again
    with the refusal (400) or, when a colleague changed the measure first, the conflict (409)."""
    access = access_measure(request, case_id, measure_id, shown=SHOWN)
    measure = access.measure
    form = form_class(request.POST, version=measure.version)
    if not form.is_valid():
        return _detail_page(request, access, posted=form, status=400)
    try:
        change(measure, form)
    except Conflict:
        measure.refresh_from_db()
        again = form_class(with_version(request.POST, measure.version), version=measure.version)
        return _detail_page(request, access, posted=again, conflict=True, status=409)
    except Refused as error:
        error.add_to(form)
        return _detail_page(request, access, posted=form, status=400)
    messages.success(request, done)
    return redirect("measures:measure_detail", case_id, measure_id)


@login_required
@require_POST
def measure_start_view(request: AuthedRequest, case_id: int, measure_id: int) -> HttpResponse:
    def start(measure: Measure, form: VersionedForm) -> object:
        return measure_start(
            actor=request.user,
            measure=measure,
            expected_version=form.expected_version,
            start_date=form.cleaned_data["start_date"],
        )

    return _change_state(
        request,
        case_id,
        measure_id,
        form_class=StartForm,
        change=start,
        done=_("Foranstaltningen er startet."),
    )


@login_required
@require_POST
def measure_end_view(request: AuthedRequest, case_id: int, measure_id: int) -> HttpResponse:
    def end(measure: Measure, form: VersionedForm) -> object:
        return measure_end(
            actor=request.user,
            measure=measure,
            expected_version=form.expected_version,
            end_date=form.cleaned_data["end_date"],
            reason=form.cleaned_data["reason"],
        )

    return _change_state(
        request,
        case_id,
        measure_id,
        form_class=EndForm,
        change=end,
        done=_("Foranstaltningen er afsluttet."),
    )


@login_required
@require_POST
def measure_withdraw_view(request: AuthedRequest, case_id: int, measure_id: int) -> HttpResponse:
    def withdraw(measure: Measure, form: VersionedForm) -> object:
        return measure_withdraw(
            actor=request.user,
            measure=measure,
            expected_version=form.expected_version,
            reason=form.cleaned_data["reason"],
        )

    return _change_state(
        request,
        case_id,
        measure_id,
        form_class=WithdrawForm,
        change=withdraw,
        done=_("Beslutningen er trukket tilbage."),
    )
