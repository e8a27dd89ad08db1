from datetime import date

from sikkerhedsnet.conftest import World


def test_every_change_to_a_child_is_kept(world: World) -> None:
    child = world.child
    child.last_name = "Jensen"
    child.save()
    names = list(child.history.order_by("history_id").values_list("last_name", flat=True))
    assert names == ["Hansen", "Jensen"]


def test_enrolment_changes_are_kept(world: World) -> None:
    enrolment = world.child.enrolments.get()
    enrolment.until = date(2026, 7, 31)
    enrolment.save()
    assert enrolment.history.count() == 2


def test_password_hashes_are_not_copied_into_history(world: World) -> None:
    world.owner.set_password("et-helt-nyt-kodeord-2026")
    world.owner.save()
    historical = world.owner.history.model
    field_names = {field.name for field in historical._meta.get_fields()}
    assert "password" not in field_names
