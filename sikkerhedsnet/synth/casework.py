"""Step: the caseworker's work on each case: the child assessment, Signs of Safety, the network
and the child's plan.

Every case gets its child assessment. Most are concluded within the policy's 4 months from when
the municipality became aware; some run over with an interim assessment written near the
deadline, and a few run over without one (the safety net's `assessment_overdue_without_interim`
finds those still open). What has not happened by the day of generation is left open: the
newest cases are still being assessed. The conclusions lead to decisions in realistic shares:
about half to a support measure, about one in seven to a placement (most with consent).

Most cases have Signs of Safety meetings every six to ten weeks while the work goes on, each
participant (the rådgiver, the parents, the child from 7, often a network person) scoring the
safety scale; the scores move with the case: mostly upward as the work succeeds, some flat and
some down. Most families get a safety network of two to four people, partly from the child's
registered network. A case with a support measure or a placement gets the child's plan with one
to three goals, on time for most placements and late or missing for a few.

The measures step reuses `CaseworkMaker` for the cases it opens for children whose measures
began before the notification history, deciding their assessment itself. Rows are written as
tuples: COPY on PostgreSQL, `executemany` on SQLite.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate, islice
from typing import Any

from django.db import connection
from django.db.models import DateField, DateTimeField, Model

from sikkerhedsnet.cases.models import Case, CaseStatus
from sikkerhedsnet.casework.ics import DIMENSIONS
from sikkerhedsnet.casework.models import (
    SCALE_MAX,
    SCALE_MIN,
    Assessment,
    AssessmentDecision,
    ChildPlan,
    InterimAssessment,
    NetworkMember,
    ParticipantRole,
    PlanGoal,
    SafetyMeeting,
    SafetyScore,
)
from sikkerhedsnet.lib.dates import COPENHAGEN
from sikkerhedsnet.people.models import GuardianRelation, NetworkRelation, Role
from sikkerhedsnet.synth import names
from sikkerhedsnet.synth.context import SynthContext
from sikkerhedsnet.synth.dates import age_on
from sikkerhedsnet.synth.writer import BATCH_SIZE

CASE_YEAR = timedelta(days=365)  # the notifications step closes a case after about a year
DECISIONS: tuple[tuple[AssessmentDecision, float], ...] = (
    (AssessmentDecision.NO_MEASURE, 0.25),
    (AssessmentDecision.EARLY_HELP, 0.14),
    (AssessmentDecision.SUPPORT, 0.46),
    (AssessmentDecision.PLACEMENT_WITH_CONSENT, 0.12),
    (AssessmentDecision.PLACEMENT_WITHOUT_CONSENT, 0.03),
)
DECISION_KINDS = [kind for kind, _share in DECISIONS]
DECISION_CUM = list(accumulate(share for _kind, share in DECISIONS))
IN_TIME = 0.82  # of the assessments; then with an interim assessment, then over without one
WITH_INTERIM = 0.13
FIRST_DECISION_DAYS = 30  # an assessment takes at least a month
MEASURE_DECISIONS = frozenset(
    {
        AssessmentDecision.SUPPORT,
        AssessmentDecision.PLACEMENT_WITH_CONSENT,
        AssessmentDecision.PLACEMENT_WITHOUT_CONSENT,
    }
)
WITH_MEETINGS = 0.85
MEETING_GAP_DAYS = (42, 70)
MAX_MEETINGS = 5  # the newest; a long case's earlier meetings predate the system
RECENT_MEETINGS = timedelta(days=365)  # a long case's meetings: those of its latest year
TRENDS = (("up", 0.65), ("flat", 0.2), ("down", 0.15))
WITH_NETWORK = 0.8  # of the cases with meetings
NETWORK_LEFT = 0.08
PLAN_ON_TIME = 0.9  # of the placements; then late, then (a few) none yet
PLAN_LATE = 0.06
CHILD_SPEAKS_FROM = 7

DIMENSION_TEXTS: dict[str, tuple[str, ...]] = {
    "health": (
        "Barnet er generelt sundt, men har mange sygedage og går sjældent til tandlæge.",
        "Barnet sover dårligt og har ondt i maven flere gange om ugen.",
    ),
    "development": (
        "Barnet er alderssvarende i sin udvikling, men reagerer udadtil ved skift og krav.",
        "Barnet virker indesluttet og har svært ved at sætte ord på, hvordan det har det.",
    ),
    "school": (
        "Barnet har højt fravær, og skolen beskriver faglige huller og uro i timerne.",
        "Barnet trives i dagtilbuddet, når det er der, men kommer uregelmæssigt.",
    ),
    "leisure": (
        "Barnet har få venner og går ikke til noget i fritiden.",
        "Barnet spiller fodbold og har en god ven fra klassen.",
    ),
    "safe_care": (
        "Forældrene sørger for mad og tøj, men der er perioder uden faste voksne hjemme.",
        "Der er bekymring for barnets sikkerhed, når forælderen er påvirket.",
    ),
    "stimulation": (
        "Forældrene har svært ved at sætte rammer og hjælpe med lektier.",
        "Forælderen læser med barnet og følger op på skolen, når overskuddet er der.",
    ),
    "relationships": (
        "Barnet har god kontakt til mormor, men samværet med far er ophørt.",
        "Forældrene støtter barnets venskaber, men konflikter mellem dem fylder.",
    ),
    "family_relations": (
        "Forældrene er gået fra hinanden, og der er højt konfliktniveau om samværet.",
        "Forælderen har selv været anbragt og har et begrænset netværk.",
    ),
    "housing_money": (
        "Familien bor trangt og har gæld; forælderen er sygemeldt fra sit arbejde.",
        "Familien er truet af udsættelse og har flyttet tre gange på to år.",
    ),
    "social_network": (
        "Familien har en bedstemor og en nabo, der kan hjælpe i hverdagen.",
        "Familien har kun lidt kontakt til andre og ønsker ikke at inddrage familien.",
    ),
}
CHILD_VIEWS = (
    "Barnet fortæller, at det er trygt hos mor, men at det er svært, når der bliver råbt.",
    "Barnet ønsker at bo hjemme og vil gerne have en voksen at tale med.",
    "Barnet siger, at det savner sin far og gerne vil se ham mere.",
)
PARENTS_VIEWS = (
    "Forældrene genkender bekymringen og ønsker hjælp til rutiner og grænser.",
    "Mor mener, at det går bedre nu, men vil gerne have støtte.",
    "Forældrene er uenige i bekymringen, men vil samarbejde om undersøgelsen.",
)
CONCLUSIONS: dict[str, str] = {
    AssessmentDecision.NO_MEASURE: "Bekymringen er afklaret; familien klarer sig med almene "
    "tilbud, og sagen afsluttes.",
    AssessmentDecision.EARLY_HELP: "Familien har gavn af tidlig forebyggende rådgivning og et "
    "forældrekursus.",
    AssessmentDecision.SUPPORT: "Barnet har behov for særlig støtte; familien tilbydes "
    "støttende indsats i hjemmet og nærmiljøet.",
    AssessmentDecision.PLACEMENT_WITH_CONSENT: "Barnets behov kan ikke dækkes i hjemmet; "
    "forældrene samtykker i en anbringelse.",
    AssessmentDecision.PLACEMENT_WITHOUT_CONSENT: "Der er åbenbar risiko for barnets sundhed og "
    "udvikling; anbringelse uden samtykke indstilles til børne- og ungeudvalget.",
}
INTERIM_TEXTS = (
    "Vi afventer udtalelse fra børne- og ungdomspsykiatrien; barnet er i sikkerhed imens.",
    "Samtaler med far og skolen er endnu ikke gennemført; støtten i hjemmet fortsætter.",
    "Undersøgelsen er forlænget efter aftale med familien, som har været syg i perioden.",
)
WORRIES = (
    ("Barnet har oplevet vold mellem de voksne.", "Vi er bekymrede for, at barnet igen ser vold."),
    ("Barnet er ofte alene hjemme om aftenen.", "Vi er bekymrede for, at barnet mangler omsorg."),
    ("Mor drikker i perioder.", "Vi er bekymrede for, at barnet er utrygt, når mor drikker."),
)
COMPLICATING = (
    "Familien har økonomiske problemer og et lille netværk.",
    "Forældrene er uenige om, hvad der er godt for barnet.",
    "Mor er sygemeldt med stress.",
)
STRENGTHS = (
    "Forældrene elsker barnet og vil gerne have hjælp.",
    "Barnet har en god relation til mormor og sin lærer.",
    "Far henter og bringer barnet hver dag.",
)
EXISTING_SAFETY = (
    "Mormor tager barnet, når mor ikke har det godt.",
    "Barnet ved, hvem det kan ringe til.",
    "Far kommer hver aften og spiser med.",
)
SAFETY_GOALS = (
    "Alle i familien og netværket er sikre på, at barnet er trygt hjemme hver dag.",
    "Barnet møder i skole hver dag og ved, hvem der henter.",
)
NEXT_STEPS = (
    "Netværksmøde med mormor og naboen; sikkerhedsplan skrives sammen med familien.",
    "Familiebehandling starter, og vi mødes igen om seks uger.",
    "Rådgiveren taler med barnet i skolen inden næste møde.",
)
COMMITMENTS = (
    "Henter barnet om tirsdagen og har det med hjem til aftensmad.",
    "Ringer til mor hver aften og kommer, hvis det er nødvendigt.",
    "Har barnet på weekend hver anden uge.",
    "Er den, barnet kan ringe til, hvis der er uro derhjemme.",
)
EXTRA_NETWORK = (
    ("Nabo", NetworkRelation.NEIGHBOUR),
    ("Familieven", NetworkRelation.FAMILY_FRIEND),
    ("Fodboldtræner", NetworkRelation.OTHER),
)
GOALS = (
    "Barnet kommer i skole hver dag og er glad for det.",
    "Barnet har faste sengetider og spiser morgenmad hjemme.",
    "Barnet har en voksen at tale med, når det er svært.",
    "Forældrene og barnet har en god hverdag uden råb og vold.",
    "Barnet har en fritidsaktivitet og en god ven.",
    "Barnet bevarer kontakten til sine forældre og søskende.",
)
OTHERS_AGREED = ("Plejefamilien", "Skolen", "Mormor", "")


@dataclass(frozen=True, slots=True)
class CaseInfo:
    id: int
    child_id: int
    opened_on: date
    became_aware_on: date
    team_id: int | None
    caseworker_id: int | None
    is_open: bool


@dataclass
class Rows:
    """What the step writes, as tuples in the column order of the *_COLUMNS below."""

    assessments: list[tuple[Any, ...]] = field(default_factory=list)
    interims: list[tuple[Any, ...]] = field(default_factory=list)
    meetings: list[tuple[Any, ...]] = field(default_factory=list)
    scores: list[tuple[Any, ...]] = field(default_factory=list)
    network: list[tuple[Any, ...]] = field(default_factory=list)
    plans: list[tuple[Any, ...]] = field(default_factory=list)
    goals: list[tuple[Any, ...]] = field(default_factory=list)


ASSESSMENT_COLUMNS = (
    "id",
    "case_id",
    "dimensions",
    "child_view",
    "parents_view",
    "conclusion",
    "decision",
    "decided_on",
    "decided_by_id",
    "version",
    "updated_at",
    "updated_by_id",
)
INTERIM_COLUMNS = (
    "id",
    "assessment_id",
    "text",
    "expected_done_on",
    "recorded_on",
    "recorded_by_id",
)
MEETING_COLUMNS = (
    "id",
    "case_id",
    "held_on",
    "harm",
    "danger_statements",
    "complicating_factors",
    "strengths",
    "existing_safety",
    "safety_goals",
    "next_steps",
    "version",
    "created_by_id",
)
SCORE_COLUMNS = (
    "id",
    "meeting_id",
    "participant_name",
    "participant_role",
    "score",
    "recorded_by_id",
    "recorded_at",
)
NETWORK_COLUMNS = (
    "id",
    "case_id",
    "name",
    "relation",
    "commitment",
    "joined_on",
    "left_on",
    "version",
    "added_by_id",
)
PLAN_COLUMNS = ("id", "case_id", "adopted_on", "created_by_id")
GOAL_COLUMNS = (
    "id",
    "plan_id",
    "text",
    "agreed_with_child",
    "agreed_with_parents",
    "agreed_with_others",
    "agreed_on",
    "version",
    "created_by_id",
)


@dataclass(frozen=True, slots=True)
class Participant:
    name: str
    role: str
    offset: int  # how much higher than the rådgiver this person scores to begin with

    @property
    def named(self) -> tuple[str, str]:
        return self.name, self.role


class CaseworkMaker:
    """Makes one case's casework at a time; `write` inserts everything made so far."""

    def __init__(self, ctx: SynthContext, stream: str, child_ids: set[int]) -> None:
        """`child_ids`: the children of the cases to come (the maps hold only theirs)."""
        self.ctx = ctx
        self.rng: random.Random = ctx.rng(stream)
        self.today = ctx.today
        self.now = datetime.combine(ctx.today, time.min, COPENHAGEN)
        self.rows = Rows()
        self.bank = names.name_bank()
        self.children = {c.id: c for c in ctx.children if c.id in child_ids}
        self.user_names = {user.id: f"{user.first_name} {user.last_name}" for user in ctx.staff}
        self.team_workers = team_caseworkers(ctx)
        self.parents = _parents(ctx, child_ids)
        self.registered_network = _network(ctx, child_ids)
        self.decision_of: dict[int, tuple[str, date]] = {}  # case id -> (decision, day)
        self.goals_of: dict[int, list[int]] = {}  # case id -> plan goal ids
        self._moments: dict[tuple[date, int], datetime] = {}

    # One case -----------------------------------------------------------------------------

    def case(
        self, case: CaseInfo, *, decision: str | None = None, decided_on: date | None = None
    ) -> None:
        """The case's casework; `decision` and `decided_on` force the assessment's outcome."""
        worker = self.worker(case)
        decided = self.assessment(case, worker, decision, decided_on)
        end = self.today - timedelta(days=1) if case.is_open else case.opened_on + CASE_YEAR
        if decided is not None and decided[0] not in MEASURE_DECISIONS:
            end = min(end, decided[1] + timedelta(days=30))
        self.safety_meetings(case, worker, end)
        if decided is not None and decided[0] in MEASURE_DECISIONS:
            self.child_plan(case, worker, *decided)

    def worker(self, case: CaseInfo) -> int:
        return worker_for(case, self.team_workers)

    def moment(self, day: date, hour: int) -> datetime:
        key = (day, hour)
        found = self._moments.get(key)
        if found is None:
            found = self._moments[key] = datetime.combine(day, time(hour), COPENHAGEN)
        return found

    # The child assessment ----------------------------------------------------------------

    def assessment(
        self, case: CaseInfo, worker: int, decision: str | None, decided_on: date | None
    ) -> tuple[str, date] | None:
        rng = self.rng
        assessment_id = self.ctx.ids.one(Assessment)
        due = Case.assessment_due(case.became_aware_on)
        if decided_on is None:
            decided_on = self._decision_day(case, assessment_id, worker, due)
        if decision is None:
            decision = rng.choices(DECISION_KINDS, cum_weights=DECISION_CUM)[0].value
        concluded = decided_on < self.today
        child = self.children[case.child_id]
        speaks = age_on(child.birth_date, case.opened_on) >= CHILD_SPEAKS_FROM
        codes = DIMENSIONS if concluded else DIMENSIONS[: rng.randint(0, len(DIMENSIONS))]
        dimensions = {d.code: rng.choice(DIMENSION_TEXTS[d.code]) for d in codes}
        updated_on = decided_on if concluded else min(self.today, case.opened_on + CASE_YEAR)
        self.rows.assessments.append(
            (
                assessment_id,
                case.id,
                json.dumps(dimensions, ensure_ascii=False),
                rng.choice(CHILD_VIEWS) if speaks and (concluded or codes) else "",
                rng.choice(PARENTS_VIEWS) if concluded or codes else "",
                CONCLUSIONS[decision] if concluded else "",
                decision if concluded else "",
                decided_on if concluded else None,
                worker if concluded else None,
                1,
                min(self.moment(updated_on, 14), self.now - timedelta(hours=1)),
                worker,
            )
        )
        if not concluded:
            return None
        self.decision_of[case.id] = (decision, decided_on)
        return decision, decided_on

    def _decision_day(self, case: CaseInfo, assessment_id: int, worker: int, due: date) -> date:
        rng = self.rng
        draw = rng.random()
        if draw < IN_TIME:
            span = max(1, (due - case.opened_on).days)
            return case.opened_on + timedelta(
                days=rng.randint(min(FIRST_DECISION_DAYS, span), span)
            )
        if draw < IN_TIME + WITH_INTERIM:
            recorded = due - timedelta(days=rng.randint(0, 10))
            expected = due + timedelta(days=rng.randint(20, 75))
            if recorded < self.today:
                self.rows.interims.append(
                    (
                        self.ctx.ids.one(InterimAssessment),
                        assessment_id,
                        rng.choice(INTERIM_TEXTS),
                        expected,
                        recorded,
                        worker,
                    )
                )
            return max(due + timedelta(days=1), expected + timedelta(days=rng.randint(-15, 20)))
        return due + timedelta(days=rng.randint(5, 60))

    # Signs of Safety ---------------------------------------------------------------------

    def safety_meetings(self, case: CaseInfo, worker: int, end: date) -> None:
        rng = self.rng
        first = case.opened_on + timedelta(days=rng.randint(7, 21))
        last = min(end, self.today)
        if first >= last or rng.random() >= WITH_MEETINGS:
            return
        if last - first > RECENT_MEETINGS:
            first = last - timedelta(days=rng.randint(200, RECENT_MEETINGS.days))
        days = [first]
        while (following := days[-1] + timedelta(days=rng.randint(*MEETING_GAP_DAYS))) < last:
            days.append(following)
        days = days[-MAX_MEETINGS:]
        participants = self.participants(case, worker)
        trend = rng.choices(("up", "flat", "down"), weights=[w for _t, w in TRENDS])[0]
        slope = {"up": rng.uniform(0.5, 1.1), "flat": 0.0, "down": -rng.uniform(0.3, 0.7)}[trend]
        base = rng.randint(2, 4)
        worry, danger = rng.choice(WORRIES)
        random, next_id, scores = rng.random, self.ctx.ids.one, self.rows.scores
        texts = (
            rng.choice(COMPLICATING),
            rng.choice(STRENGTHS),
            rng.choice(EXISTING_SAFETY),
            rng.choice(SAFETY_GOALS),
        )
        for index, day in enumerate(days):
            meeting_id = self.ctx.ids.one(SafetyMeeting)
            self.rows.meetings.append(
                (
                    meeting_id,
                    case.id,
                    day,
                    worry,
                    danger,
                    *texts,
                    NEXT_STEPS[index % len(NEXT_STEPS)],
                    1,
                    worker,
                )
            )
            at = self.moment(day, 15)
            level = base + slope * index - 0.8
            for person in participants:
                raw = level + person.offset + 1.6 * random()
                score = min(SCALE_MAX, max(SCALE_MIN, round(raw)))
                scores.append((next_id(SafetyScore), meeting_id, *person.named, score, worker, at))
        if rng.random() < WITH_NETWORK:
            self.safety_network(case, worker, days[0])

    def participants(self, case: CaseInfo, worker: int) -> list[Participant]:
        rng = self.rng
        people = [Participant(self.user_names[worker], ParticipantRole.CASEWORKER.value, 0)]
        seen = {people[0].name}
        for name, relation in self.parents.get(case.child_id, ()):
            role = ParticipantRole.FATHER if relation == GuardianRelation.FATHER else None
            if relation in (GuardianRelation.MOTHER, GuardianRelation.CO_MOTHER):
                role = ParticipantRole.MOTHER
            if name not in seen:
                seen.add(name)
                people.append(
                    Participant(name, str(role or ParticipantRole.CARER), rng.randint(1, 3))
                )
        child = self.children[case.child_id]
        if age_on(child.birth_date, case.opened_on) >= CHILD_SPEAKS_FROM:
            people.append(
                Participant(child.first_name, ParticipantRole.CHILD.value, rng.randint(0, 2))
            )
        network = self.registered_network.get(case.child_id)
        if network and rng.random() < 0.5 and network[0][0] not in seen:
            people.append(
                Participant(network[0][0], ParticipantRole.NETWORK.value, rng.randint(0, 2))
            )
        return people

    def safety_network(self, case: CaseInfo, worker: int, first_meeting: date) -> None:
        rng = self.rng
        known = self.registered_network.get(case.child_id, [])
        wanted = rng.randint(2, 4)
        members = [
            (name, str(NetworkRelation(relation).label)) for name, relation in known[:wanted]
        ]
        while len(members) < wanted:
            label, kind = rng.choice(EXTRA_NETWORK)
            name = self.bank.full_name(rng, rng.choice(("female", "male")))
            members.append((name, label if kind == NetworkRelation.OTHER else str(kind.label)))
        for name, relation in members:
            joined = first_meeting + timedelta(days=rng.randint(0, 30))
            if joined >= self.today:
                continue
            left = joined + timedelta(days=rng.randint(60, 300))
            self.rows.network.append(
                (
                    self.ctx.ids.one(NetworkMember),
                    case.id,
                    name,
                    str(relation),
                    rng.choice(COMMITMENTS),
                    joined,
                    left if rng.random() < NETWORK_LEFT and left < self.today else None,
                    1,
                    worker,
                )
            )

    # The child's plan ---------------------------------------------------------------------

    def child_plan(self, case: CaseInfo, worker: int, decision: str, decided_on: date) -> None:
        rng = self.rng
        adopted = self._plan_day(decision, decided_on)
        if adopted is None or adopted >= self.today:
            return
        plan_id = self.ctx.ids.one(ChildPlan)
        self.rows.plans.append((plan_id, case.id, adopted, worker))
        child = self.children[case.child_id]
        speaks = age_on(child.birth_date, adopted) >= CHILD_SPEAKS_FROM
        goal_ids = []
        for text in rng.sample(GOALS, rng.randint(1, 3)):
            goal_id = self.ctx.ids.one(PlanGoal)
            goal_ids.append(goal_id)
            self.rows.goals.append(
                (
                    goal_id,
                    plan_id,
                    text,
                    speaks and rng.random() < 0.85,
                    rng.random() < 0.9,
                    rng.choice(OTHERS_AGREED),
                    adopted,
                    1,
                    worker,
                )
            )
        self.goals_of[case.id] = goal_ids

    def _plan_day(self, decision: str, decided_on: date) -> date | None:
        rng = self.rng
        if decision == AssessmentDecision.SUPPORT:
            return decided_on + timedelta(days=rng.randint(0, 45))
        draw = rng.random()
        if draw >= PLAN_ON_TIME + PLAN_LATE:
            return None
        late = draw >= PLAN_ON_TIME
        if decision == AssessmentDecision.PLACEMENT_WITHOUT_CONSENT:
            # Made before the decision, as the law asks; a late one soon after.
            days = rng.randint(5, 40) if late else -rng.randint(0, 10)
            return decided_on + timedelta(days=days)
        return decided_on + timedelta(days=rng.randint(95, 150) if late else rng.randint(0, 80))

    # Writing ------------------------------------------------------------------------------

    def write(self, label: str) -> None:
        rows = self.rows
        groups = [
            (Assessment, ASSESSMENT_COLUMNS, rows.assessments),
            (InterimAssessment, INTERIM_COLUMNS, rows.interims),
            (SafetyMeeting, MEETING_COLUMNS, rows.meetings),
            (SafetyScore, SCORE_COLUMNS, rows.scores),
            (NetworkMember, NETWORK_COLUMNS, rows.network),
            (ChildPlan, PLAN_COLUMNS, rows.plans),
            (PlanGoal, GOAL_COLUMNS, rows.goals),
        ]
        self.ctx.progress.step(label, sum(len(group[2]) for group in groups))
        for model, columns, values in groups:
            write_rows(self.ctx, model, columns, values)
        self.rows = Rows()


