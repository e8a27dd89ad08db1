"""The screening step: prevalence, persistence, the rounds, ADBB, and gaps for the safety net."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from sikkerhedsnet.lib.worklist import worklist_rule
from sikkerhedsnet.people.models import Child, Enrolment, Membership, UnitKind, current_on
from sikkerhedsnet.policy import get_policy
from sikkerhedsnet.screening.models import AdbbFollowUp, Instrument, Rating, Screening
from sikkerhedsnet.screening.selectors.rounds import last_closed_round, round_on
from sikkerhedsnet.synth.context import SynthContext
from sikkerhedsnet.synth.pipeline import generate
from sikkerhedsnet.synth.screenings import day_aged_months

CHILDREN = 2000
YEARS = 3
# Six weeks before the 1 March deadline: about half the units have screened in the current round.
TODAY = date(2026, 1, 18)
TL = Instrument.TRAFFIC_LIGHT


@pytest.fixture
def town(db: None) -> SynthContext:
    return generate(children=CHILDREN, seed=3, today=TODAY, history_years=YEARS)


def closed_positions() -> list[tuple[int, date, str]]:
    rows = Screening.objects.filter(instrument=TL, round_deadline__lt=TODAY)
    return list(
        rows.order_by("child_id", "round_deadline").values_list(
            "child_id", "round_deadline", "position"
        )
    )


def test_prevalence_is_mostly_green_a_tenth_yellow_a_few_percent_red(town: SynthContext) -> None:
    positions = Counter(position for _, _, position in closed_positions())
    total = sum(positions.values())
    assert total > 10_000  # 2,000 children, six closed rounds, most of them screened
    assert 0.05 <= positions["yellow"] / total <= 0.15, positions
    assert 0.01 <= positions["red"] / total <= 0.06, positions


def test_a_yellow_child_is_more_likely_yellow_next_round(town: SynthContext) -> None:
    after: dict[str, Counter[str]] = defaultdict(Counter)
    previous: tuple[int, str] | None = None
    for child_id, _, position in closed_positions():
        if previous is not None and previous[0] == child_id:
            after[previous[1]][position] += 1
        previous = (child_id, position)

    def share_yellow(before: str) -> float:
        return after[before]["yellow"] / sum(after[before].values())

    assert share_yellow("yellow") > 3 * share_yellow("green")
    assert after["red"]["red"] / sum(after["red"].values()) > share_yellow("green")


def test_every_child_in_a_screening_unit_has_one_position_per_round_there(
    town: SynthContext,
) -> None:
    closed = last_closed_round(TODAY)
    earlier = round_on(date(2025, 3, 1))
    kinds = get_policy().screened_unit_kinds
    enrolled = dict(
        Enrolment.objects.filter(current_on(earlier.deadline), unit__kind__in=kinds).values_list(
            "child_id", "unit_id"
        )
    )
    screened = dict(
        Screening.objects.filter(instrument=TL, round_deadline=earlier.deadline).values_list(
            "child_id", "unit_id"
        )
    )
    assert screened == enrolled  # every child, in the unit it was in on the deadline
    rows = Screening.objects.filter(instrument=TL).values_list(
        "round_deadline", "screened_on", "child__birth_date"
    )
    for deadline, screened_on, born in rows:
        assert round_on(screened_on).deadline == deadline
        assert screened_on >= born
    assert closed.deadline == date(2025, 10, 15)


def test_a_few_units_skipped_the_last_closed_round_and_the_rule_finds_their_children(
    town: SynthContext,
) -> None:
    closed = last_closed_round(TODAY)
    kinds = get_policy().screened_unit_kinds
    units = set(Enrolment.objects.filter(unit__kind__in=kinds).values_list("unit_id", flat=True))
    screened_units = set(
        Screening.objects.filter(instrument=TL, round_deadline=closed.deadline).values_list(
            "unit_id", flat=True
        )
    )
    skipped = units - screened_units
    assert 1 <= len(skipped) <= max(2, len(units) // 10)
    rows = list(worklist_rule("not_screened").find(TODAY))
    assert rows
    assert {row["unit_id"] for row in rows} == skipped


def test_the_current_round_is_partly_done(town: SynthContext) -> None:
    current = round_on(TODAY).deadline
    kinds = get_policy().screened_unit_kinds
    enrolled = Enrolment.objects.filter(current_on(TODAY), unit__kind__in=kinds).count()
    done = Screening.objects.filter(instrument=TL, round_deadline=current)
    assert 0.1 * enrolled < done.count() < 0.9 * enrolled
    assert not done.filter(screened_on__gt=TODAY).exists()


def test_adbb_at_the_visits_mostly_low_some_at_the_cutoff_most_followed_up(
    town: SynthContext,
) -> None:
    scorings = list(Screening.objects.filter(instrument=Instrument.ADBB).select_related("child"))
    assert len(scorings) > 500
    cutoff = get_policy().adbb_cutoff
    for scoring in scorings:
        assert 2 <= scoring.child.age_in_months_on(scoring.screened_on) <= 8
        assert scoring.adbb_scores is not None
        assert sum(scoring.adbb_scores) == scoring.adbb_total
        assert scoring.unit.kind == "health_visiting"
    low = sum(1 for s in scorings if s.adbb_total is not None and s.adbb_total <= 3)
    high = [s for s in scorings if s.adbb_total is not None and s.adbb_total >= cutoff]
    assert low / len(scorings) > 0.8
    assert 0.02 <= len(high) / len(scorings) <= 0.10
    followed = set(AdbbFollowUp.objects.values_list("screening_id", flat=True))
    assert followed <= {s.pk for s in high}
    assert 0.5 * len(high) <= len(followed) < len(high)  # most, not all


def test_sfo_pedagogues_rate_their_children_in_the_current_round(town: SynthContext) -> None:
    current = round_on(TODAY).deadline
    ratings = list(Rating.objects.select_related("unit"))
    assert len(ratings) > 50
    assert {rating.unit.kind for rating in ratings} == {UnitKind.SFO}
    assert {rating.round_deadline for rating in ratings} == {current}
    enrolled = set(
        Enrolment.objects.filter(current_on(TODAY), unit__kind=UnitKind.SFO).values_list(
            "child_id", "unit_id"
        )
    )
    staff = set(Membership.objects.values_list("user_id", "unit_id"))
    for rating in ratings:
        assert (rating.child_id, rating.unit_id) in enrolled
        assert (rating.rater_id, rating.unit_id) in staff
        assert timezone.localdate(rating.updated_at) <= TODAY
    # The SFO gives no joint position: the school does.
    assert not Screening.objects.filter(unit__kind=UnitKind.SFO).exists()
    # An own rating mostly agrees with the position the school's team set on it.
    joint = dict(
        Screening.objects.filter(instrument=TL, round_deadline=current).values_list(
            "child_id", "position"
        )
    )
    compared = [r.position == joint[r.child_id] for r in ratings if r.child_id in joint]
    assert len(compared) > 20
    assert 0.7 <= sum(compared) / len(compared) < 1


def test_the_same_seed_makes_the_same_screenings(db: None) -> None:
    assert generated(seed=8) == generated(seed=8)


def test_no_history_years_makes_no_screenings(db: None) -> None:
    generate(children=300, seed=1, today=TODAY, history_years=0)
    assert not Screening.objects.exists()


class _Undo(Exception):
    pass


def generated(seed: int) -> list[tuple[Any, ...]]:
    """The screenings of a small town, read back, then rolled back."""
    rows: list[tuple[Any, ...]] = []
    try:
        with transaction.atomic():
            generate(children=400, seed=seed, today=TODAY, history_years=2)
            rows = list(
                Screening.objects.order_by("child__cpr", "instrument", "screened_on").values_list(
                    "child__cpr",
                    "unit__code",
                    "instrument",
                    "round_deadline",
                    "screened_on",
                    "position",
                    "adbb_total",
                    "recorded_by__username",
                )
            )
            rows += list(
                Rating.objects.order_by("child__cpr", "rater__username").values_list(
                    "child__cpr", "unit__code", "round_deadline", "rater__username", "position"
                )
            )
            raise _Undo
    except _Undo:
        pass
    assert rows
    return rows


def test_the_command_takes_the_years_of_history(db: None) -> None:
    call_command("synth", "--children", "200", "--history-years", "1", stdout=StringIO())
    deadlines = set(Screening.objects.values_list("round_deadline", flat=True))
    assert 2 <= len(deadlines) <= 3  # two closed rounds in a year, and perhaps the current one
    with pytest.raises(CommandError, match="negativt"):
        call_command("synth", "--children", "10", "--history-years", "-1")


@pytest.mark.parametrize("months", [2, 4, 8])
def test_a_visit_day_is_the_first_day_of_the_age_in_months(months: int) -> None:
    for offset in range(366 * 2):  # every birth day of 2023-2024, month ends and 29 February
        born = date(2023, 1, 1) + timedelta(days=offset)
        day = day_aged_months(born, months)
        assert Child(birth_date=born).age_in_months_on(day) == months
        assert Child(birth_date=born).age_in_months_on(day - timedelta(days=1)) == months - 1
