"""The case pages: the caseloads, the case, assignment, opening, the journal and its letters.

Every page of one case goes through access_case (404 for missing and forbidden alike; the read
is logged as a read of the child). A change the viewer may not make is a 404 as well, since
she has no link to it. A refused change shows the form again with what she typed; a colleague's
change in between (a version conflict) says so and shows the case as it is now.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sikkerhedsnet.cases import selectors
from sikkerhedsnet.cases.access import CaseAccess, access_case, led_teams
from sikkerhedsnet.cases.forms import AssignForm, JournalEntryForm, LetterForm, OpenCaseForm
from sikkerhedsnet.cases.models import JournalEntry
from sikkerhedsnet.cases.sections import render_case_sections
from sikkerhedsnet.cases.services.assignment import CaseConflict, case_assign
from sikkerhedsnet.cases.services.journal import journal_entry_add, journal_letter_add
from sikkerhedsnet.cases.services.letters import LetterRequest
from sikkerhedsnet.cases.services.opening import CaseRefused, case_open_by_leader
from sikkerhedsnet.core.auth import AuthedRequest
from sikkerhedsnet.people.models import Child, Role
from sikkerhedsnet.policy import get_policy

EDIT = "edit"


def _case(request: AuthedRequest, case_id: int, shown: str, *, edit: bool = False) -> CaseAccess:
    access = access_case(request.user, case_id, shown=shown)
    if edit and not access.can_edit:
        raise Http404
    return access


# The caseloads --------------------------------------------------------------------------------


@login_required
@require_GET
def home(request: AuthedRequest) -> HttpResponse:
    if request.user.role == Role.TEAM_LEADER:
        return redirect("cases:team")
    if request.user.role != Role.CASEWORKER:
        raise Http404
    day = timezone.localdate()
    context = {
        "rows": selectors.my_open_cases(request.user),
        "team_cases": selectors.team_open_cases(request.user, day),
        "cap": get_policy().caseload_cap,
        "today": day,
    }
    return render(request, "cases/my_cases.html", context)


@login_required
@require_GET
def team(request: AuthedRequest) -> HttpResponse:
    teams = list(led_teams(request.user))
    if not teams:
        raise Http404
    day = timezone.localdate()
    context = {
        "teams": [
            {
                "team": unit,
                "loads": selectors.team_loads(unit, day),
                "free": selectors.with_next_due(selectors.cases_without_caseworker(unit)),
            }
            for unit in teams
        ],
        "cap": get_policy().caseload_cap,
    }
    return render(request, "cases/team.html", context)


# One case -------------------------------------------------------------------------------------


@login_required
@require_GET
def case_detail(request: AuthedRequest, case_id: int) -> HttpResponse:
    access = _case(request, case_id, _("Sagen"))
    case = access.case
    context = {
        "access": access,
        "case": case,
        "cpr": case.child.cpr_masked,
        "assignments": selectors.case_assignments(case),
        "caseworkers_had": selectors.child_caseworker_count(case.child),
        "journal": selectors.case_journal(case),
        "due": selectors.with_next_due(type(case).objects.filter(pk=case.pk))[0].due,
        "sections": render_case_sections(request, access),
        "may_assign": access.can_edit and request.user.role == Role.TEAM_LEADER,
        "may_take": (
            request.user.role == Role.CASEWORKER and case.caseworker_id is None and case.is_open
        ),
    }
    return render(request, "cases/case_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def assign(request: AuthedRequest, case_id: int) -> HttpResponse:
    access = _case(request, case_id, _("Fordeling af sagen"))
    case = access.case
    leads = access.can_edit and request.user.role == Role.TEAM_LEADER
    takes = request.user.role == Role.CASEWORKER and case.caseworker_id is None
    if case.team is None or not (leads or takes):
        raise Http404
    loads = selectors.team_loads(case.team, timezone.localdate())
    if request.user.role == Role.CASEWORKER:
        loads = [load for load in loads if load.caseworker == request.user]
    form = AssignForm(request.POST or None, case=case, loads=loads)
    conflict = False
    if request.method == "POST" and form.is_valid():
        worker = next(
            load.caseworker
            for load in loads
            if load.caseworker.pk == form.cleaned_data["caseworker"]
        )
        try:
            case_assign(
                actor=request.user,
                case=case,
                caseworker=worker,
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
                over_cap_reason=form.cleaned_data["over_cap_reason"],
            )
        except CaseConflict as error:
            conflict = True
            case = error.current
            # Her choice and reasons stay as typed; the version becomes the current one.
            typed = request.POST.copy()
            typed["version"] = str(case.version)
            form = AssignForm(typed, case=case, loads=loads)
            form.is_valid()
            form.add_error(
                None,
                _(
                    "En kollega har ændret sagen, mens du havde siden åben. Sagen har nu "
                    "rådgiver: %(name)s. Dit valg er ikke gemt; se det igen og gem på ny."
                )
                % {"name": case.caseworker or _("ingen")},
            )
        except CaseRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Sagen er fordelt til %(name)s.") % {"name": worker})
            return redirect("cases:detail", case_id=case.pk)
    status = 409 if conflict else (422 if form.errors else 200)
    context = {"case": case, "form": form, "cap": get_policy().caseload_cap}
    return render(request, "cases/assign.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def open_case(request: AuthedRequest) -> HttpResponse:
    teams = led_teams(request.user)
    if not teams.exists():
        raise Http404
    form = OpenCaseForm(request.POST or None, teams=teams)
    if request.method == "POST" and form.is_valid():
        child = Child.objects.filter(cpr=form.cleaned_data["cpr"]).first()
        if child is None:
            form.add_error("cpr", _("Der er intet barn med det CPR-nummer i Sikkerhedsnet."))
        else:
            try:
                case = case_open_by_leader(
                    actor=request.user,
                    child=child,
                    team=form.cleaned_data["team"],
                    became_aware_on=form.cleaned_data["became_aware_on"],
                    today=timezone.localdate(),
                )
            except CaseRefused as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Sagen er oprettet."))
                return redirect("cases:detail", case_id=case.pk)
    status = 422 if form.errors else 200
    return render(request, "cases/open_case.html", {"form": form}, status=status)


# The journal ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def journal_add(request: AuthedRequest, case_id: int) -> HttpResponse:
    access = _case(request, case_id, _("Sagens journal"), edit=True)
    corrects = _corrected_entry(access, request.GET.get("retter") or request.POST.get("retter"))
    initial: dict[str, object] = {"occurred_on": timezone.localdate()}
    if corrects is not None:
        initial |= {
            "kind": corrects.kind,
            "title": _("Rettelse: %(title)s") % {"title": corrects.title},
        }
    form = JournalEntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            journal_entry_add(
                actor=request.user, case=access.case, corrects=corrects, **form.cleaned_data
            )
        except CaseRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Notatet er skrevet i journalen."))
            return redirect("cases:detail", case_id=case_id)
    context = {"case": access.case, "form": form, "corrects": corrects}
    return render(request, "cases/journal_form.html", context, status=422 if form.errors else 200)


def _corrected_entry(access: CaseAccess, entry_id: str | None) -> JournalEntry | None:
    if not entry_id or not entry_id.isdigit():
        return None
    return get_object_or_404(
        JournalEntry.objects.defer("letter_pdf"), pk=int(entry_id), case=access.case
    )


@login_required
@require_http_methods(["GET", "POST"])
def letter_add(request: AuthedRequest, case_id: int) -> HttpResponse:
    access = _case(request, case_id, _("Brev i sagen"), edit=True)
    form = LetterForm(request.POST or None, case=access.case)
    if request.method == "POST" and form.is_valid():
        letter = LetterRequest(
            template=form.cleaned_data["template"],
            recipient=form.cleaned_data["recipient"],
            meeting_at=form.meeting_at(),
            place=form.cleaned_data["place"],
            note=form.cleaned_data["note"],
        )
        try:
            journal_letter_add(actor=request.user, case=access.case, request=letter)
        except CaseRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Brevet er dannet og lagt i journalen."))
            return redirect("cases:detail", case_id=case_id)
    context = {"case": access.case, "form": form}
    return render(request, "cases/letter_form.html", context, status=422 if form.errors else 200)


@login_required
@require_GET
def letter_pdf(request: AuthedRequest, case_id: int, entry_id: int) -> HttpResponse:
    access = _case(request, case_id, _("Brev fra sagens journal"))
    entry = get_object_or_404(JournalEntry, pk=entry_id, case=access.case, letter_pdf__isnull=False)
    assert entry.letter_pdf is not None  # noqa: S101 - filtered above
    response = HttpResponse(bytes(entry.letter_pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="sag-{case_id}-brev-{entry.pk}.pdf"'
    return response
