"""Step: staff users with their roles and unit memberships.

Passwords are unusable (`make_password(None)`): hashing thousands of real passwords would take
minutes, and generated staff are not meant to log in (the demo command makes the logins).
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.contrib.auth.hashers import make_password

from sikkerhedsnet.people.models import Membership, Role, Unit, UnitKind, User
from sikkerhedsnet.synth import names
from sikkerhedsnet.synth.context import SynthContext
from sikkerhedsnet.synth.units import caseworker_teams, intake_team
from sikkerhedsnet.synth.writer import insert

# (unit kind) -> (professionals low, high, share of women, professional titles, leader title)
UNIT_STAFFING: dict[str, tuple[int, int, float, tuple[str, ...], str]] = {
    UnitKind.DAYCARE: (7, 10, 0.85, ("Pædagog", "Pædagog", "Pædagogmedhjælper"), "Dagtilbudsleder"),
    UnitKind.SCHOOL: (25, 35, 0.7, ("Lærer", "Lærer", "Lærer", "Pædagog"), "Skoleleder"),
    UnitKind.SFO: (4, 7, 0.75, ("Pædagog", "Pædagogmedhjælper"), "SFO-leder"),
    UnitKind.HEALTH_VISITING: (3, 5, 0.97, ("Sundhedsplejerske",), "Ledende sundhedsplejerske"),
    UnitKind.DENTAL: (4, 6, 0.8, ("Tandlæge", "Tandplejer", "Klinikassistent"), "Overtandlæge"),
    UnitKind.RESIDENTIAL_INSTITUTION: (8, 12, 0.65, ("Pædagog", "Socialpædagog"), "Forstander"),
}
CENTRAL_TITLES = {
    Role.PPR: "Psykolog, PPR",
    Role.MANAGEMENT: "Børne- og familiechef",
    Role.DATA_PROTECTION: "Databeskyttelsesrådgiver",
    Role.ADMINISTRATOR: "Systemadministrator",
}


class StaffMaker:
    """Makes users and memberships with one random stream and one id source."""

    def __init__(self, ctx: SynthContext) -> None:
        self.ctx = ctx
        self.rng: random.Random = ctx.rng("staff")
        self.bank = names.name_bank()
        self.unusable = make_password(None)

    def user(self, role: Role, title: str, women: float, *units: Unit) -> User:
        sex = "female" if self.rng.random() < women else "male"
        first = self.bank.first_name(self.rng, sex)
        last = self.bank.last_name(self.rng)
        pk = self.ctx.ids.one(User)
        # The id suffix keeps usernames unique: it is above every existing user's id.
        username = f"{names.ascii_slug(first)[:3]}{names.ascii_slug(last)[:3]}{pk}"
        user = User(
            id=pk,
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@kommune.example",
            role=role,
            job_title=title,
            # One unusable value ("!" + random) for all: each copy is as unusable as its own
            # would be, and 16,000 fresh random strings would cost most of a second.
            password=self.unusable,
        )
        self.ctx.staff.append(user)
        for unit in units:
            self.membership(user, unit)
        return user

    def membership(self, user: User, unit: Unit) -> None:
        since = self.ctx.today - timedelta(days=self.rng.randrange(30, 20 * 365))
        self.ctx.memberships.append(
            Membership(
                id=self.ctx.ids.one(Membership), user_id=user.pk, unit_id=unit.pk, since=since
            )
        )


def _unit_staff(maker: StaffMaker) -> None:
    for unit in maker.ctx.units:
        staffing = UNIT_STAFFING.get(unit.kind)
        if staffing is None:
            continue
        low, high, women, titles, leader_title = staffing
        maker.user(Role.UNIT_LEADER, leader_title, women, unit)
        for _ in range(maker.rng.randint(low, high)):
            maker.user(Role.PROFESSIONAL, maker.rng.choice(titles), women, unit)


def _family_department(maker: StaffMaker) -> None:
    ctx = maker.ctx
    for _ in range(ctx.plan.intake_workers):
        maker.user(Role.INTAKE, "Socialrådgiver, visitationen", 0.85, intake_team(ctx))
    teams = caseworker_teams(ctx)
    for index, team in enumerate(teams):
        maker.user(Role.TEAM_LEADER, "Faglig leder", 0.8, team)
        # Spread the caseworkers as evenly as the division allows.
        size = ctx.plan.caseworkers // len(teams) + (index < ctx.plan.caseworkers % len(teams))
        for _ in range(size):
            maker.user(Role.CASEWORKER, "Socialrådgiver", 0.85, team)


def _central(maker: StaffMaker) -> None:
    plan = maker.ctx.plan
    counts = {
        Role.PPR: plan.ppr,
        Role.MANAGEMENT: plan.management,
        Role.DATA_PROTECTION: plan.data_protection,
        Role.ADMINISTRATOR: plan.administrators,
    }
    for role, count in counts.items():
        for _ in range(count):
            maker.user(role, CENTRAL_TITLES[role], 0.6)


def create_staff(ctx: SynthContext) -> None:
    maker = StaffMaker(ctx)
    _unit_staff(maker)
    _family_department(maker)
    _central(maker)
    insert(ctx, "Medarbejdere", (User, ctx.staff), (Membership, ctx.memberships))
