"""The pages for ADBB, the concern guide and consent: access, forms, errors that lose nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django.fixtures import Settings

from sikkerhedsnet.audit.models import AccessLog
from sikkerhedsnet.conftest import World, client_for, comparable_page
from sikkerhedsnet.people.models import Role, UnitKind
from sikkerhedsnet.people.tests import factories as f
from sikkerhedsnet.screening.adbb_scale import ADBB_ITEMS
from sikkerhedsnet.screening.models import (
    AdbbFollowUp,
    ConcernGuideVersion,
    GuideAssessment,
    Instrument,
    Position,
    Screening,
    SharingConsent,
)
from sikkerhedsnet.screening.selectors.guide import default_content, guide_in_force
from sikkerhedsnet.screening.services.guide import guide_version_upload
from sikkerhedsnet.screening.services.positions import joint_position_set
from sikkerhedsnet.screening.tests.factories import AdbbScreeningFactory, Health, make_health

NOV_24 = datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
# Time runs on from NOV_24 here, as it always has (the root `today` stands still; stored guide
# versions, for one, are told apart by their upload time).
pytestmark = pytest.mark.usefixtures("_on_nov_24")


@pytest.fixture
def _on_nov_24() -> Iterator[None]:
    with time_machine.travel(NOV_24):
        yield


@pytest.fixture
def health(world: World) -> Health:
    return make_health()


def scores(*values: int, screened_on: str = "20.11.2026") -> dict[str, str]:
    data = {f"item_{item.code}": str(v) for item, v in zip(ADBB_ITEMS, values, strict=True)}
    return {"screened_on": screened_on, **data}


FIVE = (1, 1, 1, 1, 1, 0, 0, 0)
FOUR = (1, 1, 1, 1, 0, 0, 0, 0)


# ADBB: who may -------------------------------------------------------------------------------


def test_the_health_visitor_gets_the_scoring_form(health: Health) -> None:
    page = client_for(health.nurse).get(f"/boern/{health.baby.pk}/adbb/").content.decode()
    assert "ADBB: ny scoring" in page
    assert page.count('type="radio"') == 8 * 5
    assert '<legend class="form-label">6. Reaktionstid ift. stimulation</legend>' in page


def test_it_requires_access(health: Health, world: World) -> None:
    for user in (world.outsider, world.colleague, world.role_users[Role.ADMINISTRATOR]):
        assert client_for(user).get(f"/boern/{health.baby.pk}/adbb/").status_code == 404


def test_daycare_staff_who_see_the_child_still_get_404_and_no_read_is_logged(
    health: Health, world: World
) -> None:
    f.EnrolmentFactory.create(child=health.baby, unit=world.unit, since=date(2026, 11, 1))
    client = client_for(world.colleague)
    assert client.get(f"/boern/{health.baby.pk}/").status_code == 200
    AccessLog.objects.all().delete()
    assert client.get(f"/boern/{health.baby.pk}/adbb/").status_code == 404
    assert not AccessLog.objects.exists()


def test_missing_and_forbidden_look_the_same(health: Health, world: World) -> None:
    client = client_for(world.outsider)
    forbidden = client.get(f"/boern/{health.baby.pk}/adbb/")
    missing = client.get("/boern/999999/adbb/")
    assert forbidden.status_code == missing.status_code == 404
    assert comparable_page(forbidden.content, f"/boern/{health.baby.pk}/adbb/") == (
        comparable_page(missing.content, "/boern/999999/adbb/")
    )


def test_the_scoring_page_is_logged(health: Health) -> None:
    client_for(health.nurse).get(f"/boern/{health.baby.pk}/adbb/")
    row = AccessLog.objects.get()
    assert (row.user, row.child, row.shown) == (health.nurse, health.baby, "ADBB: ny scoring")


# ADBB: recording ----------------------------------------------------------------------------


def test_a_total_at_the_cutoff_asks_for_a_follow_up_visit_by_a_date(health: Health) -> None:
    client = client_for(health.nurse)
    response = client.post(f"/boern/{health.baby.pk}/adbb/", scores(*FIVE))
    screening = Screening.objects.get(instrument=Instrument.ADBB)
    assert response["Location"] == f"/boern/{health.baby.pk}/adbb/{screening.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Opfølgende besøg nødvendigt: scoren er 5, på eller over grænsen på 5." in page
    assert "senest 04.12.2026" in page


def test_a_total_under_the_cutoff_says_so(health: Health) -> None:
    client = client_for(health.nurse)
    response = client.post(f"/boern/{health.baby.pk}/adbb/", scores(*FOUR))
    page = client.get(response["Location"]).content.decode()
    assert "Scoren er 4, under grænsen på 5." in page
    assert "Opfølgende besøg nødvendigt" not in page


def test_the_cutoff_follows_the_policy(health: Health, settings: Settings) -> None:
    settings.SIKKERHEDSNET_POLICY = {"adbb_cutoff": 4}
    client = client_for(health.nurse)
    response = client.post(f"/boern/{health.baby.pk}/adbb/", scores(*FOUR))
    page = client.get(response["Location"]).content.decode()
    assert "scoren er 4, på eller over grænsen på 4" in page


def test_a_child_too_young_is_refused_with_its_age_and_nothing_is_lost(health: Health) -> None:
    response = client_for(health.nurse).post(
        f"/boern/{health.baby.pk}/adbb/", scores(4, 3, 2, 1, 0, 1, 2, 3, screened_on="15.07.2026")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Barnet var 1 måned på besøgsdagen 15.07.2026." in page
    assert 'value="15.07.2026"' in page
    assert 'name="item_facial_expression" value="4" class="form-radio"' in page
    assert "checked" in page.split('name="item_facial_expression" value="4"')[1].split(">")[0]
    assert not Screening.objects.exists()


def test_a_missing_item_is_named_in_danish(health: Health) -> None:
    data = scores(*FIVE)
    del data["item_eye_contact"]
    page = client_for(health.nurse).post(f"/boern/{health.baby.pk}/adbb/", data).content.decode()
    assert "Vælg en score for Øjenkontakt." in page
    assert 'aria-describedby="id_item_eye_contact-hint id_item_eye_contact-error"' in page
    assert not Screening.objects.exists()


@pytest.mark.parametrize(
    ("day", "message"),
    [("25.11.2026", "Datoen må ikke ligge i fremtiden."), ("2026/20/11", "Skriv datoen som")],
)
def test_a_bad_visit_date_is_refused(health: Health, day: str, message: str) -> None:
    page = client_for(health.nurse).post(
        f"/boern/{health.baby.pk}/adbb/", scores(*FIVE, screened_on=day)
    )
    assert message in page.content.decode()
    assert not Screening.objects.exists()


def test_a_scoring_of_another_child_is_404(health: Health) -> None:
    other = AdbbScreeningFactory.create(unit=health.unit)
    client = client_for(health.nurse)
    assert client.get(f"/boern/{health.baby.pk}/adbb/{other.pk}/").status_code == 404


# ADBB: the follow-up visit --------------------------------------------------------------------


def _scored(health: Health) -> Screening:
    return AdbbScreeningFactory.create(
        child=health.baby, unit=health.unit, screened_on=date(2026, 11, 20)
    )


def test_the_follow_up_visit_is_recorded_with_date_and_note(health: Health) -> None:
    screening = _scored(health)
    client = client_for(health.nurse)
    url = f"/boern/{health.baby.pk}/adbb/{screening.pk}/opfoelgning/"
    response = client.post(url, {"visited_on": "24.11.2026", "note": "Mere kontakt i dag."})
    assert response["Location"] == f"/boern/{health.baby.pk}/adbb/{screening.pk}/"
    visit = AdbbFollowUp.objects.get()
    assert (visit.visited_on, visit.note) == (date(2026, 11, 24), "Mere kontakt i dag.")
    page = client.get(response["Location"]).content.decode()
    assert "24.11.2026" in page
    assert "Mere kontakt i dag." in page


def test_a_follow_up_before_the_scoring_is_refused_and_the_note_kept(health: Health) -> None:
    screening = _scored(health)
    url = f"/boern/{health.baby.pk}/adbb/{screening.pk}/opfoelgning/"
    page = client_for(health.nurse).post(url, {"visited_on": "19.11.2026", "note": "Min tekst"})
    text = page.content.decode()
    assert "kan ikke ligge før scoringen den 20.11.2026" in text
    assert "Min tekst" in text
    assert not AdbbFollowUp.objects.exists()


def test_the_follow_up_page_requires_access(health: Health, world: World) -> None:
    screening = _scored(health)
    url = f"/boern/{health.baby.pk}/adbb/{screening.pk}/opfoelgning/"
    assert client_for(world.outsider).get(url).status_code == 404
    assert client_for(world.outsider).post(url, {"visited_on": "24.11.2026"}).status_code == 404
    assert not AdbbFollowUp.objects.exists()


# The guide: assessing a child -------------------------------------------------------------


def guide_url(world: World) -> str:
    return f"/boern/{world.child.pk}/bekymringsguide/"


def save(world: World, signs: list[str], level: str, **extra: str) -> Any:
    data = {"signs": signs, "decided_level": level, "guide_version": "2026.1", "action": "save"}
    return client_for(world.colleague).post(guide_url(world), {**data, **extra})


def test_the_guide_page_shows_the_childs_age_band(world: World) -> None:
    page = client_for(world.colleague).get(guide_url(world)).content.decode()
    assert "Aldersgruppe 3–6 år" in page
    assert 'value="3-6.dev.1.a"' in page
    assert 'value="0-1.dev.1.a"' not in page
    assert "Niveau 1: Trivsel" in page  # the proposal with nothing ticked


def test_the_guide_page_requires_access(world: World) -> None:
    assert client_for(world.outsider).get(guide_url(world)).status_code == 404
    caseworker = world.role_users[Role.CASEWORKER]
    assert client_for(caseworker).get(guide_url(world)).status_code == 404
    assert client_for(world.outsider).post(guide_url(world), {}).status_code == 404


def test_saving_keeps_the_ticked_signs_and_the_decision(world: World) -> None:
    response = save(world, ["3-6.dev.2.a", "3-6.fam.1.a"], "2")
    assessment = GuideAssessment.objects.get()
    assert response["Location"] == f"{guide_url(world)}{assessment.pk}/"
    assert assessment.signs == ["3-6.dev.2.a", "3-6.fam.1.a"]
    page = client_for(world.colleague).get(response["Location"]).content.decode()
    assert "Barnet har svært ved at komme med i leg" in page
    assert "Tal med forældrene og lav en handleplan i enheden" in page


def test_deviating_without_a_reason_is_refused_and_the_ticks_are_kept(world: World) -> None:
    response = save(world, ["3-6.dev.2.a"], "3")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Skriv kort, hvorfor du vælger niveau 3, når guiden foreslår niveau 2" in page
    assert 'value="3-6.dev.2.a" id="sign-3-6.dev.2.a" checked' in page
    assert not GuideAssessment.objects.exists()
    save(world, ["3-6.dev.2.a"], "3", reason="Gentaget over tre uger.")
    assert GuideAssessment.objects.get().decision_reason == "Gentaget over tre uger."


def test_the_proposal_follows_the_ticks_without_saving(world: World) -> None:
    client = client_for(world.colleague)
    data = {"signs": ["3-6.care.3.a"], "guide_version": "2026.1", "action": "propose"}
    page = client.post(guide_url(world), data).content.decode()
    assert "Niveau 3: Bekymring" in page
    assert "Vælg det niveau" not in page
    assert "<html" in page
    partial = client.post(guide_url(world), data, headers={"HX-Request": "true"}).content.decode()
    assert "Niveau 3: Bekymring" in partial
    assert "<html" not in partial
    assert not GuideAssessment.objects.exists()


def test_a_guide_updated_meanwhile_is_said_and_nothing_is_saved(world: World) -> None:
    content = default_content()
    content["version"] = "2027.1"
    guide_version_upload(actor=world.role_users[Role.ADMINISTRATOR], content=content, based_on=None)
    page = save(world, ["3-6.dev.2.a"], "2").content.decode()
    assert "Guiden er opdateret til version 2027.1, mens du udfyldte den" in page
    assert 'name="guide_version" value="2027.1"' in page
    assert not GuideAssessment.objects.exists()


def test_the_decision_can_set_the_joint_position(world: World) -> None:
    save(world, ["3-6.dev.2.a"], "2", set_position="on", position_version="")
    screening = Screening.objects.get(instrument=Instrument.TRAFFIC_LIGHT)
    assert screening.position == Position.YELLOW
    assert screening.guide_assessment == GuideAssessment.objects.get()


def test_a_position_set_meanwhile_is_a_conflict_named_on_the_page(world: World) -> None:
    page_version = ""  # the page was opened before anyone set a position
    joint_position_set(
        actor=world.owner,
        child=world.child,
        unit=world.unit,
        position=Position.RED,
        expected_version=None,
    )
    response = save(world, [], "1", set_position="on", position_version=page_version)
    page = response.content.decode()
    assert "har sat barnets position til rød" in page
    assert not GuideAssessment.objects.exists()
    assert Screening.objects.get().position == Position.RED
    assert 'name="position_version" value="1"' in page  # a second save is a decision


def test_another_units_assessment_needs_consent(world: World) -> None:
    f.EnrolmentFactory.create(child=world.child, unit=world.other_unit)
    save(world, [], "1")
    assessment = GuideAssessment.objects.get()
    url = f"{guide_url(world)}{assessment.pk}/"
    outsider = client_for(world.outsider)
    assert outsider.get(url).status_code == 404
    SharingConsent.objects.create(
        child=world.child,
        given_by=world.child.custodies.get().guardian,
        given_on=date(2026, 11, 1),
        recorded_by=world.owner,
    )
    assert outsider.get(url).status_code == 200


# The guide: reading and editing ---------------------------------------------------------------


def test_every_professional_role_reads_the_guide(world: World) -> None:
    page = client_for(world.colleague).get("/bekymringsguide/?alder=13-18").content.decode()
    assert "Trivsels- og bekymringsguide" in page
    assert "Underret kommunen" in page
    assert "Den unge har venner" in page
    assert "Barnet søger øjenkontakt" not in page
    assert client_for(world.role_users[Role.MANAGEMENT]).get("/bekymringsguide/").status_code == 404


def test_the_editor_is_the_administrators_alone(world: World) -> None:
    for role in Role.values:
        response = client_for(world.role_users[role]).get("/bekymringsguide/rediger/")
        assert response.status_code == (200 if role == Role.ADMINISTRATOR else 404), role
    assert client_for(world.colleague).post("/bekymringsguide/rediger/", {}).status_code == 404


def admin(world: World) -> Client:
    return client_for(world.role_users[Role.ADMINISTRATOR])


def _json(version: str = "2027.1") -> str:
    content = default_content()
    content["version"] = version
    return json.dumps(content, ensure_ascii=False)


def test_the_editor_starts_from_the_guide_in_force(world: World) -> None:
    page = admin(world).get("/bekymringsguide/rediger/").content.decode()
    assert "&quot;version&quot;: &quot;2026.1&quot;" in page
    assert "standardguiden" in page


def test_a_pasted_version_is_validated_and_put_in_force(world: World) -> None:
    response = admin(world).post(
        "/bekymringsguide/rediger/", {"content": _json(), "note": "Ny", "based_on": ""}
    )
    assert response.status_code == 302
    assert guide_in_force().guide.version == "2027.1"
    assert ConcernGuideVersion.objects.get().note == "Ny"


def test_an_uploaded_file_works_too(world: World) -> None:
    upload = SimpleUploadedFile("guide.json", _json("2027.5").encode(), "application/json")
    response = admin(world).post(
        "/bekymringsguide/rediger/", {"content": "", "file": upload, "based_on": ""}
    )
    assert response.status_code == 302
    assert guide_in_force().guide.version == "2027.5"


def test_invalid_json_names_the_line_and_keeps_the_text(world: World) -> None:
    text = '{\n  "version": "2027.1",\n  oops\n}'
    page = admin(world).post("/bekymringsguide/rediger/", {"content": text, "based_on": ""})
    body = page.content.decode()
    assert "Teksten er ikke gyldig JSON: fejl i linje 3, kolonne 3." in body
    assert "oops" in body
    assert not ConcernGuideVersion.objects.exists()


def test_deeply_nested_json_is_refused_without_a_crash(world: World) -> None:
    text = "[" * 100_000 + "]" * 100_000
    page = admin(world).post("/bekymringsguide/rediger/", {"content": text, "based_on": ""})
    assert "indlejret for dybt" in page.content.decode()


def test_schema_errors_are_listed_with_their_paths(world: World) -> None:
    content = json.loads(_json())
    content["age_bands"][2]["areas"][0]["signs"][0]["level"] = 9
    text = json.dumps(content, ensure_ascii=False)
    page = admin(world).post("/bekymringsguide/rediger/", {"content": text, "based_on": ""})
    body = page.content.decode()
    assert "<strong>aldersgrupper[2].områder[0].tegn[0].niveau</strong>: må højst være 4" in body
    assert "age_bands[2].areas[0].signs[0].level" in body
    assert not ConcernGuideVersion.objects.exists()


def test_two_administrators_do_not_overwrite_each_other(world: World) -> None:
    other_admin = f.staff(Role.ADMINISTRATOR, username="anna", first_name="Anna")
    guide_version_upload(actor=other_admin, content=json.loads(_json("2027.1")), based_on=None)
    page = admin(world).post(
        "/bekymringsguide/rediger/", {"content": _json("2027.2"), "based_on": ""}
    )
    body = page.content.decode()
    assert "Anna" in body
    assert "har lagt version 2027.1 i kraft" in body
    assert "2027.2" in body  # her text is still there
    assert guide_in_force().guide.version == "2027.1"
    newest = ConcernGuideVersion.objects.get().pk
    assert f'name="based_on" value="{newest}"' in body


# Consent ---------------------------------------------------------------------------------------


def consent_url(world: World) -> str:
    return f"/boern/{world.child.pk}/samtykke/"


def test_consent_is_recorded_and_withdrawn_on_the_page(world: World) -> None:
    client = client_for(world.colleague)
    guardian = world.child.custodies.get().guardian
    response = client.post(
        consent_url(world),
        {"action": "record", "guardian": guardian.pk, "given_on": "20.11.2026"},
    )
    assert response.status_code == 302
    consent = SharingConsent.objects.get()
    page = client.get(consent_url(world)).content.decode()
    assert "gav samtykke den 20.11.2026" in page
    response = client.post(
        consent_url(world),
        {"action": "withdraw", "consent": consent.pk, "withdrawn_on": "24.11.2026"},
    )
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == date(2026, 11, 24)
    assert "Der er ikke givet samtykke" in client.get(consent_url(world)).content.decode()


def test_a_second_open_consent_is_refused_on_the_form(world: World) -> None:
    client = client_for(world.colleague)
    guardian = world.child.custodies.get().guardian
    data = {"action": "record", "guardian": guardian.pk, "given_on": "20.11.2026"}
    client.post(consent_url(world), data)
    page = client.post(consent_url(world), data).content.decode()
    assert "Det skal trækkes tilbage, før der kan registreres et nyt." in page
    assert SharingConsent.objects.count() == 1


def test_withdrawing_a_consent_already_withdrawn_says_so(world: World) -> None:
    client = client_for(world.colleague)
    guardian = world.child.custodies.get().guardian
    client.post(
        consent_url(world), {"action": "record", "guardian": guardian.pk, "given_on": "01.11.2026"}
    )
    consent = SharingConsent.objects.get()
    data = {"action": "withdraw", "consent": consent.pk, "withdrawn_on": "20.11.2026"}
    client.post(consent_url(world), data)
    response = client.post(consent_url(world), {**data, "withdrawn_on": "24.11.2026"}, follow=True)
    assert "Samtykket var allerede trukket tilbage" in response.content.decode()
    consent.refresh_from_db()
    assert consent.withdrawn_on == date(2026, 11, 20)


def test_a_guardian_without_custody_cannot_be_chosen(world: World) -> None:
    without = f.CustodyFactory.create(child=world.child, has_custody=False).guardian
    page = client_for(world.colleague).post(
        consent_url(world), {"action": "record", "guardian": without.pk, "given_on": "20.11.2026"}
    )
    assert "Vælg en forælder med forældremyndighed." in page.content.decode()
    assert not SharingConsent.objects.exists()


def test_the_consent_page_requires_access(world: World) -> None:
    assert client_for(world.outsider).get(consent_url(world)).status_code == 404
    guardian = world.child.custodies.get().guardian
    data = {"action": "record", "guardian": guardian.pk, "given_on": "20.11.2026"}
    assert client_for(world.outsider).post(consent_url(world), data).status_code == 404
    assert not SharingConsent.objects.exists()


def test_a_health_visitor_sees_no_adbb_form_for_a_child_out_of_age(health: Health) -> None:
    older = f.ChildFactory.create(birth_date=date(2024, 1, 1))
    f.EnrolmentFactory.create(child=older, unit=health.unit, since=date(2024, 1, 1))
    page = client_for(health.nurse).get(f"/boern/{older.pk}/adbb/").content.decode()
    assert "I dag: ADBB bruges til børn fra 2 måneder til 24 måneder." in page
    assert health.unit.kind == UnitKind.HEALTH_VISITING
