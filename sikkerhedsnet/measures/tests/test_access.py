from __future__ import annotations

import pytest

from sikkerhedsnet.measures.access import edits_offers, reads_offers
from sikkerhedsnet.people.models import Role
from sikkerhedsnet.people.tests import factories as f


@pytest.mark.parametrize(
    ("role", "reads", "edits"),
    [
        (Role.ADMINISTRATOR, True, True),
        (Role.TEAM_LEADER, True, True),
        (Role.CASEWORKER, True, False),
        (Role.PROFESSIONAL, False, False),
        (Role.INTAKE, False, False),
        (Role.MANAGEMENT, False, False),
    ],
)
def test_who_reads_and_edits_the_catalogue(db: None, role: str, reads: bool, edits: bool) -> None:
    user = f.staff(role)
    assert (reads_offers(user), edits_offers(user)) == (reads, edits)
