"""An access-log entry is read in the reader's language, whatever language it was written in."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext, gettext_lazy

from sikkerhedsnet.audit.models import AccessLog
from sikkerhedsnet.audit.services import access_log_record, access_log_record_unit
from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.people.models import Role


def _english_reader(world: World) -> str:
    reader = world.role_users[Role.DATA_PROTECTION]
    reader.language = "en"
    reader.save(update_fields=["language"])
    response = client_for(reader).get("/adgangslog/", {"cpr": world.child.cpr_formatted})
    return response.content.decode()


def test_an_entry_written_in_danish_is_shown_in_english_to_an_english_reader(world: World) -> None:
    client_for(world.colleague).get(f"/boern/{world.child.pk}/")  # bob reads in Danish
    row = AccessLog.objects.get(user=world.colleague)
    assert row.shown == "Barnets side"  # the text as written stays, for the record
    page = _english_reader(world)
    assert "Child&#x27;s page" in page
    assert "Barnets side" not in page


def test_a_text_translated_when_written_is_stored_by_its_code(world: World) -> None:
    with translation.override("en"):
        row = access_log_record(
            user=world.colleague, child=world.child, shown=gettext("Barnets side"), basis="x"
        )
    assert row.shown == "Child's page"
    assert row.shown_code == "Barnets side"
    with translation.override("da"):
        assert row.shown_text == "Barnets side"


def test_a_lazy_message_keeps_its_values(world: World) -> None:
    row = access_log_record_unit(
        user=world.colleague,
        unit=world.unit,
        shown=gettext_lazy("Børneliste, side %(n)d"),
        shown_params={"n": 2},
        basis=gettext_lazy("Børn i enheden, som du har adgang til"),
    )
    assert (row.shown, row.shown_code, row.shown_params) == (
        "Børneliste, side 2",
        "Børneliste, side %(n)d",
        {"n": 2},
    )
    with translation.override("en"):
        assert "2" in row.shown_text
        assert row.shown_text != "Børneliste, side 2"


def test_a_text_of_its_own_and_an_old_row_are_shown_as_written(world: World) -> None:
    row = access_log_record(
        user=world.colleague, child=world.child, shown="Sag 2026-17", basis="Barnet har en sag"
    )
    assert row.shown_code == ""
    with translation.override("en"):
        assert row.shown_text == "Sag 2026-17"
    AccessLog.objects.filter(pk=row.pk).update(shown="Barnets side", shown_code="")
    row.refresh_from_db()
    with translation.override("en"):
        assert row.shown_text == "Barnets side"  # written before codes: kept as it was
