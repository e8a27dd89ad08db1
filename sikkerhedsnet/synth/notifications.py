"""Step: three years of notifications up to the day of generation, and how intake handled them.

Rates as Danish municipalities report them: about 11 notifications per 100 children a year,
on about 7 % of the children, so a notified child has one and a half on average and repeated
concern turns up as it does in real life. Half of the children notified one year are notified
again the next. Sources in realistic shares (schools and health a fifth each, the police an
eighth, ...); professionals name their duty ground and get a receipt.

Intake's handling follows the deadlines: most notifications are assessed within 24 hours and
decided within the policy's days, with receipts in time. About 3 % are handled late (more in
the last month, the current backlog), so the safety-net rules have something to find, and what
falls after the moment of generation has not happened yet: the newest notifications are still
open. Intake has looked at each child's repeated concern as a whole when it decided on it. A
decision of a full child assessment opens a case. The moment of generation is the start of
`ctx.today` (Danish time), so the same seed and day give the same notifications.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import Enum
from itertools import accumulate
from operator import attrgetter
from typing import Any, cast

from django.db import connection
from django.db.models import DateField, DateTimeField, Field, Model

from sikkerhedsnet.cases.models import Case, CaseAssignment, CaseStatus, over_cap
from sikkerhedsnet.intake.models import (
    COPENHAGEN,
    Channel,
    Decision,
    DecisionKind,
    DutyGround,
    Notification,
    PatternReview,
    SourceKind,
    Status,
    UrgentAssessment,
)
from sikkerhedsnet.intake.services.receiving import (
    REFERENCE_ALPHABET,
    Notifier,
    repeated_concern_count,
)
from sikkerhedsnet.people.models import Child, Enrolment, Role, UnitKind, User
from sikkerhedsnet.policy import get_policy
from sikkerhedsnet.synth import names
from sikkerhedsnet.synth.context import SynthContext
from sikkerhedsnet.synth.dates import age_on
from sikkerhedsnet.synth.writer import BATCH_SIZE

YEARS = 3
YEAR = timedelta(days=365)
NOTIFIED_SHARE = 0.07  # of the children, each year
PER_CHILD = 0.11 / NOTIFIED_SHARE  # notifications per notified child a year (about 1.57)
NOTIFIED_AGAIN = 0.5  # of last year's notified children, notified this year too
CLUSTERED = 0.35  # a further notification within a week of the previous one
MAX_PER_CHILD_YEAR = 8
LATE = 0.03  # handled after the deadlines
# The current backlog: more of the last month's notifications are late, so that even a small
# demo municipality has something open past its deadline for the safety-net rules to show.
LATE_RECENT = 0.12
RECENT = timedelta(days=30)
CASE_OPEN_DAYS = 365  # a case from a child assessment is closed after about a year

SOURCES: tuple[tuple[SourceKind, float], ...] = (
    (SourceKind.SCHOOL, 0.20),
    (SourceKind.HEALTH, 0.20),
    (SourceKind.POLICE, 0.125),
    (SourceKind.CITIZEN, 0.12),
    (SourceKind.DAYCARE, 0.10),
    (SourceKind.FAMILY, 0.08),
    (SourceKind.SOCIAL_SERVICES, 0.08),
    (SourceKind.CHILD, 0.02),
    (SourceKind.OTHER, 0.075),
)
# Cumulative weights, made once: random.choices would add the weights up on every call.
SOURCE_KINDS = [kind for kind, _share in SOURCES]
SOURCE_CUM_WEIGHTS = list(accumulate(share for _kind, share in SOURCES))
PROFESSIONAL_SOURCES = frozenset(
    {
        SourceKind.SCHOOL,
        SourceKind.DAYCARE,
        SourceKind.HEALTH,
        SourceKind.POLICE,
        SourceKind.SOCIAL_SERVICES,
    }
)
OFFICE_HOURS_SOURCES = frozenset(
    {SourceKind.SCHOOL, SourceKind.DAYCARE, SourceKind.SOCIAL_SERVICES}
)
# Where a professional outside Sikkerhedsnet writes from.
ORGANISATIONS: dict[str, tuple[str, ...]] = {
    SourceKind.SCHOOL: ("Ungdomsuddannelsen", "Efterskolen", "Friskolen"),
    SourceKind.DAYCARE: ("Den private børnehave", "Dagplejen"),
    SourceKind.HEALTH: (
        "Lægehuset",
        "Børne- og ungeafdelingen, sygehuset",
        "Skadestuen",
        "Børne- og ungdomspsykiatrien",
    ),
    SourceKind.SOCIAL_SERVICES: ("Jobcentret", "Socialpsykiatrien", "Ydelseskontoret"),
    SourceKind.OTHER: ("Fritidsklubben", "Krisecentret", "Idrætsforeningen", "Boligforeningen"),
}
TEXTS: dict[str, tuple[str, ...]] = {
    SourceKind.SCHOOL: (
        "Eleven har haft stort fravær i flere måneder, og forældrene svarer ikke på vores "
        "henvendelser.",
        "Eleven kommer ofte sulten i skole og uden madpakke og virker træt og indesluttet.",
        "Eleven har fortalt en lærer om voldsomme skænderier derhjemme og vil ikke gå hjem.",
    ),
    SourceKind.DAYCARE: (
        "Barnet bliver ofte hentet sent og af forskellige voksne, og det virker utrygt.",
        "Barnet har gentagne gange haft blå mærker, som forældrene ikke kan forklare.",
        "Barnets sprog og trivsel er gået tilbage det sidste halve år.",
    ),
    SourceKind.HEALTH: (
        "Barnet er set i skadestuen for tredje gang på kort tid med skader, der ikke passer "
        "til forklaringen.",
        "Mor virker meget belastet og har svært ved at tage sig af barnet.",
        "Barnet har et højt fravær fra aftalte undersøgelser og behandlinger.",
    ),
    SourceKind.POLICE: (
        "Politiet har været tilkaldt til husspektakler på adressen, hvor barnet var til stede.",
        "Den unge er antruffet sent om aftenen i selskab med ældre, kendte kriminelle.",
    ),
    SourceKind.SOCIAL_SERVICES: (
        "Forælderen er i et forløb for misbrug, og vi er bekymrede for barnets hverdag.",
        "Familien er truet af udsættelse fra boligen.",
    ),
    SourceKind.CITIZEN: (
        "Jeg hører ofte råb og gråd fra lejligheden ved siden af, også om natten.",
        "Barnet går alene rundt i området sent om aftenen.",
    ),
    SourceKind.FAMILY: (
        "Jeg er bekymret for mit barnebarn; forælderen drikker meget og glemmer aftaler.",
        "Barnets far har ikke set barnet i lang tid, og barnet virker bange for mors kæreste.",
    ),
    SourceKind.CHILD: ("Jeg har det ikke godt derhjemme og vil gerne tale med nogen.",),
    SourceKind.OTHER: (
        "Den unge kommer dagligt i klubben og fortæller, at der ikke er mad derhjemme.",
        "Mor og barnet er flyttet ind på krisecentret efter vold i hjemmet.",
    ),
}
DECISIONS: tuple[tuple[DecisionKind, float, str], ...] = (
    (DecisionKind.NO_ACTION, 0.30, "Bekymringen er afklaret med familien; ingen videre handling."),
    (DecisionKind.EARLY_ADVICE, 0.25, "Familien tilbydes tidlig forebyggende rådgivning."),
    (DecisionKind.SCREENING_INQUIRY, 0.25, "Afdækning af barnets og familiens situation."),
    (DecisionKind.CHILD_ASSESSMENT, 0.17, "Børnefaglig undersøgelse efter Barnets Lov."),
    (DecisionKind.ACUTE_MEASURE, 0.03, "Akut støtte iværksat straks."),
)
DECISION_CUM_WEIGHTS = list(accumulate(share for _kind, share, _reason in DECISIONS))
ASSESSMENT_NOTES = (
    "Ingen akut fare vurderet; sagen behandles i almindelig visitation.",
    "Barnet er i sikkerhed i dag; forældrene kontaktes.",
    "Sundheden er ikke i fare lige nu, men bekymringen er alvorlig.",
)
REVIEW_NOTE = "Underretningerne er set samlet; mønsteret indgår i visitationens vurdering."
ACUTE_NOTE = "Barnets sundhed eller udvikling er i fare; akut hjælp iværksættes."


@dataclass
class Planned:
    """One notification before it becomes rows: who, when, from whom."""

    child: Child
    received_at: datetime
    source: SourceKind


# Light rows with the models' column names (attnames): building 50,000 model instances and
# letting bulk_create prepare every value field by field would cost several seconds at
# 150,000 children; these are written with one executemany per table instead.


@dataclass(slots=True)
class NotificationRow:
    id: int
    reference: str
    received_at: datetime
    channel: str
    source_kind: str
    is_professional: bool
    duty_ground: str
    urgent: bool
    text: str
    child_id: int
    notifier_user_id: int | None
    is_anonymous: bool
    notifier_name: str
    notifier_organisation: str
    notifier_phone: str
    notifier_key: str
    assessment_due_at: datetime
    receipt_due_on: date | None
    receipt_sent_at: datetime | None = None
    status: str = Status.RECEIVED.value
    notifications_in_12_months: int = 1
    notifiers_in_7_days: int = 1
    # Not columns (the insert takes only the model's): how intake's handling went.
    late: bool = False
    decided_at: datetime | None = None
    decided_by_id: int | None = None


@dataclass(slots=True)
class AssessmentRow:
    id: int
    notification_id: int
    danger_to_health_or_development: bool
    acute_help_needed: bool
    note: str
    assessed_by_id: int
    assessed_at: datetime


@dataclass(slots=True)
class DecisionRow:
    id: int
    notification_id: int
    kind: str
    reason: str
    decided_by_id: int
    decided_at: datetime


@dataclass(slots=True)
class ReviewRow:
    id: int
    child_id: int
    reviewed_at: datetime
    reviewed_by_id: int
    note: str


@dataclass(slots=True)
class CaseRow:
    id: int
    child_id: int
    opened_on: date
    became_aware_on: date
    assessment_due_on: date
    source_notification_id: int
    team_id: int | None
    caseworker_id: int | None
    status: str


@dataclass(slots=True)
class CaseAssignmentRow:
    id: int
    case_id: int
    caseworker_id: int
    since: datetime
    assigned_by_id: int


def create_notifications(ctx: SynthContext) -> None:
    maker = NotificationMaker(ctx)
    planned = maker.plan()
    planned.sort(key=lambda item: (item.received_at, item.child.pk))
    ids = ctx.ids.take(Notification, len(planned))
    notifications = [maker.notification(pk, item) for pk, item in zip(ids, planned, strict=True)]
    by_child: dict[int, list[NotificationRow]] = defaultdict(list)
    for notification in notifications:
        by_child[notification.child_id].append(notification)
    reviews = []
    for child_id, rows in by_child.items():
        repeated_concern_count(rows)
        review = maker.pattern_review(child_id, rows)
        if review is not None:
            reviews.append(review)
    insert_rows(
        ctx,
        "Underretninger",
        (Notification, notifications),
        (UrgentAssessment, maker.assessments),
        (Decision, maker.decisions),
        (Case, maker.cases),
        (CaseAssignment, maker.assignments),
        (PatternReview, reviews),
    )


def insert_rows(ctx: SynthContext, label: str, *groups: tuple[type[Model], Sequence[Any]]) -> None:
    """Insert light rows (attributes named as the model's columns) with one executemany each.

    A column the rows do not have gets the field's default. Dates and times go through the
    backend's own adapters, so SQLite stores them as Django would (UTC text) and PostgreSQL
    gets them as they are.
    """
    ctx.progress.step(label, sum(len(rows) for _, rows in groups))
    for model, rows in groups:
        if not rows:
            continue
        sql, values = _insert_statement(model, rows[0])
        with connection.cursor() as cursor:
            for start in range(0, len(rows), BATCH_SIZE):
                batch = rows[start : start + BATCH_SIZE]
                cursor.executemany(sql, [values(row) for row in batch])
                ctx.progress.advance(len(batch))


def _insert_statement(
    model: type[Model], sample: Any
) -> tuple[str, Callable[[Any], tuple[Any, ...]]]:
    """The INSERT and a function from a row to its parameters, in the statement's column order."""
    ops = connection.ops
    fields = model._meta.concrete_fields
    given = [field for field in fields if hasattr(sample, field.attname)]
    defaults = [field for field in fields if not hasattr(sample, field.attname)]
    get = attrgetter(*(field.attname for field in given))
    constants = tuple(_adapter(field)(field.get_default()) for field in defaults)
    converted = [(index, _adapter(field)) for index, field in enumerate(given)]
    converted = [(index, adapt) for index, adapt in converted if adapt is not _same]

    def values(row: Any) -> tuple[Any, ...]:
        found = list(get(row))
        for index, adapt in converted:
            found[index] = adapt(found[index])
        return (*found, *constants)

    table = ops.quote_name(model._meta.db_table)
    names = ", ".join(ops.quote_name(field.column) for field in [*given, *defaults])
    marks = ", ".join(["%s"] * len(fields))
    return f"INSERT INTO {table} ({names}) VALUES ({marks})", values  # noqa: S608 - model names


def _adapter(field: Field[Any, Any]) -> Callable[[Any], Any]:
    ops = connection.ops
    if isinstance(field, DateTimeField):
        if connection.vendor == "sqlite" and connection.timezone == UTC:
            return _sqlite_utc_text
        return cast(Callable[[Any], Any], ops.adapt_datetimefield_value)
    if isinstance(field, DateField):
        return cast(Callable[[Any], Any], ops.adapt_datefield_value)
    if field.choices:
        return _plain  # a TextChoices member is an Enum, which a driver may dump by name
    return _same


def _sqlite_utc_text(value: datetime | None) -> str | None:
    """What SQLite's adapt_datetimefield_value makes of an aware datetime, without its checks
    and settings lookups: a quarter of a million of them cost seconds at 150,000 children."""
    return None if value is None else str(value.astimezone(UTC).replace(tzinfo=None))


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _same(value: Any) -> Any:
    return value


class NotificationMaker:
    def __init__(self, ctx: SynthContext) -> None:
        self.ctx = ctx
        self.rng: random.Random = ctx.rng("notifications")
        self.now = datetime.combine(ctx.today, time.min, COPENHAGEN)
        self.policy = get_policy()
        self.bank = names.name_bank()
        self.references: set[str] = set()
        self.users = {user.pk: user for user in ctx.staff}
        self.intake = [u.pk for u in ctx.staff if u.role == Role.INTAKE]
        self.caseworkers = [u.pk for u in ctx.staff if u.role == Role.CASEWORKER]
        self.unit_kind = {unit.pk: unit.kind for unit in ctx.units}
        self.unit_staff = _unit_staff(ctx)
        self.enrolments: dict[int, list[Enrolment]] = {}
        self.open_case_since: dict[int, date] = {}
        self.receipt_due_by_day: dict[date, date] = {}
        self.assessments: list[AssessmentRow] = []
        self.decisions: list[DecisionRow] = []
        self.cases: list[CaseRow] = []
        self.assignments: list[CaseAssignmentRow] = []
        self.teams = _teams(ctx)
        self.team_of_child: dict[int, int] = {}
        self.open_load: dict[int, int] = defaultdict(int)

    # Who and when ---------------------------------------------------------------------------

    def plan(self) -> list[Planned]:
        planned: list[Planned] = []
        notified: list[Child] = []
        for years_back in range(YEARS, 0, -1):  # oldest year first
            start = self.now - years_back * YEAR
            notified = self._notified_in(start, notified)
            for child in notified:
                planned.extend(self._of_child(child, start))
        self.enrolments = _enrolments_by_child(self.ctx, {item.child.pk for item in planned})
        return planned

    def _notified_in(self, start: datetime, last_year: list[Child]) -> list[Child]:
        born = [c for c in self.ctx.children if c.birth_date < (start + YEAR).date()]
        wanted = round(len(born) * NOTIFIED_SHARE)
        again = [c for c in last_year if self.rng.random() < NOTIFIED_AGAIN]
        chosen = {c.pk for c in again}
        fresh = [c for c in self.rng.sample(born, min(len(born), wanted)) if c.pk not in chosen]
        return again + fresh[: max(0, wanted - len(again))]

    def _of_child(self, child: Child, start: datetime) -> list[Planned]:
        born = datetime.combine(child.birth_date, time(12), COPENHAGEN)
        first = max(start, born)
        span = (start + YEAR - first).total_seconds()
        extra_chance = (PER_CHILD - 1) / PER_CHILD  # a geometric count with mean PER_CHILD
        count = 1
        while count < MAX_PER_CHILD_YEAR and self.rng.random() < extra_chance:
            count += 1
        moments: list[datetime] = []
        for _ in range(count):
            if moments and self.rng.random() < CLUSTERED:
                moment = moments[-1] + timedelta(seconds=self.rng.uniform(3_600, 7 * 86_400))
            else:
                moment = first + timedelta(seconds=self.rng.uniform(0, span))
            moments.append(min(moment, self.now - timedelta(minutes=1)))
        return [self._planned(child, moment, first) for moment in moments]

    def _planned(self, child: Child, moment: datetime, earliest: datetime) -> Planned:
        """`earliest`: the child's birth or the start of the year, whichever is later."""
        source = self._source_for_age(child, moment)
        if source in OFFICE_HOURS_SOURCES:
            local = moment.astimezone(COPENHAGEN)
            hour = time(self.rng.randrange(8, 16), self.rng.randrange(60))
            moment = datetime.combine(_weekday_before(local.date()), hour, COPENHAGEN)
            moment = max(moment, earliest)
        return Planned(child=child, received_at=moment, source=source)

    def _source_for_age(self, child: Child, moment: datetime) -> SourceKind:
        source = self.rng.choices(SOURCE_KINDS, cum_weights=SOURCE_CUM_WEIGHTS)[0]
        age = age_on(child.birth_date, moment.astimezone(COPENHAGEN).date())
        if source == SourceKind.SCHOOL and age < 6:
            return SourceKind.DAYCARE if age >= 1 else SourceKind.HEALTH
        if source == SourceKind.DAYCARE and age >= 6:
            return SourceKind.SCHOOL
        if source == SourceKind.DAYCARE and age < 1:
            return SourceKind.HEALTH
        if source == SourceKind.CHILD and age < 8:
            return SourceKind.FAMILY
        return source

    # Rows -----------------------------------------------------------------------------------

    def notification(self, pk: int, item: Planned) -> NotificationRow:
        source = item.source
        professional = source in PROFESSIONAL_SOURCES
        notifier, channel = self._notifier(item)
        reference = self._reference(item.received_at)
        gets_receipt = professional and not notifier.anonymous
        notification = NotificationRow(
            id=pk,
            reference=reference,
            received_at=item.received_at,
            channel=channel.value,
            source_kind=source.value,
            is_professional=gets_receipt,
            duty_ground=self._duty_ground(source) if professional else "",
            urgent=self.rng.random() < (0.25 if source == SourceKind.POLICE else 0.06),
            text=self.rng.choice(TEXTS[source]),
            child_id=item.child.pk,
            notifier_user_id=notifier.user.pk if notifier.user else None,
            is_anonymous=notifier.anonymous,
            notifier_name=notifier.name,
            notifier_organisation=notifier.organisation,
            notifier_phone=notifier.phone,
            notifier_key=notifier.key(reference),
            # The model's own deadline rules, so that generated deadlines are the real ones.
            assessment_due_at=Notification.assessment_due(item.received_at),
            receipt_due_on=self._receipt_due(item.received_at) if gets_receipt else None,
        )
        self._handle(notification)
        return notification

    def _receipt_due(self, received_at: datetime) -> date:
        """The model's rule, once per day of receipt: it counts working days one by one."""
        day = received_at.astimezone(COPENHAGEN).date()
        if day not in self.receipt_due_by_day:
            self.receipt_due_by_day[day] = Notification.receipt_due(received_at)
        return self.receipt_due_by_day[day]

    def _notifier(self, item: Planned) -> tuple[Notifier, Channel]:
        source, rng = item.source, self.rng
        user = self._colleague(item)
        if user is not None:
            return Notifier(user=user), Channel.PROFESSIONAL
        if source == SourceKind.POLICE:
            # The police notify as one sender, whichever officer writes.
            return Notifier(name="Vagtchefen", organisation="Politiet"), Channel.LETTER
        sex = rng.choice(("female", "male"))
        name = self.bank.full_name(rng, sex)
        if source in ORGANISATIONS:
            organisation = rng.choice(ORGANISATIONS[source])
            channel = Channel.LETTER if rng.random() < 0.7 else Channel.PHONE
            return Notifier(name=name, organisation=organisation), channel
        if source == SourceKind.CITIZEN and rng.random() < 0.4:
            channel = Channel.PUBLIC_FORM if rng.random() < 0.7 else Channel.PHONE
            return Notifier(anonymous=True), channel
        if source == SourceKind.CHILD:
            return Notifier(name=item.child.first_name), Channel.PHONE
        channel = Channel.PUBLIC_FORM if rng.random() < 0.6 else Channel.PHONE
        return Notifier(name=name, phone=names.phone_number(rng)), channel

    def _colleague(self, item: Planned) -> User | None:
        """A professional of the child's own daycare, school or health visiting, if it has one."""
        kinds = {
            SourceKind.SCHOOL: UnitKind.SCHOOL,
            SourceKind.DAYCARE: UnitKind.DAYCARE,
            SourceKind.HEALTH: UnitKind.HEALTH_VISITING,
        }
        kind = kinds.get(item.source)
        if kind is None:
            return None
        day = item.received_at.astimezone(COPENHAGEN).date()
        for enrolment in self.enrolments.get(item.child.pk, ()):
            in_force = enrolment.since <= day and (
                enrolment.until is None or day <= enrolment.until
            )
            staff = self.unit_staff.get(enrolment.unit_id)
            if in_force and staff and self.unit_kind[enrolment.unit_id] == kind:
                return self.users[self.rng.choice(staff)]
        return None

    def _duty_ground(self, source: SourceKind) -> str:
        draw = self.rng.random()
        if draw < 0.06:
            return DutyGround.ABUSE.value
        if source == SourceKind.SCHOOL and draw < 0.18:
            return DutyGround.SCHOOL_ABSENCE.value
        return DutyGround.NEED_OF_SUPPORT.value

    def _reference(self, received_at: datetime) -> str:
        while True:
            token = "".join(self.rng.choices(REFERENCE_ALPHABET, k=8))
            reference = f"U{received_at.astimezone(COPENHAGEN):%Y}-{token[:4]}-{token[4:]}"
            if reference not in self.references:
                self.references.add(reference)
                return reference

    # What intake did, as far as it has happened by now ------------------------------------

    def _handle(self, notification: NotificationRow) -> None:
        recent = notification.received_at > self.now - RECENT
        late = notification.late = self.rng.random() < (LATE_RECENT if recent else LATE)
        received = notification.received_at
        assessed_at = received + self._assessment_delay(notification.urgent, late)
        decided_at = received + self._decision_delay(assessed_at - received, late)
        notification.receipt_sent_at = self._receipt_sent(notification, late)
        if assessed_at >= self.now:
            notification.status = Status.RECEIVED.value
            return
        self._assess(notification, assessed_at)
        if decided_at >= self.now:
            notification.status = Status.ASSESSED.value
            return
        notification.status = Status.DECIDED.value
        self._decide(notification, decided_at)

    def _assessment_delay(self, urgent: bool, late: bool) -> timedelta:
        limit = self.policy.notification_assessment_hours * 3_600
        if late:
            return timedelta(seconds=self.rng.uniform(limit + 3_600, 4 * limit))
        if urgent:
            return timedelta(seconds=self.rng.uniform(600, 3 * 3_600))
        return timedelta(seconds=self.rng.uniform(1_800, limit - 3_600))

    def _decision_delay(self, assessed_after: timedelta, late: bool) -> timedelta:
        days = self.policy.notification_decision_days
        if late:
            return timedelta(days=self.rng.uniform(days + 1, days + 40))
        deadline = timedelta(days=days) - timedelta(hours=1)
        return assessed_after + (deadline - assessed_after) * self.rng.random()

    def _receipt_sent(self, notification: NotificationRow, late: bool) -> datetime | None:
        if notification.receipt_due_on is None:
            return None
        if late:
            day = notification.receipt_due_on + timedelta(days=self.rng.randint(1, 20))
            sent = datetime.combine(day, time(10), COPENHAGEN)
        else:
            sent = notification.received_at + timedelta(seconds=self.rng.uniform(3_600, 4 * 86_400))
        return sent if sent < self.now else None

    def _assess(self, notification: NotificationRow, at: datetime) -> None:
        danger = notification.urgent or self.rng.random() < 0.08
        acute = danger and self.rng.random() < 0.3
        self.assessments.append(
            AssessmentRow(
                id=self.ctx.ids.one(UrgentAssessment),
                notification_id=notification.id,
                danger_to_health_or_development=danger,
                acute_help_needed=acute,
                note=ACUTE_NOTE if acute else self.rng.choice(ASSESSMENT_NOTES),
                assessed_by_id=self.rng.choice(self.intake),
                assessed_at=at,
            )
        )

    def _decide(self, notification: NotificationRow, at: datetime) -> None:
        kind, _share, reason = self.rng.choices(DECISIONS, cum_weights=DECISION_CUM_WEIGHTS)[0]
        notification.decided_at = at
        notification.decided_by_id = self.rng.choice(self.intake)
        self.decisions.append(
            DecisionRow(
                id=self.ctx.ids.one(Decision),
                notification_id=notification.id,
                kind=kind.value,
                reason=reason,
                decided_by_id=notification.decided_by_id,
                decided_at=at,
            )
        )
        if kind == DecisionKind.CHILD_ASSESSMENT:
            self._open_case(notification, at.astimezone(COPENHAGEN).date())

    def pattern_review(self, child_id: int, rows: list[NotificationRow]) -> ReviewRow | None:
        """Intake looked at the repeated concern as a whole when it decided on the newest
        notification that raised it (unless that one was handled late): one review covers all
        the child's notifications before it, so the rule keeps only what is still unseen."""
        flagged = [
            row
            for row in rows
            if row.notifications_in_12_months >= self.policy.repeated_notifications_count
            or row.notifiers_in_7_days >= self.policy.different_notifiers_count
        ]
        reviewed = [row for row in flagged if row.decided_at is not None and not row.late]
        if not reviewed:
            return None
        last = max(reviewed, key=lambda row: row.received_at)
        if last.decided_at is None or last.decided_by_id is None:
            raise RuntimeError("_decide sets decided_at and decided_by_id together")
        return ReviewRow(
            id=self.ctx.ids.one(PatternReview),
            child_id=child_id,
            reviewed_at=last.decided_at,
            reviewed_by_id=last.decided_by_id,
            note=REVIEW_NOTE,
        )

    def _open_case(self, notification: NotificationRow, day: date) -> None:
        """A case for the child, unless the one opened less than a year ago is still open."""
        child_id = notification.child_id
        since = self.open_case_since.get(child_id)
        if since is not None and (day - since).days < CASE_OPEN_DAYS:
            return
        self.open_case_since[child_id] = day
        still_open = (self.ctx.today - day).days < CASE_OPEN_DAYS
        team_id = self._team_for(child_id)
        caseworker_id = self._caseworker_for(team_id) if still_open else None
        case_id = self.ctx.ids.one(Case)
        aware = notification.received_at.astimezone(COPENHAGEN).date()
        self.cases.append(
            CaseRow(
                id=case_id,
                child_id=child_id,
                opened_on=day,
                became_aware_on=aware,
                assessment_due_on=Case.assessment_due(aware),
                source_notification_id=notification.id,
                team_id=team_id,
                caseworker_id=caseworker_id,
                status=(CaseStatus.OPEN if still_open else CaseStatus.CLOSED).value,
            )
        )
        if caseworker_id is not None and team_id is not None:
            self.open_load[caseworker_id] += 1
            self.assignments.append(
                CaseAssignmentRow(
                    id=self.ctx.ids.one(CaseAssignment),
                    case_id=case_id,
                    caseworker_id=caseworker_id,
                    since=datetime.combine(day, time(10), COPENHAGEN),
                    assigned_by_id=self.teams[team_id].leader_id or caseworker_id,
                )
            )

    def _team_for(self, child_id: int) -> int | None:
        """One team follows a family: the child's earlier case's team, else a random team."""
        if not self.teams:
            return None
        if child_id not in self.team_of_child:
            self.team_of_child[child_id] = self.rng.choice(sorted(self.teams))
        return self.team_of_child[child_id]

    def _caseworker_for(self, team_id: int | None) -> int | None:
        """Loads that fill up towards the cap, with a few over it and a few cases waiting.

        The leader gives a new case to the rådgiver with the most cases still under the cap
        (so loads gather near it); one in 25 goes to someone at random (which takes a few over
        once the team is full), and one in 30 waits without a caseworker.
        """
        if team_id is None or not self.teams[team_id].caseworkers:
            return None
        if self.rng.random() < 1 / 30:
            return None
        workers = self.teams[team_id].caseworkers
        # A caseworker with room: one more case would not take her over the cap.
        under = [w for w in workers if not over_cap(self.open_load[w] + 1)]
        if not under or self.rng.random() < 1 / 25:
            return self.rng.choice(workers)
        return max(under, key=lambda w: (self.open_load[w], -w))


@dataclass
class Team:
    leader_id: int | None = None
    caseworkers: list[int] = field(default_factory=list)


def _teams(ctx: SynthContext) -> dict[int, Team]:
    """The caseworker teams (family-department units with rådgivere) and their people."""
    roles = {user.pk: user.role for user in ctx.staff}
    teams: dict[int, Team] = defaultdict(Team)
    for membership in sorted(ctx.memberships, key=lambda m: (m.unit_id, m.user_id)):
        role = roles.get(membership.user_id)
        if role == Role.CASEWORKER:
            teams[membership.unit_id].caseworkers.append(membership.user_id)
        elif role == Role.TEAM_LEADER:
            teams[membership.unit_id].leader_id = membership.user_id
    return {unit_id: team for unit_id, team in teams.items() if team.caseworkers}


def _unit_staff(ctx: SynthContext) -> dict[int, list[int]]:
    roles = {user.pk: user.role for user in ctx.staff}
    staff: dict[int, list[int]] = defaultdict(list)
    for membership in ctx.memberships:
        if roles.get(membership.user_id) in (Role.PROFESSIONAL, Role.UNIT_LEADER):
            staff[membership.unit_id].append(membership.user_id)
    return staff


def _enrolments_by_child(ctx: SynthContext, child_ids: set[int]) -> dict[int, list[Enrolment]]:
    """The enrolments of the notified children only: a tenth of a million-row list."""
    by_child: dict[int, list[Enrolment]] = defaultdict(list)
    for enrolment in ctx.enrolments:
        if enrolment.child_id in child_ids:
            by_child[enrolment.child_id].append(enrolment)
    return by_child


def _weekday_before(day: date) -> date:
    """The day itself on a weekday; the Friday before on a weekend (schools write on weekdays)."""
    return day - timedelta(days=max(0, day.weekday() - 4))
