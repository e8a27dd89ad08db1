"""Step: screening history: a joint position every round, ADBB scorings at health-visitor visits.

Traffic-light positions: every child enrolled in a screened unit kind (policy; daycare and school)
on a round's deadline has a joint position in that unit for every closed round of the last
`ctx.history_years` years. A unit screens its children in the weeks before the deadline (its own
day, up to three months before); a child who arrived after that day is screened when it arrives.
A child's positions follow a Markov chain, so concern persists as it does in real life: the
transition probabilities below settle at about 87 % green, 10 % yellow and 3 % red. About 3 % of
the units did not screen in the last closed round (the safety net's `not_screened` finds their
children), and the current round is as far along as its date makes it: units whose day has come
have screened.

ADBB: infants are scored at the health visitor's visits at 2, 4 and 8 months. Most totals are
0-3; about 5 % reach the cutoff (5), mostly among a few infants who are withdrawn at several
visits. Most of those have the follow-up visit recorded within two weeks; some do not.

SFO: an after-school centre gives no joint position of its own (policy screens daycare and
school; the SFO is part of the school, folkeskoleloven § 3, stk. 4, and the school's team sets
the pupil's position). Its pedagogues rate the children they see every afternoon on their own in
the current round (TOPI's first step, the `Rating` rows of the round page): a child whose
school has set this round's position in the week before, the others from the SFO's own day in
the round on; most children once or twice, mostly as their position stands.

Rows go in from plain tuples, by COPY on PostgreSQL and `executemany` on SQLite: at 150,000
children and five years that is over a million rows, and model instances through `bulk_create`
would cost most of the generator's time.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import islice
from typing import Any

from django.db import connection
from django.db.models import Model
from django.utils import timezone

from sikkerhedsnet.lib.dates import add_months
from sikkerhedsnet.people.models import Child, Role, UnitKind
from sikkerhedsnet.policy import get_policy
from sikkerhedsnet.screening.models import (
    ADBB_ITEM_COUNT,
    ADBB_ITEM_MAX,
    AdbbFollowUp,
    Instrument,
    Position,
    Rating,
    Screening,
)
from sikkerhedsnet.screening.selectors.rounds import Round, previous_round, round_on
from sikkerhedsnet.synth.context import SynthContext
from sikkerhedsnet.synth.dates import birthday

# Keeps `synth` for 150,000 children within its minute on PostgreSQL: 50 s with one year of
# screenings, 59-61 s with two (SQLite: 38 s with two). Benchmarks ask for five.
DEFAULT_HISTORY_YEARS = 1
GREEN, YELLOW, RED = Position.GREEN.value, Position.YELLOW.value, Position.RED.value
# P(next position | this position), each row summing to 1.
TRANSITIONS: dict[str, tuple[tuple[str, float], ...]] = {
    GREEN: ((GREEN, 0.93), (YELLOW, 0.06), (RED, 0.01)),
    YELLOW: ((GREEN, 0.55), (YELLOW, 0.38), (RED, 0.07)),
    RED: ((GREEN, 0.25), (YELLOW, 0.35), (RED, 0.40)),
}
SKIPPED_UNITS = 0.03  # of the screening units, did not screen in the last closed round
EARLIEST_DAYS_BEFORE_DEADLINE = 90  # a unit's screening day: 1 week to 3 months before
LATEST_DAYS_BEFORE_DEADLINE = 7
SPREAD_DAYS = 10  # a unit screens its children over about two weeks
CONCERN_REASONS = (
    "Trækker sig fra legen og virker ked af det.",
    "Mange konflikter med de andre børn.",
    "Fraværet er steget det sidste halve år.",
    "Kommer ofte sulten og træt.",
    "Sproget udvikler sig langsomt.",
    "Virker utryg ved aflevering.",
    "Isolerer sig i pauserne.",
    "Forældrene er svære at få kontakt med.",
)

ADBB_VISIT_MONTHS = (2, 4, 8)
ADBB_VISIT_SPREAD_DAYS = 14  # the visit falls in the two weeks after the month is reached
WITHDRAWN_INFANTS = 0.06  # infants withdrawn at several visits
# ADBB totals (weights): most infants score 0-3; the withdrawn reach 5 or more at most visits.
USUAL_TOTALS = ((0, 36), (1, 27), (2, 18), (3, 11), (4, 6), (5, 1.2), (6, 0.5), (7, 0.3))
WITHDRAWN_TOTALS = ((2, 10), (3, 15), (4, 20), (5, 20), (6, 15), (7, 10), (8, 5), (10, 3), (12, 2))
FOLLOWED_UP = 0.85  # of the scorings at or over the cutoff, with the follow-up visit recorded
FOLLOW_UP_DAYS = (3, 14)

SFO_RATED = 0.9  # of the children in an SFO whose day in the round has come
SFO_RATERS = (1, 2)  # pedagogues rating one child
SFO_DIFFERS = 0.15  # an own rating one step away from the child's position
ONE_STEP = {GREEN: (YELLOW,), YELLOW: (GREEN, RED), RED: (YELLOW,)}
RATED_AT = time(13, 0)  # in the afternoon, when the SFO sees the children

BATCH_SIZE = 5000


@dataclass(frozen=True)
class Place:
    """A stretch of a child's life in one screened unit."""

    unit_id: int
    since: date
    until: date | None

    def on(self, day: date) -> bool:
        return self.since <= day and (self.until is None or day <= self.until)


