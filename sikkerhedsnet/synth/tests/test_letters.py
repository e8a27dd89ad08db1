"""The demo's letters: the receipts owed go out through intake's service as MeMo messages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from sikkerhedsnet.intake.tests.factories import make_notification
from sikkerhedsnet.people.models import Child, Role
from sikkerhedsnet.people.tests.factories import staff
from sikkerhedsnet.post.memo import validate
from sikkerhedsnet.post.models import Letter, LetterStatus
from sikkerhedsnet.synth.context import SynthContext
from sikkerhedsnet.synth.letters import DEMO_RECEIPTS, demo_receipts_send, receipts_owed


def test_the_receipts_owed_become_valid_memo_messages_once(
    town: SynthContext, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    teacher = staff(Role.PROFESSIONAL)
    newest = make_notification(child=Child.objects.first(), at=timezone.now(), user=teacher)
    owed = receipts_owed()
    assert owed[0] == newest
    assert len(owed) <= DEMO_RECEIPTS
    intake = staff(Role.INTAKE)
    with django_capture_on_commit_callbacks(execute=True):
        sent = demo_receipts_send(actor=intake)
    assert sent == len(owed)
    letters = Letter.objects.all()
    assert {letter.status for letter in letters} == {LetterStatus.SENT}
    messages = sorted(Path(settings.SIKKERHEDSNET_POST_OUTBOX).glob("*.xml"))
    assert len(messages) == sent
    for message in messages:
        validate(message.read_bytes())
    for notification in owed:
        notification.refresh_from_db()
        assert notification.receipt_sent_at is not None
    assert demo_receipts_send(actor=intake) == 0
