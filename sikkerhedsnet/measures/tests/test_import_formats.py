"""measures.csv: all or nothing, row errors in Danish, an open case per child, re-import."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from sikkerhedsnet.audit.models import AuditEvent
from sikkerhedsnet.cases.tests.factories import CaseFactory
from sikkerhedsnet.imports.services import ImportReport, export_file, import_file
from sikkerhedsnet.imports.tests.conftest import csv_bytes
from sikkerhedsnet.lib.fileformats import get_format
from sikkerhedsnet.measures.cadence import first_follow_up_due
from sikkerhedsnet.measures.models import LegalGround, Measure, MeasureStatus
from sikkerhedsnet.measures.tests.catalogue_world import TODAY, CatalogueWorld, catalogue_world
from sikkerhedsnet.people.tests import factories as f

HEADER = [
    "cpr",
    "kind",
    "start_date",
    "end_date",
    "provider",
    "in_municipality",
    "acute",
    "monthly_cost",
]


pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def cw(db: None) -> CatalogueWorld:
    return catalogue_world()


def _import(*rows: list[str]) -> ImportReport:
    return import_file(actor=None, name="measures.csv", content=csv_bytes([HEADER, *rows]))


def test_the_file_is_recognised_by_its_header(db: None) -> None:
    measures = get_format("measures")
    assert measures is not None
    assert set(measures.columns) == set(HEADER)


def test_rows_become_measures_on_the_childs_open_case(cw: CatalogueWorld) -> None:
    cpr = cw.tw.child.cpr_formatted
    report = _import(
        [cpr, "family_treatment", "2026-03-01", "", "Familiecentret", "ja", "nej", "18000"],
        [cpr, "foster_family", "2025-01-15", "2025-12-31", "Plejefamilien Holm", "0", "1", "40000"],
    )
    assert report.imported, report.lines()
    assert report.counts == {"created": 2, "unchanged": 0}
    running = Measure.objects.get(kind="family_treatment")
    assert (running.case, running.status, running.offer) == (
        cw.tw.case,
        MeasureStatus.ACTIVE,
        cw.centre,  # the provider names the offer, so it counts in its occupancy
    )
    assert running.legal_ground == LegalGround.SUPPORT_WITH_CONSENT
    assert running.next_follow_up_due == first_follow_up_due(
        kind="family_treatment", start_date=date(2026, 3, 1)
    )
    ended = Measure.objects.get(kind="foster_family")
    assert (ended.status, ended.acute, ended.in_municipality, ended.expected_months) == (
        MeasureStatus.ENDED,
        True,
        False,
        11,
    )
    assert (ended.legal_ground, ended.next_follow_up_due) == (
        LegalGround.PLACEMENT_WITH_CONSENT,
        None,
    )
    assert running.history.get().history_change_reason == "Import af measures.csv"
    assert AuditEvent.objects.filter(event_type="import.measures").exists()


def test_every_bad_row_is_reported_in_danish_and_nothing_is_stored(cw: CatalogueWorld) -> None:
    cpr = cw.tw.child.cpr_formatted
    no_case = f.ChildFactory.create(birth_date=cw.tw.child.birth_date.replace(day=3))
    report = _import(
        [cpr, "family_treatment", "2026-03-01", "", "Familiecentret", "ja", "nej", "18000"],
        [no_case.cpr_formatted, "family_treatment", "2026-03-01", "", "X", "ja", "nej", "1"],
        ["12345", "familiebehandling", "1. marts", "", "", "måske", "", "mange"],
        [cpr, "home_support", "2026-03-01", "2026-02-01", "X", "ja", "ja", "-5"],
        [cpr, "foster_family", "2026-06-01", "2026-07-01", "X", "ja", "nej", "1"],
    )
    assert not report.imported
    assert not Measure.objects.exists()
    messages = [str(error) for error in report.errors]
    expected = [
        "Række 3, kolonne cpr: Barnet med CPR-nummeret",
        "har ingen åben sag",
        "Række 4, kolonne kind: Ukendt type »familiebehandling«",
        "Række 4, kolonne start_date: »1. marts« er ikke en dato",
        "Række 4, kolonne provider: Feltet er tomt",
        "Række 4, kolonne in_municipality: »måske« er hverken ja eller nej",
        "Række 4, kolonne monthly_cost: »mange« er ikke et beløb",
        "Række 5, kolonne end_date: Slutdatoen ligger før startdatoen.",
        "Række 5, kolonne acute: Kun en anbringelse kan være akut",
        "Række 5, kolonne monthly_cost: Beløbet -5 kr. er ikke rimeligt",
        "Række 6, kolonne start_date: Startdatoen 2026-06-01 ligger i fremtiden.",
        "Række 6, kolonne end_date: Slutdatoen 2026-07-01 ligger i fremtiden.",
    ]
    text = "\n".join(messages)
    for part in expected:
        assert part in text, text
    assert not any(message.startswith("Række 2") for message in messages)


def test_the_newest_open_case_takes_the_row(cw: CatalogueWorld) -> None:
    newer = CaseFactory.create(child=cw.tw.child, team=cw.tw.team, opened_on=TODAY)
    cw.tw.other_case.status = "closed"
    cw.tw.other_case.save()
    report = _import(
        [cw.tw.child.cpr_formatted, "contact_person", "2026-04-01", "", "X", "ja", "nej", "5000"]
    )
    assert report.imported, report.lines()
    assert Measure.objects.get().case == newer


def test_an_export_imports_again_unchanged(cw: CatalogueWorld) -> None:
    cpr = cw.tw.child.cpr_formatted
    _import(
        [cpr, "family_treatment", "2026-03-01", "", "Familiecentret", "ja", "nej", "18000"],
        [cpr, "kinship_foster_care", "2025-02-01", "2025-09-30", "Mormor", "ja", "ja", "12000"],
    )
    measures = get_format("measures")
    assert measures is not None
    exported = export_file(actor=None, file_format=measures, file_type="csv")
    rows = list(csv.reader(io.StringIO(exported.decode("utf-8-sig")), delimiter=";"))
    assert rows[1] == [
        cpr,
        "kinship_foster_care",
        "2025-02-01",
        "2025-09-30",
        "Mormor",
        "true",
        "true",
        "12000",
    ]
    again = import_file(actor=None, name="measures.csv", content=exported)
    assert again.imported, again.lines()
    assert again.counts == {"created": 0, "unchanged": 2}
    assert Measure.objects.count() == 2
