"""Sending a letter: stored with its PDF at once, delivered after commit, a failure kept."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from sikkerhedsnet.audit.models import AuditEvent
from sikkerhedsnet.lib.plugins import overridden
from sikkerhedsnet.people.models import Role
from sikkerhedsnet.people.tests.factories import UnitFactory, staff
from sikkerhedsnet.post.models import Letter, LetterConflict, LetterRefused, LetterStatus
from sikkerhedsnet.post.recipients import Recipient
from sikkerhedsnet.post.services import letter_mark_sent_otherwise, letter_retry
from sikkerhedsnet.post.tests.factories import make_letter

pytestmark = pytest.mark.django_db
NO_ADDRESS = Recipient(name="Ukendt underretter")

Capture = Callable[..., Any]


def outbox() -> list[Path]:
    return sorted(Path(settings.SIKKERHEDSNET_POST_OUTBOX).glob("*.xml"))


def test_a_letter_is_stored_queued_with_its_pdf_until_the_transaction_commits() -> None:
    letter = make_letter(author=staff(Role.PROFESSIONAL))
    letter.refresh_from_db()
    assert letter.status == LetterStatus.QUEUED
    assert bytes(letter.pdf).startswith(b"%PDF")
    assert AuditEvent.objects.filter(event_type="letter.written", subject_id=letter.pk).exists()
    assert outbox() == []


def test_after_commit_the_channel_takes_it_and_it_is_sent(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        letter = make_letter(author=staff(Role.PROFESSIONAL))
    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT
    assert letter.sent_at is not None
    assert letter.channel == "digital_post_outbox"
    assert [path.name for path in outbox()] == [f"{letter.uuid}.xml"]


def test_a_recipient_without_a_digital_address_is_a_failed_delivery(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        letter = make_letter(author=staff(Role.INTAKE), recipient=NO_ADDRESS)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.FAILED
    assert "Digital Post-adresse" in letter.failure
    assert outbox() == []


def test_the_owning_area_hears_when_the_letter_is_sent(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    heard: list[Letter] = []
    with (
        overridden("letter_delivered", [heard.append]),
        django_capture_on_commit_callbacks(execute=True),
    ):
        letter = make_letter(author=staff(Role.PROFESSIONAL))
    assert [item.pk for item in heard] == [letter.pk]


def _failed(author: Any, capture: Capture) -> Letter:
    with capture(execute=True):
        letter = make_letter(author=author, recipient=NO_ADDRESS)
    letter.refresh_from_db()
    return letter


def test_the_author_records_a_failed_letter_as_sent_otherwise(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    author = staff(Role.INTAKE)
    letter = _failed(author, django_capture_on_commit_callbacks)
    heard: list[Letter] = []
    with overridden("letter_delivered", [heard.append]):
        done = letter_mark_sent_otherwise(
            actor=author, letter=letter, expected_version=letter.version, note="Sendt med posten"
        )
    assert done.status == LetterStatus.SENT_OTHERWISE
    assert done.sent_otherwise_note == "Sendt med posten"
    assert [item.pk for item in heard] == [letter.pk]


def test_sent_otherwise_needs_to_say_how(django_capture_on_commit_callbacks: Capture) -> None:
    author = staff(Role.INTAKE)
    letter = _failed(author, django_capture_on_commit_callbacks)
    with pytest.raises(LetterRefused) as refused:
        letter_mark_sent_otherwise(
            actor=author, letter=letter, expected_version=letter.version, note=" "
        )
    assert refused.value.field == "note"


def test_a_colleague_in_her_unit_may_follow_up_but_an_outsider_may_not(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    unit = UnitFactory.create()
    author = staff(Role.INTAKE, unit)
    colleague = staff(Role.INTAKE, unit)
    outsider = staff(Role.INTAKE, UnitFactory.create())
    letter = _failed(author, django_capture_on_commit_callbacks)
    with pytest.raises(LetterRefused):
        letter_retry(actor=outsider, letter=letter, expected_version=letter.version)
    again = letter_retry(actor=colleague, letter=letter, expected_version=letter.version)
    assert again.status == LetterStatus.QUEUED


def test_two_clicks_on_the_same_failed_letter_are_one_change(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    author = staff(Role.INTAKE)
    letter = _failed(author, django_capture_on_commit_callbacks)
    letter_retry(actor=author, letter=letter, expected_version=letter.version)
    with pytest.raises(LetterConflict):
        letter_mark_sent_otherwise(
            actor=author, letter=letter, expected_version=letter.version, note="Med posten"
        )


def test_retry_after_the_address_is_known_sends_it(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    author = staff(Role.INTAKE)
    letter = _failed(author, django_capture_on_commit_callbacks)
    Letter.objects.filter(pk=letter.pk).update(recipient_id_type="CVR", recipient_id="12345678")
    letter.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        letter_retry(actor=author, letter=letter, expected_version=letter.version)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT
    assert letter.attempts == 2
