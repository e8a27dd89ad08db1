from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.utils import timezone

from sikkerhedsnet.audit.models import AccessLog
from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.intake.services.handling import urgent_assessment_record
from sikkerhedsnet.intake.tests.factories import make_notification
from sikkerhedsnet.people.models import Role

NOV_24 = datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))


@time_machine.travel(NOV_24)
def test_my_tasks_shows_the_gap_with_its_rule_and_reason(world: World) -> None:
    page = client_for(world.colleague).get("/opgaver/").content.decode()
    assert world.child.first_name in page
    assert "Ikke vurderet i runden" in page
    assert "15.10.2026" in page
    assert world.other_child.first_name not in page


@time_machine.travel(NOV_24)
def test_my_tasks_only_shows_my_units(world: World) -> None:
    page = client_for(world.outsider).get("/opgaver/").content.decode()
    assert world.other_child.first_name in page
    assert world.child.first_name not in page


@time_machine.travel(NOV_24)
def test_the_unit_worklist_is_logged_as_a_list_view(world: World) -> None:
    client_for(world.owner).get(f"/enheder/{world.unit.pk}/opgaver/")
    row = AccessLog.objects.get()
    assert (row.unit, row.shown) == (world.unit, "Opgaveliste")


@time_machine.travel(NOV_24)
def test_the_administrator_sees_no_children_in_a_unit_worklist(world: World) -> None:
    admin = world.role_users[Role.ADMINISTRATOR]
    page = client_for(admin).get(f"/enheder/{world.unit.pk}/opgaver/").content.decode()
    assert world.child.first_name not in page


@time_machine.travel(NOV_24)
def test_no_tasks_says_so(world: World) -> None:
    world.child.enrolments.update(until=date(2026, 1, 1))
    page = client_for(world.colleague).get("/opgaver/").content.decode()
    assert "Ingen opgaver lige nu" in page


def test_the_page_puts_a_24_hour_breach_above_an_older_gap(world: World) -> None:
    intake = world.role_users[Role.INTAKE]
    received = datetime(2026, 11, 20, 16, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
    with time_machine.travel(received, tick=False):
        late_receipt = make_notification(child=None, at=received, name="Skolen")
        urgent_assessment_record(
            actor=intake,
            notification=late_receipt,
            expected_version=late_receipt.version,
            danger_to_health_or_development=False,
            acute_help_needed=False,
            note="Ingen akut fare.",
        )
    with time_machine.travel(NOV_24 + timedelta(days=8), tick=False):  # 02.12 kl. 9
        make_notification(child=None, at=timezone.now() - timedelta(hours=27), name="Politiet")
        page = client_for(intake).get("/opgaver/").content.decode()
    breach = page.index("Underretning uden vurdering inden for 24 timer")
    assert breach < page.index("Kvittering til underretteren mangler")
    assert breach < page.index("Underretning uden afgørelse")
    assert "Overskredet med 3 timer" in page
    assert "Overskredet med 2 dage" in page  # the receipt, due 30.11
