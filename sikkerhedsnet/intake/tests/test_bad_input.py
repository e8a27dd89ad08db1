"""Bad input to the receiving pages: a clear Danish message or safe storage and display, never a
500 and never an executed script."""

from __future__ import annotations

import pytest
from django.test import Client

from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.intake.models import Notification
from sikkerhedsnet.people.models import Role

SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
ONE_MEGABYTE = "x" * 1_000_000


def public_data(**changes: str) -> dict[str, str]:
    return {
        "child_name": "Ida Holm",
        "text": "Ida kommer ofte alene hjem sent om aftenen.",
        "relation": "citizen",
        "anonymous": "yes",
        **changes,
    }


def post_public(**changes: str) -> tuple[int, str]:
    response = Client().post("/underretning/", public_data(**changes))
    return response.status_code, response.content.decode()


@pytest.mark.parametrize(
    ("cpr", "message"),
    [
        ("1234", "CPR-nummeret skal have 10 cifre (DDMMÅÅ-XXXX); der er 4."),
        ("abcdef-ghij", "CPR-nummeret må kun indeholde cifre og en bindestreg (DDMMÅÅ-XXXX)."),
        ("999999-9999", "CPR-nummeret begynder med en dato, der ikke findes: 99.99.1999."),
        (SCRIPT, "CPR-nummeret må kun indeholde cifre og en bindestreg (DDMMÅÅ-XXXX)."),
    ],
)
def test_a_malformed_cpr_gets_a_danish_message(db: None, cpr: str, message: str) -> None:
    status, page = post_public(child_cpr=cpr)
    assert status == 200
    assert message in page
    assert "Underretningen er ikke sendt. Ret fejlene herunder." in page
    assert SCRIPT not in page
    assert not Notification.objects.exists()


@pytest.mark.parametrize("text", ["", " \r\n\t "])
def test_an_empty_text_gets_a_danish_message(db: None, text: str) -> None:
    status, page = post_public(text=text)
    assert status == 200
    assert "Skriv, hvad du er bekymret for." in page
    assert not Notification.objects.exists()


def test_a_megabyte_of_text_is_refused_with_its_length_and_the_limit(db: None) -> None:
    status, page = post_public(text=ONE_MEGABYTE)
    assert status == 200
    assert "Teksten er for lang: den har 1.000.000 tegn, og der er plads til 20.000." in page
    assert not Notification.objects.exists()


def test_a_body_beyond_the_upload_limit_is_a_400_not_a_500(db: None) -> None:
    response = Client().post("/underretning/", public_data(text="x" * 6_000_000))
    assert response.status_code == 400
    assert not Notification.objects.exists()


def test_a_null_character_is_refused_not_a_database_error(db: None) -> None:
    status, page = post_public(text="før\x00efter")
    assert status == 200
    assert "Null-tegn er ikke tilladte." in page
    assert not Notification.objects.exists()


def test_unknown_choices_get_a_message(db: None) -> None:
    status, page = post_public(relation="police", anonymous="kanske")
    assert status == 200
    assert page.count("Vælg en af mulighederne.") == 2 * 2  # in the summary and at the field
    assert "kanske" not in page  # the posted value is not echoed
    assert not Notification.objects.exists()


def test_script_tags_are_stored_as_written(db: None) -> None:
    status, _page = post_public(text=SCRIPT, child_name=SCRIPT, child_address=SCRIPT)
    assert status == 302
    notification = Notification.objects.get()
    assert notification.text == SCRIPT
    assert notification.child_name_given == SCRIPT
    assert notification.child_address_given == SCRIPT


def test_script_tags_come_back_escaped_on_an_error(db: None) -> None:
    # The text is shown again in the textarea when another field is wrong.
    status, page = post_public(text=SCRIPT, child_name=SCRIPT, child_cpr="12")
    assert status == 200
    assert SCRIPT not in page
    assert ESCAPED in page


def test_script_tags_are_displayed_escaped_to_the_professional(world: World) -> None:
    client = client_for(world.colleague)
    data = {"duty_ground": "abuse", "text": f"Første linje\n{SCRIPT}\n<b>fed</b>"}
    response = client.post(f"/boern/{world.child.pk}/underret/", data)
    notification = Notification.objects.get()
    assert notification.text == data["text"]
    page = client.get(response["Location"]).content.decode()
    assert SCRIPT not in page
    assert "<b>fed</b>" not in page
    assert f"Første linje<br>{ESCAPED}<br>&lt;b&gt;fed&lt;/b&gt;" in page


def test_intakes_register_form_survives_the_same(world: World) -> None:
    client = client_for(world.role_users[Role.INTAKE])
    data = {
        "channel": "phone",
        "received_on": "31.02.2026",
        "received_time": "25.99",
        "child_cpr": SCRIPT,
        "source_kind": SCRIPT,
        "notifier_email": SCRIPT,
        "text": ONE_MEGABYTE,
    }
    response = client.post("/visitation/registrer/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Skriv datoen som DD.MM.ÅÅÅÅ, fx 22.11.2026." in page
    assert "Skriv klokkeslættet som TT.MM, fx 14.30." in page
    assert "Teksten er for lang: den har 1.000.000 tegn" in page
    assert SCRIPT not in page
    assert not Notification.objects.exists()


def test_a_non_numeric_child_id_is_a_404(world: World) -> None:
    assert client_for(world.colleague).get("/boern/abc/underret/").status_code == 404
    assert client_for(world.colleague).get("/underretninger/mine/abc/").status_code == 404