# Each screening unit's day in each round (unit id, deadline); None if it skipped the round.
UnitDays = dict[tuple[int, date], date | None]


class ScreeningMaker:
    def __init__(self, ctx: SynthContext) -> None:
        self.ctx = ctx
        self.today = ctx.today
        self.rng: random.Random = ctx.rng("screenings")
        self.window_start = birthday(ctx.today, -ctx.history_years)
        last_visit_age = timedelta(days=max(ADBB_VISIT_MONTHS) * 31 + ADBB_VISIT_SPREAD_DAYS)
        self.earliest_infant_birth = self.window_start - last_visit_age
        self.staff = _unit_staff(ctx)
        self.deadlines: dict[date, date] = {}
        self.positions: list[tuple[Any, ...]] = []
        self.scorings: list[tuple[Any, ...]] = []
        self.follow_ups: list[tuple[Any, ...]] = []

    # Traffic-light positions ----------------------------------------------------------------

    def rounds(self) -> list[Round]:
        """The closed rounds of the window, oldest first, and the current round last."""
        current = round_on(self.today)
        rounds = [current]
        while (earlier := previous_round(rounds[-1])).deadline > self.window_start:
            rounds.append(earlier)
        return rounds[::-1] if self.ctx.history_years else []

    def unit_days(self, rounds: list[Round]) -> UnitDays:
        """Each screening unit's day in each round; None for the units that skipped a round."""
        kinds = set(get_policy().screened_unit_kinds)
        units = [unit.pk for unit in self.ctx.units if unit.kind in kinds]
        last_closed = rounds[-2].deadline if len(rounds) > 1 else None
        # At least one, so that even a small town shows the gap.
        skipping = min(len(units), max(1, round(len(units) * SKIPPED_UNITS)))
        skipped = set(self.rng.sample(units, skipping))
        days: UnitDays = {}
        for one in rounds:
            longest = min(EARLIEST_DAYS_BEFORE_DEADLINE, (one.deadline - one.starts_on).days)
            for unit_id in units:
                before = self.rng.randint(LATEST_DAYS_BEFORE_DEADLINE, longest)
                day: date | None = one.deadline - timedelta(days=before)
                if one.deadline == last_closed and unit_id in skipped:
                    day = None
                days[(unit_id, one.deadline)] = day
        return days

    def child_positions(
        self, child: Child, places: list[Place], rounds: list[Round], days: UnitDays
    ) -> None:
        position = ""
        for one in rounds:
            current = one.deadline >= self.today
            # A round not yet over counts the unit the child is in today.
            at = self.today if current else one.deadline
            place = next((p for p in places if p.on(at)), None)
            if place is None:
                continue
            unit_day = days[(place.unit_id, one.deadline)]
            if unit_day is None:
                continue
            day = unit_day - timedelta(days=self.rng.randrange(SPREAD_DAYS))
            day = max(day, place.since, one.starts_on)
            if day > at:
                continue  # the current round: the unit has not got to this child yet
            position = self.next_position(position)
            self.positions.append(self.position_row(child, place, one, day, position))

    def next_position(self, position: str) -> str:
        draw = self.rng.random()
        for following, probability in TRANSITIONS.get(position, FIRST_POSITIONS):
            draw -= probability
            if draw < 0:
                return following
        return GREEN

    def position_row(
        self, child: Child, place: Place, one: Round, day: date, position: str
    ) -> tuple[Any, ...]:
        reason = "" if position == GREEN else self.rng.choice(CONCERN_REASONS)
        return (
            child.pk,
            place.unit_id,
            Instrument.TRAFFIC_LIGHT.value,
            one.deadline,
            day,
            position,
            reason,
            None,  # adbb_scores
            None,  # adbb_total
            self.recorder(place.unit_id),
        )

    def recorder(self, unit_id: int) -> int | None:
        staff = self.staff.get(unit_id)
        return self.rng.choice(staff) if staff else None

    # ADBB -----------------------------------------------------------------------------------

    def child_scorings(self, child: Child, health_visiting: Place | None) -> None:
        if health_visiting is None or child.birth_date < self.earliest_infant_birth:
            return  # no visit of this child falls in the window
        withdrawn = self.rng.random() < WITHDRAWN_INFANTS
        for months in ADBB_VISIT_MONTHS:
            spread = self.rng.randrange(ADBB_VISIT_SPREAD_DAYS)
            day = day_aged_months(child.birth_date, months) + timedelta(days=spread)
            if not self.window_start < day <= self.today or not health_visiting.on(day):
                continue
            total = _weighted(self.rng, WITHDRAWN_TOTALS if withdrawn else USUAL_TOTALS)
            recorder = self.recorder(health_visiting.unit_id)
            self.scorings.append(
                (
                    child.pk,
                    health_visiting.unit_id,
                    Instrument.ADBB.value,
                    self.deadline(day),
                    day,
                    "",
                    "",
                    _item_scores(self.rng, total),
                    total,
                    recorder,
                )
            )
            if total >= get_policy().adbb_cutoff:
                self.follow_up(len(self.scorings) - 1, day, recorder)

    def follow_up(self, index: int, scored_on: date, recorder: int | None) -> None:
        """The follow-up visit (most scorings at the cutoff); `index` is the scoring's place."""
        visit = scored_on + timedelta(days=self.rng.randint(*FOLLOW_UP_DAYS))
        if self.rng.random() < FOLLOWED_UP and visit <= self.today and recorder is not None:
            self.follow_ups.append((index, visit, "Opfølgende besøg; barnet ses igen.", recorder))

    def deadline(self, day: date) -> date:
        if day not in self.deadlines:
            self.deadlines[day] = round_on(day).deadline
        return self.deadlines[day]


