"""The offer catalogue, capacity and cost, and a case's measures: deciding, starting, ending,
moving, and the network search before a placement.

A case's pages go through access_case (casework's case_for): 404 for missing and forbidden
alike, the read logged; a change needs `can_edit`. The catalogue is read by rådgivere and
edited by the administrator and the faglig leder; capacity and cost are theirs too.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sikkerhedsnet.cases.access import CaseAccess
from sikkerhedsnet.casework.models import PlanGoal
from sikkerhedsnet.casework.services.versions import Conflict, Refused
from sikkerhedsnet.casework.views_common import CONFLICT, case_for, case_url, with_version
from sikkerhedsnet.core.auth import AuthedRequest
from sikkerhedsnet.measures import selectors_catalogue as selectors
from sikkerhedsnet.measures.forms_catalogue import (
    DecideForm,
    EndForm,
    KindFilterForm,
    MoveForm,
    NetworkSearchForm,
    OfferForm,
    StartForm,
    WithdrawForm,
    YearForm,
    offer_initial,
)
from sikkerhedsnet.measures.ladder import RUNG, MeasureKind, is_placement
from sikkerhedsnet.measures.models import Measure, MeasureStatus, NetworkSearch, Offer
from sikkerhedsnet.measures.services.catalogue import (
    may_edit_offers,
    may_read_offers,
    offer_create,
    offer_update,
)
from sikkerhedsnet.measures.services.decisions import (
    latest_network_search,
    measure_decide,
    measure_end,
    measure_start,
    measure_withdraw,
    network_search_record,
)
from sikkerhedsnet.measures.services.placements import measure_move

SHOWN = "Foranstaltninger"
COST_YEARS = 3


def _refuse(form: Any, error: Refused) -> None:
    field = getattr(error, "field", None)
    form.add_error(field if field in form.fields else None, str(error))


# The catalogue ----------------------------------------------------------------------------------


@login_required
@require_GET
def offer_list(request: AuthedRequest) -> HttpResponse:
    if not may_read_offers(request.user):
        raise Http404
    offers = sorted(
        selectors.offers_with_load(),
        key=lambda offer: (
            not offer.active,
            RUNG[offer.kind],
            not offer.in_municipality,
            offer.name,
        ),
    )
    context = {"offers": offers, "may_edit": may_edit_offers(request.user)}
    return render(request, "measures/catalogue/offer_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def offer_new(request: AuthedRequest) -> HttpResponse:
    if not may_edit_offers(request.user):
        raise Http404
    initial = {"in_municipality": True, "active": True, "min_age": 0, "max_age": 17}
    form = OfferForm(request.POST or None, version=0, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            offer = offer_create(actor=request.user, **form.fields_for_service)
        except Refused as error:
            _refuse(form, error)
        else:
            messages.success(request, _("Tilbuddet »%(name)s« er oprettet.") % {"name": offer.name})
            return redirect("measures:offer_list")
    status = 400 if form.errors else 200
    return render(request, "measures/catalogue/offer_form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def offer_edit(request: AuthedRequest, offer_id: int) -> HttpResponse:
    if not may_edit_offers(request.user):
        raise Http404
    offer = Offer.objects.filter(pk=offer_id).first()
    if offer is None:
        raise Http404
    if request.method == "GET":
        form = OfferForm(initial=offer_initial(offer), version=offer.version)
        return render(request, "measures/catalogue/offer_form.html", {"form": form, "offer": offer})
    form = OfferForm(request.POST, version=offer.version)
    conflict = False
    if form.is_valid():
        try:
            offer_update(
                actor=request.user,
                offer=offer,
                expected_version=form.expected_version,
                **form.fields_for_service,
            )
        except Conflict as error:
            conflict = True
            assert isinstance(error.current, Offer)  # noqa: S101 - compare_and_set on Offer
            offer = error.current
            form = OfferForm(with_version(request.POST, offer.version), version=offer.version)
        except Refused as error:
            _refuse(form, error)
        else:
            messages.success(request, _("Tilbuddet er gemt."))
            return redirect("measures:offer_list")
    context = {"form": form, "offer": offer, "conflict": conflict, "conflict_message": CONFLICT}
    return render(
        request, "measures/catalogue/offer_form.html", context, status=409 if conflict else 400
    )


# Capacity and cost ------------------------------------------------------------------------------


@login_required
@require_GET
def capacity(request: AuthedRequest) -> HttpResponse:
    if not may_edit_offers(request.user):
        raise Http404
    today = timezone.localdate()
    chosen = YearForm(request.GET)
    year = (chosen.cleaned_data.get("year") if chosen.is_valid() else None) or today.year
    years = list(range(year - COST_YEARS + 1, year + 1))
    costs = selectors.cost_by_kind_and_year(years=years, through=today)
    context = {
        "rows": selectors.occupancy(),
        "costs": costs,
        "cost_rows": [
            (MeasureKind(kind).label, [by_year.get(y, 0) for y in years])
            for kind, by_year in costs.rows.items()
        ],
        "totals": [costs.total(y) for y in years],
        "years": years,
        "year": year,
        "today": today,
    }
    return render(request, "measures/catalogue/capacity.html", context)


# A case's measures ------------------------------------------------------------------------------


def _base(access: CaseAccess) -> dict[str, Any]:
    return {
        "access": access,
        "case": access.case,
        "child": access.case.child,
        "case_url": case_url(access.case),
        "conflict_message": CONFLICT,
    }


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
        **_base(access),
        "form": form,
        "filter_form": KindFilterForm({"type": kind}),
        "fitting": fitting,
        "lowest_rung": lowest,
        "age": child.age_on(day),
        "network_search": latest_network_search(access.case, day=day),
        "has_goals": _plan_goals(access).exists(),
    }
    return render(request, "measures/catalogue/measure_new.html", context, status=status)


def _kind_asked(request: AuthedRequest) -> str:
    kind = request.GET.get("type", "")
    return kind if kind in MeasureKind.values else ""


@login_required
@require_http_methods(["GET", "POST"])
def measure_new(request: AuthedRequest, case_id: int) -> HttpResponse:
    access = case_for(request, case_id, shown=SHOWN)
    if not access.can_edit:
        raise Http404
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
        _refuse(form, error)
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
    access = case_for(request, case_id, shown=SHOWN)
    if not access.can_edit:
        raise Http404
    form = NetworkSearchForm(request.POST or None, initial={"searched_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            network_search_record(actor=request.user, case=access.case, **form.cleaned_data)
        except Refused as error:
            _refuse(form, error)
        else:
            messages.success(request, _("Netværksafdækningen er registreret."))
            return redirect("cases:detail", case_id)
    context = {
        **_base(access),
        "form": form,
        "searches": NetworkSearch.objects.filter(case=access.case).select_related("searched_by"),
    }
    status = 400 if form.errors else 200
    return render(request, "measures/catalogue/network_search_new.html", context, status=status)


def _measure(access: CaseAccess, measure_id: int) -> Measure:
    measure = (
        Measure.objects.filter(pk=measure_id, case=access.case)
        .select_related("offer", "decided_by", "moved_from")
        .first()
    )
    if measure is None:
        raise Http404
    return measure


def _detail_page(
    request: AuthedRequest,
    access: CaseAccess,
    measure: Measure,
    *,
    start_form: StartForm | None = None,
    end_form: EndForm | None = None,
    withdraw_form: WithdrawForm | None = None,
    conflict: bool = False,
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    context = {
        **_base(access),
        "measure": measure,
        "is_placement": is_placement(measure.kind),
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
    }
    return render(request, "measures/catalogue/measure_detail.html", context, status=status)


@login_required
@require_GET
def measure_detail(request: AuthedRequest, case_id: int, measure_id: int) -> HttpResponse:
    access = case_for(request, case_id, shown=SHOWN)
    return _detail_page(request, access, _measure(access, measure_id))


@login_required
@require_POST
def measure_start_view(request: AuthedRequest, case_id: int, measure_id: int) -> HttpResponse:
    access = case_for(request, case_id, shown=SHOWN)
    measure = _measure(access, measure_id)
    form = StartForm(request.POST, version=measure.version)
    if not form.is_valid():
        return _detail_page(request, access, measure, start_form=form, status=400)
    try:
        measure_start(
            actor=request.user,
            measure=measure,
            expected_version=form.expected_version,
            start_date=form.cleaned_data["start_date"],
        )
    except Conflict:
        measure.refresh_from_db()
        again = StartForm(with_version(request.POST, measure.version), version=measure.version)
        return _detail_page(request, access, measure, start_form=again, conflict=True, status=409)
    except Refused as error:
        _refuse(form, error)
        return _detail_page(request, access, measure, start_form=form, status=400)
    messages.success(request, _("Foranstaltningen er startet."))
    return redirect("measures:measure_detail", case_id, measure_id)


@login_required
@require_POST
def measure_end_view(request: AuthedRequest, case_id: int, measure_id: int) -> HttpResponse:
    access = case_for(request, case_id, shown=SHOWN)
    measure = _measure(access, measure_id)
    form = EndForm(request.POST, version=measure.version)
    if not form.is_valid():
        return _detail_page(request, access, measure, end_form=form, status=400)
    try:
        measure_end(
            actor=request.user,
            measure=measure,
            expected_version=form.expected_version,
            end_date=form.cleaned_data["end_date"],
        )
    except Conflict:
        measure.refresh_from_db()
        again = EndForm(with_version(request.POST, measure.version), version=measure.version)
        return _detail_page(request, access, measure, end_form=again, conflict=True, status=409)
    except Refused as error:
        _refuse(form, error)
        return _detail_page(request, access, measure, end_form=form, status=400)
    messages.success(request, _("Foranstaltningen er afsluttet."))
    return redirect("measures:measure_detail", case_id, measure_id)


@login_required
@require_POST
def measure_withdraw_view(request: AuthedRequest, case_id: int, measure_id: int) -> HttpResponse:
    access = case_for(request, case_id, shown=SHOWN)
    measure = _measure(access, measure_id)
    form = WithdrawForm(request.POST, version=measure.version)
    if not form.is_valid():
        return _detail_page(request, access, measure, withdraw_form=form, status=400)
    try:
        measure_withdraw(
            actor=request.user,
            measure=measure,
            expected_version=form.expected_version,
            reason=form.cleaned_data["reason"],
        )
    except Conflict:
        measure.refresh_from_db()
        again = WithdrawForm(with_version(request.POST, measure.version), version=measure.version)
        return _detail_page(
            request, access, measure, withdraw_form=again, conflict=True, status=409
        )
    except Refused as error:
        _refuse(form, error)
        return _detail_page(request, access, measure, withdraw_form=form, status=400)
    messages.success(request, _("Beslutningen er trukket tilbage."))
    return redirect("measures:measure_detail", case_id, measure_id)


@login_required
@require_http_methods(["GET", "POST"])
def measure_move_view(request: AuthedRequest, case_id: int, measure_id: int) -> HttpResponse:
    access = case_for(request, case_id, shown=SHOWN)
    if not access.can_edit:
        raise Http404
    measure = _measure(access, measure_id)
    if not is_placement(measure.kind) or measure.status != MeasureStatus.ACTIVE:
        raise Http404
    day = timezone.localdate()
    fitting = selectors.fitting_offers(child=access.case.child, day=day)
    fitting = [f for f in fitting if is_placement(f.offer.kind)]
    if request.method == "GET":
        initial = {"moved_on": day, "version": measure.version, "kind": measure.kind}
        form = MoveForm(initial=initial, fitting=fitting)
        return _move_page(request, access, measure, form)
    form = MoveForm(request.POST, fitting=fitting)
    if not form.is_valid():
        return _move_page(request, access, measure, form, status=400)
    data = dict(form.cleaned_data)
    expected = data.pop("version")
    try:
        successor = measure_move(
            actor=request.user, measure=measure, expected_version=expected, **data
        )
    except Conflict:
        measure.refresh_from_db()
        again = MoveForm(with_version(request.POST, measure.version), fitting=fitting)
        return _move_page(request, access, measure, again, conflict=True, status=409)
    except Refused as error:
        _refuse(form, error)
        return _move_page(request, access, measure, form, status=400)
    messages.success(request, _("Flytningen er registreret."))
    return redirect("measures:measure_detail", case_id, successor.pk)


def _move_page(
    request: AuthedRequest,
    access: CaseAccess,
    measure: Measure,
    form: MoveForm,
    *,
    conflict: bool = False,
    status: int = 200,
) -> HttpResponse:
    context = {**_base(access), "measure": measure, "form": form, "conflict": conflict}
    return render(request, "measures/catalogue/measure_move.html", context, status=status)
