"""Letters to a professional notifier, as PDF: the receipt and the word on the outcome.

A letter says that the notification arrived and is being handled, or whether it led to an
inquiry or a measure; never what intake assessed or why. The letterhead and the PDF are
lib.letters'; letters are in Danish whatever language the worker's screen is in.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sikkerhedsnet.intake.models import DecisionKind, Notification
from sikkerhedsnet.lib.dates import local_text
from sikkerhedsnet.lib.letters import LETTER_LANGUAGE, Letter, letterhead
from sikkerhedsnet.post.recipients import Recipient


def recipient_lines(notification: Notification) -> list[str]:
    """Name, workplace and address of the notifier, as the letter's address block."""
    user = notification.notifier_user
    name = notification.notifier_name or (user.get_full_name() if user else "")
    lines = [name, notification.notifier_organisation, notification.notifier_address]
    if not notification.notifier_organisation and user is not None and user.job_title:
        lines.insert(1, user.job_title)
    return [line for line in lines if line]


def notifier_recipient(notification: Notification) -> Recipient:
    """Where Digital Post finds the notifier: a colleague in the municipality through the
    municipality's own mailbox (its CVR number, att. her); a professional outside it has given
    no Digital Post address, so intake sends her letters another way (the failed delivery is a
    task on intake's list)."""
    lines = recipient_lines(notification)
    name = lines[0] if lines else ""
    user = notification.notifier_user
    if user is not None:
        municipality = settings.SIKKERHEDSNET_MUNICIPALITY_NAME or _("Kommunen")
        return Recipient.organisation(
            name=notification.notifier_organisation or str(municipality),
            cvr=settings.SIKKERHEDSNET_MUNICIPALITY_CVR,
            attention=name,
            address=", ".join(lines[1:]),
        )
    return Recipient(name=name, address=", ".join(lines[1:]))


def child_named(notification: Notification) -> str:
    """The child as the notifier knows it: her own words when the child is not yet found."""
    if notification.child is not None:
        return notification.child.full_name
    return notification.child_name_given


def _context(notification: Notification, today: date) -> dict[str, object]:
    return {
        **letterhead(),
        "notification": notification,
        "recipient": recipient_lines(notification),
        "child_name": child_named(notification),
        "received": local_text(notification.received_at),
        "today": today.strftime("%d.%m.%Y"),
    }


def receipt_letter(notification: Notification, *, today: date | None = None) -> Letter:
    with translation.override(LETTER_LANGUAGE):
        html = render_to_string(
            "intake/letters/receipt.html", _context(notification, today or timezone.localdate())
        )
        title = _("Kvittering for din underretning")
    return Letter(filename=f"kvittering-{notification.reference}.pdf", html=html, title=title)


def outcome_text(kind: str) -> str:
    """Whether the notification led to an inquiry or a measure: what the law lets us say."""
    if kind in (DecisionKind.SCREENING_INQUIRY, DecisionKind.CHILD_ASSESSMENT):
        return _("Underretningen har givet anledning til, at kommunen undersøger barnets forhold.")
    if kind in (DecisionKind.EARLY_ADVICE, DecisionKind.ACUTE_MEASURE):
        return _("Underretningen har givet anledning til, at kommunen har iværksat en indsats.")
    return _(
        "Underretningen har ikke givet anledning til en undersøgelse eller en indsats. "
        "Kommunen har vurderet de oplysninger, du gav."
    )


def feedback_letter(
    notification: Notification, *, outcome: str, today: date | None = None
) -> Letter:
    with translation.override(LETTER_LANGUAGE):
        context = {
            **_context(notification, today or timezone.localdate()),
            "outcome": outcome_text(outcome),
        }
        html = render_to_string("intake/letters/feedback.html", context)
        title = _("Besked om din underretning")
    return Letter(filename=f"besked-{notification.reference}.pdf", html=html, title=title)