def day_aged_months(birth: date, months: int) -> date:
    """The first day a child born on `birth` is `months` months old (as `Child.age_in_months_on`
    counts): born 31 July, it is two months old on 1 October, not on 30 September."""
    day = add_months(birth, months)
    return day if day.day == birth.day else day + timedelta(days=1)


def _stationary() -> tuple[tuple[str, float], ...]:
    """The chain's long-run shares: a child's first position in the window is drawn from them."""
    shares = {GREEN: 1.0, YELLOW: 0.0, RED: 0.0}
    for _ in range(200):
        shares = {
            to: sum(shares[frm] * dict(TRANSITIONS[frm])[to] for frm in TRANSITIONS)
            for to in TRANSITIONS
        }
    return tuple(shares.items())


FIRST_POSITIONS = _stationary()


def _weighted(rng: random.Random, options: Sequence[tuple[int, float]]) -> int:
    values = [value for value, _ in options]
    weights = [weight for _, weight in options]
    return rng.choices(values, weights)[0]


def _item_scores(rng: random.Random, total: int) -> list[int]:
    """Eight item scores (0-4) that add up to `total`."""
    scores = [0] * ADBB_ITEM_COUNT
    for _ in range(total):
        open_items = [i for i, score in enumerate(scores) if score < ADBB_ITEM_MAX]
        scores[rng.choice(open_items)] += 1
    return scores


