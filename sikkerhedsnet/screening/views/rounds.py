"""The screening round page of a unit (TOPI), one child's row on it, and the round overview.

The page shows every child enrolled in the unit (or one group) whom the user may see. Each row
is its own small form: changing "Din egen vurdering" or "Fælles position" posts the row with
HTMX, and only the row's status cell is swapped (plus its version and rating count, out of band),
so the focus and anything typed in the row stay where they are. Without JavaScript the row's
save button posts the same form and the server redirects back.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sikkerhedsnet.audit.services import access_log_record_unit
from sikkerhedsnet.lib.dates import local_clock_text
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.people.access import today
from sikkerhedsnet.people.models import Child, Enrolment, Unit, UnitKind, User
from sikkerhedsnet.policy import get_policy
from sikkerhedsnet.screening.access import (
    access_overview,
    access_round_child,
    access_round_unit,
    round_statistics_units,
    sets_joint_positions,
)
from sikkerhedsnet.screening.forms.rounds import ALL_GROUPS, GroupPickerForm, RowForm
from sikkerhedsnet.screening.models import Position
from sikkerhedsnet.screening.selectors.overview import unit_overview
from sikkerhedsnet.screening.selectors.round_page import (
    RoundRow,
    RowNotice,
    round_rows,
    round_state,
    unit_groups,
)
from sikkerhedsnet.screening.selectors.rounds import round_on
from sikkerhedsnet.screening.services.positions import (
    JointPositionConflict,
    JointPositionTakenElsewhere,
    PositionRefused,
    joint_position_set,
    rating_set,
)


def _positions() -> list[tuple[str, str]]:
    """Green, yellow, red with their labels translated once per page, not once per radio."""
    return [(value, str(label)) for value, label in Position.choices]


def _staff_basis() -> str:
    return _("Børn i enheden, som du har adgang til")


# Views ----------------------------------------------------------------------------------------


@login_required
@require_GET
def round_page(request: AuthedRequest, unit_id: int) -> HttpResponse:
    unit = access_round_unit(request.user, unit_id)
    return _page(request, unit, group=request.GET.get("gruppe", ALL_GROUPS))


def _page(
    request: AuthedRequest,
    unit: Unit,
    *,
    group: str,
    held: RoundRow | None = None,
    status: int = 200,
) -> HttpResponse:
    """The whole page; `held` is a row whose unsaved choices are shown again (no JavaScript)."""
    day = today()
    rnd = round_on(day)
    picker = GroupPickerForm(
        {"gruppe": group}, groups=unit_groups(user=request.user, unit=unit, day=day)
    )
    group = picker.group()
    rows = round_rows(user=request.user, unit=unit, rnd=rnd, day=day, group=group)
    if held is not None:
        rows = [held if row.child.pk == held.child.pk else row for row in rows]
    if rows:
        access_log_record_unit(
            user=request.user, unit=unit, shown=_("Trivselsrunde"), basis=_staff_basis()
        )
    context = {
        "unit": unit,
        "round": rnd,
        "days_left": (rnd.deadline - day).days,
        "picker": picker,
        "group": group,
        "rows": rows,
        "positions": _positions(),
        "sets_joint": sets_joint_positions(unit),
    }
    return render(request, "screening/rounds/round.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def round_child(request: AuthedRequest, unit_id: int, child_id: int) -> HttpResponse:
    """GET: the child's row. POST: save the row's rating and/or joint position."""
    unit = access_round_unit(request.user, unit_id)
    day = today()
    child = access_round_child(request.user, unit, child_id, day)
    if request.method == "GET":
        row = _row(request.user, unit, child, day)
        return render(request, "screening/rounds/_row.html", _row_context(unit, row, ALL_GROUPS))
    form = RowForm(request.POST)
    notice = _save(request.user, unit, child, form) if form.is_valid() else None
    if notice is None:
        notice = RowNotice(error=form.first_error())
    group = str(form.cleaned_data.get("gruppe") or "")
    if request.htmx:
        row = _status_row(request.user, unit, child, day)
        row.notice = notice
        context = {**_row_context(unit, row, group), "oob": True}
        return render(request, "screening/rounds/_status.html", context)
    return _plain_answer(request, unit, child, form=form, notice=notice, group=group)


def _row(user: User, unit: Unit, child: Child, day: date) -> RoundRow:
    """The child's whole row (GET)."""
    rows = round_rows(user=user, unit=unit, rnd=round_on(day), day=day, child_id=child.pk)
    if not rows:
        raise Http404
    return rows[0]


