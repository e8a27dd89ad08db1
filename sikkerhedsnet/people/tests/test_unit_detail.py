"""The unit's page: its staff see the children they may see; the administrator, who may see no
child, sees how many are enrolled and the way to the imports that brought them."""

from __future__ import annotations

from datetime import date

from sikkerhedsnet.audit.models import AccessLog
from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.people.models import Role
from sikkerhedsnet.people.tests import factories as f


def test_the_administrator_sees_how_many_are_enrolled_and_no_child(world: World) -> None:
    f.EnrolmentFactory.create(unit=world.unit)
    admin = world.role_users[Role.ADMINISTRATOR]
    page = client_for(admin).get(f"/enheder/{world.unit.pk}/").content.decode()
    assert "2 børn er indskrevet i enheden i dag." in page
    assert f'href="/import/importer/enhed/{world.unit.pk}/"' in page
    assert "Der er ingen børn i enheden, som du har adgang til." not in page
    assert world.child.first_name not in page
    assert world.child.cpr_masked not in page
    assert not AccessLog.objects.exists()


def test_the_count_is_of_children_enrolled_today(world: World) -> None:
    f.EnrolmentFactory.create(unit=world.other_unit, child=world.child)  # also elsewhere
    f.EnrolmentFactory.create(
        unit=world.other_unit, since=date(2020, 8, 1), until=date(2022, 7, 31)
    )
    admin = world.role_users[Role.ADMINISTRATOR]
    page = client_for(admin).get(f"/enheder/{world.other_unit.pk}/").content.decode()
    assert "2 børn er indskrevet i enheden i dag." in page


def test_staff_see_their_children_and_no_count_or_imports(world: World) -> None:
    page = client_for(world.colleague).get(f"/enheder/{world.unit.pk}/").content.decode()
    assert world.child.first_name in page
    assert "indskrevet i enheden i dag" not in page
    assert "/import/" not in page
