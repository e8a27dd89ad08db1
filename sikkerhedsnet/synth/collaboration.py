"""Step: acting on concern: dialogue meetings, unit plans and cross-disciplinary meetings.

Most yellow and red joint positions (ACTED) lead to a dialogue meeting with the parents within
days and a unit plan within the policy's 14 days; some plans come late and some never, so the
safety net's `concern_without_plan` finds a realistic minority. A plan has one to three actions
with an owner (the pedagogue, the parents, the leader) and a due date, and is reviewed about
every eight weeks until it is closed or the concern is escalated; a new concern in a later round
replaces a plan still running. Most actions are done and most reviews held; a few are overdue.

Every school has its own cross-disciplinary meeting series, and the daycares of each district
share one; the standing members are the unit leaders, a PPR psychologist, a health visitor of
the district and a social worker from intake. They meet every six weeks over the history period,
with the next meeting still ahead. Children with concern in two rounds running, and escalated
plans, are put forward: most with the parents' consent, some as anonymous consultations. Past
meetings have minutes and an outcome, except a few. An outcome of a notification is linked to
the child's notification received in the two weeks after the meeting, when there is one.

The step reads the joint positions and notifications the earlier steps wrote (two queries) and
writes its rows from tuples: COPY on PostgreSQL, `executemany` on SQLite.
"""

from __future__ import annotations

import bisect
import math
import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import groupby, islice
from typing import Any

from django.db import connection
from django.db.models import DateField, DateTimeField, Model

from sikkerhedsnet.collaboration.models import (
    AgendaItem,
    CollaborationMeeting,
    Consent,
    DialogueMeeting,
    MeetingOutcome,
    MeetingSeries,
    PlanAction,
    PlanReview,
    PlanStatus,
    ReviewOutcome,
    UnitPlan,
)
from sikkerhedsnet.intake.models import Notification
from sikkerhedsnet.lib.dates import COPENHAGEN
from sikkerhedsnet.people.models import Role, Unit, UnitKind
from sikkerhedsnet.policy import get_policy
from sikkerhedsnet.screening.models import CONCERN_POSITIONS, Instrument, Screening
from sikkerhedsnet.synth.context import SynthContext
from sikkerhedsnet.synth.dates import age_on, birthday
from sikkerhedsnet.synth.writer import BATCH_SIZE

ACTED = 0.8  # of the yellow and red positions: a dialogue meeting and (mostly) a plan
DIALOGUE_DAYS = (2, 9)  # after the position
PLAN_IN_TIME = 0.88  # of the acted positions; then late, then none
PLAN_LATE = 0.08
PLAN_LATE_DAYS = (1, 30)  # after the policy's deadline
ACTIONS = (1, 3)
ACTION_DUE_DAYS = (14, 49)
ACTION_DONE = 0.92  # of the actions past due on an active plan
ACTION_DONE_EARLY = 0.25  # of those not yet due
REVIEW_MISSED = 0.05  # of the reviews that fell due on the latest plan
REVIEW_SPREAD_DAYS = (-7, 5)
REVIEW_OUTCOMES = ((ReviewOutcome.CONTINUE, 0.35), (ReviewOutcome.CLOSE, 0.55))  # else escalate
PUT_FORWARD = 0.7  # of the children with concern in two rounds running
PUT_FORWARD_ESCALATED = 0.9
READY_DAYS = 7  # a child is put forward at the first meeting a week or more later
ITEMS_PER_MEETING = 8  # per eight units a series covers: a big district meets for longer
UNITS_PER_SESSION = 8
CONSENT_GIVEN = 0.85
PARENTS_INVITED = 0.85
MINUTES_WRITTEN = 0.93  # of the items of past meetings
OUTCOMES = (
    (MeetingOutcome.CONTINUE_WITH_PLAN, 0.45),
    (MeetingOutcome.REFER_PPR, 0.25),
    (MeetingOutcome.SOCIAL_WORKER_ADVICE, 0.22),
    (MeetingOutcome.NOTIFICATION, 0.08),
)
NOTIFICATION_WITHIN = timedelta(days=14)
MEETING_TIMES = (time(9), time(13), time(14))