def worker_for(case: CaseInfo, team_workers: dict[int, list[int]]) -> int:
    """The case's rådgiver; for a case without one (closed, or waiting), one of its team's."""
    if case.caseworker_id is not None:
        return case.caseworker_id
    workers = team_workers.get(case.team_id or 0) or team_workers[0]
    return workers[case.id % len(workers)]


def team_caseworkers(ctx: SynthContext) -> dict[int, list[int]]:
    """Each team's rådgivere by id; under 0, every rådgiver (for a case without a team)."""
    roles = {user.id: user.role for user in ctx.staff}
    teams: dict[int, list[int]] = defaultdict(list)
    for membership in sorted(ctx.memberships, key=lambda m: (m.unit_id, m.user_id)):
        if roles.get(membership.user_id) == Role.CASEWORKER:
            teams[membership.unit_id].append(membership.user_id)
            teams[0].append(membership.user_id)
    return dict(teams)


def _parents(ctx: SynthContext, child_ids: set[int]) -> dict[int, list[tuple[str, str]]]:
    wanted = [custody for custody in ctx.custodies if custody.child_id in child_ids]
    guardian_ids = {custody.guardian_id for custody in wanted}
    guardians = {g.id: g for g in ctx.guardians if g.id in guardian_ids}
    found: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for custody in wanted:
        guardian = guardians[custody.guardian_id]
        found[custody.child_id].append(
            (f"{guardian.first_name} {guardian.last_name}", custody.relation)
        )
    return found


