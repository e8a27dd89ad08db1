import re
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sikkerhedsnet.audit.models import AccessLog, AuditEvent
from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.people.models import Role
from sikkerhedsnet.people.tests import factories as f
from sikkerhedsnet.screening.models import Position, Rating, Screening
from sikkerhedsnet.screening.services.positions import joint_position_set
from sikkerhedsnet.screening.tests.factories import ScreeningFactory

NOV_22 = datetime(2026, 11, 22, 10, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
TODAY = NOV_22
HTMX = {"HX-Request": "true"}
pytestmark = pytest.mark.usefixtures("today")


def page_url(world: World) -> str:
    return f"/enheder/{world.unit.pk}/runde/"


def row_url(world: World, child_id: int | None = None) -> str:
    return f"/enheder/{world.unit.pk}/runde/{child_id or world.child.pk}/"


def post(client: Client, url: str, data: dict[str, Any], *, htmx: bool = True) -> Any:
    return client.post(url, data, headers=HTMX if htmx else {})


def _joint_by_owner(world: World, position: str = Position.YELLOW) -> Screening:
    return joint_position_set(
        actor=world.owner,
        child=world.child,
        unit=world.unit,
        position=position,
        reason="",
        expected_version=None,
    )


# Access ------------------------------------------------------------------------------------


def test_it_requires_access(world: World) -> None:
    client = client_for(world.outsider)
    assert client.get(page_url(world)).status_code == 404
    assert client.get(row_url(world)).status_code == 404
    assert post(client, row_url(world), {"action": "rating", "rating": "red"}).status_code == 404
    assert not Rating.objects.exists()


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.MANAGEMENT, Role.CASEWORKER])
def test_only_unit_staff_may_use_the_round(world: World, role: str) -> None:
    client = client_for(world.role_users[role])
    assert client.get(page_url(world)).status_code == 404
    assert post(client, row_url(world), {"action": "joint", "joint": "red"}).status_code == 404


def test_a_child_of_another_unit_is_missing(world: World) -> None:
    client = client_for(world.colleague)
    response = post(
        client, row_url(world, world.other_child.pk), {"action": "rating", "rating": "red"}
    )
    assert response.status_code == 404


def test_a_child_who_left_the_unit_is_missing(world: World) -> None:
    world.child.enrolments.update(until=date(2026, 11, 1))
    response = post(
        client_for(world.colleague), row_url(world), {"action": "rating", "rating": "red"}
    )
    assert response.status_code == 404


def test_anonymous_is_sent_to_login(world: World) -> None:
    response = Client().post(row_url(world), {"action": "rating", "rating": "red"})
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


# The page ----------------------------------------------------------------------------------


def test_the_page_shows_the_children_their_earlier_positions_and_what_a_position_is(
    world: World,
) -> None:
    for day, position in [
        (date(2025, 2, 1), Position.RED),
        (date(2025, 9, 1), Position.GREEN),
        (date(2026, 2, 1), Position.YELLOW),
        (date(2026, 9, 1), Position.GREEN),
    ]:
        ScreeningFactory.create(
            child=world.child, unit=world.unit, screened_on=day, position=position
        )
    response = client_for(world.colleague).get(page_url(world))
    page = response.content.decode()
    assert response.status_code == 200
    assert "En position beskriver barnets situation nu" in page
    assert "Det er den fælles position, der tæller" in page
    assert world.child.first_name in page
    assert "01.09.2026" in page
    assert "01.02.2026" in page
    assert "01.09.2025" in page
    assert "01.02.2025" not in page  # only the last three
    assert "5 år" in page
    assert "Sommerfuglene" in page
    assert "01.03.2027" in page  # the round's deadline


def test_the_page_shows_my_rating_the_teams_count_and_the_joint_position(world: World) -> None:
    Rating.objects.create(
        child=world.child,
        unit=world.unit,
        round_deadline=date(2027, 3, 1),
        rater=world.owner,
        position="red",
    )
    Rating.objects.create(
        child=world.child,
        unit=world.unit,
        round_deadline=date(2027, 3, 1),
        rater=world.colleague,
        position="yellow",
    )
    _joint_by_owner(world, Position.YELLOW)
    page = client_for(world.colleague).get(page_url(world)).content.decode()
    c = world.child.pk
    assert re.search(rf'id="rating-{c}-yellow" name="rating" value="yellow" checked', page)
    assert re.search(rf'id="joint-{c}-yellow" name="joint" value="yellow" checked', page)
    assert f'id="version-{c}" value="1"' in page
    assert "2 vurderinger" in page
    assert "Fælles position nu: Gul" in page