def _status_row(user: User, unit: Unit, child: Child, day: date) -> RoundRow:
    """What a save's answer needs: the row's state in this round, without its history."""
    state = round_state(user=user, unit=unit, rnd=round_on(day), child_ids=[child.pk])
    # Only the child is read from the enrolment here; the status cell shows nothing else of it.
    return state.row(Enrolment(child=child, unit=unit), unit)


def _row_context(unit: Unit, row: RoundRow, group: str) -> dict[str, object]:
    return {
        "unit": unit,
        "row": row,
        "group": group,
        "positions": _positions(),
        "sets_joint": sets_joint_positions(unit),
    }


def _save(user: User, unit: Unit, child: Child, form: RowForm) -> RowNotice:
    notice = RowNotice()
    data = form.cleaned_data
    at = local_clock_text(timezone.now())
    try:
        if form.saves_rating():
            rating_set(actor=user, child=child, unit=unit, position=data["rating"])
            label = Position(data["rating"]).label
            notice.saved.append(
                _("Din vurdering er gemt: %(p)s (%(at)s).") % {"p": label, "at": at}
            )
        if form.saves_joint():
            screening = joint_position_set(
                actor=user,
                child=child,
                unit=unit,
                position=data["joint"],
                reason=data["reason"],
                expected_version=form.expected_version,
            )
            notice.joint_version = screening.version
            label = Position(data["joint"]).label
            notice.saved.append(
                _("Den fælles position er gemt: %(p)s (%(at)s).") % {"p": label, "at": at}
            )
    except PositionRefused:
        raise Http404 from None
    except JointPositionConflict as conflict:
        notice.conflict, notice.chosen = conflict, data["joint"]
    except JointPositionTakenElsewhere:
        notice.chosen = data["joint"]
        notice.error = _(
            "En anden enhed har allerede givet barnet en fælles position i denne runde."
        )
    return notice


def _plain_answer(
    request: AuthedRequest,
    unit: Unit,
    child: Child,
    *,
    form: RowForm,
    notice: RowNotice,
    group: str,
) -> HttpResponse:
    """Without JavaScript: back to the page, or the page again with the unsaved row held."""
    if notice.conflict is None and not notice.error:
        for text in notice.saved:
            messages.success(request, text)
        query = f"?{urlencode({'gruppe': group})}" if group else ""
        url = reverse("screening:round", args=[unit.pk])
        return HttpResponseRedirect(f"{url}{query}#barn-{child.pk}")
    held = _row(request.user, unit, child, today())
    held.notice = notice
    held.pending = {k: str(form.data.get(k, "")) for k in ("rating", "joint", "reason")}
    return _page(request, unit, group=group, held=held, status=409 if notice.conflict else 400)


@login_required
@require_GET
def statistics_units(request: AuthedRequest) -> HttpResponse:
    """The municipality's units with rounds, by kind, each linking to its statistics."""
    units = round_statistics_units(request.user)
    kinds = dict(UnitKind.choices)
    groups = [
        (kinds[kind], [unit for unit in units if unit.kind == kind])
        for kind in dict.fromkeys(unit.kind for unit in units)
    ]
    return render(request, "screening/rounds/statistics_units.html", {"groups": groups})


@login_required
@require_GET
def overview(request: AuthedRequest, unit_id: int) -> HttpResponse:
    access = access_overview(request.user, unit_id)
    day = today()
    rounds = unit_overview(unit=access.unit, day=day, suppressed=not access.exact)
    access_log_record_unit(
        user=request.user,
        unit=access.unit,
        shown=_("Overblik over trivselsrunder") if access.exact else _("Trivselsstatistik"),
        basis=_staff_basis() if access.exact else _("Statistik: tal under 5 vises ikke"),
    )
    context = {
        "unit": access.unit,
        "exact": access.exact,
        "rounds": rounds,
        "minimum": get_policy().statistics_min_count,
    }
    return render(request, "screening/rounds/overview.html", context)
