"""Moving a placed child: the current placement period ends and the next starts.

Only a placement that is going on moves, and only by someone who may change the case
(access.MeasureAccess.can_move); for everyone else the page is missing (404).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sikkerhedsnet.cases.views.common import with_version
from sikkerhedsnet.lib.errors import Conflict, Refused
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.measures.access import MeasureAccess, access_measure
from sikkerhedsnet.measures.forms.catalogue import MoveForm
from sikkerhedsnet.measures.ladder import is_placement
from sikkerhedsnet.measures.selectors import catalogue as selectors
from sikkerhedsnet.measures.services.placements import measure_move
from sikkerhedsnet.measures.views.decisions import SHOWN, base_context


@login_required
@require_http_methods(["GET", "POST"])
def measure_move_view(request: AuthedRequest, case_id: int, measure_id: int) -> HttpResponse:
    access = access_measure(request, case_id, measure_id, shown=SHOWN, to_change=True)
    if not access.can_move:
        raise Http404
    measure = access.measure
    day = timezone.localdate()
    fitting = selectors.fitting_offers(child=access.case.child, day=day)
    fitting = [f for f in fitting if is_placement(f.offer.kind)]
    if request.method == "GET":
        initial = {"moved_on": day, "version": measure.version, "kind": measure.kind}
        form = MoveForm(initial=initial, fitting=fitting)
        return _move_page(request, access, form)
    form = MoveForm(request.POST, fitting=fitting)
    if not form.is_valid():
        return _move_page(request, access, form, status=400)
    data = dict(form.cleaned_data)
    expected = data.pop("version")
    try:
        successor = measure_move(
            actor=request.user, measure=measure, expected_version=expected, **data
        )
    except Conflict:
        measure.refresh_from_db()
        again = MoveForm(with_version(request.POST, measure.version), fitting=fitting)
        return _move_page(request, access, again, conflict=True, status=409)
    except Refused as error:
        error.add_to(form)
        return _move_page(request, access, form, status=400)
    messages.success(request, _("Flytningen er registreret."))
    return redirect("measures:measure_detail", case_id, successor.pk)


def _move_page(
    request: AuthedRequest,
    access: MeasureAccess,
    form: MoveForm,
    *,
    conflict: bool = False,
    status: int = 200,
) -> HttpResponse:
    context = {
        **base_context(access),
        "measure": access.measure,
        "form": form,
        "conflict": conflict,
    }
    return render(request, "measures/catalogue/measure_move.html", context, status=status)
