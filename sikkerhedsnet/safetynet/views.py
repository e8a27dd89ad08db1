from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import access_log_record_unit
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.people.access import access_unit
from sikkerhedsnet.safetynet.selectors import Flag, flags_for_user


def _log_units_shown(request: AuthedRequest, flags: list[Flag]) -> None:
    for unit in {flag.unit for flag in flags if flag.unit is not None}:
        access_log_record_unit(
            user=request.user,
            unit=unit,
            shown=_("Opgaveliste"),
            basis=_("Børn i enheden, som du har adgang til"),
        )


@login_required
def my_tasks(request: AuthedRequest) -> HttpResponse:
    flags = flags_for_user(user=request.user, at=timezone.now())
    _log_units_shown(request, flags)
    return render(request, "safetynet/tasks.html", {"flags": flags, "unit": None})


@login_required
def unit_tasks(request: AuthedRequest, unit_id: int) -> HttpResponse:
    unit = access_unit(request.user, unit_id)
    flags = flags_for_user(user=request.user, at=timezone.now(), unit_ids=[unit.pk])
    _log_units_shown(request, flags)
    return render(request, "safetynet/tasks.html", {"flags": flags, "unit": unit})
