"""Step: the offer catalogue, measures and placements, their follow-up, supervision and the move
to adulthood.

The catalogue is a demo municipality's: local offers (a family centre, a parent course for
parents of 6-9-year-olds, a children's house with 12 places for children aged 6-12 at risk of
placement, a youth contact service, the local residential institution, emergency housing for
young people with 7 places, ...) and external providers (foster families, residential homes and
institutions outside the municipality), from measures/demo_offers.py, with the synthetic
municipality's residential institution as the local one.

Measures follow the child assessments' decisions; children whose measures began before the
notification history get a case of their own (opened, assessed and decided before the measure
started), so that on the day of generation about 3.5 % of the children have a support measure
and about 1 % are placed: mostly in foster care (about a tenth of the placements in network
care), the rest in residential homes and institutions; some acute, some outside the
municipality, some moved between placements. A full local offer puts the newest decisions on
its waiting list. Every placement is preceded by a search of the family's network.

Follow-ups come on the policy's cadence (cadence.py), mostly on time, some late and a few first
follow-ups missing; most placements get two or more supervision visits a year, a few fewer; most
young people over 17½ with an open measure have an adult-services coordinator, a few do not.
Follow-ups and visits older than two years predate the system and are left out.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from operator import attrgetter
from typing import Any

from django.db.models import Count

from sikkerhedsnet.cases.models import Case, CaseAssignment, CaseStatus, over_cap
from sikkerhedsnet.casework.models import Assessment, AssessmentDecision, PlanGoal
from sikkerhedsnet.lib.dates import COPENHAGEN, add_months
from sikkerhedsnet.measures.cadence import first_follow_up_due, next_follow_up_due
from sikkerhedsnet.measures.demo_offers import demo_offers
from sikkerhedsnet.measures.ladder import MeasureKind, is_placement
from sikkerhedsnet.measures.models import (
    AdultServicesCoordinator,
    FollowUp,
    LegalGround,
    Measure,
    MeasureStatus,
    NetworkSearch,
    Offer,
    SiblingsPlacement,
    SupervisionVisit,
)
from sikkerhedsnet.people.models import Child, Role, UnitKind
from sikkerhedsnet.policy import get_policy
from sikkerhedsnet.synth import names
from sikkerhedsnet.synth.casework import (
    CaseInfo,
    CaseworkMaker,
    read_cases,
    team_caseworkers,
    worker_for,
    write_rows,
)
from sikkerhedsnet.synth.context import SynthContext
from sikkerhedsnet.synth.dates import age_on, birthday
from sikkerhedsnet.synth.measures_data import (
    ASSIGNMENT_COLUMNS,
    CASE_COLUMNS,
    COORDINATOR_COLUMNS,
    COORDINATOR_CONTACT,
    FOLLOW_UP_COLUMNS,
    GOAL_LINK_COLUMNS,
    INTRUSIVENESS_REASON,
    MEASURE_COLUMNS,
    OFFER_COLUMNS,
    OVER_CAP_REASON,
    OWN_INTERVAL_REASONS,
    PEOPLE_CONSIDERED,
    PROFESSIONALS,
    PURPOSES,
    SEARCH_COLUMNS,
    SEARCH_FOUND,
    SEARCH_NOT_FOUND,
    VISIT_COLUMNS,
    VISIT_NOTES,
    WHAT_CHANGED,
    MeasureRow,
    OfferInfo,
    Rows,
)

K = MeasureKind
SUPPORT_SHARE = 0.035  # of the children, with a support measure on the day of generation
PLACED_SHARE = 0.01
SUPPORT_MIX = (
    (K.EARLY_PREVENTIVE, 0.12),
    (K.HOME_SUPPORT, 0.16),
    (K.CONTACT_PERSON, 0.27),
    (K.FAMILY_TREATMENT, 0.30),
    (K.DAY_TREATMENT, 0.05),
    (K.RELIEF_STAY, 0.10),
)
# Drawn before the child's age is taken into account: a young child's institution becomes a
# foster family (MIN_AGE), which takes the placed mix to about 70 % foster care.
PLACEMENT_MIX = (
    (K.KINSHIP_FOSTER_CARE, 0.10),
    (K.FOSTER_FAMILY, 0.26),
    (K.REINFORCED_FOSTER_FAMILY, 0.12),
    (K.SPECIALISED_FOSTER_FAMILY, 0.06),
    (K.OWN_ROOM, 0.06),
    (K.RESIDENTIAL_HOME, 0.24),
    (K.RESIDENTIAL_INSTITUTION, 0.14),
    (K.SECURE_UNIT, 0.02),
)
# A kind a child is too young for gives way to the next one down (own room from 16, ...).
MIN_AGE: dict[str, int] = {
    K.CONTACT_PERSON: 10,
    K.DAY_TREATMENT: 6,
    K.OWN_ROOM: 16,
    K.RESIDENTIAL_HOME: 6,
    K.RESIDENTIAL_INSTITUTION: 10,
    K.SECURE_UNIT: 12,
}
INSTEAD: dict[str, str] = {
    K.CONTACT_PERSON: K.FAMILY_TREATMENT,
    K.DAY_TREATMENT: K.FAMILY_TREATMENT,
    K.OWN_ROOM: K.FOSTER_FAMILY,
    K.RESIDENTIAL_HOME: K.REINFORCED_FOSTER_FAMILY,
    K.RESIDENTIAL_INSTITUTION: K.RESIDENTIAL_HOME,
    K.SECURE_UNIT: K.RESIDENTIAL_INSTITUTION,
}
# Older children are placed more often (relative weights by age on the day of generation).
PLACED_AGE_WEIGHT: tuple[float, ...] = (0.2, 0.4, 0.5, 0.5, 0.6, 0.6, 0.7, 0.7, 0.8, 0.8, 0.9, 1)
PLACED_AGE_WEIGHT += (1.1, 1.3, 1.5, 1.7, 1.8, 1.8)
SUPPORT_AGE_WEIGHT: tuple[float, ...] = (
    0.2,
    0.4,
    0.6,
    0.7,
    0.8,
    0.9,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    0.9,
    0.8,
)
ACUTE = 0.15  # of the placements
MOVED = 0.15  # of the longer placements: a move from a first placement
SECOND_SUPPORT = 0.2  # of the support decisions: two measures side by side
EARLY_HELP_MEASURE = 0.8  # of the early-help decisions: an early preventive offer
LOCAL_FIRST = 0.75  # a local offer with room is chosen before an external one
WAITING_DAYS = 45  # a decision this recent may wait for a full local offer
WAIT_FOR_LOCAL = 0.5  # rather than take an external one
FIRST_ON_TIME = 0.9  # of the first follow-ups; then late, then missing
FIRST_LATE = 0.07
NEXT_LATE = 0.07
OWN_INTERVAL = 0.05
HISTORY = timedelta(days=2 * 365)
FEW_VISITS = 0.08  # of the placements: fewer than two supervision visits a year
COORDINATOR_NAMED = 0.9
PLAN_GOALS_LINKED = (1, 2)


class MeasureMaker:
    def __init__(self, ctx: SynthContext) -> None:
        self.ctx = ctx
        self.rng: random.Random = ctx.rng("measures")
        self.today = ctx.today
        self.rows = Rows()
        self.bank = names.name_bank()
        self.children: dict[int, Child] = {child.id: child for child in ctx.children}
        self.team_workers = team_caseworkers(ctx)
        self.casework: CaseworkMaker | None = None  # for the older cases, once they are known
        self.offers = self.catalogue()
        self.occupied: dict[int, int] = defaultdict(int)  # offer id -> active today
        self.network = {p.child_id: p.name for p in reversed(ctx.network)}
        self.support_today: set[int] = set()
        self.placed_today: set[int] = set()
        self.case_end: dict[int, date] = {}
        self.workers: dict[int, int] = {}  # case id -> its rådgiver (or a team's)
        self.goals: dict[int, list[int]] = {}

    # The catalogue --------------------------------------------------------------------------

    def catalogue(self) -> dict[str, list[OfferInfo]]:
        local = [unit.name for unit in self.ctx.units_of(UnitKind.RESIDENTIAL_INSTITUTION)]
        offers = demo_offers(institution_name=local[0]) if local else demo_offers()
        by_kind: dict[str, list[OfferInfo]] = defaultdict(list)
        for offer in offers:
            pk = self.ctx.ids.one(Offer)
            self.rows.offers.append(
                (
                    pk,
                    offer.name,
                    offer.provider,
                    offer.kind,
                    offer.in_municipality,
                    offer.min_age,
                    offer.max_age,
                    offer.target_group,
                    offer.capacity,
                    offer.monthly_price,
                    True,
                    1,
                )
            )
            by_kind[offer.kind].append(
                OfferInfo(
                    pk,
                    offer.name,
                    offer.provider,
                    offer.kind,
                    offer.in_municipality,
                    offer.min_age,
                    offer.max_age,
                    offer.capacity,
                    offer.monthly_price,
                )
            )
        return by_kind

    def offer_for(
        self, kind: str, age: int, *, active_today: bool, may_wait: bool = False
    ) -> tuple[OfferInfo, bool]:
        """A fitting offer, and whether the child waits for it: a local offer with room first
        (mostly), else an external one; a recent decision may wait for a full local one."""
        rng = self.rng
        fitting = [o for o in self.offers[kind] if o.min_age <= age <= o.max_age]
        fitting = fitting or self.offers[kind]
        local = [o for o in fitting if o.local]
        free = [o for o in local if self._has_room(o, active_today)]
        external = [o for o in fitting if not o.local]
        if free and (not external or rng.random() < LOCAL_FIRST):
            return rng.choice(free), False
        if local and not free and may_wait and (not external or rng.random() < WAIT_FOR_LOCAL):
            return rng.choice(local), True
        # With no external provider of the kind, a full local offer takes one more.
        return rng.choice(external or free or local), False

    def _has_room(self, offer: OfferInfo, active_today: bool) -> bool:
        # Only today's occupancy is known; an ended measure had its place in the past.
        if not active_today or offer.capacity is None:
            return True
        return self.occupied[offer.id] < offer.capacity

    # Cases and their decisions -----------------------------------------------------------------

    def from_assessments(self) -> None:
        cases = {case.id: case for case in read_cases()}
        decided = Assessment.objects.filter(decided_on__isnull=False).values_list(
            "case_id", "decision", "decided_on"
        )
        for pk, case_id in PlanGoal.objects.values_list("pk", "plan__case_id"):
            self.goals.setdefault(case_id, []).append(pk)
        for case_id, decision, decided_on in sorted(decided):
            assert decided_on is not None  # noqa: S101 - filtered above
            case = cases[case_id]
            self.workers[case_id] = worker_for(case, self.team_workers)
            if not case.is_open:
                self.case_end[case_id] = case.opened_on + timedelta(days=365)
            self.decided(case, decision, decided_on)

    def decided(self, case: CaseInfo, decision: str, decided_on: date) -> None:
        rng = self.rng
        if decision == AssessmentDecision.EARLY_HELP:
            if rng.random() < EARLY_HELP_MEASURE:
                self.support(case, decided_on, K.EARLY_PREVENTIVE, LegalGround.EARLY_HELP)
        elif decision == AssessmentDecision.SUPPORT:
            first = _draw(rng, SUPPORT_MIX)
            self.support(case, decided_on, first, LegalGround.SUPPORT_WITH_CONSENT)
            if rng.random() < SECOND_SUPPORT:
                second = _draw(rng, SUPPORT_MIX)
                if second != first:
                    self.support(case, decided_on, second, LegalGround.SUPPORT_WITH_CONSENT)
        elif decision in (
            AssessmentDecision.PLACEMENT_WITH_CONSENT,
            AssessmentDecision.PLACEMENT_WITHOUT_CONSENT,
        ):
            ground = (
                LegalGround.PLACEMENT_WITH_CONSENT
                if decision == AssessmentDecision.PLACEMENT_WITH_CONSENT
                else LegalGround.PLACEMENT_WITHOUT_CONSENT
            )
            acute = rng.random() < ACUTE
            start = (
                case.opened_on + timedelta(days=rng.randint(0, 10))
                if acute
                else decided_on + timedelta(days=rng.randint(7, 45))
            )
            self.placement(case, decided_on if not acute else start, start, ground, acute=acute)

    # Support measures ---------------------------------------------------------------------------

    def support(
        self,
        case: CaseInfo,
        decided_on: date,
        kind: str,
        ground: str,
        *,
        start: date | None = None,
        months: int | None = None,
    ) -> None:
        rng = self.rng
        start = start or decided_on + timedelta(days=rng.randint(3, 30))
        months = months or rng.randint(6, 24)
        end: date | None = start + timedelta(days=months * 30)
        closes = self.case_end.get(case.id)
        if closes is not None:
            if start >= closes:
                return
            assert end is not None  # noqa: S101
            end = min(end, closes)
        age = age_on(self.children[case.child_id].birth_date, start)
        kind = _fitting(kind, age)
        if end is not None and end >= self.today:
            end = None  # still running: the end is not known yet
        recent = (self.today - decided_on).days <= WAITING_DAYS and end is None
        offer, full = self.offer_for(kind, age, active_today=end is None, may_wait=recent)
        row = self.measure(
            case,
            kind,
            offer,
            ground=ground,
            decided_on=decided_on,
            start=start,
            end=end,
            months=months,
        )
        if full:
            row.status, row.waiting_since = MeasureStatus.WAITING.value, decided_on
            row.start_date = None
            return
        self.started(row)

    # Placements ---------------------------------------------------------------------------------

    def placement(
        self,
        case: CaseInfo,
        decided_on: date,
        start: date,
        ground: str,
        *,
        acute: bool,
        moved: bool = False,
    ) -> None:
        rng = self.rng
        kind = _draw(rng, PLACEMENT_MIX)
        # A planned move: the first placement broke down or was a step on the way.
        first_kind = _draw(rng, PLACEMENT_MIX) if moved else kind
        if acute:
            # An acute placement often goes to the emergency places first, then on.
            first_kind = K.RESIDENTIAL_INSTITUTION if rng.random() < 0.4 else K.FOSTER_FAMILY
            moved = moved or rng.random() < 0.6
        closes = self.case_end.get(case.id)
        end: date | None = None
        if closes is not None:
            if start >= closes:
                return
            end = min(closes, start + timedelta(days=rng.randint(30, 300)))
        months = rng.randint(12, 60)
        move_on = start + timedelta(days=rng.randint(30, 400))
        if moved and move_on < (end or self.today):
            first = self.placement_period(
                case, first_kind, ground=ground, decided_on=decided_on, start=start,
                end=move_on - timedelta(days=1), months=months, acute=acute,
            )  # fmt: skip
            last = self.placement_period(
                case, kind, ground=ground,
                decided_on=move_on - timedelta(days=rng.randint(3, 20)), start=move_on, end=end,
                months=months, moved_from=first,
            )  # fmt: skip
            placed = {first.kind, last.kind}
        else:
            only = self.placement_period(
                case,
                first_kind,
                ground=ground,
                decided_on=decided_on,
                start=start,
                end=end,
                months=months,
                acute=acute,
            )
            placed = {only.kind}
        found = K.KINSHIP_FOSTER_CARE.value in placed
        self.network_search(case, start if acute else decided_on, found=found)

    def placement_period(
        self,
        case: CaseInfo,
        kind: str,
        *,
        ground: str,
        decided_on: date,
        start: date,
        end: date | None,
        months: int,
        acute: bool = False,
        moved_from: MeasureRow | None = None,
    ) -> MeasureRow:
        age = age_on(self.children[case.child_id].birth_date, start)
        kind = _fitting(kind, age)
        # A placement is not put on a waiting list: a full local place means an external one.
        offer, _full = self.offer_for(kind, age, active_today=end is None)
        row = self.measure(
            case,
            kind,
            offer,
            ground=ground,
            decided_on=decided_on,
            start=start,
            end=end,
            months=months,
        )
        row.acute = acute
        row.siblings = SiblingsPlacement.NO_SIBLINGS.value
        if kind != K.KINSHIP_FOSTER_CARE:
            row.intrusiveness_reason = INTRUSIVENESS_REASON
        else:
            # The family of a network placement is its provider.
            row.provider = self.network.get(case.child_id) or offer.provider
        if moved_from is not None:
            row.moved_from_id = moved_from.id
        self.started(row)
        return row

    def network_search(self, case: CaseInfo, before: date, *, found: bool) -> None:
        rng = self.rng
        searched = before - timedelta(days=0 if before == case.opened_on else rng.randint(0, 30))
        self.rows.searches.append(
            (
                self.ctx.ids.one(NetworkSearch),
                case.id,
                max(searched, case.opened_on),
                self.workers[case.id],
                rng.choice(PEOPLE_CONSIDERED),
                SEARCH_FOUND if found else SEARCH_NOT_FOUND,
                found,
            )
        )

    # Any measure -----------------------------------------------------------------------------

    def measure(
        self,
        case: CaseInfo,
        kind: str,
        offer: OfferInfo,
        *,
        ground: str,
        decided_on: date,
        start: date,
        end: date | None,
        months: int,
    ) -> MeasureRow:
        rng = self.rng
        placement = is_placement(kind)
        row = MeasureRow(
            id=self.ctx.ids.one(Measure),
            case_id=case.id,
            child_id=case.child_id,
            kind=str(kind),
            offer_id=offer.id,
            provider=offer.provider,
            in_municipality=offer.local,
            legal_ground=str(ground),
            purpose=rng.choice(PURPOSES["placement" if placement else "support"]),
            expected_months=months,
            intrusiveness_reason="",
            acute=False,
            siblings="",
            moved_from_id=None,
            status=MeasureStatus.DECIDED.value,
            decided_on=min(decided_on, start),
            decided_by_id=self.workers[case.id],
            waiting_since=None,
            start_date=start,
            end_date=end,
            monthly_cost=offer.price,
            follow_up_interval_weeks=None,
            follow_up_interval_reason="",
            next_follow_up_due=None,
        )
        self.rows.measures.append(row)
        for goal_id in self._goals(case.id):
            self.rows.goal_links.append((self.ctx.ids.one(Measure.goals.through), row.id, goal_id))
        return row

    def _goals(self, case_id: int) -> list[int]:
        goals = self.goals.get(case_id) or []
        if not goals and self.casework is not None:
            goals = self.casework.goals_of.get(case_id, [])
        if not goals:
            return []
        return self.rng.sample(goals, min(len(goals), self.rng.randint(*PLAN_GOALS_LINKED)))

    def started(self, row: MeasureRow) -> None:
        """Status, follow-ups and supervision of a measure with a start date."""
        assert row.start_date is not None  # noqa: S101
        if row.start_date > self.today:
            return  # decided, starts later
        active = row.end_date is None
        row.status = (MeasureStatus.ACTIVE if active else MeasureStatus.ENDED).value
        if active:
            if row.offer_id is not None:
                self.occupied[row.offer_id] += 1
            placed = is_placement(row.kind)
            (self.placed_today if placed else self.support_today).add(row.child_id)
        if self.rng.random() < OWN_INTERVAL:
            weeks = self.rng.choice(sorted(OWN_INTERVAL_REASONS))
            row.follow_up_interval_weeks = weeks
            row.follow_up_interval_reason = OWN_INTERVAL_REASONS[weeks]
        self.follow_ups(row)
        if is_placement(row.kind):
            self.visits(row)

    def follow_ups(self, row: MeasureRow) -> None:
        assert row.start_date is not None  # noqa: S101
        rng = self.rng
        start, weeks = row.start_date, row.follow_up_interval_weeks
        until = min(row.end_date or self.today, self.today)
        due = first_follow_up_due(kind=row.kind, start_date=start)
        if weeks is not None:
            due = min(due, start + timedelta(weeks=weeks))
        draw = rng.random()
        if draw >= FIRST_ON_TIME + FIRST_LATE:
            row.next_follow_up_due = due if row.end_date is None else None
            return  # the first follow-up was never held
        held = _held(rng, start, due, late=draw >= FIRST_ON_TIME)
        worker = row.decided_by_id
        scale = rng.randint(3, 6)
        window = self.today - HISTORY
        if held < window - timedelta(days=90):
            # Years of follow-ups before the system: pick up the cadence just before it.
            held = window - timedelta(days=rng.randint(1, 40))
        while held < until:
            due = next_follow_up_due(kind=row.kind, held_on=held, interval_weeks=weeks)
            if held >= window:
                scale = min(10, max(0, scale + rng.choice((-1, 0, 1, 1))))
                self.rows.follow_ups.append(
                    (
                        self.ctx.ids.one(FollowUp),
                        row.id,
                        held,
                        worker,
                        rng.random() < 0.7,
                        rng.random() < 0.85,
                        rng.random() < 0.3,
                        rng.choice(PROFESSIONALS),
                        rng.choice(WHAT_CHANGED),
                        scale,
                        due,
                    )
                )
            held = _held(rng, held, due, late=rng.random() < NEXT_LATE)
        row.next_follow_up_due = due if row.end_date is None else None

    def visits(self, row: MeasureRow) -> None:
        assert row.start_date is not None  # noqa: S101
        rng = self.rng
        few = rng.random() < FEW_VISITS
        gap = (250, 420) if few else (120, 170)
        visited = row.start_date + timedelta(days=rng.randint(30, 150))
        until = min(row.end_date or self.today, self.today)
        while visited < until:
            if visited >= self.today - HISTORY:
                self.rows.visits.append(
                    (
                        self.ctx.ids.one(SupervisionVisit),
                        row.id,
                        visited,
                        row.decided_by_id,
                        rng.random() < 0.98,
                        rng.choice(VISIT_NOTES),
                    )
                )
            visited += timedelta(days=rng.randint(*gap))

    # Children whose measures began before the notification history -------------------------

    def older_cases(self) -> None:
        """Cases opened earlier for enough children to bring today's shares to the targets."""
        n = self.ctx.n_children
        support_wanted = round(n * SUPPORT_SHARE) - len(self.support_today)
        placed_wanted = round(n * PLACED_SHARE) - len(self.placed_today)
        with_case = set(Case.objects.values_list("child_id", flat=True))
        candidates = [c for c in self.ctx.children if c.id not in with_case]
        self.rng.shuffle(candidates)
        loads = _open_loads()
        teams = self.team_workers
        leaders = _team_leaders(self.ctx)
        team_ids = sorted(team for team in teams if team)
        picked = self._pick(candidates, placed_wanted, PLACED_AGE_WEIGHT)
        chosen = {child.id for child in picked}
        remaining = [c for c in candidates if c.id not in chosen]
        supported = self._pick(remaining, support_wanted, SUPPORT_AGE_WEIGHT)
        ids = chosen | {child.id for child in supported}
        self.casework = CaseworkMaker(self.ctx, "measures-casework", ids)
        cap = get_policy().caseload_cap
        free = {
            team: cap * len(teams[team]) - sum(loads[w] for w in teams[team]) for team in team_ids
        }
        for child, placed in [(c, True) for c in picked] + [(c, False) for c in supported]:
            # The faglige ledere give an older case to the team with the most room.
            team = max(team_ids, key=lambda t: (free[t], -t)) if team_ids else None
            if team is not None:
                free[team] -= 1
            self.older_case(
                child, placed=placed, team=team, loads=loads, teams=teams, leaders=leaders
            )

    def _pick(self, children: list[Child], wanted: int, weights: tuple[float, ...]) -> list[Child]:
        picked: list[Child] = []
        top = max(weights)
        for child in children:
            if len(picked) >= wanted:
                break
            age = age_on(child.birth_date, self.today)
            if age_on(child.birth_date, self.today - timedelta(days=200)) < 0:
                continue  # too young to have been assessed and placed before today
            if self.rng.random() < weights[min(age, len(weights) - 1)] / top:
                picked.append(child)
        return picked

    def older_case(
        self,
        child: Child,
        *,
        placed: bool,
        team: int | None,
        loads: dict[int, int],
        teams: dict[int, list[int]],
        leaders: dict[int, int],
    ) -> None:
        rng = self.rng
        earliest = max(child.birth_date + timedelta(days=150), self.today - timedelta(days=8 * 365))
        if not placed:
            earliest = max(earliest, self.today - timedelta(days=900))
        latest = self.today - timedelta(days=14)
        start = earliest + timedelta(days=rng.randint(0, max(0, (latest - earliest).days)))
        decided_on = start - timedelta(days=rng.randint(7, 30))
        opened = decided_on - timedelta(days=rng.randint(40, 110))
        aware = opened - timedelta(days=rng.randint(0, 7))
        worker = self._assign(team, loads, teams)
        case = CaseInfo(self.ctx.ids.one(Case), child.id, opened, aware, team, worker, is_open=True)
        self.rows.cases.append(
            (
                case.id,
                child.id,
                opened,
                aware,
                Case.assessment_due(aware),
                None,
                team,
                worker,
                CaseStatus.OPEN.value,
                1,
            )
        )
        if worker is not None:
            leader = leaders.get(team or 0, worker)
            over = over_cap(loads[worker])
            self.rows.assignments.append(
                (
                    self.ctx.ids.one(CaseAssignment),
                    case.id,
                    worker,
                    datetime.combine(opened, time(10), COPENHAGEN),
                    None,
                    "",
                    OVER_CAP_REASON if over else "",
                    leader,
                )
            )
        without_consent = placed and rng.random() < 0.15
        decision = (
            AssessmentDecision.SUPPORT
            if not placed
            else AssessmentDecision.PLACEMENT_WITHOUT_CONSENT
            if without_consent
            else AssessmentDecision.PLACEMENT_WITH_CONSENT
        )
        assert self.casework is not None  # noqa: S101 - made in older_cases
        self.casework.case(case, decision=decision.value, decided_on=decided_on)
        self.workers[case.id] = worker_for(case, self.team_workers)
        if placed:
            ground = (
                LegalGround.PLACEMENT_WITHOUT_CONSENT
                if without_consent
                else LegalGround.PLACEMENT_WITH_CONSENT
            )
            moved = rng.random() < MOVED
            self.placement(case, decided_on, start, ground, acute=False, moved=moved)
        else:
            kind = _draw(rng, SUPPORT_MIX)
            ground = (
                LegalGround.EARLY_HELP
                if kind == K.EARLY_PREVENTIVE
                else LegalGround.SUPPORT_WITH_CONSENT
            )
            months = rng.randint(max(6, (self.today - start).days // 30 + 3), 36)
            self.support(case, decided_on, kind, ground, start=start, months=months)

    def _assign(
        self, team: int | None, loads: dict[int, int], teams: dict[int, list[int]]
    ) -> int | None:
        """The team's least loaded rådgiver; now and then someone else, or nobody yet."""
        workers = teams.get(team or 0)
        if not workers or self.rng.random() < 1 / 40:
            return None
        if self.rng.random() < 1 / 50:
            worker = self.rng.choice(workers)
        else:
            worker = min(workers, key=lambda w: (loads[w], w))
        loads[worker] += 1
        return worker

    # The move to adulthood and siblings ---------------------------------------------------

    def coordinators(self) -> None:
        rng = self.rng
        months = get_policy().adult_coordinator_age_months
        open_statuses = {MeasureStatus.ACTIVE, MeasureStatus.DECIDED, MeasureStatus.WAITING}
        open_children = {
            (m.child_id, m.case_id) for m in self.rows.measures if m.status in open_statuses
        }
        done: set[int] = set()
        for child_id, case_id in sorted(open_children):
            child = self.children[child_id]
            due = add_months(child.birth_date, months)
            listed = birthday(child.birth_date, 17)
            if child_id in done or listed > self.today or rng.random() >= COORDINATOR_NAMED:
                continue
            done.add(child_id)
            latest = min(due, self.today - timedelta(days=1))
            named = listed + timedelta(days=rng.randint(0, max(0, (latest - listed).days)))
            sex = rng.choice(("female", "male"))
            self.rows.coordinators.append(
                (
                    self.ctx.ids.one(AdultServicesCoordinator),
                    child_id,
                    self.bank.full_name(rng, sex),
                    COORDINATOR_CONTACT,
                    named,
                    self.workers[case_id],
                )
            )

    def siblings(self) -> None:
        """Placed siblings of one household: together in most families, apart in some."""
        by_household: dict[int, list[MeasureRow]] = defaultdict(list)
        for row in self.rows.measures:
            household = self.ctx.household_of_child.get(row.child_id)
            if row.siblings and household is not None:
                by_household[household.position].append(row)
        for rows in by_household.values():
            if len({row.child_id for row in rows}) < 2:
                continue
            together = self.rng.random() < 0.6
            value = SiblingsPlacement.TOGETHER if together else SiblingsPlacement.APART
            for row in rows:
                row.siblings = value.value

    # Writing ------------------------------------------------------------------------------

    def write(self) -> None:
        rows = self.rows
        as_tuple = attrgetter(*MEASURE_COLUMNS)
        measures = [as_tuple(row) for row in rows.measures]
        # A moved placement points at the one before it: write those first.
        measures.sort(key=lambda row: row[MEASURE_COLUMNS.index("moved_from_id")] is not None)
        cases: list[tuple[Any, tuple[str, ...], list[tuple[Any, ...]]]] = [
            (Offer, OFFER_COLUMNS, rows.offers),
            (Case, CASE_COLUMNS, rows.cases),
            (CaseAssignment, ASSIGNMENT_COLUMNS, rows.assignments),
        ]
        self.ctx.progress.step("Tilbud og ældre sager", sum(len(g[2]) for g in cases))
        for model, columns, values in cases:
            write_rows(self.ctx, model, columns, values)
        # The older cases' casework next: the measures link to their child's plans' goals.
        if self.casework is not None:
            self.casework.write("Sagsarbejde for de ældre sager")
        groups: list[tuple[Any, tuple[str, ...], list[tuple[Any, ...]]]] = [
            (NetworkSearch, SEARCH_COLUMNS, rows.searches),
            (Measure, MEASURE_COLUMNS, measures),
            (Measure.goals.through, GOAL_LINK_COLUMNS, rows.goal_links),
            (FollowUp, FOLLOW_UP_COLUMNS, rows.follow_ups),
            (SupervisionVisit, VISIT_COLUMNS, rows.visits),
            (AdultServicesCoordinator, COORDINATOR_COLUMNS, rows.coordinators),
        ]
        self.ctx.progress.step(
            "Tilbud, foranstaltninger og anbringelser", sum(len(g[2]) for g in groups)
        )
        for model, columns, values in groups:
            write_rows(self.ctx, model, columns, values)


def _draw(rng: random.Random, mix: tuple[tuple[MeasureKind, float], ...]) -> str:
    return rng.choices([kind for kind, _ in mix], weights=[share for _, share in mix])[0].value


def _fitting(kind: str, age: int) -> str:
    while kind in MIN_AGE and age < MIN_AGE[kind]:
        kind = str(INSTEAD[kind])
    return kind


def _held(rng: random.Random, after: date, due: date, *, late: bool) -> date:
    if late:
        return due + timedelta(days=rng.randint(3, 30))
    span = (due - after).days
    return due - timedelta(days=rng.randint(0, min(21, max(0, span - 7))))


def _open_loads() -> dict[int, int]:
    rows = (
        Case.objects.filter(status=CaseStatus.OPEN, caseworker__isnull=False)
        .values_list("caseworker_id")
        .annotate(n=Count("pk"))
    )
    loads: dict[int, int] = defaultdict(int)
    loads.update(dict(rows))
    return loads


def _team_leaders(ctx: SynthContext) -> dict[int, int]:
    leaders = {user.id for user in ctx.staff if user.role == Role.TEAM_LEADER}
    return {m.unit_id: m.user_id for m in ctx.memberships if m.user_id in leaders}


def create_measures(ctx: SynthContext) -> None:
    maker = MeasureMaker(ctx)
    maker.from_assessments()
    maker.older_cases()
    maker.coordinators()
    maker.siblings()
    maker.write()
