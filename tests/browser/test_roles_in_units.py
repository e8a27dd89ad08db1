"""The demo logins of the frontline professionals (DESIGN §1) each do their main job, starting
from the login page: the health visitor reads an infant's ADBB scoring at the cutoff, records
the follow-up visit and a new scoring; the teacher gives a pupil her rating and the joint
position in the round; the SFO pedagogue rates a child whose position the school has set; dental
staff notifies the municipality about a child (Barnets Lov § 133: the public employee's
sharpened duty to notify).

The units are built with the app's factories and services; `demo_logins_reset` places the demo
logins in them, as it does in a generated municipality. Every page on the way is checked by
axe-core (conftest.Tab), and the round pages once more after their in-place saves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.utils import timezone

from sikkerhedsnet.intake.models import Notification, SourceKind
from sikkerhedsnet.people.models import Child, Role, Unit, UnitKind, User
from sikkerhedsnet.people.tests import factories as f
from sikkerhedsnet.screening.adbb_scale import ADBB_ITEMS
from sikkerhedsnet.screening.models import (
    AdbbFollowUp,
    Instrument,
    Position,
    Rating,
    Screening,
)
from sikkerhedsnet.screening.services.adbb import adbb_record
from sikkerhedsnet.screening.services.positions import joint_position_set, rating_set
from sikkerhedsnet.synth.demo import demo_logins_reset
from tests.browser.conftest import Tab, assert_accessible
from tests.town import PASSWORD, Town

pytestmark = pytest.mark.browser

NewTab = Callable[..., Tab]
SUBMIT = "main form button[type=submit]"
WITHDRAWN = [1, 1, 1, 1, 1, 1, 0, 0]  # a total of 6: over the default cutoff of 5
CONTENT = [0, 1, 0, 0, 1, 0, 0, 0]  # a total of 2


@dataclass(frozen=True)
class Units:
    health: Unit
    dental: Unit
    school: Unit
    sfo: Unit
    baby: Child
    scoring: Screening
    alma: Child  # in 2.A and in the SFO; nobody has set her joint position yet
    bo: Child  # in 2.A and in the SFO; his teacher has set this round's joint position
    carl: Child  # seen in the dental clinic


def _pupil(first_name: str, school: Unit, sfo: Unit) -> Child:
    child = f.ChildFactory.create(
        first_name=first_name, last_name="Berg", birth_date=date(2018, 4, 2)
    )
    f.EnrolmentFactory.create(child=child, unit=school, group="2.A", since=date(2024, 8, 1))
    f.EnrolmentFactory.create(child=child, unit=sfo, group="2.A", since=date(2024, 8, 1))
    f.CustodyFactory.create(child=child)
    return child


@pytest.fixture
def units(town: Town) -> Units:
    today = timezone.localdate()
    health = f.UnitFactory.create(
        name="Sundhedsplejen Nord", code="SUN001", kind=UnitKind.HEALTH_VISITING
    )
    dental = f.UnitFactory.create(name="Tandplejen Nord", code="TAN001", kind=UnitKind.DENTAL)
    school = f.UnitFactory.create(name="Engby Skole", code="SKO001", kind=UnitKind.SCHOOL)
    sfo = f.UnitFactory.create(name="SFO Engby Skole", code="SFO001", kind=UnitKind.SFO)
    hanne = f.staff(Role.PROFESSIONAL, health, username="hanne", first_name="Hanne")
    karen = f.staff(Role.PROFESSIONAL, school, username="karen", first_name="Karen")
    sofie = f.staff(Role.PROFESSIONAL, sfo, username="sofie", first_name="Sofie")

    born = today - timedelta(days=150)  # about five months old
    baby = f.ChildFactory.create(first_name="Ida", last_name="Holm", birth_date=born)
    f.EnrolmentFactory.create(child=baby, unit=health, since=born)
    f.CustodyFactory.create(child=baby)
    # Her colleague's visit at two months, at the cutoff, with no follow-up visit yet.
    scoring = adbb_record(
        actor=hanne, child=baby, unit=health, scores=WITHDRAWN, screened_on=born + timedelta(62)
    )

    alma, bo = _pupil("Alma", school, sfo), _pupil("Bo", school, sfo)
    joint_position_set(
        actor=karen, child=bo, unit=school, position=Position.YELLOW, expected_version=None
    )
    rating_set(actor=sofie, child=alma, unit=sfo, position=Position.GREEN)

    carl = f.ChildFactory.create(first_name="Carl", last_name="Dam", birth_date=date(2016, 9, 9))
    f.EnrolmentFactory.create(child=carl, unit=dental, since=date(2016, 9, 9))
    f.CustodyFactory.create(child=carl)
    demo_logins_reset(password=PASSWORD)
    return Units(health, dental, school, sfo, baby, scoring, alma, bo, carl)


def _open_unit(tab: Tab, username: str, unit: Unit) -> None:
    """Log in and go from the front page to the unit, as a demo starts."""
    tab.log_in(username)
    assert f"/enheder/{unit.pk}/" in tab.page.locator("main").inner_html()
    tab.click(f"main a[href='/enheder/{unit.pk}/']")
    assert tab.page.locator("h1").inner_text() == unit.name


def _open_round(tab: Tab, username: str, unit: Unit) -> None:
    _open_unit(tab, username, unit)
    tab.click(f"main a[href='/enheder/{unit.pk}/runde/']")


def _saved(tab: Tab, child: Child, text: str) -> None:
    tab.page.locator(f"#status-{child.pk}").filter(has_text=text).wait_for()


def test_the_health_visitor_reads_an_adbb_records_the_follow_up_and_a_new_scoring(
    new_tab: NewTab, units: Units
) -> None:
    baby, scoring = units.baby, units.scoring
    tab = new_tab()
    _open_unit(tab, "sundhedsplejerske", units.health)
    tab.click(f"main a[href='/boern/{baby.pk}/']")
    tab.click(f"main a[href='/boern/{baby.pk}/adbb/{scoring.pk}/']")
    page = tab.page
    assert "Opfølgende besøg nødvendigt: scoren er 6" in page.locator("main").inner_text()

    today = timezone.localdate()
    tab.click("main .alert-warning a")
    tab.submit(
        SUBMIT,
        {"#id_visited_on": today.strftime("%d.%m.%Y"), "#id_note": "Ida smiler og søger øjnene."},
    )
    nurse = User.objects.get(username="sundhedsplejerske")
    assert AdbbFollowUp.objects.get(screening=scoring).recorded_by == nurse

    tab.goto(f"/boern/{baby.pk}/")
    tab.click(f"main a[href='/boern/{baby.pk}/adbb/']")
    for item, score in zip(ADBB_ITEMS, CONTENT, strict=True):
        page.click(f"label[for='id_item_{item.code}_{score}']")
    tab.submit(SUBMIT, {"#id_screened_on": today.strftime("%d.%m.%Y")})
    new = Screening.objects.get(child=baby, instrument=Instrument.ADBB, recorded_by=nurse)
    assert (new.adbb_total, new.unit) == (2, units.health)
    assert "Scoren er 2, under grænsen på 5." in page.locator("main").inner_text()


def test_the_teacher_rates_a_pupil_and_sets_the_joint_position(
    new_tab: NewTab, units: Units
) -> None:
    alma = units.alma
    tab = new_tab()
    _open_round(tab, "laerer", units.school)
    page = tab.page
    assert page.locator("#round-table tbody tr").count() == 2

    page.click(f"label[for='rating-{alma.pk}-yellow']")
    _saved(tab, alma, "Din vurdering er gemt: Gul")
    page.click(f"label[for='joint-{alma.pk}-yellow']")
    _saved(tab, alma, "Den fælles position er gemt: Gul")
    page.locator(f"#status-{alma.pk} a", has_text="Registrér dialogmøde").wait_for()
    assert not tab.problems, tab.problems
    assert_accessible(page)

    teacher = User.objects.get(username="laerer")
    joint = Screening.objects.get(child=alma, instrument=Instrument.TRAFFIC_LIGHT)
    assert (joint.unit, joint.position, joint.recorded_by) == (units.school, "yellow", teacher)
    assert Rating.objects.get(child=alma, rater=teacher).position == "yellow"


def test_the_sfo_pedagogue_rates_a_child_whose_position_the_school_has_set(
    new_tab: NewTab, units: Units
) -> None:
    bo = units.bo
    tab = new_tab()
    _open_round(tab, "sfo-paedagog", units.sfo)
    page = tab.page
    status = page.locator(f"#status-{bo.pk}").inner_text()
    assert "En anden enhed har givet barnet en fælles position i denne runde." in status
    # The SFO never sets the joint position, for Bo or for Alma, whose school has not yet.
    assert page.locator("input[name='joint']").count() == 0
    assert (
        "Skolen sætter den fælles position" in page.locator(f"#barn-{units.alma.pk}").inner_text()
    )
    assert "1 vurdering" in page.locator(f"#ratings-{units.alma.pk}").inner_text()

    page.click(f"label[for='rating-{bo.pk}-green']")
    _saved(tab, bo, "Din vurdering er gemt: Grøn")
    assert "din er med" in page.locator(f"#ratings-{bo.pk}").inner_text()
    assert not tab.problems, tab.problems
    assert_accessible(page)

    pedagogue = User.objects.get(username="sfo-paedagog")
    rating = Rating.objects.get(child=bo, rater=pedagogue)
    assert (rating.unit, rating.position) == (units.sfo, "green")
    # The school's joint position stands; the SFO gives none.
    assert Screening.objects.get(child=bo).unit == units.school


def test_dental_staff_notifies_the_municipality_about_a_child(
    new_tab: NewTab, units: Units
) -> None:
    carl = units.carl
    tab = new_tab()
    _open_unit(tab, "tandplejer", units.dental)
    tab.click(f"main a[href='/boern/{carl.pk}/']")
    tab.click(f"main a[href='/boern/{carl.pk}/underret/']")
    page = tab.page
    assert page.locator("h1").inner_text() == "Underret kommunen om Carl Dam"

    page.fill("#id_text", "Carl har mange huller og smerter; forældrene er udeblevet tre gange.")
    page.click("label[for='id_duty_ground_0']")  # Barnet kan have behov for særlig støtte
    tab.click(SUBMIT)
    notification = Notification.objects.get()
    assert page.locator("h1").inner_text() == f"Underretning {notification.reference}"
    assert notification.child == carl
    assert notification.source_kind == SourceKind.HEALTH
    assert notification.notifier_user == User.objects.get(username="tandplejer")
    assert notification.notifier_organisation == units.dental.name
