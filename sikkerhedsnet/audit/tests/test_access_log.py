from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.test import Client

from sikkerhedsnet.audit.models import AccessLog
from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.people.models import Role

CPH = ZoneInfo("Europe/Copenhagen")


def _dpo(world: World) -> Client:
    return client_for(world.role_users[Role.DATA_PROTECTION])


def test_it_requires_the_data_protection_role(world: World) -> None:
    assert client_for(world.owner).get("/adgangslog/").status_code == 404


def test_search_by_child_finds_who_looked(world: World) -> None:
    client_for(world.colleague).get(f"/boern/{world.child.pk}/")
    client_for(world.outsider).get(f"/boern/{world.other_child.pk}/")
    page = _dpo(world).get("/adgangslog/", {"cpr": world.child.cpr_formatted}).content.decode()
    assert "bob" in page
    assert "charlie" not in page
    assert "Barnets side" in page
    assert "Solsikken" in page


def test_search_by_user_and_period(world: World) -> None:
    with time_machine.travel(datetime(2026, 11, 2, 10, 0, tzinfo=CPH)):
        client_for(world.colleague).get(f"/boern/{world.child.pk}/")
    with time_machine.travel(datetime(2026, 11, 20, 23, 30, tzinfo=CPH)):
        client_for(world.colleague).get(f"/boern/{world.child.pk}/")
        client_for(world.owner).get(f"/boern/{world.child.pk}/")
    params = {"username": "bob", "date_from": "20.11.2026", "date_to": "20.11.2026"}
    page = _dpo(world).get("/adgangslog/", params).content.decode()
    assert "1 opslag" in page
    assert "20.11.2026 23:30" in page


def test_invalid_search_input_gets_a_danish_message(world: World) -> None:
    page = _dpo(world).get("/adgangslog/", {"cpr": "310221-4012"}).content.decode()
    assert "dato, der ikke findes" in page
    page = _dpo(world).get("/adgangslog/", {"date_from": "2026-13-01"}).content.decode()
    assert "DD.MM.ÅÅÅÅ" in page
    params = {"date_from": "02.11.2026", "date_to": "01.11.2026"}
    assert "efter til-datoen" in _dpo(world).get("/adgangslog/", params).content.decode()


def test_the_api_logs_reads_with_its_channel(world: World) -> None:
    client_for(world.colleague).get(f"/api/children/{world.child.pk}")
    assert AccessLog.objects.get().channel == "api"
    rows = _dpo(world).get("/api/access-log", {"cpr": world.child.cpr}).json()
    assert [row["username"] for row in rows] == ["bob"]


def test_the_api_refuses_a_malformed_cpr_with_a_message(world: World) -> None:
    response = _dpo(world).get("/api/access-log", {"cpr": "12345"})
    assert response.status_code == 400
    assert "10 cifre" in response.json()["detail"]


def test_a_unit_roster_is_logged_once_per_page(world: World) -> None:
    client_for(world.colleague).get(f"/enheder/{world.unit.pk}/")
    row = AccessLog.objects.get()
    assert (row.unit, row.child) == (world.unit, None)