STAFF_VIEWS = (
    "Barnet trækker sig fra legen og virker ked af det i længere perioder.",
    "Barnet har mange konflikter og har svært ved at falde til ro.",
    "Barnet kommer ofte træt og sulten og har svært ved at koncentrere sig.",
    "Barnets sprog og kontakt til de andre børn er gået tilbage.",
)
PARENTS_VIEWS = (
    "Forældrene genkender billedet og fortæller om en travl periode derhjemme.",
    "Forældrene oplever ikke det samme hjemme, men vil gerne samarbejde.",
    "Forældrene er bekymrede og ønsker hjælp til faste rutiner.",
    "Forældrene fortæller om skilsmisse og ønsker, at barnet får ekstra støtte.",
)
AGREED = (
    "Vi laver en handleplan med faste aftaler og ses igen om otte uger.",
    "Personalet giver barnet en fast voksen, og forældrene styrker morgenrutinen.",
    "Vi følger barnet tæt og taler med forældrene hver uge ved afhentning.",
)
GOALS = (
    "Barnet deltager i leg med de andre børn hver dag.",
    "Barnet møder udhvilet og har spist morgenmad.",
    "Barnet kan sige til og fra over for de andre børn uden konflikt.",
    "Barnet er i trivsel og glad for at komme i institutionen eller skolen.",
)
ACTION_TEXTS = {
    "staff": (
        "Fast voksen tager imod barnet om morgenen.",
        "Legegruppe med to andre børn to gange om ugen.",
        "Sprogstimulering i lille gruppe.",
    ),
    "parents": (
        "Faste sengetider og morgenmad hjemme.",
        "Forældrene fortæller personalet om ændringer derhjemme.",
        "Legeaftaler med en kammerat i weekenden.",
    ),
    "leader": (
        "Lederen følger op med forældrene efter fire uger.",
        "Lederen inviterer sundhedsplejen eller PPR til sparring.",
    ),
}
REVIEW_NOTES = {
    ReviewOutcome.CONTINUE: "Der er lidt bedring; planen fortsætter med de samme mål.",
    ReviewOutcome.CLOSE: "Målene er nået; barnet er i trivsel, og planen afsluttes.",
    ReviewOutcome.ESCALATE: "Ingen bedring trods planen; barnet tages op på tværfagligt møde.",
}
REPLACED_NOTE = "Afløst af en ny handleplan efter rundens nye vurdering."
CONCERNS = (
    "Bekymringen har varet over to trivselsvurderinger trods dialog med forældrene.",
    "Handleplanen har ikke hjulpet; vi ønsker sparring om næste skridt.",
    "Barnet trives fortsat ikke, og forældrene ønsker hjælp udefra.",
)
MINUTES = {
    MeetingOutcome.CONTINUE_WITH_PLAN: "Enheden fortsætter med en justeret handleplan.",
    MeetingOutcome.REFER_PPR: "Barnet henvises til PPR til en pædagogisk-psykologisk vurdering.",
    MeetingOutcome.SOCIAL_WORKER_ADVICE: "Socialrådgiveren rådgiver forældrene om tidlig hjælp.",
    MeetingOutcome.NOTIFICATION: "Mødet underretter visitationen om bekymringen.",
}


@dataclass(frozen=True, slots=True)
class Position:
    screening_id: int
    child_id: int
    unit_id: int
    deadline: date
    screened_on: date
    reason: str


@dataclass
class Rows:
    """What the step writes, as tuples in the column order of COLUMNS."""

    dialogues: list[tuple[Any, ...]] = field(default_factory=list)
    plans: list[tuple[Any, ...]] = field(default_factory=list)
    actions: list[tuple[Any, ...]] = field(default_factory=list)
    reviews: list[tuple[Any, ...]] = field(default_factory=list)
    series: list[tuple[Any, ...]] = field(default_factory=list)
    members: list[tuple[Any, ...]] = field(default_factory=list)
    meetings: list[tuple[Any, ...]] = field(default_factory=list)
    items: list[tuple[Any, ...]] = field(default_factory=list)


@dataclass
class Candidate:
    """A child to put forward from `ready_on`, at its unit's series."""

    child_id: int
    unit_id: int
    ready_on: date


@dataclass
class Schedule:
    series_id: int
    members: list[int]
    starts: list[datetime]
    meeting_ids: list[int]
    days: list[date]
    load: list[int]
    capacity: int = ITEMS_PER_MEETING