def _network(ctx: SynthContext, child_ids: set[int]) -> dict[int, list[tuple[str, str]]]:
    found: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for person in ctx.network:
        if person.child_id in child_ids:
            found[person.child_id].append((person.name, person.relation))
    return found


def read_cases() -> list[CaseInfo]:
    """The cases the notifications step opened (one query)."""
    rows = Case.objects.order_by("pk").values_list(
        "pk", "child_id", "opened_on", "became_aware_on", "team_id", "caseworker_id", "status"
    )
    return [
        CaseInfo(pk, child, opened, aware, team, worker, status == CaseStatus.OPEN)
        for pk, child, opened, aware, team, worker, status in rows
    ]


def create_casework(ctx: SynthContext) -> None:
    cases = read_cases()
    maker = CaseworkMaker(ctx, "casework", {case.child_id for case in cases})
    for case in cases:
        maker.case(case)
    maker.write("Børnefaglige undersøgelser, Signs of Safety og barnets plan")


# Writing tuples ---------------------------------------------------------------------------------


def write_rows(
    ctx: SynthContext, model: type[Model], columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    """Insert tuples in `columns` order: COPY on PostgreSQL, executemany on SQLite."""
    if not rows:
        return
    ops = connection.ops
    table = ops.quote_name(model._meta.db_table)
    names_sql = ", ".join(ops.quote_name(column) for column in columns)
    it = iter(rows)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names_sql}) FROM STDIN") as copy:
                while batch := list(islice(it, BATCH_SIZE)):
                    for row in batch:
                        copy.write_row(row)
                    ctx.progress.advance(len(batch))
            return
        adapt = _sqlite_adapter(model, columns)
        marks = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({names_sql}) VALUES ({marks})"  # noqa: S608 - model's names
        while batch := list(islice(it, BATCH_SIZE)):
            cursor.executemany(sql, [adapt(row) for row in batch])
            ctx.progress.advance(len(batch))