def _unit_staff(ctx: SynthContext) -> dict[int, list[int]]:
    """The professionals and leaders of each unit, who record its screenings."""
    recorders = {u.pk for u in ctx.staff if u.role in (Role.PROFESSIONAL, Role.UNIT_LEADER)}
    staff: dict[int, list[int]] = defaultdict(list)
    for membership in ctx.memberships:
        if membership.user_id in recorders:
            staff[membership.unit_id].append(membership.user_id)
    return staff


def _places(ctx: SynthContext) -> tuple[dict[int, list[Place]], dict[int, Place]]:
    """Each child's stretches in screened units, and its health-visiting enrolment."""
    kinds = set(get_policy().screened_unit_kinds)
    kind_of = {unit.pk: unit.kind for unit in ctx.units}
    screened: dict[int, list[Place]] = defaultdict(list)
    health_visiting: dict[int, Place] = {}
    for enrolment in ctx.enrolments:
        kind = kind_of[enrolment.unit_id]
        place = Place(enrolment.unit_id, enrolment.since, enrolment.until)
        if kind in kinds:
            screened[enrolment.child_id].append(place)
        elif kind == UnitKind.HEALTH_VISITING:
            health_visiting[enrolment.child_id] = place
    return screened, health_visiting


def create_screenings(ctx: SynthContext) -> None:
    maker = ScreeningMaker(ctx)
    rounds = maker.rounds()
    if not rounds:
        return
    days = maker.unit_days(rounds)
    screened, health_visiting = _places(ctx)
    for child in ctx.children:
        maker.child_positions(child, screened.get(child.pk, []), rounds, days)
        maker.child_scorings(child, health_visiting.get(child.pk))
    rows = maker.positions + maker.scorings
    ids = ctx.ids.take(Screening, len(rows))
    first_scoring = len(maker.positions)
    follow_ups = [(ids[first_scoring + index], *visit) for index, *visit in maker.follow_ups]
    known = KnownPositions.of(maker.positions, rounds[-1])
    ratings = sfo_ratings(ctx, rounds[-1], known, maker.staff)
    total = len(rows) + len(follow_ups) + len(ratings)
    ctx.progress.step("Trivselsvurderinger og ADBB", total)
    _insert(ctx, Screening, SCREENING_COLUMNS, _screening_values(ids, rows))
    follow_up_ids = ctx.ids.take(AdbbFollowUp, len(follow_ups))
    _insert(ctx, AdbbFollowUp, FOLLOW_UP_COLUMNS, _follow_up_values(follow_up_ids, follow_ups))
    rating_ids = ctx.ids.take(Rating, len(ratings))
    _insert(ctx, Rating, RATING_COLUMNS, _rating_values(rating_ids, ratings))


# SFO: the pedagogues' own ratings in the current round ----------------------------------------


@dataclass(frozen=True)
class KnownPositions:
    """What an SFO pedagogue's rating leans on: the child's position as it stands."""

    latest: dict[int, str]  # each child's newest joint position
    current: dict[int, tuple[str, date]]  # this round's joint position and its day

    @classmethod
    def of(cls, positions: list[tuple[Any, ...]], current: Round) -> KnownPositions:
        # Rows are planned oldest round first per child: the last one seen is the newest.
        latest = {row[0]: row[5] for row in positions}
        now = {row[0]: (row[5], row[4]) for row in positions if row[3] == current.deadline}
        return cls(latest=latest, current=now)