class CollaborationMaker:
    def __init__(self, ctx: SynthContext) -> None:
        self.ctx = ctx
        self.rng: random.Random = ctx.rng("collaboration")
        self.today = ctx.today
        self.now = datetime.combine(ctx.today, time.min, COPENHAGEN)
        self.policy = get_policy()
        self.rows = Rows()
        self.candidates: list[Candidate] = []
        self.units = {unit.pk: unit for unit in ctx.units}
        self.users = {user.pk: user for user in ctx.staff}
        self.staff, self.leaders = _unit_staff(ctx)
        self.children = {child.pk: child for child in ctx.children}

    # Dialogue meetings and plans ------------------------------------------------------------

    def child_concerns(self, positions: list[Position], deadlines: list[date]) -> None:
        """One child's yellow and red positions, oldest first."""
        plans: list[dict[str, Any]] = []
        previous: Position | None = None
        for position in positions:
            if (
                previous is not None
                and _consecutive(previous, position, deadlines)
                and self.rng.random() < PUT_FORWARD
            ):
                ready = position.screened_on + timedelta(days=READY_DAYS)
                self.candidates.append(Candidate(position.child_id, position.unit_id, ready))
            previous = position
            plan = self.acted(position)
            if plan is not None:
                plans.append(plan)
        for index, plan in enumerate(plans):
            following = plans[index + 1]["created_on"] if index + 1 < len(plans) else None
            self.plan_rows(plan, following)

    def acted(self, position: Position) -> dict[str, Any] | None:
        """The dialogue meeting (written) and the plan to make (returned), as far as now."""
        rng = self.rng
        if rng.random() >= ACTED:
            return None
        held_on = position.screened_on + timedelta(days=rng.randint(*DIALOGUE_DAYS))
        if held_on >= self.today:
            return None
        dialogue_id = self.ctx.ids.one(DialogueMeeting)
        staff = self.pick_staff(position.unit_id)
        self.rows.dialogues.append(
            (
                dialogue_id,
                position.child_id,
                position.unit_id,
                held_on,
                f"Forældrene, {self.users[staff]}",
                position.reason or rng.choice(STAFF_VIEWS),
                rng.choice(PARENTS_VIEWS),
                rng.choice(AGREED),
                position.screening_id,
                staff,
                datetime.combine(held_on, time(15), COPENHAGEN),
            )
        )
        draw = rng.random()
        due = position.screened_on + timedelta(days=self.policy.unit_plan_days)
        if draw < PLAN_IN_TIME:
            created_on = held_on + timedelta(days=rng.randint(0, max(0, (due - held_on).days)))
        elif draw < PLAN_IN_TIME + PLAN_LATE:
            created_on = due + timedelta(days=rng.randint(*PLAN_LATE_DAYS))
        else:
            return None
        if created_on >= self.today:
            return None
        return {"position": position, "created_on": created_on, "dialogue_id": dialogue_id}

    def plan_rows(self, plan: dict[str, Any], following: date | None) -> None:
        position: Position = plan["position"]
        created_on: date = plan["created_on"]
        plan_id = self.ctx.ids.one(UnitPlan)
        status, ended_on, review_due = self.reviews(plan_id, position, created_on, following)
        if status == PlanStatus.ESCALATED and self.rng.random() < PUT_FORWARD_ESCALATED:
            assert ended_on is not None  # noqa: S101 - an escalated plan has ended
            self.candidates.append(Candidate(position.child_id, position.unit_id, ended_on))
        self.rows.plans.append(
            (
                plan_id,
                position.child_id,
                position.unit_id,
                created_on,
                self.pick_staff(position.unit_id),
                self.rng.choice(GOALS),
                review_due,
                status.value,
                ended_on,
                plan["dialogue_id"],
                position.screening_id,
                1,
            )
        )
        self.actions(plan_id, position.unit_id, created_on, ended_on)

    def reviews(
        self, plan_id: int, position: Position, created_on: date, following: date | None
    ) -> tuple[PlanStatus, date | None, date]:
        """The plan's reviews until it ends or is due; its status, end and review date."""
        rng, weeks = self.rng, timedelta(weeks=self.policy.unit_plan_review_weeks)
        review_due = created_on + weeks
        while True:
            if following is not None and review_due >= following:
                self.review(
                    plan_id,
                    position,
                    day=following,
                    outcome=ReviewOutcome.CLOSE,
                    note=REPLACED_NOTE,
                )
                return PlanStatus.CLOSED, following, review_due
            if review_due >= self.today:
                return PlanStatus.ACTIVE, None, review_due
            if following is None and rng.random() < REVIEW_MISSED:
                return PlanStatus.ACTIVE, None, review_due  # the review is overdue
            day = review_due + timedelta(days=rng.randint(*REVIEW_SPREAD_DAYS))
            last = following or self.today
            day = min(max(day, created_on + timedelta(days=1)), last - timedelta(days=1))
            outcome = _outcome(rng)
            if outcome == ReviewOutcome.CONTINUE:
                review_due = day + weeks
                self.review(
                    plan_id,
                    position,
                    day=day,
                    outcome=outcome,
                    note=REVIEW_NOTES[outcome],
                    next_due=review_due,
                )
                continue
            self.review(plan_id, position, day=day, outcome=outcome, note=REVIEW_NOTES[outcome])
            ended = PlanStatus.CLOSED if outcome == ReviewOutcome.CLOSE else PlanStatus.ESCALATED
            return ended, day, review_due

    def review(
        self,
        plan_id: int,
        position: Position,
        *,
        day: date,
        outcome: ReviewOutcome,
        note: str,
        next_due: date | None = None,
    ) -> None:
        reviewer = self.pick_staff(position.unit_id)
        row = (self.ctx.ids.one(PlanReview), plan_id, day, reviewer, note, outcome.value, next_due)
        self.rows.reviews.append(row)

    def actions(self, plan_id: int, unit_id: int, created_on: date, ended_on: date | None) -> None:
        rng = self.rng
        owners = ["staff", "parents", "leader"]
        for owner in rng.sample(owners, rng.randint(*ACTIONS)):
            due = created_on + timedelta(days=rng.randint(*ACTION_DUE_DAYS))
            self.rows.actions.append(
                (
                    self.ctx.ids.one(PlanAction),
                    plan_id,
                    rng.choice(ACTION_TEXTS[owner]),
                    self.owner_name(owner, unit_id),
                    due,
                    self.done_on(created_on, due, ended_on),
                )
            )

    def done_on(self, created_on: date, due: date, ended_on: date | None) -> date | None:
        """When the action was done: every action of an ended plan; most of a running one."""
        rng = self.rng
        if ended_on is not None:
            return max(created_on, min(due + timedelta(days=rng.randint(-10, 3)), ended_on))
        if due < self.today:
            if rng.random() >= ACTION_DONE:
                return None  # overdue
            day = due + timedelta(days=rng.randint(-10, 3))
            return max(created_on, min(day, self.today - timedelta(days=1)))
        if self.today > created_on and rng.random() < ACTION_DONE_EARLY:
            return created_on + timedelta(days=rng.randint(0, (self.today - created_on).days - 1))
        return None

    def owner_name(self, owner: str, unit_id: int) -> str:
        if owner == "parents":
            return "Forældrene"
        if owner == "leader" and self.leaders.get(unit_id):
            return str(self.users[self.rng.choice(self.leaders[unit_id])])
        return str(self.users[self.pick_staff(unit_id)])

    def pick_staff(self, unit_id: int) -> int:
        return self.rng.choice(self.staff[unit_id])

    # Meeting series, meetings and agendas ---------------------------------------------------

    def series(self) -> dict[int, Schedule]:
        """The series and their meetings; the schedule of each daycare or school unit."""
        pools = _central_staff(self.ctx)
        of_unit: dict[int, Schedule] = {}
        for school in self.ctx.units_of(UnitKind.SCHOOL):
            members = [*self.leaders.get(school.pk, []), *self.central(pools, school.district)]
            name = f"Tværfagligt møde, {school.name}"
            of_unit[school.pk] = self.one_series(name, school, "", members, school.name)
        daycares: dict[str, list[Unit]] = defaultdict(list)
        for daycare in self.ctx.units_of(UnitKind.DAYCARE):
            daycares[daycare.district].append(daycare)
        for district, units in daycares.items():
            leaders = [leader for unit in units for leader in self.leaders.get(unit.pk, [])]
            members = [*leaders, *self.central(pools, district)]
            name = f"Tværfagligt møde, dagtilbud {district}"
            schedule = self.one_series(
                name, None, district, members, f"Distriktskontoret {district}"
            )
            schedule.capacity = ITEMS_PER_MEETING * math.ceil(len(units) / UNITS_PER_SESSION)
            for unit in units:
                of_unit[unit.pk] = schedule
        return of_unit

    def central(self, pools: dict[str, Any], district: str) -> list[int]:
        """A PPR psychologist, a health visitor of the district and an intake social worker."""
        chosen = []
        for role in (Role.PPR, Role.INTAKE):
            if pools[role]:
                chosen.append(pools[role][self.rng.randrange(len(pools[role]))])
        visitors = pools["health"].get(district) or pools["health_any"]
        if visitors:
            chosen.append(self.rng.choice(visitors))
        return chosen

    def one_series(
        self, name: str, unit: Unit | None, district: str, members: list[int], location: str
    ) -> Schedule:
        series_id = self.ctx.ids.one(MeetingSeries)
        interval = 6
        self.rows.series.append(
            (series_id, name, unit.pk if unit else None, district, interval, location, True)
        )
        through = MeetingSeries.standing_members.through
        for user_id in dict.fromkeys(members):
            self.rows.members.append((self.ctx.ids.one(through), series_id, user_id))
        schedule = Schedule(series_id, list(dict.fromkeys(members)), [], [], [], [])
        self.meetings(schedule, location, timedelta(weeks=interval))
        return schedule

    def meetings(self, schedule: Schedule, location: str, interval: timedelta) -> None:
        """Every `interval` from early in the history period, up to the next one ahead."""
        window_start = birthday(self.today, -self.ctx.history_years)
        first = window_start + timedelta(days=self.rng.randrange(interval.days))
        weekday = self.rng.choice((1, 2, 3))  # Tuesday to Thursday, the same every time
        first += timedelta(days=(weekday - first.weekday()) % 7)
        at = self.rng.choice(MEETING_TIMES)
        day = first
        while True:
            starts_at = datetime.combine(day, at, COPENHAGEN)
            meeting_id = self.ctx.ids.one(CollaborationMeeting)
            self.rows.meetings.append((meeting_id, schedule.series_id, starts_at, location))
            schedule.starts.append(starts_at)
            schedule.meeting_ids.append(meeting_id)
            schedule.days.append(day)
            schedule.load.append(0)
            if day > self.today:
                return
            day += interval

    def agendas(self, of_unit: dict[int, Schedule], notifications: dict[int, list[Any]]) -> None:
        for candidate in sorted(self.candidates, key=lambda c: (c.ready_on, c.child_id)):
            schedule = of_unit.get(candidate.unit_id)
            if schedule is None:
                continue
            index = bisect.bisect_left(schedule.days, candidate.ready_on)
            while index < len(schedule.days) and schedule.load[index] >= schedule.capacity:
                index += 1
            if index == len(schedule.days):
                continue  # beyond the meetings planned so far
            schedule.load[index] += 1
            self.item(candidate, schedule, index, notifications.get(candidate.child_id, []))

    def item(
        self, candidate: Candidate, schedule: Schedule, index: int, notifications: list[Any]
    ) -> None:
        rng = self.rng
        starts_at = schedule.starts[index]
        consent = rng.random() < CONSENT_GIVEN
        child = self.children[candidate.child_id]
        if consent:
            child_id, description = child.pk, ""
        else:
            age = age_on(child.birth_date, starts_at.date())
            sex = "Pige" if child.sex == "female" else "Dreng"
            child_id, description = None, f"{sex}, {age} år"
        put_forward_at = starts_at - timedelta(days=rng.randint(3, 20), hours=3)
        # Not before the concern that brought the child forward.
        earliest = candidate.ready_on - timedelta(days=READY_DAYS - 1)
        put_forward_at = max(put_forward_at, datetime.combine(earliest, time(10), COPENHAGEN))
        minutes: tuple[Any, ...] = ("", None, None, "", None)
        if starts_at < self.now and rng.random() < MINUTES_WRITTEN:
            minutes = self.minutes(schedule, starts_at, child_id, notifications)
        self.rows.items.append(
            (
                self.ctx.ids.one(AgendaItem),
                schedule.meeting_ids[index],
                child_id,
                candidate.unit_id,
                description,
                rng.choice(CONCERNS),
                (Consent.GIVEN if consent else Consent.NOT_GIVEN).value,
                consent and rng.random() < PARENTS_INVITED,
                self.pick_staff(candidate.unit_id),
                put_forward_at,
                *minutes,
                1,
            )
        )

    def minutes(
        self,
        schedule: Schedule,
        starts_at: datetime,
        child_id: int | None,
        notifications: list[Any],
    ) -> tuple[str, int, datetime, str, int | None]:
        rng = self.rng
        outcome = rng.choices([o for o, _ in OUTCOMES], [w for _, w in OUTCOMES])[0]
        linked = None
        if outcome == MeetingOutcome.NOTIFICATION:
            linked = next(
                (
                    pk
                    for pk, at in notifications
                    if starts_at <= at < starts_at + NOTIFICATION_WITHIN
                ),
                None,
            )
            if child_id is None or linked is None:
                outcome = MeetingOutcome.SOCIAL_WORKER_ADVICE
                linked = None
        written = min(
            starts_at + timedelta(hours=rng.randint(2, 72)), self.now - timedelta(hours=1)
        )
        writer = rng.choice(schedule.members) if schedule.members else self.ctx.staff[0].pk
        return MINUTES[outcome], writer, written, outcome.value, linked


