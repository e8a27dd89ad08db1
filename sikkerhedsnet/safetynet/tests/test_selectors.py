from datetime import date

from sikkerhedsnet.conftest import World
from sikkerhedsnet.lib.worklist import worklist_rules
from sikkerhedsnet.safetynet.selectors import flags_for_user, rule_counts


def test_every_rule_has_a_unique_code_a_title_and_who_acts() -> None:
    codes = [rule.code for rule in worklist_rules()]
    assert len(codes) == len(set(codes)) >= 4
    assert all(rule.title and rule.who_acts and rule.explanation for rule in worklist_rules())


def test_counts_cover_the_whole_municipality(world: World) -> None:
    assert rule_counts(at=date(2026, 11, 24))["not_screened"] == 2


def test_flags_are_oldest_first_and_explained(world: World) -> None:
    flags = flags_for_user(user=world.owner, at=date(2026, 11, 24))
    assert [flag.child for flag in flags] == [world.child]
    assert flags[0].since == date(2026, 10, 16)
    assert "15.10.2026" in flags[0].explanation