def test_the_group_picker_filters_the_children(world: World) -> None:
    other = f.EnrolmentFactory.create(unit=world.unit, group="Mariehønen").child
    client = client_for(world.colleague)
    everyone = client.get(page_url(world)).content.decode()
    assert world.child.first_name in everyone
    assert other.first_name in everyone
    one_group = client.get(page_url(world), {"gruppe": "Mariehønen"}).content.decode()
    assert other.first_name in one_group
    assert f'id="barn-{world.child.pk}"' not in one_group
    unknown = client.get(page_url(world), {"gruppe": "Findes ikke"}).content.decode()
    assert f'id="barn-{world.child.pk}"' in unknown


def test_the_page_view_is_logged(world: World) -> None:
    client_for(world.colleague).get(page_url(world))
    row = AccessLog.objects.get()
    assert (row.user, row.unit, row.child, row.shown) == (
        world.colleague,
        world.unit,
        None,
        "Trivselsrunde",
    )


def test_the_page_takes_the_same_number_of_queries_for_2_and_25_children(world: World) -> None:
    def queries() -> int:
        client = client_for(world.colleague)
        client.get(page_url(world))  # the session's first save
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page_url(world)).status_code == 200
        return len(captured)

    def add_children(n: int) -> None:
        for _ in range(n):
            child = f.EnrolmentFactory.create(unit=world.unit).child
            ScreeningFactory.create(child=child, unit=world.unit, screened_on=date(2026, 9, 1))
            Rating.objects.create(
                child=child,
                unit=world.unit,
                round_deadline=date(2027, 3, 1),
                rater=world.colleague,
                position="green",
            )

    add_children(1)
    few = queries()
    add_children(24)
    assert queries() == few


def test_get_of_a_row_answers_the_row(world: World) -> None:
    response = client_for(world.owner).get(row_url(world))
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith(f'<tr id="barn-{world.child.pk}"')


# Saving ------------------------------------------------------------------------------------


