"""How many units and staff a municipality with N children has (realistic orders of magnitude).

Birth dates are spread evenly over 18 years, so an age band's share of the children is its
number of years over 18.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

CHILDREN_PER_DAYCARE = 60  # children aged 0-5
CHILDREN_PER_SCHOOL = 450  # children aged 6-16; every school has an SFO for ages 6-9
CHILDREN_PER_HEALTH_VISITING = 600  # children aged 0-5 per health-visiting district
CHILDREN_PER_DENTAL = 3000  # children aged 0-17
# Share of children with an open case in the family department: about 4.5 % with a measure (3.5 %
# support, 1 % placed) and those whose child assessment is under way, at loads near the cap.
CASE_SHARE = 0.055
CASELOAD = 25  # cases per caseworker (the Swedish-model cap)
CASEWORKERS_PER_TEAM = 8
MAX_DISTRICTS = 12


def _at_least_one(value: float) -> int:
    return max(1, round(value))


@dataclass(frozen=True)
class MunicipalityPlan:
    daycares: int
    schools: int
    health_visiting: int
    dental: int
    residential: int
    caseworkers: int
    caseworker_teams: int
    intake_workers: int
    ppr: int
    management: int
    data_protection: int
    administrators: int
    districts: int

    @classmethod
    def for_children(cls, n: int) -> MunicipalityPlan:
        young = n * 6 / 18
        school_age = n * 11 / 18
        caseworkers = max(1, math.ceil(n * CASE_SHARE / CASELOAD))
        return cls(
            daycares=_at_least_one(young / CHILDREN_PER_DAYCARE),
            schools=_at_least_one(school_age / CHILDREN_PER_SCHOOL),
            health_visiting=_at_least_one(young / CHILDREN_PER_HEALTH_VISITING),
            dental=_at_least_one(n / CHILDREN_PER_DENTAL),
            residential=1 if n < 10_000 else 2,
            caseworkers=caseworkers,
            caseworker_teams=math.ceil(caseworkers / CASEWORKERS_PER_TEAM),
            intake_workers=max(3, round(n / 8_000)),
            ppr=max(2, round(n / 5_000)),
            management=max(2, round(n / 30_000)),
            data_protection=1 if n < 50_000 else 2,
            administrators=2,
            districts=min(MAX_DISTRICTS, max(2, math.ceil(n / 12_500))),
        )
