"""Intake's letters to a professional notifier, as they were sent: the receipt and the word on
the outcome (post.models.Letter, written by intake's services).

Each goes through access_notification, and the named child's read is logged as the page's is.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sikkerhedsnet.intake.access import access_notification
from sikkerhedsnet.intake.services.handling import FEEDBACK_KIND, RECEIPT_KIND
from sikkerhedsnet.intake.views.handling import named_child_access
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.post.models import Letter
from sikkerhedsnet.post.views import pdf_response


def _sent(request: AuthedRequest, notification_id: int, kind: str, shown: str) -> HttpResponse:
    access = access_notification(request.user, notification_id)
    if not access.can_read_letters:
        raise Http404
    notification = access.notification
    letter = Letter.objects.for_subject(notification).filter(kind=kind).first()
    if letter is None:
        raise Http404
    named_child_access(request.user, notification, shown % {"reference": notification.reference})
    return pdf_response(letter, download=True)


@login_required
@require_GET
def receipt_pdf(request: AuthedRequest, notification_id: int) -> HttpResponse:
    return _sent(
        request, notification_id, RECEIPT_KIND, _("Kvittering for underretning %(reference)s")
    )


@login_required
@require_GET
def feedback_pdf(request: AuthedRequest, notification_id: int) -> HttpResponse:
    return _sent(request, notification_id, FEEDBACK_KIND, _("Besked om underretning %(reference)s"))