def _sqlite_adapter(
    model: type[Model], columns: Sequence[str]
) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
    """Dates and times as Django's SQLite backend stores them (ISO text, UTC without offset)."""
    fields = {f.column: f for f in model._meta.concrete_fields}
    moments = [i for i, c in enumerate(columns) if isinstance(fields[c], DateTimeField)]
    days = [
        i
        for i, c in enumerate(columns)
        if isinstance(fields[c], DateField) and not isinstance(fields[c], DateTimeField)
    ]
    if not moments and not days:
        return lambda row: row

    def adapt(row: tuple[Any, ...]) -> tuple[Any, ...]:
        values = list(row)
        for i in moments:
            values[i] = _utc_text(values[i])
        for i in days:
            values[i] = _date_text(values[i])
        return tuple(values)

    return adapt


# Many rows share a day or a moment (a meeting's scores): each is formatted once.
_TEXTS: dict[Any, str | None] = {None: None}


def _utc_text(value: datetime | None) -> str | None:
    text = _TEXTS.get(value, "")
    if text == "":
        assert value is not None  # noqa: S101 - None is in the cache
        text = _TEXTS[value] = str(value.astimezone(UTC).replace(tzinfo=None))
    return text


def _date_text(value: date | None) -> str | None:
    text = _TEXTS.get(value, "")
    if text == "":
        assert value is not None  # noqa: S101 - None is in the cache
        text = _TEXTS[value] = value.isoformat()
    return text