def test_htmx_saves_my_rating_and_answers_the_status_cell(world: World) -> None:
    response = post(
        client_for(world.colleague), row_url(world), {"action": "rating", "rating": "red"}
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in text
    assert "Din vurdering er gemt: Rød" in text
    assert f'<span id="ratings-{world.child.pk}" hx-swap-oob="true">1 vurdering' in text
    assert 'name="version"' not in text  # only a joint save may move the page's version on
    rating = Rating.objects.get()
    assert (rating.rater, rating.position) == (world.colleague, "red")


def test_htmx_saves_the_joint_position_and_moves_the_version_on(world: World) -> None:
    client = client_for(world.colleague)
    post(client, row_url(world), {"action": "joint", "joint": "green", "version": ""})
    response = post(
        client,
        row_url(world),
        {"action": "joint", "joint": "yellow", "reason": "Uro i samling", "version": "1"},
    )
    text = response.content.decode()
    assert "Den fælles position er gemt: Gul" in text
    assert f'id="version-{world.child.pk}" value="2" hx-swap-oob="true"' in text
    screening = Screening.objects.get()
    assert (screening.position, screening.reason, screening.version) == (
        "yellow",
        "Uro i samling",
        2,
    )
    assert AuditEvent.objects.filter(event_type="screening.joint_position_set").count() == 2


def test_a_save_logs_the_read_of_the_child(world: World) -> None:
    post(client_for(world.colleague), row_url(world), {"action": "rating", "rating": "red"})
    assert AccessLog.objects.get().child == world.child


def test_a_plain_post_saves_both_and_redirects_back_to_the_group(world: World) -> None:
    response = post(
        client_for(world.colleague),
        row_url(world),
        {"rating": "yellow", "joint": "green", "version": "", "gruppe": "Sommerfuglene"},
        htmx=False,
    )
    assert response.status_code == 302
    assert response["Location"] == f"{page_url(world)}?gruppe=Sommerfuglene#barn-{world.child.pk}"
    assert Rating.objects.get().position == "yellow"
    assert Screening.objects.get().position == "green"


def test_an_incomplete_post_says_what_is_missing(world: World) -> None:
    response = post(client_for(world.colleague), row_url(world), {"action": "joint", "reason": "x"})
    assert response.status_code == 200
    assert "Vælg den fælles position" in response.content.decode()
    assert not Screening.objects.exists()


def test_a_too_long_reason_is_refused(world: World) -> None:
    response = post(
        client_for(world.colleague),
        row_url(world),
        {"action": "joint", "joint": "red", "reason": "x" * 201},
    )
    assert "Ikke gemt" in response.content.decode()
    assert not Screening.objects.exists()


# Two people, one joint position -------------------------------------------------------------


def test_a_conflict_shows_the_current_value_and_keeps_my_choice(world: World) -> None:
    _joint_by_owner(world, Position.YELLOW)  # the owner was first; the colleague's page showed none
    response = post(
        client_for(world.colleague),
        row_url(world),
        {"action": "joint", "joint": "red", "version": ""},
    )
    text = response.content.decode()
    assert "Den fælles position blev ændret til Gul af Alice" in text
    assert "22.11.2026 kl. 10.00" in text
    assert "Dit valg (Rød) står stadig i rækken" in text
    assert 'name="confirm_version" value="1"' in text
    assert 'name="version"' not in text  # the page keeps the version it showed
    assert Screening.objects.get().position == "yellow"


def test_saving_anyway_after_a_conflict_overwrites_knowingly(world: World) -> None:
    _joint_by_owner(world, Position.YELLOW)
    response = post(
        client_for(world.colleague),
        row_url(world),
        {"joint": "red", "version": "", "confirm_version": "1"},
    )
    assert "Den fælles position er gemt: Rød" in response.content.decode()
    assert Screening.objects.get().version == 2


def test_a_conflict_without_javascript_shows_the_page_with_my_choice(world: World) -> None:
    _joint_by_owner(world, Position.YELLOW)
    response = post(
        client_for(world.colleague),
        row_url(world),
        {"joint": "red", "reason": "Meget ked af det", "version": ""},
        htmx=False,
    )
    text = response.content.decode()
    c = world.child.pk
    assert response.status_code == 409
    assert re.search(rf'id="joint-{c}-red" name="joint" value="red" checked', text)
    assert 'value="Meget ked af det"' in text
    assert "Den fælles position blev ændret til Gul" in text


def test_a_joint_position_from_another_unit_is_not_overwritten(world: World) -> None:
    ScreeningFactory.create(
        child=world.child, unit=world.other_unit, screened_on=date(2026, 11, 1), position="red"
    )
    client = client_for(world.colleague)
    page = client.get(page_url(world)).content.decode()
    assert "En anden enhed har givet barnet en fælles position" in page
    response = post(client, row_url(world), {"action": "joint", "joint": "green"})
    assert (
        "Ikke gemt:</strong> En anden enhed har allerede givet barnet" in response.content.decode()
    )
    assert Screening.objects.get().position == "red"


def test_a_child_in_two_groups_at_once_has_one_row(world: World) -> None:
    f.EnrolmentFactory.create(unit=world.unit, child=world.child, group="Mariehønen")
    page = client_for(world.colleague).get(page_url(world)).content.decode()
    assert page.count(f'<tr id="barn-{world.child.pk}"') == 1


def test_the_unit_page_links_to_the_round_and_the_overview(world: World) -> None:
    staff = client_for(world.colleague).get(f"/enheder/{world.unit.pk}/").content.decode()
    assert page_url(world) in staff
    assert f"/enheder/{world.unit.pk}/overblik/" in staff
    admin = client_for(world.role_users[Role.ADMINISTRATOR]).get(f"/enheder/{world.unit.pk}/")
    assert page_url(world) not in admin.content.decode()
    assert f"/enheder/{world.unit.pk}/overblik/" in admin.content.decode()


def test_an_sfo_round_page_has_no_joint_position_and_a_dental_clinic_has_no_round(
    world: World,
) -> None:
    sfo = f.UnitFactory.create(kind="sfo")
    f.EnrolmentFactory.create(child=world.child, unit=sfo, since=date(2026, 8, 1))
    pedagogue = f.staff(Role.PROFESSIONAL, sfo)
    page = client_for(pedagogue).get(f"/enheder/{sfo.pk}/runde/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Din egen vurdering" in html
    assert 'name="joint"' not in html
    assert "Skolen sætter den fælles position" in html
    dental = f.UnitFactory.create(kind="dental")
    assistant = f.staff(Role.PROFESSIONAL, dental)
    assert client_for(assistant).get(f"/enheder/{dental.pk}/runde/").status_code == 404


def test_the_unit_page_links_to_a_round_only_where_there_is_one(world: World) -> None:
    dental = f.UnitFactory.create(kind="dental")
    assistant = f.staff(Role.PROFESSIONAL, dental)
    html = client_for(assistant).get(f"/enheder/{dental.pk}/").content.decode()
    assert f"/enheder/{dental.pk}/runde/" not in html
    html = client_for(world.owner).get(f"/enheder/{world.unit.pk}/").content.decode()
    assert f"/enheder/{world.unit.pk}/runde/" in html


def test_management_finds_every_units_statistics_from_the_menu(world: World) -> None:
    chief = f.UserFactory.create(role=Role.MANAGEMENT)
    client = client_for(chief)
    home = client.get("/").content.decode()
    assert 'href="/trivselsrunder/"' in home
    page = client.get("/trivselsrunder/").content.decode()
    assert f'href="/enheder/{world.unit.pk}/overblik/"' in page
    assert world.child.first_name not in page
    assert client_for(world.owner).get("/trivselsrunder/").status_code == 404
