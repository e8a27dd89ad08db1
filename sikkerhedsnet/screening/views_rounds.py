"""The screening round page of a unit (TOPI), one child's row on it, and the round overview.

The page shows every child enrolled in the unit (or one group) whom the user may see. Each row
is its own small form: changing "Din egen vurdering" or "Fælles position" posts the row with
HTMX, and only the row's status cell is swapped (plus its version and rating count, out of band),
so the focus and anything typed in the row stay where they are. Without JavaScript the row's
save button posts the same form and the server redirects back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sikkerhedsnet.audit.services import access_log_record_unit
from sikkerhedsnet.core.auth import AuthedRequest
from sikkerhedsnet.people.access import UNIT_STAFF_ROLES, access_child, access_unit, today
from sikkerhedsnet.people.models import Child, Enrolment, Unit, User
from sikkerhedsnet.people.selectors import unit_roster
from sikkerhedsnet.policy import get_policy
from sikkerhedsnet.screening.forms_rounds import ALL_GROUPS, GroupPickerForm, RowForm
from sikkerhedsnet.screening.models import Instrument, Position, Rating, Screening
from sikkerhedsnet.screening.overview import overview_access, unit_overview
from sikkerhedsnet.screening.rounds import Round, round_on
from sikkerhedsnet.screening.selectors import RECENT_POSITIONS, recent_positions
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


# Reads for the page ---------------------------------------------------------------------------


@dataclass
class RowNotice:
    """What the last post of a row did: saved parts, a refusal, or a conflict."""

    saved: list[str] = field(default_factory=list)
    error: str = ""
    conflict: JointPositionConflict | None = None
    chosen: str = ""  # the joint position the user chose, when it was not saved
    # The version just written by this user; only then may the page's version move on, so that
    # a change by someone else is never taken in without the user seeing it.
    joint_version: int | None = None

    @property
    def chosen_label(self) -> str:
        return str(Position(self.chosen).label) if self.chosen else ""


@dataclass
class RoundRow:
    enrolment: Enrolment
    ratings: int  # the team's own ratings in this round
    mine: Rating | None
    joint: Screening | None  # this round's joint position, if this unit set it
    elsewhere: bool  # another unit set this round's joint position
    age: int = 0
    earlier: list[Screening] = field(default_factory=list)  # earlier rounds', newest first
    notice: RowNotice | None = None
    pending: dict[str, str] = field(default_factory=dict)  # choices shown again, not saved

    @property
    def child(self) -> Child:
        return self.enrolment.child

    @property
    def rating_checked(self) -> str:
        return self.pending.get("rating") or (self.mine.position if self.mine else "")

    @property
    def joint_checked(self) -> str:
        return self.pending.get("joint") or (self.joint.position if self.joint else "")

    @property
    def reason(self) -> str:
        if "reason" in self.pending:
            return self.pending["reason"]
        return self.joint.reason if self.joint else ""

    @property
    def version(self) -> int | None:
        return self.joint.version if self.joint else None


@dataclass
class RoundState:
    """This round's joint positions, the unit's rating counts and the user's own ratings."""

    joints: dict[int, Screening]
    counts: dict[int, int]
    mine: dict[int, Rating]

    def row(
        self, enrolment: Enrolment, unit: Unit, *, age: int = 0, earlier: Sequence[Screening] = ()
    ) -> RoundRow:
        joint = self.joints.get(enrolment.child_id)
        return RoundRow(
            enrolment=enrolment,
            ratings=self.counts.get(enrolment.child_id, 0),
            mine=self.mine.get(enrolment.child_id),
            joint=joint if joint is not None and joint.unit_id == unit.pk else None,
            elsewhere=joint is not None and joint.unit_id != unit.pk,
            age=age,
            earlier=list(earlier),
        )


def round_state(*, user: User, unit: Unit, rnd: Round, child_ids: list[int]) -> RoundState:
    in_round = {"round_deadline": rnd.deadline, "child_id__in": child_ids}
    joints = (
        Screening.objects.filter(instrument=Instrument.TRAFFIC_LIGHT, **in_round)
        .select_related("recorded_by")
        .only(
            "child_id",
            "unit_id",
            "position",
            "reason",
            "version",
            "updated_at",
            "recorded_by__first_name",
            "recorded_by__last_name",
            "recorded_by__username",
        )
    )
    counts = (
        Rating.objects.filter(unit=unit, **in_round)
        .values("child_id")
        .annotate(n=Count("id"))
        .values_list("child_id", "n")
    )
    return RoundState(
        joints={s.child_id: s for s in joints},
        counts=dict(counts),
        mine={r.child_id: r for r in Rating.objects.filter(rater=user, **in_round)},
    )


