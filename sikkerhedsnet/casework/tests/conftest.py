from __future__ import annotations

import pytest

from sikkerhedsnet.cases.tests.factories import TeamWorld, make_team_world


@pytest.fixture
def tw(db: None) -> TeamWorld:
    """Team A (leader lene, owner rikke with `case`, colleague rasmus), team B (sofie with
    `other_case`), a fagperson pia; the case's child became known on 01.03.2026."""
    return make_team_world()
