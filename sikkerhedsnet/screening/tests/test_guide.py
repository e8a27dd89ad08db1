"""The concern guide: the shipped catalogue, validation with Danish paths, age bands, the
proposed level, the professional's decision, new versions and the link to a position."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from sikkerhedsnet.audit.models import AuditEvent
from sikkerhedsnet.conftest import World
from sikkerhedsnet.people.models import Role
from sikkerhedsnet.people.tests import factories as f
from sikkerhedsnet.screening.models import ConcernGuideVersion, GuideAssessment, Position, Screening
from sikkerhedsnet.screening.selectors.guide import (
    NoAgeBand,
    age_band_for,
    default_content,
    default_guide,
    guide_by_version,
    guide_errors,
    guide_in_force,
    parse_guide,
)
from sikkerhedsnet.screening.services.guide import (
    GuideChanged,
    GuideEditConflict,
    GuideRefused,
    PositionRequest,
    guide_assessment_record,
    guide_version_upload,
)
from sikkerhedsnet.screening.services.positions import JointPositionConflict, joint_position_set

NOV_24 = datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
TODAY = date(2026, 11, 24)
BANDS = ["0-1", "1-3", "3-6", "6-10", "10-13", "13-18"]


# The shipped catalogue --------------------------------------------------------------------------


def test_the_shipped_catalogue_passes_its_schema_and_the_whole_document_checks() -> None:
    assert guide_errors(default_content()) == []


def test_the_shipped_catalogue_has_the_issues_levels_bands_and_areas() -> None:
    guide = default_guide()
    assert [(level.number, level.name, level.next_step) for level in guide.levels] == [
        (1, "Trivsel", "Fortsæt som hidtil"),
        (2, "Begyndende bekymring", "Tal med forældrene og lav en handleplan i enheden"),
        (
            3,
            "Bekymring",
            "Tag barnet op på et tværfagligt møde, eller drøft det med en socialrådgiver",
        ),
        (4, "Alvorlig bekymring", "Underret kommunen"),
    ]
    assert [band.code for band in guide.age_bands] == BANDS
    for band in guide.age_bands:
        names = [area.name for area in band.areas]
        assert names == ["Barnets udvikling", "Forældrenes omsorg", "Familie og omgivelser"]
        for area in band.areas:
            # A handful of concrete signs for every level in every area and age band.
            assert all(len(area.signs_at(level)) >= 2 for level in (1, 2, 3, 4)), area


def test_sign_ids_are_unique_across_the_catalogue() -> None:
    ids = [sign.id for band in default_guide().age_bands for sign in band.signs.values()]
    assert len(ids) == len(set(ids)) > 200


def test_nothing_uploaded_means_the_shipped_default_is_in_force(db: None) -> None:
    in_force = guide_in_force()
    assert in_force.version is None
    assert in_force.guide == default_guide()


# Validation: Danish messages that name the path ------------------------------------------------


def _broken(change: Any) -> list[str]:
    content = default_content()
    change(content)
    return [str(error) for error in guide_errors(content)]


def test_a_missing_field_names_its_danish_path() -> None:
    errors = _broken(lambda c: c["age_bands"][2]["areas"][0].pop("signs"))
    assert errors == ["aldersgrupper[2].områder[0]: feltet »signs« mangler"]


def test_a_wrong_level_names_the_sign() -> None:
    def change(c: dict[str, Any]) -> None:
        c["age_bands"][1]["areas"][2]["signs"][3]["level"] = 7

    assert _broken(change) == ["aldersgrupper[1].områder[2].tegn[3].niveau: må højst være 4"]


def test_the_error_also_gives_the_path_as_written_in_the_file() -> None:
    content = default_content()
    content["levels"][0]["next_step"] = ""
    (error,) = guide_errors(content)
    assert (error.path, error.json_path) == ("niveauer[0].næste_skridt", "levels[0].next_step")
    assert error.message == "må ikke være tom"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda c: c.update(extra=1), "guiden: feltet »extra« kendes ikke"),
        (lambda c: c.update(levels="fire"), "niveauer: skal være en liste"),
        (lambda c: c["age_bands"][0].update(code="0 til 1"), "aldersgrupper[0].kode: skal"),
        (
            lambda c: c["age_bands"][0]["areas"][0]["signs"][0].update(id="Æble"),
            "aldersgrupper[0].områder[0].tegn[0].id: må kun indeholde",
        ),
        (lambda c: c["areas"][0].update(code="health"), "områder[0].kode: skal være en af"),
    ],
)
def test_schema_errors_are_danish(change: Any, expected: str) -> None:
    errors = _broken(change)
    assert len(errors) == 1, errors
    assert errors[0].startswith(expected), errors


def test_levels_must_be_1_to_4_once_each() -> None:
    errors = _broken(lambda c: c["levels"][3].update(level=3))
    assert errors == [
        "niveauer: niveau 1, 2, 3 og 4 skal findes præcis én gang hver (fandt 1, 2, 3, 3)"
    ]


def test_age_bands_must_follow_each_other_from_0_to_18() -> None:
    errors = _broken(lambda c: c["age_bands"][1].update(to_years=4))
    assert errors == [
        "aldersgrupper[2].fra_år: skal være 4, så aldersgrupperne følger lige efter hinanden"
    ]
    errors = _broken(lambda c: c["age_bands"].pop())
    assert errors == ["aldersgrupper: den sidste aldersgruppe skal slutte ved 18 år"]


def test_each_band_has_each_area_once() -> None:
    errors = _broken(lambda c: c["age_bands"][4]["areas"][1].update(area="development"))
    assert errors[0].startswith("aldersgrupper[4].områder: skal have hvert af områderne")


def test_a_repeated_sign_id_is_refused() -> None:
    def change(c: dict[str, Any]) -> None:
        c["age_bands"][5]["areas"][1]["signs"][0]["id"] = "0-1.dev.1.a"

    assert _broken(change) == [
        "aldersgrupper[5].områder[1].tegn[0].id: id'et »0-1.dev.1.a« er brugt før; "
        "hvert tegn skal have sit eget id"
    ]


def test_a_document_that_is_not_an_object_is_refused() -> None:
    assert [str(e) for e in guide_errors([])] == ["guiden: skal være et objekt med felter"]


# Age bands at the edges ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("born", "band"),
    [
        (date(2026, 5, 1), "0-1"),  # half a year
        (date(2025, 11, 25), "0-1"),  # 1 year tomorrow
        (date(2025, 11, 24), "1-3"),  # exactly 1 year today
        (date(2020, 11, 25), "3-6"),  # 6 years tomorrow
        (date(2020, 11, 24), "6-10"),  # exactly 6 years today
        (date(2013, 11, 24), "13-18"),
        (date(2008, 11, 25), "13-18"),  # 17, the day before turning 18
    ],
)
def test_the_age_band_starts_on_the_birthday(born: date, band: str) -> None:
    child = f.ChildFactory.build(birth_date=born)
    assert age_band_for(default_guide(), child, TODAY).code == band


def test_an_18_year_old_is_outside_the_guide() -> None:
    child = f.ChildFactory.build(birth_date=date(2008, 11, 24))
    with pytest.raises(NoAgeBand, match=r"Guiden dækker børn fra 0 til 18 år. Barnet er 18 år."):
        age_band_for(default_guide(), child, TODAY)


# The proposal: the highest level among the ticked signs -------------------------------------


def test_no_ticks_proposes_well_being() -> None:
    guide = default_guide()
    band = guide.age_bands[2]
    assert guide.propose(band, []).number == 1


def test_the_highest_ticked_level_is_proposed_with_its_next_step() -> None:
    guide = default_guide()
    band = guide.band("3-6")
    assert band is not None
    proposal = guide.propose(band, ["3-6.dev.1.a", "3-6.care.3.b", "3-6.fam.2.a"])
    assert proposal.number == 3
    assert proposal.next_step.startswith("Tag barnet op på et tværfagligt møde")
    assert guide.propose(band, ["3-6.dev.1.a", "3-6.fam.4.a"]).number == 4


def test_a_sign_from_another_band_is_not_accepted() -> None:
    guide = default_guide()
    band = guide.band("3-6")
    assert band is not None
    with pytest.raises(ValueError, match="not in age band"):
        guide.propose(band, ["0-1.dev.4.a"])


# Assessments ----------------------------------------------------------------------------------


def assess(world: World, signs: list[str], level: int, reason: str = "", **kw: Any) -> Any:
    return guide_assessment_record(
        actor=world.colleague,
        child=world.child,  # born 17.05.2021: 5 years, band 3-6
        unit=world.unit,
        assessed_on=TODAY,
        guide_version=kw.pop("guide_version", "2026.1"),
        sign_ids=signs,
        decided_level=level,
        reason=reason,
        **kw,
    )


@time_machine.travel(NOV_24)
def test_the_assessment_keeps_signs_proposal_and_decision(world: World) -> None:
    assessment = assess(world, ["3-6.dev.2.a", "3-6.care.1.a"], 2)
    assessment.refresh_from_db()
    assert assessment.signs == ["3-6.dev.2.a", "3-6.care.1.a"]
    assert (assessment.guide_version, assessment.age_band) == ("2026.1", "3-6")
    assert (assessment.proposed_level, assessment.decided_level) == (2, 2)
    assert assessment.assessed_by == world.colleague
    event = AuditEvent.objects.get(event_type="screening.guide_assessment_recorded")
    assert event.extra["proposed_level"] == 2


@time_machine.travel(NOV_24)
def test_deciding_otherwise_than_the_proposal_needs_a_reason(world: World) -> None:
    with pytest.raises(GuideRefused, match="hvorfor du vælger niveau 3, når guiden foreslår"):
        assess(world, ["3-6.dev.2.a"], 3)
    assert not GuideAssessment.objects.exists()
    assessment = assess(world, ["3-6.dev.2.a"], 3, reason="Set flere gange i denne uge.")
    assert (assessment.proposed_level, assessment.decided_level) == (2, 3)
    assert assessment.decision_reason == "Set flere gange i denne uge."


@time_machine.travel(NOV_24)
def test_a_blank_reason_is_no_reason(world: World) -> None:
    with pytest.raises(GuideRefused):
        assess(world, [], 2, reason="   ")


@time_machine.travel(NOV_24)
def test_signs_from_another_age_band_are_refused(world: World) -> None:
    with pytest.raises(GuideChanged):
        assess(world, ["0-1.dev.2.a"], 2)


@time_machine.travel(NOV_24)
def test_an_assessment_made_on_an_old_guide_version_is_refused(world: World) -> None:
    with pytest.raises(GuideChanged, match=r"opdateret til version 2026.1"):
        assess(world, [], 1, guide_version="2025.9")


@time_machine.travel(NOV_24)
def test_only_staff_of_the_childs_unit_may_assess(world: World) -> None:
    with pytest.raises(GuideRefused):
        guide_assessment_record(
            actor=world.outsider,
            child=world.child,
            unit=world.other_unit,
            assessed_on=TODAY,
            guide_version="2026.1",
            sign_ids=[],
            decided_level=1,
        )


# Setting the joint position from an assessment ------------------------------------------------


@time_machine.travel(NOV_24)
@pytest.mark.parametrize(
    ("signs", "level", "position"),
    [
        ([], 1, Position.GREEN),
        (["3-6.dev.2.a"], 2, Position.YELLOW),
        (["3-6.dev.3.a"], 3, Position.RED),
        (["3-6.dev.4.a"], 4, Position.RED),
    ],
)
def test_the_decided_level_can_set_the_joint_position_and_is_linked(
    world: World, signs: list[str], level: int, position: str
) -> None:
    assessment = assess(world, signs, level, position=PositionRequest(expected_version=None))
    screening = Screening.objects.get(child=world.child)
    assert screening.position == position
    assert screening.guide_assessment == assessment
    assert screening.history.count() == 2  # created, then linked


@time_machine.travel(NOV_24)
def test_a_position_changed_meanwhile_is_a_conflict_and_nothing_is_saved(world: World) -> None:
    joint_position_set(
        actor=world.owner,
        child=world.child,
        unit=world.unit,
        position=Position.YELLOW,
        expected_version=None,
    )
    with pytest.raises(JointPositionConflict):
        assess(world, ["3-6.dev.3.a"], 3, position=PositionRequest(expected_version=None))
    assert not GuideAssessment.objects.exists()
    assert Screening.objects.get(child=world.child).position == Position.YELLOW


# New versions of the catalogue ----------------------------------------------------------------


def _next(version: str = "2027.1") -> dict[str, Any]:
    content = default_content()
    content["version"] = version
    return content


def test_an_upload_becomes_the_guide_in_force(world: World) -> None:
    admin = world.role_users[Role.ADMINISTRATOR]
    version = guide_version_upload(actor=admin, content=_next(), note="Ny udgave", based_on=None)
    in_force = guide_in_force()
    assert in_force.version == version
    assert in_force.guide.version == "2027.1"
    assert AuditEvent.objects.filter(event_type="screening.concern_guide_uploaded").exists()
    assert guide_by_version("2026.1") == default_guide()  # old assessments can still be shown


def test_an_invalid_upload_is_refused_and_nothing_is_saved(world: World) -> None:
    content = _next()
    del content["levels"]
    with pytest.raises(GuideRefused, match="feltet »levels« mangler"):
        guide_version_upload(
            actor=world.role_users[Role.ADMINISTRATOR], content=content, based_on=None
        )
    assert not ConcernGuideVersion.objects.exists()


def test_a_version_name_cannot_be_reused_for_other_content(world: World) -> None:
    admin = world.role_users[Role.ADMINISTRATOR]
    changed = _next("2026.1")
    changed["title"] = "Vores guide"
    with pytest.raises(GuideRefused, match="findes allerede"):
        guide_version_upload(actor=admin, content=changed, based_on=None)
    # The shipped catalogue itself, unchanged, may be put in force under its own name.
    guide_version_upload(actor=admin, content=default_content(), based_on=None)


def test_two_editors_do_not_overwrite_each_other(world: World) -> None:
    admin = world.role_users[Role.ADMINISTRATOR]
    first = guide_version_upload(actor=admin, content=_next("2027.1"), based_on=None)
    with pytest.raises(GuideEditConflict) as conflict:
        guide_version_upload(actor=admin, content=_next("2027.2"), based_on=None)
    assert conflict.value.current == first
    guide_version_upload(actor=admin, content=_next("2027.2"), based_on=first.pk)
    assert guide_in_force().guide.version == "2027.2"


def test_parse_guide_builds_the_objects_in_the_guides_area_order() -> None:
    content = default_content()
    content["age_bands"][0]["areas"].reverse()
    band = parse_guide(content).age_bands[0]
    assert [area.code for area in band.areas] == ["development", "parental_care", "family"]


def test_a_stored_version_that_no_longer_validates_is_skipped_not_fatal(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    admin = world.role_users[Role.ADMINISTRATOR]
    good = guide_version_upload(actor=admin, content=_next("2027.1"), based_on=None)
    broken = _next("2027.2")
    del broken["levels"]
    ConcernGuideVersion.objects.create(content=broken, uploaded_by=admin)  # bypasses the service
    in_force = guide_in_force()
    assert in_force.version == good
    assert in_force.guide.version == "2027.1"
    assert "is invalid and skipped" in caplog.text
    assert guide_by_version("2027.2") is None
