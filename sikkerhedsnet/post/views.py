"""A letter that could not be sent: its page for the author (and her colleagues), the PDF, and
the two ways on: send it again, or record that it went another way."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sikkerhedsnet.lib.errors import Conflict, Refused
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.post.access import handled_letters
from sikkerhedsnet.post.forms import LetterVersionForm, SentOtherwiseForm
from sikkerhedsnet.post.models import Letter
from sikkerhedsnet.post.services import letter_mark_sent_otherwise, letter_retry


def pdf_response(letter: Letter, *, download: bool = False) -> HttpResponse:
    """The letter's PDF as it was sent; the calling view has checked access to it."""
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{letter.filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _letter(request: AuthedRequest, letter_id: int) -> Letter:
    letter = handled_letters(request.user).filter(pk=letter_id).select_related("child").first()
    if letter is None:
        raise Http404
    return letter


def _page(
    request: AuthedRequest, letter: Letter, form: SentOtherwiseForm | None = None, status: int = 200
) -> HttpResponse:
    context = {
        "letter": letter,
        "retry_form": LetterVersionForm(version=letter.version),
        "otherwise_form": form or SentOtherwiseForm(version=letter.version),
    }
    return render(request, "post/letters/detail.html", context, status=status)


@login_required
@require_GET
def letter_detail(request: AuthedRequest, letter_id: int) -> HttpResponse:
    return _page(request, _letter(request, letter_id))


@login_required
@require_GET
def letter_pdf(request: AuthedRequest, letter_id: int) -> HttpResponse:
    return pdf_response(_letter(request, letter_id))


@login_required
@require_POST
def retry(request: AuthedRequest, letter_id: int) -> HttpResponse:
    letter = _letter(request, letter_id)
    form = LetterVersionForm(request.POST, version=letter.version)
    if not form.is_valid():
        return _page(request, letter, status=400)
    try:
        letter_retry(actor=request.user, letter=letter, expected_version=form.expected_version)
    except Conflict:
        messages.warning(
            request, _("En kollega har allerede handlet på brevet. Se status herunder.")
        )
    except Refused as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Brevet er sendt til afsendelse igen."))
    return redirect("post:letter", letter_id=letter.pk)


@login_required
@require_http_methods(["POST"])
def sent_otherwise(request: AuthedRequest, letter_id: int) -> HttpResponse:
    letter = _letter(request, letter_id)
    form = SentOtherwiseForm(request.POST, version=letter.version)
    if not form.is_valid():
        return _page(request, letter, form, status=422)
    try:
        letter_mark_sent_otherwise(
            actor=request.user,
            letter=letter,
            expected_version=form.expected_version,
            note=form.cleaned_data["note"],
        )
    except Conflict:
        messages.warning(
            request, _("En kollega har allerede handlet på brevet. Se status herunder.")
        )
    except Refused as error:
        error.add_to(form)
        return _page(request, letter, form, status=422)
    else:
        messages.success(request, _("Det er registreret, hvordan brevet er sendt."))
    return redirect("post:letter", letter_id=letter.pk)
