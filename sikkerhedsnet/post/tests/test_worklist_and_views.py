"""A failed letter is on its author's list until it is sent; its page is hers and her unit's."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sikkerhedsnet.lib.worklist import worklist_rule
from sikkerhedsnet.people.models import Role
from sikkerhedsnet.people.tests.factories import UnitFactory, staff
from sikkerhedsnet.post.models import Letter, LetterStatus
from sikkerhedsnet.post.recipients import Recipient
from sikkerhedsnet.post.tests.factories import make_letter

pytestmark = pytest.mark.django_db
Capture = Callable[..., Any]
RULE = "letter_not_delivered"


def _failed(author: Any, capture: Capture) -> Letter:
    with capture(execute=True):
        letter = make_letter(author=author, recipient=Recipient(name="Ukendt"))
    letter.refresh_from_db()
    return letter


def _rows(today: Any) -> list[dict[str, Any]]:
    return list(worklist_rule(RULE).find(today))


def test_the_failed_letter_is_a_row_for_its_author_and_goes_when_sent_otherwise(
    django_capture_on_commit_callbacks: Capture, today: Any
) -> None:
    author = staff(Role.INTAKE)
    letter = _failed(author, django_capture_on_commit_callbacks)
    rows = _rows(today)
    assert [(row["letter_id"], row["user_id"]) for row in rows] == [(letter.pk, author.pk)]
    Letter.objects.filter(pk=letter.pk).update(status=LetterStatus.SENT_OTHERWISE)
    assert _rows(today) == []


def test_a_sent_letter_is_no_row(django_capture_on_commit_callbacks: Capture, today: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        make_letter(author=staff(Role.PROFESSIONAL))
    assert _rows(today) == []


def test_the_letter_page_is_missing_for_an_outsider(
    client: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    unit = UnitFactory.create()
    author = staff(Role.INTAKE, unit)
    letter = _failed(author, django_capture_on_commit_callbacks)
    client.force_login(staff(Role.INTAKE, UnitFactory.create()))
    assert client.get(reverse("post:letter", args=[letter.pk])).status_code == 404
    assert client.get(reverse("post:pdf", args=[letter.pk])).status_code == 404
    client.force_login(staff(Role.INTAKE, unit))
    page = client.get(reverse("post:letter", args=[letter.pk]))
    assert page.status_code == 200
    assert "Digital Post-adresse" in page.content.decode()


def test_the_author_records_how_it_was_sent_from_the_page(
    client: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    author = staff(Role.INTAKE)
    letter = _failed(author, django_capture_on_commit_callbacks)
    client.force_login(author)
    url = reverse("post:sent_otherwise", args=[letter.pk])
    empty = client.post(url, {"version": letter.version, "note": ""})
    assert empty.status_code == 422
    assert 'href="#id_note"' in empty.content.decode()
    done = client.post(url, {"version": letter.version, "note": "Sendt med posten 04.12.2026"})
    assert done.status_code == 302
    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT_OTHERWISE


def test_the_pdf_is_the_stored_letter(
    client: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    author = staff(Role.INTAKE)
    letter = _failed(author, django_capture_on_commit_callbacks)
    client.force_login(author)
    response = client.get(reverse("post:pdf", args=[letter.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content == bytes(letter.pdf)


def test_a_letter_queued_for_more_than_a_day_is_the_administrators(today: Any) -> None:
    letter = make_letter(author=staff(Role.PROFESSIONAL))  # never delivered: no commit here
    rule = worklist_rule("letter_not_handed_over")
    assert list(rule.find(letter.created_at)) == []
    rows = list(rule.find(letter.created_at + timedelta(days=1, minutes=1)))
    assert [(row["letter_id"], row["user_id"]) for row in rows] == [(letter.pk, None)]
    assert rule.audience_roles == {Role.ADMINISTRATOR}
