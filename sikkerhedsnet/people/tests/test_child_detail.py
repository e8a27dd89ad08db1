from sikkerhedsnet.audit.models import AccessLog
from sikkerhedsnet.conftest import World, client_for, comparable_page


def test_it_shows_the_child_to_staff_of_its_unit(world: World) -> None:
    response = client_for(world.colleague).get(f"/boern/{world.child.pk}/")
    assert response.status_code == 200
    assert world.child.first_name in response.content.decode()


def test_it_requires_access(world: World) -> None:
    response = client_for(world.outsider).get(f"/boern/{world.child.pk}/")
    assert response.status_code == 404


def test_missing_and_forbidden_look_the_same(world: World) -> None:
    client = client_for(world.outsider)
    forbidden = client.get(f"/boern/{world.child.pk}/")
    missing = client.get("/boern/999999/")
    assert forbidden.status_code == missing.status_code == 404
    assert comparable_page(forbidden.content, f"/boern/{world.child.pk}/") == comparable_page(
        missing.content, "/boern/999999/"
    )


def test_it_logs_the_view(world: World) -> None:
    client_for(world.colleague).get(f"/boern/{world.child.pk}/")
    row = AccessLog.objects.get()
    assert (row.user, row.child, row.channel) == (world.colleague, world.child, "web")
    assert "Solsikken" in row.basis


def test_a_refused_view_is_not_logged_as_a_read(world: World) -> None:
    client_for(world.outsider).get(f"/boern/{world.child.pk}/")
    assert not AccessLog.objects.exists()


def test_professional_sees_masked_cpr_and_leader_sees_it_in_full(world: World) -> None:
    masked = client_for(world.colleague).get(f"/boern/{world.child.pk}/").content.decode()
    full = client_for(world.owner).get(f"/boern/{world.child.pk}/").content.decode()
    assert world.child.cpr_masked in masked
    assert world.child.cpr_formatted not in masked
    assert world.child.cpr_formatted in full
