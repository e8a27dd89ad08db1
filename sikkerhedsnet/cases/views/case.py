"""One case: its page (the assignments, the journal, the sections of other areas) and opening a
case directly, by a faglig leder."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sikkerhedsnet.cases import selectors
from sikkerhedsnet.cases.access import case_for, led_teams
from sikkerhedsnet.cases.forms import OpenCaseForm
from sikkerhedsnet.cases.hooks import journal_links, render_case_sections
from sikkerhedsnet.cases.models import Case, JournalKind
from sikkerhedsnet.cases.services.opening import case_open_by_leader
from sikkerhedsnet.lib.errors import Refused
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.people.models import Child

JOURNAL_PAGE_SIZE = 25
ONLY_NOTES = "notater"  # ?vis=notater: the journal without the automatic entries


@login_required
@require_GET
def case_detail(request: AuthedRequest, case_id: int) -> HttpResponse:
    access = case_for(request, case_id, shown=_("Sagen"))
    case = access.case
    context = {
        "access": access,
        "case": case,
        "cpr": case.child.cpr_masked,
        "assignments": selectors.case_assignments(case),
        "caseworkers_had": selectors.child_caseworker_count(case.child),
        **_journal(request, case),
        "due": selectors.with_next_due(type(case).objects.filter(pk=case.pk))[0].due,
        "sections": render_case_sections(request, access),
    }
    return render(request, "cases/case/detail.html", context)


def _journal(request: AuthedRequest, case: Case) -> dict[str, object]:
    """The journal, newest first, a page at a time: everything, or only what people wrote."""
    only_notes = request.GET.get("vis") == ONLY_NOTES
    entries = selectors.case_journal(case)
    if only_notes:
        entries = entries.exclude(kind=JournalKind.EVENT)
    page = Paginator(entries, JOURNAL_PAGE_SIZE).get_page(request.GET.get("side"))
    shown = list(page.object_list)
    links = journal_links(case, shown)
    return {
        "journal": [(entry, links.get(entry.pk)) for entry in shown],
        "journal_page": page,
        "only_notes": only_notes,
        "journal_query": f"vis={ONLY_NOTES}" if only_notes else "",
    }


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
            except Refused as error:
                error.add_to(form)
            else:
                messages.success(request, _("Sagen er oprettet."))
                return redirect("cases:detail", case_id=case.pk)
    status = 422 if form.errors else 200
    return render(request, "cases/case/open.html", {"form": form}, status=status)