def round_rows(
    *, user: User, unit: Unit, rnd: Round, day: date, group: str = "", child_id: int | None = None
) -> list[RoundRow]:
    """The rows of the round page in a fixed number of queries, by group and name."""
    enrolments = unit_roster(user=user, unit=unit, day=day)
    if group:
        enrolments = enrolments.filter(group=group)
    if child_id is not None:
        enrolments = enrolments.filter(child_id=child_id)
    unique = _first_per_child(enrolments)
    ids = [e.child_id for e in unique]
    state = round_state(user=user, unit=unit, rnd=rnd, child_ids=ids)
    history = recent_positions(child_ids=ids, unit=unit, limit=RECENT_POSITIONS + 1)
    return [
        state.row(
            e, unit, age=e.child.age_on(day), earlier=_before(history.get(e.child_id, []), rnd)
        )
        for e in unique
    ]


def _before(positions: list[Screening], rnd: Round) -> list[Screening]:
    """The last joint positions of earlier rounds; this round's is in the row's radios."""
    return [s for s in positions if s.round_deadline != rnd.deadline][:RECENT_POSITIONS]


def _first_per_child(enrolments: Iterable[Enrolment]) -> list[Enrolment]:
    """One row per child, even if two enrolments in the unit overlap (two groups at once)."""
    seen: set[int] = set()
    unique = []
    for enrolment in enrolments:
        if enrolment.child_id not in seen:
            seen.add(enrolment.child_id)
            unique.append(enrolment)
    return unique


def _groups(*, user: User, unit: Unit, day: date) -> list[str]:
    roster = unit_roster(user=user, unit=unit, day=day).order_by("group")
    return list(roster.values_list("group", flat=True).distinct())


# Access ---------------------------------------------------------------------------------------


def _staff_unit(user: User, unit_id: int) -> Unit:
    """The unit if the user works there as a professional or its leader; 404 otherwise."""
    unit = access_unit(user, unit_id)
    if user.role not in UNIT_STAFF_ROLES:
        raise Http404
    return unit


def _round_child(user: User, unit: Unit, child_id: int, day: date) -> Child:
    """A child enrolled in the unit today whom the user may see (the read is logged); 404."""
    if not unit_roster(user=user, unit=unit, day=day).filter(child_id=child_id).exists():
        raise Http404
    return access_child(user, child_id, shown=_("Trivselsrunde")).child


# Views ----------------------------------------------------------------------------------------


@login_required
@require_GET
def round_page(request: AuthedRequest, unit_id: int) -> HttpResponse:
    unit = _staff_unit(request.user, unit_id)
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
        {"gruppe": group}, groups=_groups(user=request.user, unit=unit, day=day)
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
    }
    return render(request, "screening/round.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def round_child(request: AuthedRequest, unit_id: int, child_id: int) -> HttpResponse:
    """GET: the child's row. POST: save the row's rating and/or joint position."""
    unit = _staff_unit(request.user, unit_id)
    day = today()
    child = _round_child(request.user, unit, child_id, day)
    if request.method == "GET":
        row = _row(request.user, unit, child, day)
        return render(request, "screening/_round_row.html", _row_context(unit, row, ALL_GROUPS))
    form = RowForm(request.POST)
    notice = _save(request.user, unit, child, form) if form.is_valid() else None
    if notice is None:
        notice = RowNotice(error=form.first_error())
    group = str(form.cleaned_data.get("gruppe") or "")
    if request.htmx:
        row = _status_row(request.user, unit, child, day)
        row.notice = notice
        context = {**_row_context(unit, row, group), "oob": True}
        return render(request, "screening/_round_status.html", context)
    return _plain_answer(request, unit, child, form, notice, group)


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
    return {"unit": unit, "row": row, "group": group, "positions": _positions()}


def _save(user: User, unit: Unit, child: Child, form: RowForm) -> RowNotice:
    notice = RowNotice()
    data = form.cleaned_data
    at = timezone.localtime().strftime("%H:%M")
    try:
        if form.saves_rating():
            rating_set(actor=user, child=child, unit=unit, position=data["rating"])
            label = Position(data["rating"]).label
            notice.saved.append(
                _("Din vurdering er gemt: %(p)s (kl. %(at)s).") % {"p": label, "at": at}
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
                _("Den fælles position er gemt: %(p)s (kl. %(at)s).") % {"p": label, "at": at}
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
    request: AuthedRequest, unit: Unit, child: Child, form: RowForm, notice: RowNotice, group: str
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
def overview(request: AuthedRequest, unit_id: int) -> HttpResponse:
    access = overview_access(request.user, unit_id)
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
    return render(request, "screening/overview.html", context)
