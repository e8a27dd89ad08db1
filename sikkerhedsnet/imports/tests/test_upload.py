from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django.fixtures import Settings

from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.imports.models import ImportRun
from sikkerhedsnet.imports.tests.conftest import (
    BOY_2021,
    CHILDREN_HEADER,
    UNITS_HEADER,
    csv_bytes,
    xlsx_bytes,
)
from sikkerhedsnet.people.models import Child, Role, Unit

PAGES = [
    "/import/",
    "/import/eksport/children.csv",
    "/import/eksport/units.xlsx",
    "/import/importer/",
]


def _post(world: World, name: str, content: bytes) -> str:
    """The page after the administrator uploads the file."""
    client = client_for(world.role_users[Role.ADMINISTRATOR])
    response = client.post("/import/", {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("role", [role for role in Role.values if role != Role.ADMINISTRATOR])
def test_it_requires_the_administrator_role(world: World, role: str, path: str) -> None:
    assert client_for(world.role_users[role]).get(path).status_code == 404


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_is_sent_to_login(db: None, path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_the_page_links_to_every_export(world: World) -> None:
    page = client_for(world.role_users[Role.ADMINISTRATOR]).get("/import/").content.decode()
    for path in ("units.csv", "units.xlsx", "children.csv", "children.xlsx"):
        assert f'href="/import/eksport/{path}"' in page


def test_a_good_xlsx_file_imports_and_shows_what_came_in(world: World) -> None:
    content = xlsx_bytes([CHILDREN_HEADER, [BOY_2021, "Emil", "Hansen", "DAG001"]])
    client = client_for(world.role_users[Role.ADMINISTRATOR])
    response = client.post("/import/", {"file": SimpleUploadedFile("children.xlsx", content)})
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/import/importer/{run.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "alert-success" in page
    assert "children.xlsx er importeret: 1 række." in page
    assert 'Børn oprettet</td><td class="text-align-right">1</td>' in page
    assert "<td>Emil Hansen</td>" in page
    assert Child.objects.filter(cpr="7705214001").exists()


def test_a_form_error_is_in_the_linked_summary(world: World) -> None:
    page = _post(world, "units.pdf", b"%PDF-1.4")
    assert '<a href="#id_file">Fil: Kun .csv- og .xlsx-filer kan importeres.</a>' in page


def test_a_file_with_a_bad_row_shows_the_errors_and_writes_nothing(world: World) -> None:
    rows = [UNITS_HEADER, ["SKO001", "Skolen", "school", ""], ["X1", "Slottet", "castle", ""]]
    page = _post(world, "units.csv", csv_bytes(rows, delimiter=";"))
    assert "alert-error" in page
    assert "<td>3</td><td>kind</td><td>Ukendt type »castle«." in page
    assert not Unit.objects.filter(code="SKO001").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("units.csv", b"", "Filen er tom."),
        ("units.pdf", b"%PDF-1.4", "Kun .csv- og .xlsx-filer kan importeres."),
        ("units.csv", "unit_code;name;kind;district\r\nA;Å;daycare;\r\n".encode("cp1252"), "UTF-8"),
        ("units.xlsx", b"PK\x03\x04 broken", "kan ikke læses som et Excel-regneark"),
        (
            "boern.csv",
            b"navn;enhed\r\nEmil;DAG001\r\n",
            "Forventede kolonner: units.csv: unit_code",
        ),
    ],
)
def test_it_explains_a_file_it_cannot_read(
    world: World, name: str, content: bytes, message: str
) -> None:
    page = _post(world, name, content)
    assert "form-error-message" in page
    assert message in page


def test_it_refuses_a_file_over_the_size_limit(world: World, settings: Settings) -> None:
    settings.IMPORT_MAX_BYTES = 10
    page = _post(world, "units.csv", csv_bytes([UNITS_HEADER]))
    assert "der kan højst importeres 10" in page


def test_the_export_download_is_an_attachment_never_cached(world: World) -> None:
    response = client_for(world.role_users[Role.ADMINISTRATOR]).get("/import/eksport/children.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="children-2026-03-02.csv"'
    assert response["Cache-Control"] == "no-store"
    assert world.child.cpr_formatted in response.content.decode("utf-8-sig")


@pytest.mark.parametrize("path", ["/import/eksport/guardians.csv", "/import/eksport/units.pdf"])
def test_an_unknown_export_is_404(world: World, path: str) -> None:
    assert client_for(world.role_users[Role.ADMINISTRATOR]).get(path).status_code == 404
