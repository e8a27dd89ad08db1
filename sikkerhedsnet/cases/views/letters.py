"""Letters in the case: written from a template as PDF, kept in the journal, shown again."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sikkerhedsnet.cases.access import case_for
from sikkerhedsnet.cases.forms import LetterForm
from sikkerhedsnet.cases.models import JournalEntry
from sikkerhedsnet.cases.services.journal import journal_letter_add
from sikkerhedsnet.cases.services.letters import LetterRequest
from sikkerhedsnet.lib.errors import Refused
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.post.views import pdf_response


@login_required
@require_http_methods(["GET", "POST"])
def letter_add(request: AuthedRequest, case_id: int) -> HttpResponse:
    access = case_for(request, case_id, shown=_("Brev i sagen"), to_change=True)
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
        except Refused as error:
            error.add_to(form)
        else:
            messages.success(request, _("Brevet er sendt til forælderen og lagt i journalen."))
            return redirect("cases:detail", case_id=case_id)
    context = {"case": access.case, "form": form}
    return render(request, "cases/letters/form.html", context, status=422 if form.errors else 200)


@login_required
@require_GET
def letter_pdf(request: AuthedRequest, case_id: int, entry_id: int) -> HttpResponse:
    access = case_for(request, case_id, shown=_("Brev fra sagens journal"))
    entry = get_object_or_404(
        JournalEntry.objects.select_related("letter"), pk=entry_id, case=access.case
    )
    if entry.letter is not None:
        return pdf_response(entry.letter)
    if entry.letter_pdf is None:
        raise Http404
    response = HttpResponse(bytes(entry.letter_pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="sag-{case_id}-brev-{entry.pk}.pdf"'
    return response
