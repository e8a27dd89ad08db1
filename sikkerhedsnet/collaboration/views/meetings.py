"""Pages of the cross-disciplinary meetings: series, scheduling, the agenda with minutes, print.

Every page with children on it goes through access_meeting (or access_child) and logs each named
child it shows. An anonymous consultation shows only what the professional wrote about it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sikkerhedsnet.audit.services import access_log_record
from sikkerhedsnet.collaboration.access import (
    MEETING_UNIT_KINDS,
    MeetingAccess,
    access_meeting,
    access_series,
    may_create_series,
    may_put_forward,
)
from sikkerhedsnet.collaboration.forms.meetings import (
    MembersForm,
    MinutesForm,
    PutForwardForm,
    ScheduleForm,
    SeriesForm,
    anonymous_suggestion,
)
from sikkerhedsnet.collaboration.models import AgendaItem, Consent, MeetingOutcome
from sikkerhedsnet.collaboration.selectors import meetings as selectors
from sikkerhedsnet.collaboration.services.meetings import (
    agenda_item_minutes_record,
    agenda_item_put_forward,
    meeting_series_create,
    meeting_series_members_set,
    meetings_schedule,
)
from sikkerhedsnet.lib import letters
from sikkerhedsnet.lib.dates import local_day
from sikkerhedsnet.lib.errors import Conflict, Refused
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.people.access import access_child, today, visible_units
from sikkerhedsnet.people.models import Unit

# Series ----------------------------------------------------------------------------------------


@login_required
@require_GET
def meeting_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    context = {
        "series": selectors.with_members(selectors.series_for_user(user)),
        "upcoming": selectors.upcoming_meetings(user),
        "may_create": may_create_series(user),
    }
    return render(request, "collaboration/meetings/list.html", context)


def _series_units(request: AuthedRequest) -> QuerySet[Unit]:
    return visible_units(request.user).filter(kind__in=MEETING_UNIT_KINDS)


@login_required
@require_http_methods(["GET", "POST"])
def series_create(request: AuthedRequest) -> HttpResponse:
    if not may_create_series(request.user):
        raise Http404
    form = SeriesForm(
        request.POST if request.method == "POST" else None,
        units=_series_units(request),
        members=selectors.member_candidates(),
    )
    if form.is_valid():
        unit, district = form.coverage()
        data = form.cleaned_data
        series = meeting_series_create(
            actor=request.user,
            name=data["name"],
            unit=unit,
            district=district,
            standing_members=data["standing_members"],
            interval_weeks=data["interval_weeks"],
            location=data["location"],
        )
        messages.success(request, _("Mødeserien er oprettet. Planlæg nu det første møde."))
        return redirect("collaboration:series_detail", series.pk)
    return render(request, "collaboration/meetings/series_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def series_detail(request: AuthedRequest, series_id: int) -> HttpResponse:
    access = access_series(request.user, series_id)
    series = access.series
    form = None
    if access.can_manage:
        form = ScheduleForm(
            request.POST if request.method == "POST" else None,
            initial={"location": series.location},
        )
    elif request.method == "POST":
        raise Http404
    if form is not None and form.is_valid():
        try:
            meetings = meetings_schedule(
                actor=request.user,
                series=series,
                first_starts_at=form.first_starts_at(),
                count=form.cleaned_data["count"],
                location=form.cleaned_data["location"],
            )
        except Refused as refusal:
            refusal.add_to(form)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d møde er planlagt.", "%(count)d møder er planlagt.", len(meetings)
                )
                % {"count": len(meetings)},
            )
            return redirect("collaboration:series_detail", series.pk)
    context = {
        "series": series,
        "access": access,
        "members": series.standing_members.order_by("first_name", "last_name"),
        "meetings": selectors.series_meetings(series),
        "form": form,
    }
    return render(request, "collaboration/meetings/series_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def series_members(request: AuthedRequest, series_id: int) -> HttpResponse:
    access = access_series(request.user, series_id)
    if not access.can_manage:
        raise Http404
    series = access.series
    form = MembersForm(
        request.POST if request.method == "POST" else None,
        members=selectors.member_candidates(),
        initial={"standing_members": list(series.standing_members.all())},
    )
    if form.is_valid():
        meeting_series_members_set(
            actor=request.user,
            series=series,
            standing_members=form.cleaned_data["standing_members"],
        )
        messages.success(request, _("De faste deltagere er gemt."))
        return redirect("collaboration:series_detail", series.pk)
    context = {"series": series, "form": form}
    return render(request, "collaboration/meetings/series_members.html", context)


# The meeting and its agenda ---------------------------------------------------------------------


@dataclass
class AgendaRow:
    number: int
    item: AgendaItem
    may_open_child: bool
    form: MinutesForm
    conflict: AgendaItem | None = None

    @property
    def anonymous(self) -> bool:
        return self.item.child_id is None


def _meeting_day(access: MeetingAccess) -> str:
    return local_day(access.meeting.starts_at).strftime("%d.%m.%Y")


def _log_named_children(
    request: AuthedRequest, access: MeetingAccess, items: list[AgendaItem], shown: str
) -> None:
    seen: set[int] = set()
    for item in items:
        if item.child is None or item.child_id in seen:
            continue
        seen.add(item.child.pk)
        access_log_record(user=request.user, child=item.child, shown=shown, basis=access.basis)


def _rows(
    request: AuthedRequest, items: list[AgendaItem], bound: dict[int, AgendaRow]
) -> list[AgendaRow]:
    openable = selectors.openable_children(
        request.user, [item.child_id for item in items if item.child_id is not None]
    )
    rows = []
    for number, item in enumerate(items, start=1):
        if item.pk in bound:
            row = bound[item.pk]
            row.number, row.item = number, item
            rows.append(row)
            continue
        form = MinutesForm(
            prefix_id=item.pk,
            initial={"minutes": item.minutes, "outcome": item.outcome, "version": item.version},
        )
        rows.append(AgendaRow(number, item, item.child_id in openable, form))
    return rows


def _render_meeting(
    request: AuthedRequest,
    access: MeetingAccess,
    *,
    bound: dict[int, AgendaRow] | None = None,
    status: int = 200,
) -> HttpResponse:
    items = selectors.agenda(access.meeting)
    shown = _("Tværfagligt møde %(day)s") % {"day": _meeting_day(access)}
    _log_named_children(request, access, items, shown)
    rows = _rows(request, items, bound or {})
    context = {
        "access": access,
        "meeting": access.meeting,
        "rows": rows,
        "minutes_open": local_day(access.meeting.starts_at) <= today(),
        "outcomes": MeetingOutcome,
    }
    return render(request, "collaboration/meetings/meeting_detail.html", context, status=status)


@login_required
@require_GET
def meeting_detail(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    return _render_meeting(request, access_meeting(request.user, meeting_id))


@login_required
@require_POST
def agenda_item_minutes(request: AuthedRequest, meeting_id: int, item_id: int) -> HttpResponse:
    access = access_meeting(request.user, meeting_id)
    item = access.meeting.agenda_items.filter(pk=item_id).first()
    if item is None:
        raise Http404
    form = MinutesForm(request.POST, prefix_id=item.pk)
    row = AgendaRow(0, item, False, form)
    if not form.is_valid():
        return _render_meeting(request, access, bound={item.pk: row})
    data = form.cleaned_data
    try:
        saved = agenda_item_minutes_record(
            actor=request.user,
            item=item,
            expected_version=data["version"],
            minutes=data["minutes"],
            outcome=data["outcome"],
        )
    except Conflict as conflict:
        # Her text stays in the form; the version moves on, so that saving again (after reading
        # what the colleague wrote) is a deliberate choice, not a second silent refusal.
        current = cast(AgendaItem, conflict.current)
        data = request.POST.copy()
        data[form.add_prefix("version")] = str(current.version)
        row.form = MinutesForm(data, prefix_id=item.pk)
        row.conflict = current
        return _render_meeting(request, access, bound={item.pk: row}, status=409)
    except Refused as refusal:
        refusal.add_to(form)
        return _render_meeting(request, access, bound={item.pk: row})
    messages.success(request, _saved_message(saved))
    url = reverse("collaboration:meeting_detail", args=[meeting_id])
    return redirect(f"{url}#punkt-{saved.pk}")


def _saved_message(item: AgendaItem) -> str:
    if item.outcome != MeetingOutcome.NOTIFICATION:
        return _("Referatet er gemt.")
    if item.notification is not None:
        return _(
            "Referatet er gemt, og underretningen %(reference)s er sendt til visitationen."
        ) % {"reference": item.notification.reference}
    return _(
        "Referatet er gemt. Punktet er anonymt, så der er ikke sendt en underretning: den "
        "fagperson, der satte barnet på, skal underrette fra barnets side."
    )


# Print -------------------------------------------------------------------------------------------

PRINT_KINDS = {"dagsorden": False, "referat": True}


def _print_context(request: AuthedRequest, meeting_id: int, kind: str) -> dict[str, object]:
    if kind not in PRINT_KINDS:
        raise Http404
    access = access_meeting(request.user, meeting_id)
    items = selectors.agenda(access.meeting)
    shown = _("Tværfagligt møde %(day)s, udskrift") % {"day": _meeting_day(access)}
    _log_named_children(request, access, items, shown)
    return {
        "meeting": access.meeting,
        "items": items,
        "with_minutes": PRINT_KINDS[kind],
        "kind": kind,
        "printed": timezone.localtime().strftime("%d.%m.%Y %H.%M"),
    }


@login_required
@require_GET
def meeting_print(request: AuthedRequest, meeting_id: int, kind: str) -> HttpResponse:
    context = _print_context(request, meeting_id, kind)
    return render(request, "collaboration/meetings/print.html", context)


@login_required
@require_GET
def meeting_pdf(request: AuthedRequest, meeting_id: int, kind: str) -> HttpResponse:
    context = _print_context(request, meeting_id, kind)
    html = render_to_string("collaboration/meetings/print_pdf.html", context, request=request)
    response = HttpResponse(letters.render_pdf(html), content_type="application/pdf")
    day = local_day(context["meeting"].starts_at)  # type: ignore[attr-defined]
    response["Content-Disposition"] = f'attachment; filename="{kind}-{day:%Y-%m-%d}.pdf"'
    return response


# Put a child forward from the child's page ------------------------------------------------------

ANONYMOUS_PARAM = "samtykke"


@login_required
@require_http_methods(["GET", "POST"])
def put_forward(request: AuthedRequest, child_id: int) -> HttpResponse:
    # The role first, so that a user who may never put a child forward leaves no read in the log.
    if not may_put_forward(request.user):
        raise Http404
    access = access_child(request.user, child_id, shown=_("Sæt på tværfagligt møde"))
    child, day = access.child, today()
    choices = selectors.meetings_for_child(child, day=day)
    initial = {"anonymous_description": anonymous_suggestion(child, day)}
    # From the concern guide's "talk it over anonymously with a social worker".
    if request.GET.get(ANONYMOUS_PARAM) == "nej":
        initial["consent"] = Consent.NOT_GIVEN
    form = PutForwardForm(
        request.POST if request.method == "POST" else None, choices=choices, initial=initial
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            item = agenda_item_put_forward(
                actor=request.user,
                meeting=form.chosen.meeting,
                child=child,
                unit=form.chosen.unit,
                consent=data["consent"],
                concern=data["concern"],
                parents_invited=data["parents_invited"],
                anonymous_description=data["anonymous_description"],
            )
        except Refused as refusal:
            refusal.add_to(form)
        else:
            return _after_put_forward(request, item, child_id=child.pk)
    context = {"access": access, "child": child, "form": form, "choices": choices}
    return render(request, "collaboration/meetings/put_forward.html", context)


def _after_put_forward(request: AuthedRequest, item: AgendaItem, *, child_id: int) -> HttpResponse:
    if item.consent == Consent.GIVEN:
        messages.success(request, _("Barnet er sat på dagsordenen."))
    else:
        messages.success(
            request, _("Barnet er sat på dagsordenen som en anonym drøftelse uden navn og CPR.")
        )
    try:
        access_meeting(request.user, item.meeting_id)
    except Http404:
        return redirect("people:child_detail", child_id)
    url = reverse("collaboration:meeting_detail", args=[item.meeting_id])
    return redirect(f"{url}#punkt-{item.pk}")
