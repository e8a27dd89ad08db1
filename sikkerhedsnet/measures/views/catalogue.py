"""The offer catalogue, capacity and cost.

The catalogue is read by rådgivere and edited by the administrator and the faglig leder;
capacity and cost are theirs too (access.access_catalogue, access.access_offer).
"""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sikkerhedsnet.cases.views.common import CONFLICT, with_version
from sikkerhedsnet.lib.errors import Conflict, Refused
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.measures.access import access_catalogue, access_offer
from sikkerhedsnet.measures.forms.catalogue import OfferForm, YearForm, offer_initial
from sikkerhedsnet.measures.ladder import RUNG, MeasureKind
from sikkerhedsnet.measures.models import Offer
from sikkerhedsnet.measures.selectors import catalogue as selectors
from sikkerhedsnet.measures.services.catalogue import offer_create, offer_update

COST_YEARS = 3


@login_required
@require_GET
def offer_list(request: AuthedRequest) -> HttpResponse:
    access = access_catalogue(request.user)
    offers = sorted(
        selectors.offers_with_load(),
        key=lambda offer: (
            not offer.active,
            RUNG[offer.kind],
            not offer.in_municipality,
            offer.name,
        ),
    )
    context = {"offers": offers, "access": access}
    return render(request, "measures/catalogue/offer_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def offer_new(request: AuthedRequest) -> HttpResponse:
    access_catalogue(request.user, to_edit=True)
    initial = {"in_municipality": True, "active": True, "min_age": 0, "max_age": 17}
    form = OfferForm(request.POST or None, version=0, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            offer = offer_create(actor=request.user, **form.fields_for_service)
        except Refused as error:
            error.add_to(form)
        else:
            messages.success(request, _("Tilbuddet »%(name)s« er oprettet.") % {"name": offer.name})
            return redirect("measures:offer_list")
    status = 400 if form.errors else 200
    return render(request, "measures/catalogue/offer_form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def offer_edit(request: AuthedRequest, offer_id: int) -> HttpResponse:
    offer = access_offer(request.user, offer_id).offer
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
            offer = cast(Offer, error.current)  # compare_and_set on Offer
            form = OfferForm(with_version(request.POST, offer.version), version=offer.version)
        except Refused as error:
            error.add_to(form)
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
    access_catalogue(request.user, to_edit=True)
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
