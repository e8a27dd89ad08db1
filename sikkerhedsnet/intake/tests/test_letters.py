from datetime import date, datetime

import pytest
from django.test import override_settings
from django.utils import translation
from weasyprint import HTML

from sikkerhedsnet.conftest import World
from sikkerhedsnet.intake.models import DecisionKind, Notification
from sikkerhedsnet.intake.services.letters import (
    feedback_letter,
    outcome_text,
    receipt_letter,
)
from sikkerhedsnet.intake.tests.factories import CPH, make_notification
from sikkerhedsnet.lib.letters import Letter

FRI = datetime(2026, 11, 20, 16, 0, tzinfo=CPH)


def pdf_text(letter: Letter) -> str:
    """The words as WeasyPrint laid them out on the pages (the PDF's text is compressed)."""
    document = HTML(string=letter.html).render()
    words = []
    for page in document.pages:
        for box in page._page_box.descendants():
            if hasattr(box, "text"):
                words.append(box.text)
    return " ".join(words)


@pytest.fixture
def notification(world: World) -> Notification:
    notification = make_notification(child=world.child, at=FRI, name="Hanne Skov")
    Notification.objects.filter(pk=notification.pk).update(
        notifier_organisation="Nørreskolen", notifier_address="Skolevej 1, 7400 Herning"
    )
    notification.refresh_from_db()
    return notification


def test_the_receipt_is_a_one_page_pdf_with_the_reference(notification: Notification) -> None:
    letter = receipt_letter(notification, today=date(2026, 11, 23))
    pdf = letter.pdf()
    assert pdf.startswith(b"%PDF-")
    assert len(HTML(string=letter.html).render().pages) == 1
    text = pdf_text(letter)
    assert notification.reference in text
    assert "Hanne Skov" in text
    assert "Nørreskolen" in text
    assert "Skolevej 1" in text
    assert "20.11.2026 kl. 16.00" in text
    assert "23.11.2026" in text
    assert letter.filename == f"kvittering-{notification.reference}.pdf"


def test_the_receipt_says_nothing_of_the_assessment(notification: Notification) -> None:
    text = pdf_text(receipt_letter(notification))
    assert "Barnet kommer ofte sultent" not in text  # the notification's own words stay out
    assert "vurdering" not in text.lower()


def test_the_letterhead_is_the_municipalitys(notification: Notification) -> None:
    with override_settings(
        SIKKERHEDSNET_MUNICIPALITY_NAME="Herning Kommune",
        SIKKERHEDSNET_LETTERHEAD_LINES=["Torvet 1, 7400 Herning"],
    ):
        text = pdf_text(receipt_letter(notification))
    assert "Herning Kommune" in text
    assert "Torvet 1" in text


def test_the_letter_is_danish_whatever_the_screen_language(notification: Notification) -> None:
    with translation.override("en"):
        letter = receipt_letter(notification)
    assert "Kvittering for din underretning" in letter.html


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        (DecisionKind.NO_ACTION, "ikke givet anledning"),
        (DecisionKind.EARLY_ADVICE, "iværksat en indsats"),
        (DecisionKind.SCREENING_INQUIRY, "undersøger barnets forhold"),
        (DecisionKind.CHILD_ASSESSMENT, "undersøger barnets forhold"),
        (DecisionKind.ACUTE_MEASURE, "iværksat en indsats"),
    ],
)
def test_feedback_says_inquiry_or_measure(kind: DecisionKind, words: str) -> None:
    assert words in outcome_text(kind)


def test_the_feedback_letter(notification: Notification) -> None:
    letter = feedback_letter(notification, outcome=DecisionKind.SCREENING_INQUIRY)
    assert letter.pdf().startswith(b"%PDF-")
    text = pdf_text(letter)
    assert notification.reference in text
    assert "undersøger barnets forhold" in text
    assert letter.filename == f"besked-{notification.reference}.pdf"


def test_an_unmatched_child_is_named_as_the_notifier_gave_it(world: World) -> None:
    notification = make_notification(child=None, at=FRI, name="Hanne Skov")
    Notification.objects.filter(pk=notification.pk).update(child_name_given="Emil fra 2.b")
    notification.refresh_from_db()
    assert "Emil fra 2.b" in pdf_text(receipt_letter(notification))
