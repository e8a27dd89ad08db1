"""The record of an import: the administrator's list of imports and what each one brought.

The children an import brought are shown by name, birth date and masked CPR number, and every
page of them is logged as a unit list with the import as the basis."""

from __future__ import annotations

import pytest
from django.test import Client

from sikkerhedsnet.audit.models import AccessLog
from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.imports.models import ImportRun
from sikkerhedsnet.imports.services import import_file
from sikkerhedsnet.imports.tests.conftest import (
    BOY_2021,
    CHILDREN_HEADER,
    GIRL_2024,
    UNITS_HEADER,
    csv_bytes,
)
from sikkerhedsnet.people.models import Role, User


def _children_import(admin: User) -> ImportRun:
    rows = [[BOY_2021, "Emil", "Hansen", "DAG001"], [GIRL_2024, "Ida", "Berg", "DAG002"]]
    report = import_file(
        actor=admin, name="children.csv", content=csv_bytes([CHILDREN_HEADER, *rows])
    )
    assert report.run is not None, report.lines()
    return report.run


@pytest.fixture
def admin(world: World) -> User:
    return world.role_users[Role.ADMINISTRATOR]


@pytest.fixture
def run(admin: User) -> ImportRun:
    return _children_import(admin)


def _pages(world: World, run: ImportRun) -> list[str]:
    return [
        "/import/importer/",
        f"/import/importer/{run.pk}/",
        f"/import/importer/enhed/{world.unit.pk}/",
    ]


@pytest.mark.parametrize("role", [role for role in Role.values if role != Role.ADMINISTRATOR])
def test_it_requires_the_administrator_role(world: World, run: ImportRun, role: str) -> None:
    client = client_for(world.role_users[role])
    for path in _pages(world, run):
        assert client.get(path).status_code == 404, path
    assert not AccessLog.objects.exists()


def test_anonymous_is_sent_to_login(world: World, run: ImportRun) -> None:
    for path in _pages(world, run):
        response = Client().get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/login/"), path


def test_a_missing_import_or_unit_is_404(admin: User, run: ImportRun) -> None:
    client = client_for(admin)
    assert client.get(f"/import/importer/{run.pk + 1}/").status_code == 404
    assert client.get("/import/importer/enhed/999999/").status_code == 404


def test_the_import_shows_its_counts_and_its_children_with_masked_cpr(
    admin: User, run: ImportRun
) -> None:
    page = client_for(admin).get(f"/import/importer/{run.pk}/").content.decode()
    assert "Import af children.csv" in page
    assert "02.03.2026 kl. 10.00" in page
    assert 'Børn oprettet</td><td class="text-align-right">2</td>' in page
    assert "<td>Ida Berg</td>" in page
    assert '<td class="cpr">630124-xxxx</td><td>03.01.2024</td>' in page.replace("\n      ", "")
    assert "630124-4002" not in page  # never the full number
    assert "2 børn i alt." in page


def test_each_view_of_the_children_is_logged_per_unit_with_the_import_as_basis(
    world: World, admin: User, run: ImportRun
) -> None:
    client_for(admin).get(f"/import/importer/{run.pk}/")
    logs = AccessLog.objects.order_by("unit__name")
    assert [(log.user, log.unit, log.child) for log in logs] == [
        (admin, world.other_unit, None),
        (admin, world.unit, None),
    ]
    assert {log.basis for log in logs} == {f"Import nr. {run.pk} af children.csv den 02.03.2026"}
    assert {log.shown for log in logs} == {"Børn i en import, side 1"}


def test_an_import_without_children_logs_nothing(world: World, admin: User) -> None:
    import_file(
        actor=admin,
        name="units.csv",
        content=csv_bytes([UNITS_HEADER, ["S1", "Skolen", "school", ""]]),
    )
    run = ImportRun.objects.get()
    page = client_for(admin).get(f"/import/importer/{run.pk}/").content.decode()
    assert 'Enheder oprettet</td><td class="text-align-right">1</td>' in page
    assert "Børnene i filen" not in page
    assert not AccessLog.objects.exists()


def test_the_list_of_imports_links_to_each_newest_first(
    world: World, admin: User, run: ImportRun
) -> None:
    later = import_file(
        actor=None,
        name="units.csv",
        content=csv_bytes([UNITS_HEADER, ["S1", "Skolen", "school", ""]]),
    ).run
    assert later is not None
    page = client_for(admin).get("/import/importer/").content.decode()
    assert page.index(f'href="/import/importer/{later.pk}/"') < page.index(
        f'href="/import/importer/{run.pk}/"'
    )
    assert "Kommandolinjen" in page  # the units file came in without a named user
    assert not AccessLog.objects.exists()  # the list names no child


def test_a_units_list_of_imports_has_only_the_imports_with_its_children(
    world: World, admin: User, run: ImportRun
) -> None:
    import_file(
        actor=admin,
        name="units.csv",
        content=csv_bytes([UNITS_HEADER, ["S1", "Skolen", "school", ""]]),
    )
    page = client_for(admin).get(f"/import/importer/enhed/{world.unit.pk}/").content.decode()
    assert "Importer til Solsikken" in page
    assert f'href="/import/importer/{run.pk}/"' in page
    assert page.count('href="/import/importer/') == 1 + 1  # this import and the breadcrumb


def test_the_upload_page_links_to_the_imports(admin: User) -> None:
    page = client_for(admin).get("/import/").content.decode()
    assert 'href="/import/importer/"' in page
