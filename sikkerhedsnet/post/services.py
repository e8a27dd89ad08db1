"""Writes on letters: send (render, store, hand over after commit), deliver, retry, sent otherwise.

`letter_send` is called inside the owning area's own atomic service, so the letter exists if and
only if the change that made it does. Delivery runs after commit as a django-tasks task
(post/tasks.py), so a slow or failing channel never rolls back the caseworker's work; its
outcome is recorded on the letter, and a failure becomes a task for the letter's owner.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.lib.letters import render_pdf
from sikkerhedsnet.lib.plugins import load_callables
from sikkerhedsnet.lib.versions import compare_and_set
from sikkerhedsnet.people.models import Child, User
from sikkerhedsnet.post.channels import DeliveryFailed, configured_channel
from sikkerhedsnet.post.models import Letter, LetterConflict, LetterRefused, LetterStatus
from sikkerhedsnet.post.recipients import Recipient

FILENAME_CHARS = 100


def _filename(kind: str, title: str, at: datetime) -> str:
    stem = slugify(title)[:60] or kind.replace(".", "-")
    return f"{stem}-{timezone.localtime(at):%Y%m%d-%H%M%S}.pdf"[:FILENAME_CHARS]


def _enqueue(letter_id: int) -> None:
    from sikkerhedsnet.post.tasks import deliver_letter  # noqa: PLC0415 - the task imports us

    deliver_letter.enqueue(letter_id)


@transaction.atomic
def letter_send(
    *,
    actor: User,
    kind: str,
    title: str,
    html: str,
    recipient: Recipient,
    subject: models.Model,
    child: Child | None = None,
    now: datetime | None = None,
) -> Letter:
    """Render the letter to PDF, keep it, and hand it to the delivery channel after commit."""
    now = now or timezone.now()
    letter = Letter.objects.create(
        kind=kind,
        title=title[:200],
        child=child,
        subject_type=subject._meta.label_lower,
        subject_id=subject.pk,
        recipient_name=recipient.name[:200],
        recipient_address=recipient.address[:300],
        recipient_id_type=recipient.id_type,
        recipient_id=recipient.id,
        recipient_attention=recipient.attention[:200],
        filename=_filename(kind, title, now),
        pdf=render_pdf(html),
        created_at=now,
        created_by=actor,
    )
    audit_event_record(
        actor=actor,
        event_type="letter.written",
        subject=letter,
        extra={"kind": kind, "about": f"{letter.subject_type}:{letter.subject_id}"},
    )
    transaction.on_commit(partial(_enqueue, letter.pk))
    return letter


@transaction.atomic
def letter_deliver(*, letter_id: int, now: datetime | None = None) -> Letter:
    """Hand a queued letter to the channel and record how it went (run by the task)."""
    letter = Letter.objects.select_for_update().get(pk=letter_id)
    if letter.status != LetterStatus.QUEUED:
        return letter  # delivered, or sent otherwise, before this task ran: nothing to do
    channel = configured_channel()
    letter.attempts += 1
    letter.channel = channel.name
    try:
        letter.channel_reference = channel.deliver(letter)[:200]
    except DeliveryFailed as failure:
        letter.status = LetterStatus.FAILED
        letter.failure = str(failure)[:500]
    else:
        letter.status = LetterStatus.SENT
        letter.sent_at = now or timezone.now()
        letter.failure = ""
    letter.version += 1
    letter.save()
    audit_event_record(
        actor=None,
        event_type="letter.delivered" if letter.status == LetterStatus.SENT else "letter.failed",
        subject=letter,
        extra={"channel": letter.channel, "attempt": letter.attempts},
    )
    if letter.status == LetterStatus.SENT:
        _tell_owner_area(letter)
    return letter


def _tell_owner_area(letter: Letter) -> None:
    # The owning area marks its own record (intake's receipt sent) through the plug-in table.
    for delivered in load_callables("letter_delivered"):
        delivered(letter)


def _check_owner(actor: User, letter: Letter) -> None:
    from sikkerhedsnet.post.access import may_handle  # noqa: PLC0415 - access imports models

    if not may_handle(actor, letter):
        raise LetterRefused(_("Kun den, der skrev brevet, kan sende det igen."))


@transaction.atomic
def letter_retry(*, actor: User, letter: Letter, expected_version: int) -> Letter:
    """Put a failed letter back in the queue; the task tries the channel again after commit."""
    _check_owner(actor, letter)
    if letter.status != LetterStatus.FAILED:
        raise LetterRefused(_("Kun et brev, der ikke kunne sendes, kan sendes igen."))
    current = compare_and_set(
        Letter,
        pk=letter.pk,
        expected_version=expected_version,
        actor=actor,
        conflict=LetterConflict,
        only_if=Q(status=LetterStatus.FAILED),
        status=LetterStatus.QUEUED,
    )
    audit_event_record(actor=actor, event_type="letter.retried", subject=current)
    transaction.on_commit(partial(_enqueue, current.pk))
    return current


@transaction.atomic
def letter_mark_sent_otherwise(
    *, actor: User, letter: Letter, expected_version: int, note: str, now: datetime | None = None
) -> Letter:
    """The owner sent a letter the channel could not take another way (by post, by hand)."""
    _check_owner(actor, letter)
    if letter.status != LetterStatus.FAILED:
        raise LetterRefused(_("Kun et brev, der ikke kunne sendes, kan registreres som sendt."))
    if not note.strip():
        raise LetterRefused(_("Skriv, hvordan brevet er sendt."), field="note")
    current = compare_and_set(
        Letter,
        pk=letter.pk,
        expected_version=expected_version,
        actor=actor,
        conflict=LetterConflict,
        only_if=Q(status=LetterStatus.FAILED),
        status=LetterStatus.SENT_OTHERWISE,
        sent_at=now or timezone.now(),
        sent_otherwise_note=note.strip()[:300],
    )
    audit_event_record(actor=actor, event_type="letter.sent_otherwise", subject=current)
    _tell_owner_area(current)
    return current
