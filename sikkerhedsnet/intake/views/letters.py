"""Intake's letters to a professional notifier, as PDF: the receipt and the word on the outcome.

Each goes through access_notification, and the named child's read is logged as the page's is.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sikkerhedsnet.intake.access import access_notification
from sikkerhedsnet.intake.services.letters import feedback_letter, receipt_letter
from sikkerhedsnet.intake.views.handling import named_child_access
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.lib.letters import Letter


def _pdf(letter: Letter) -> HttpResponse:
    response = HttpResponse(letter.pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{letter.filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def receipt_pdf(request: AuthedRequest, notification_id: int) -> HttpResponse:
    access = access_notification(request.user, notification_id)
    if not access.can_print_receipt:
        raise Http404
    notification = access.notification
    named_child_access(
        request.user,
        notification,
        _("Kvittering for underretning %(reference)s") % {"reference": notification.reference},
    )
    return _pdf(receipt_letter(notification))


@login_required
@require_GET
def feedback_pdf(request: AuthedRequest, notification_id: int) -> HttpResponse:
    notification = access_notification(request.user, notification_id).notification
    feedback = notification.feedback.order_by("-sent_at").first()
    if feedback is None:
        raise Http404
    named_child_access(
        request.user,
        notification,
        _("Besked om underretning %(reference)s") % {"reference": notification.reference},
    )
    return _pdf(feedback_letter(notification, outcome=feedback.outcome))
