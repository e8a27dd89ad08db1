"""The case journal: a dated entry, or a correction that names the entry it corrects."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sikkerhedsnet.cases.access import CaseAccess, case_for
from sikkerhedsnet.cases.forms import JournalEntryForm
from sikkerhedsnet.cases.models import MANUAL_KINDS, JournalEntry, JournalKind
from sikkerhedsnet.cases.services.journal import journal_entry_add
from sikkerhedsnet.lib.errors import Refused
from sikkerhedsnet.lib.http import AuthedRequest


@login_required
@require_http_methods(["GET", "POST"])
def journal_add(request: AuthedRequest, case_id: int) -> HttpResponse:
    access = case_for(request, case_id, shown=_("Sagens journal"), to_change=True)
    corrects = _corrected_entry(access, request.GET.get("retter") or request.POST.get("retter"))
    initial: dict[str, object] = {"occurred_on": timezone.localdate()}
    if corrects is not None:
        # An automatic entry is corrected by a note that names it.
        initial |= {
            "kind": corrects.kind if corrects.kind in MANUAL_KINDS else JournalKind.NOTE,
            "title": _("Rettelse: %(title)s") % {"title": corrects.title},
        }
    form = JournalEntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            journal_entry_add(
                actor=request.user, case=access.case, corrects=corrects, **form.cleaned_data
            )
        except Refused as error:
            error.add_to(form)
        else:
            messages.success(request, _("Notatet er skrevet i journalen."))
            return redirect("cases:detail", case_id=case_id)
    context = {"case": access.case, "form": form, "corrects": corrects}
    return render(request, "cases/journal/form.html", context, status=422 if form.errors else 200)


def _corrected_entry(access: CaseAccess, entry_id: str | None) -> JournalEntry | None:
    if not entry_id or not entry_id.isdigit():
        return None
    return get_object_or_404(
        JournalEntry.objects.defer("letter_pdf"), pk=int(entry_id), case=access.case
    )
