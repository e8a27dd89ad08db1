"""Pages for ADBB (health visitors) and the parents' consent; the concern guide is views/guide.py.

Every page about a child is opened through access.access_staff_child: the units where the
viewer works and the child is enrolled first (404 when there is none, before anything is
logged), then the child through access_child, which checks again and writes the access-log row.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sikkerhedsnet.lib.errors import Refused
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.people.access import today
from sikkerhedsnet.people.models import Child, UnitKind
from sikkerhedsnet.policy import get_policy
from sikkerhedsnet.screening.access import access_staff_child
from sikkerhedsnet.screening.adbb_scale import ADBB_ITEMS, SCORE_LABELS, adbb_age_error
from sikkerhedsnet.screening.forms.health import (
    AdbbFollowUpForm,
    AdbbForm,
    ConsentForm,
    ConsentWithdrawForm,
)
from sikkerhedsnet.screening.models import Instrument, Screening, SharingConsent
from sikkerhedsnet.screening.selectors.consent import guardians_with_custody, open_consent
from sikkerhedsnet.screening.selectors.rounds import round_on
from sikkerhedsnet.screening.services.adbb import adbb_follow_up_record, adbb_record
from sikkerhedsnet.screening.services.consent import consent_record, consent_withdraw

HEALTH_VISITING = [UnitKind.HEALTH_VISITING]


# ADBB -----------------------------------------------------------------------------------------


@login_required
def adbb_new(request: AuthedRequest, child_id: int) -> HttpResponse:
    staff = access_staff_child(
        request.user, child_id, shown=_("ADBB: ny scoring"), kinds=HEALTH_VISITING
    )
    access, child = staff.child_access, staff.child
    form = AdbbForm(request.POST or None, child=child, units=staff.units)
    if request.method == "POST" and form.is_valid():
        try:
            screening = adbb_record(
                actor=request.user,
                child=child,
                unit=form.chosen_unit,
                scores=form.scores,
                screened_on=form.cleaned_data["screened_on"],
            )
        except Refused as error:
            error.add_to(form)
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
    return render(request, "screening/adbb/form.html", context)


def _adbb_screening(child: Child, screening_id: int) -> Screening:
    return get_object_or_404(
        Screening.objects.select_related("unit", "recorded_by"),
        pk=screening_id,
        child=child,
        instrument=Instrument.ADBB,
    )


@login_required
def adbb_detail(request: AuthedRequest, child_id: int, screening_id: int) -> HttpResponse:
    staff = access_staff_child(
        request.user, child_id, shown=_("ADBB-scoring"), kinds=HEALTH_VISITING
    )
    access = staff.child_access
    screening = _adbb_screening(access.child, screening_id)
    context = {
        "access": access,
        "child": access.child,
        "screening": screening,
        "items": list(zip(ADBB_ITEMS, screening.adbb_scores or [], strict=False)),
        "flagged": screening.is_flagged,
        "cutoff": get_policy().adbb_cutoff,
        "due": screening.follow_up_due,
        "follow_ups": screening.follow_ups.select_related("recorded_by").order_by("visited_on"),
        "round": round_on(screening.screened_on),
    }
    return render(request, "screening/adbb/detail.html", context)


@login_required
def adbb_follow_up(request: AuthedRequest, child_id: int, screening_id: int) -> HttpResponse:
    staff = access_staff_child(
        request.user, child_id, shown=_("ADBB: opfølgende besøg"), kinds=HEALTH_VISITING
    )
    access = staff.child_access
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
        except Refused as error:
            error.add_to(form)
        else:
            messages.success(request, _("Det opfølgende besøg er gemt."))
            return redirect("screening:adbb_detail", access.child.pk, screening.pk)
    context = {
        "access": access,
        "child": access.child,
        "screening": screening,
        "form": form,
        "due": screening.follow_up_due,
        "flagged": screening.is_flagged,
    }
    return render(request, "screening/adbb/follow_up.html", context)


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
    except Refused as error:
        error.add_to(record if record.is_bound else withdraw or record)
    return False


@login_required
def consent(request: AuthedRequest, child_id: int) -> HttpResponse:
    staff = access_staff_child(request.user, child_id, shown=_("Samtykke til deling"))
    access, child = staff.child_access, staff.child
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
    return render(request, "screening/consent/consent.html", context)
