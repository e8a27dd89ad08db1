"""The receiving forms: what they accept, and the Danish message for what they do not."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from sikkerhedsnet.intake.forms.receiving import (
    ChildDescribed,
    ProfessionalNotificationForm,
    PublicNotificationForm,
    RegisterNotificationForm,
)
from sikkerhedsnet.intake.models import TEXT_MAX_CHARS, Channel
from sikkerhedsnet.intake.tests.factories import CPH

NOW = datetime(2026, 11, 22, 16, 0, tzinfo=CPH)


TODAY = NOW
pytestmark = pytest.mark.usefixtures("today")


def public(**changes: Any) -> PublicNotificationForm:
    data = {
        "child_cpr": "",
        "child_name": "Ida Holm",
        "child_address": "",
        "text": "Ida kommer ofte alene hjem sent om aftenen.",
        "relation": "citizen",
        "anonymous": "yes",
        "notifier_name": "",
        **changes,
    }
    return PublicNotificationForm(data)


def register(**changes: Any) -> RegisterNotificationForm:
    data = {
        "channel": "phone",
        "received_on": "22.11.2026",
        "received_time": "14.30",
        "child_name": "Ida Holm",
        "source_kind": "citizen",
        "notifier_name": "Hanne Jensen",
        "text": "Naboen ringede om råb fra lejligheden.",
        **changes,
    }
    return RegisterNotificationForm(data)


# The public form ------------------------------------------------------------------------------


def test_a_plain_anonymous_notification_is_valid() -> None:
    form = public()
    assert form.is_valid(), form.errors
    assert form.is_anonymous
    assert form.child_described == ChildDescribed(cpr="", name="Ida Holm", address="")


@pytest.mark.parametrize(
    ("cpr", "message"),
    [
        ("12345", "CPR-nummeret skal have 10 cifre (DDMMÅÅ-XXXX); der er 5."),
        ("0101AB-1234", "CPR-nummeret må kun indeholde cifre og en bindestreg (DDMMÅÅ-XXXX)."),
        ("320199-1234", "CPR-nummeret begynder med en dato, der ikke findes: 32.01.1999."),
    ],
)
def test_a_malformed_cpr_is_refused_in_danish(cpr: str, message: str) -> None:
    form = public(child_cpr=cpr, child_name="")
    assert not form.is_valid()
    assert form.errors["child_cpr"] == [message]
    # The missing-child message would only confuse: the CPR number was given, just wrong.
    assert "child_name" not in form.errors


def test_a_cpr_number_is_kept_as_ten_digits() -> None:
    form = public(child_cpr="010120-1234", child_name="")
    assert form.is_valid(), form.errors
    assert form.child_described.cpr == "0101201234"


def test_the_child_must_be_named_by_cpr_or_name() -> None:
    form = public(child_name="", child_cpr="")
    assert not form.is_valid()
    assert form.errors["child_name"] == [
        "Skriv barnets CPR-nummer eller barnets navn, så kommunen kan finde barnet."
    ]


@pytest.mark.parametrize("text", ["", "   ", "\r\n\r\n"])
def test_an_empty_text_is_refused(text: str) -> None:
    form = public(text=text)
    assert not form.is_valid()
    assert form.errors["text"] == ["Skriv, hvad du er bekymret for."]


def test_a_text_at_the_limit_is_accepted_and_one_more_is_refused() -> None:
    assert public(text="a" * TEXT_MAX_CHARS).is_valid()
    form = public(text="a" * (TEXT_MAX_CHARS + 1))
    assert not form.is_valid()
    assert form.errors["text"] == [
        "Teksten er for lang: den har 20.001 tegn, og der er plads til 20.000. "
        "Forkort teksten, og send igen."
    ]


def test_a_line_break_counts_as_one_character() -> None:
    # 10,000 lines sent by a browser as CRLF: 20,000 characters as the writer sees them.
    form = public(text="a\r\n" * (TEXT_MAX_CHARS // 2))
    assert form.is_valid(), form.errors
    assert "\r" not in form.cleaned_data["text"]


def test_the_text_is_kept_as_written() -> None:
    text = "<script>alert(1)</script> & \"citat\" 'x'"
    form = public(text=text)
    assert form.is_valid()
    assert form.cleaned_data["text"] == text


def test_a_named_notifier_must_give_a_name() -> None:
    form = public(anonymous="no", notifier_name="")
    assert not form.is_valid()
    assert form.errors["notifier_name"] == ["Skriv dit navn, eller vælg at være anonym."]
    assert public(anonymous="no", notifier_name="Hanne").is_valid()


def test_only_a_citizens_relations_are_offered() -> None:
    form = public(relation="police")
    assert not form.is_valid()
    assert "relation" in form.errors
    choices = [value for value, _label in form.fields["relation"].choices]  # type: ignore[attr-defined]
    assert choices == ["citizen", "family", "child", "other"]


def test_a_bad_email_gets_a_danish_message() -> None:
    form = public(anonymous="no", notifier_name="Hanne", notifier_email="hanne@")
    assert not form.is_valid()
    assert form.errors["notifier_email"] == ["Skriv en gyldig e-mailadresse, fx navn@eksempel.dk."]


def test_the_text_area_has_no_maxlength_that_would_cut_pasted_text() -> None:
    html = str(public()["text"])
    assert "maxlength" not in html
    assert "Højst 20.000 tegn." in str(PublicNotificationForm()["text"].help_text)


def test_an_unmatched_cpr_is_kept_with_the_name() -> None:
    assert ChildDescribed("0101201234", "Ida", "").name_to_store() == "Ida (CPR 010120-1234)"
    assert ChildDescribed("0101201234", "", "").name_to_store() == "CPR 010120-1234"
    assert ChildDescribed("", "Ida", "").name_to_store() == "Ida"


# The professional's form ------------------------------------------------------------------------


def test_the_professional_must_choose_a_duty_ground() -> None:
    form = ProfessionalNotificationForm({"text": "Bekymret."})
    assert not form.is_valid()
    assert form.errors["duty_ground"] == ["Vælg, hvorfor du underretter."]


def test_a_meeting_outcome_has_its_own_channel() -> None:
    data = {"duty_ground": "need_of_support", "text": "Fra lokalisering.", "from_meeting": "on"}
    form = ProfessionalNotificationForm(data)
    assert form.is_valid(), form.errors
    assert form.channel == Channel.MEETING
    plain = ProfessionalNotificationForm({**data, "from_meeting": ""})
    assert plain.is_valid()
    assert plain.channel == Channel.PROFESSIONAL


# Intake's registration ----------------------------------------------------------------------------


def test_the_time_of_receipt_is_danish_time() -> None:
    form = register()
    assert form.is_valid(), form.errors
    assert form.received_at == datetime(2026, 11, 22, 14, 30, tzinfo=CPH)
    assert register(received_time="14:30").is_valid()


def test_the_time_of_receipt_defaults_to_now() -> None:
    form = RegisterNotificationForm()
    assert form["received_on"].value() == "22.11.2026"
    assert form["received_time"].value() == "16.00"


def test_a_time_in_the_future_is_refused() -> None:
    form = register(received_time="16.01")
    assert not form.is_valid()
    assert form.errors["received_time"] == [
        "Tidspunktet ligger i fremtiden. Skriv, hvornår den kom."
    ]
    assert not register(received_on="23.11.2026", received_time="08.00").is_valid()


def test_a_bad_time_gets_a_danish_message() -> None:
    form = register(received_time="halv tre")
    assert not form.is_valid()
    assert form.errors["received_time"] == ["Skriv klokkeslættet som TT.MM, fx 14.30."]


def test_a_professional_cannot_be_anonymous() -> None:
    form = register(is_professional="on", anonymous="on", notifier_name="")
    assert not form.is_valid()
    assert form.errors["anonymous"] == [
        "En fagperson med skærpet underretningspligt kan ikke underrette anonymt."
    ]


def test_a_named_caller_needs_a_name_and_an_anonymous_one_does_not() -> None:
    assert not register(notifier_name="").is_valid()
    assert register(notifier_name="", anonymous="on").is_valid()


def test_only_phone_and_letter_are_registered_here() -> None:
    assert not register(channel="public_form").is_valid()
    assert register(channel="letter").is_valid()