def sfo_ratings(
    ctx: SynthContext, current: Round, known: KnownPositions, staff: dict[int, list[int]]
) -> list[tuple[Any, ...]]:
    """(child, unit, deadline, rater, position, day) of the SFO staff's ratings this round.

    A child whose school has set this round's joint position was rated in the week before it
    (the team agreed the position on the ratings); the others from the SFO's own day in the
    round, once it has come. Its own random stream: the rows above stay as they were.
    """
    rng = ctx.rng("sfo_ratings")
    longest = min(EARLIEST_DAYS_BEFORE_DEADLINE, (current.deadline - current.starts_on).days)
    days = {
        unit.pk: current.deadline
        - timedelta(days=rng.randint(LATEST_DAYS_BEFORE_DEADLINE, longest))
        for unit in ctx.units_of(UnitKind.SFO)
    }
    rows: list[tuple[Any, ...]] = []
    for enrolment in ctx.enrolments:
        own_day, raters = days.get(enrolment.unit_id), staff.get(enrolment.unit_id)
        if own_day is None or not raters:
            continue
        if not Place(enrolment.unit_id, enrolment.since, enrolment.until).on(ctx.today):
            continue
        joint = known.current.get(enrolment.child_id)
        if joint is not None:
            position, day = joint[0], joint[1] - timedelta(days=rng.randrange(SPREAD_DAYS))
        elif own_day <= ctx.today:
            position, day = known.latest.get(enrolment.child_id, GREEN), own_day
        else:
            continue  # the SFO has not got to this child yet
        if rng.random() >= SFO_RATED:
            continue
        day = min(max(day, enrolment.since, current.starts_on), ctx.today)
        for rater in rng.sample(raters, min(len(raters), rng.randint(*SFO_RATERS))):
            own = rng.choice(ONE_STEP[position]) if rng.random() < SFO_DIFFERS else position
            rows.append((enrolment.child_id, enrolment.unit_id, current.deadline, rater, own, day))
    return rows


# The columns of the planned rows, then what every generated row has in common.
SCREENING_COLUMNS = (
    "child_id",
    "unit_id",
    "instrument",
    "round_deadline",
    "screened_on",
    "position",
    "reason",
    "adbb_scores",
    "adbb_total",
    "recorded_by_id",
    "id",
    "updated_at",
    "version",
)
FOLLOW_UP_COLUMNS = ("screening_id", "visited_on", "note", "recorded_by_id", "id")
RATING_COLUMNS = (
    "child_id",
    "unit_id",
    "round_deadline",
    "rater_id",
    "position",
    "reason",
    "updated_at",
    "id",
)


def _date_adapter() -> Callable[[date], Any]:
    """The backend's own date adapter, once per distinct day (a few hundred in a run)."""
    adapted: dict[date, Any] = {}
    adapt = connection.ops.adapt_datefield_value

    def value(day: date) -> Any:
        if day not in adapted:
            adapted[day] = adapt(day)
        return adapted[day]

    return value


def _screening_values(ids: range, rows: list[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    day = _date_adapter()
    scores_field = Screening._meta.get_field("adbb_scores")
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    for pk, row in zip(ids, rows, strict=True):
        child, unit, instrument, deadline, screened_on, position, reason, scores, *rest = row
        if scores is not None:
            scores = scores_field.get_db_prep_save(scores, connection)
        yield (
            child,
            unit,
            instrument,
            day(deadline),
            day(screened_on),
            position,
            reason,
            scores,
            *rest,
            pk,
            now,
            1,
        )


def _follow_up_values(ids: range, rows: list[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    day = _date_adapter()
    for pk, (screening, visited_on, note, recorder) in zip(ids, rows, strict=True):
        yield (screening, day(visited_on), note, recorder, pk)


def _rating_values(ids: range, rows: list[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    day = _date_adapter()
    moment = connection.ops.adapt_datetimefield_value
    for pk, (child, unit, deadline, rater, position, rated_on) in zip(ids, rows, strict=True):
        at = timezone.make_aware(datetime.combine(rated_on, RATED_AT))
        yield (child, unit, day(deadline), rater, position, "", moment(at), pk)


def _insert(
    ctx: SynthContext, model: type[Model], columns: Sequence[str], values: Iterable[tuple[Any, ...]]
) -> None:
    """COPY on PostgreSQL (executemany there costs a minute per million rows), else executemany."""
    ops = connection.ops
    table = ops.quote_name(model._meta.db_table)
    names = ", ".join(ops.quote_name(column) for column in columns)
    rows = iter(values)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                while batch := list(islice(rows, BATCH_SIZE)):
                    for row in batch:
                        copy.write_row(row)
                    ctx.progress.advance(len(batch))
            return
        marks = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 - model's names
        while batch := list(islice(rows, BATCH_SIZE)):
            cursor.executemany(sql, batch)
            ctx.progress.advance(len(batch))