def _consecutive(earlier: Position, later: Position, deadlines: list[date]) -> bool:
    index = bisect.bisect_left(deadlines, later.deadline)
    return index > 0 and deadlines[index - 1] == earlier.deadline


def _outcome(rng: random.Random) -> ReviewOutcome:
    draw = rng.random()
    for outcome, share in REVIEW_OUTCOMES:
        draw -= share
        if draw < 0:
            return outcome
    return ReviewOutcome.ESCALATE


def _unit_staff(ctx: SynthContext) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """Each unit's professionals and leaders (who record), and its leaders alone."""
    roles = {user.pk: user.role for user in ctx.staff}
    staff: dict[int, list[int]] = defaultdict(list)
    leaders: dict[int, list[int]] = defaultdict(list)
    for membership in ctx.memberships:
        role = roles.get(membership.user_id)
        if role in (Role.PROFESSIONAL, Role.UNIT_LEADER):
            staff[membership.unit_id].append(membership.user_id)
        if role == Role.UNIT_LEADER:
            leaders[membership.unit_id].append(membership.user_id)
    return staff, leaders


def _central_staff(ctx: SynthContext) -> dict[str, Any]:
    """PPR psychologists, intake social workers, and the health visitors of each district."""
    units = {unit.pk: unit for unit in ctx.units}
    by_role: dict[str, list[int]] = {Role.PPR: [], Role.INTAKE: []}
    for user in ctx.staff:
        if user.role in by_role:
            by_role[user.role].append(user.pk)
    roles = {user.pk: user.role for user in ctx.staff}
    health: dict[str, list[int]] = defaultdict(list)
    for membership in ctx.memberships:
        unit = units[membership.unit_id]
        if unit.kind == UnitKind.HEALTH_VISITING and roles[membership.user_id] == Role.PROFESSIONAL:
            health[unit.district].append(membership.user_id)
    every = [user for district in health.values() for user in district]
    return {**by_role, "health": health, "health_any": every}


def _concern_positions() -> tuple[list[Position], list[date]]:
    """The yellow and red joint positions, by child and round; and every round's deadline."""
    joint = Screening.objects.filter(instrument=Instrument.TRAFFIC_LIGHT)
    deadlines = sorted(joint.values_list("round_deadline", flat=True).distinct())
    rows = (
        joint.filter(position__in=CONCERN_POSITIONS)
        .order_by("child_id", "round_deadline")
        .values_list("id", "child_id", "unit_id", "round_deadline", "screened_on", "reason")
    )
    return [Position(*row) for row in rows], deadlines


def _notifications(child_ids: Iterable[int]) -> dict[int, list[tuple[int, datetime]]]:
    wanted = sorted(set(child_ids))
    found: dict[int, list[tuple[int, datetime]]] = defaultdict(list)
    for start in range(0, len(wanted), 900):  # SQLite's parameter limit
        rows = Notification.objects.filter(child_id__in=wanted[start : start + 900])
        for pk, child_id, received_at in rows.order_by("received_at", "id").values_list(
            "id", "child_id", "received_at"
        ):
            found[child_id].append((pk, received_at))
    return found


def create_collaboration(ctx: SynthContext) -> None:
    maker = CollaborationMaker(ctx)
    positions, deadlines = _concern_positions()
    for _child, own in groupby(positions, key=lambda position: position.child_id):
        maker.child_concerns(list(own), deadlines)
    of_unit = maker.series()
    notifications = _notifications(candidate.child_id for candidate in maker.candidates)
    maker.agendas(of_unit, notifications)
    rows = maker.rows
    groups: list[tuple[type[Model], Sequence[str], list[tuple[Any, ...]]]] = [
        (DialogueMeeting, DIALOGUE_COLUMNS, rows.dialogues),
        (UnitPlan, PLAN_COLUMNS, rows.plans),
        (PlanAction, ACTION_COLUMNS, rows.actions),
        (PlanReview, REVIEW_COLUMNS, rows.reviews),
        (MeetingSeries, SERIES_COLUMNS, rows.series),
        (MeetingSeries.standing_members.through, MEMBER_COLUMNS, rows.members),
        (CollaborationMeeting, MEETING_COLUMNS, rows.meetings),
        (AgendaItem, ITEM_COLUMNS, rows.items),
    ]
    ctx.progress.step(
        "Dialogmøder, handleplaner og tværfaglige møder", sum(len(g[2]) for g in groups)
    )
    for model, columns, values in groups:
        _write(ctx, model, columns, values)


DIALOGUE_COLUMNS = (
    "id",
    "child_id",
    "unit_id",
    "held_on",
    "participants",
    "staff_view",
    "parents_view",
    "agreed",
    "screening_id",
    "recorded_by_id",
    "recorded_at",
)
PLAN_COLUMNS = (
    "id",
    "child_id",
    "unit_id",
    "created_on",
    "created_by_id",
    "goals",
    "review_due",
    "status",
    "ended_on",
    "dialogue_meeting_id",
    "screening_id",
    "version",
)
ACTION_COLUMNS = ("id", "plan_id", "description", "owner", "due_on", "done_on")
REVIEW_COLUMNS = (
    "id",
    "plan_id",
    "reviewed_on",
    "reviewed_by_id",
    "note",
    "outcome",
    "next_review_due",
)
SERIES_COLUMNS = ("id", "name", "unit_id", "district", "interval_weeks", "location", "active")
MEMBER_COLUMNS = ("id", "meetingseries_id", "user_id")
MEETING_COLUMNS = ("id", "series_id", "starts_at", "location")
ITEM_COLUMNS = (
    "id",
    "meeting_id",
    "child_id",
    "unit_id",
    "anonymous_description",
    "concern",
    "consent",
    "parents_invited",
    "put_forward_by_id",
    "put_forward_at",
    "minutes",
    "minutes_by_id",
    "minutes_at",
    "outcome",
    "notification_id",
    "version",
)


def _adapters(model: type[Model], columns: Sequence[str]) -> list[tuple[int, Callable[[Any], Any]]]:
    """Date and time columns as SQLite takes them; COPY on PostgreSQL takes them as they are."""
    if connection.vendor == "postgresql":
        return []
    fields = {f.column: f for f in model._meta.concrete_fields}
    adapters: list[tuple[int, Callable[[Any], Any]]] = []
    for index, column in enumerate(columns):
        found = fields[column]
        if isinstance(found, DateTimeField):
            adapters.append((index, _utc_text))
        elif isinstance(found, DateField):
            adapters.append((index, _date_text))
    return adapters


def _utc_text(value: datetime | None) -> str | None:
    # What Django's SQLite backend stores for an aware datetime (UTC, without the offset).
    return None if value is None else str(value.astimezone(UTC).replace(tzinfo=None))


_DATE_TEXTS: dict[date, str] = {}


def _date_text(value: date | None) -> str | None:
    # A few hundred distinct days among a hundred thousand values: format each once.
    if value is None:
        return None
    text = _DATE_TEXTS.get(value)
    if text is None:
        text = _DATE_TEXTS[value] = value.isoformat()
    return text


def _write(
    ctx: SynthContext, model: type[Model], columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    ops = connection.ops
    table = ops.quote_name(model._meta.db_table)
    names = ", ".join(ops.quote_name(column) for column in columns)
    adapters = _adapters(model, columns)

    def adapted(row: tuple[Any, ...]) -> tuple[Any, ...]:
        if not adapters:
            return row
        values = list(row)
        for index, adapt in adapters:
            values[index] = adapt(values[index])
        return tuple(values)

    it = iter(rows)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                while batch := list(islice(it, BATCH_SIZE)):
                    for row in batch:
                        copy.write_row(row)
                    ctx.progress.advance(len(batch))
            return
        marks = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 - model's names
        while batch := list(islice(it, BATCH_SIZE)):
            cursor.executemany(sql, [adapted(row) for row in batch])
            ctx.progress.advance(len(batch))
