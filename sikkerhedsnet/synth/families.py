"""Step: children, their households, guardians with custody, and network persons.

Every CPR number is a replacement number (day of month + 60) made by `lib.cpr.make_replacement`,
so no generated number can be a real person's; a set guarantees that none repeats.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Literal

from sikkerhedsnet.lib import cpr as cprlib
from sikkerhedsnet.people.models import (
    Child,
    Custody,
    Guardian,
    GuardianRelation,
    NetworkPerson,
    NetworkRelation,
)
from sikkerhedsnet.synth import names
from sikkerhedsnet.synth.context import Household, SynthContext
from sikkerhedsnet.synth.dates import age_on, birth_dates_evenly
from sikkerhedsnet.synth.households import group_into_households
from sikkerhedsnet.synth.units import district_of
from sikkerhedsnet.synth.writer import insert

Sex = Literal["female", "male"]
YEAR = 365

TWO_GUARDIANS = 0.75
CO_MOTHER = 0.04  # of two-guardian households
FATHER_WITHOUT_CUSTODY = 0.04  # of two-guardian households; he lives elsewhere
MOTHER_KEEPS_OWN_NAME = 0.3
WITH_NETWORK = 0.25  # households with one or two network persons registered
NETWORK_RELATIONS = (
    (NetworkRelation.GRANDPARENT, 0.45),
    (NetworkRelation.AUNT_UNCLE, 0.25),
    (NetworkRelation.FAMILY_FRIEND, 0.15),
    (NetworkRelation.NEIGHBOUR, 0.10),
    (NetworkRelation.ADULT_SIBLING, 0.05),
)
MAX_CPR_ATTEMPTS = 100_000
NETWORK_NOTES = ("Henter ofte i institutionen", "Kan passe børnene i weekenden", "Bor tæt på")


class FamilyMaker:
    def __init__(self, ctx: SynthContext) -> None:
        self.ctx = ctx
        self.rng: random.Random = ctx.rng("families")
        self.bank = names.name_bank()
        self.used_cprs: set[str] = set()

    def cpr(self, birth: date, sex: Sex) -> str:
        # 3,000 distinct replacement numbers exist per birth date and sex; a day has ~25 children.
        for _ in range(MAX_CPR_ATTEMPTS):
            digits = cprlib.make_replacement(birth, self.rng.randrange(10_000), sex)
            if digits not in self.used_cprs:
                self.used_cprs.add(digits)
                return digits
        raise RuntimeError(f"no free replacement CPR number for {birth} ({sex})")

    def address(self, district_index: int) -> str:
        rng = self.rng
        number = f"{rng.randint(1, 140)}"
        if rng.random() < 0.35:  # a flat: floor and side
            number += f", {rng.randint(0, 4) or 'st'}. {rng.choice(('th', 'tv', 'mf'))}."
        district = names.DISTRICTS[district_index]
        return f"{self.bank.street(rng)} {number}, {names.postcode(district_index)} {district}"

    def household(self, position: int, total: int) -> Household:
        district = district_of(self.ctx, position, total)
        household = Household(
            position=position,
            district=district,
            last_name=self.bank.last_name(self.rng),
            address=self.address(names.DISTRICTS.index(district)),
        )
        self.ctx.households.append(household)
        return household

    def child(self, household: Household, birth: date) -> Child:
        sex: Sex = "male" if self.rng.random() < 0.512 else "female"
        child = Child(
            id=self.ctx.ids.one(Child),
            cpr=self.cpr(birth, sex),
            first_name=self.bank.first_name(self.rng, sex),
            last_name=household.last_name,
            birth_date=birth,
            sex=sex,
            is_replacement_cpr=True,
            address=household.address,
        )
        household.children.append(child)
        self.ctx.children.append(child)
        self.ctx.household_of_child[child.pk] = household
        return child

    def guardian(self, household: Household, birth: date, sex: Sex, last_name: str) -> Guardian:
        first = self.bank.first_name(self.rng, sex)
        email = ""
        if self.rng.random() < 0.7:
            email = f"{names.ascii_slug(first)}.{names.ascii_slug(last_name)}@mail.example"
        guardian = Guardian(
            id=self.ctx.ids.one(Guardian),
            cpr=self.cpr(birth, sex),
            first_name=first,
            last_name=last_name,
            address=household.address,
            phone=names.phone_number(self.rng),
            email=email,
        )
        self.ctx.guardians.append(guardian)
        return guardian

    def custody(self, household: Household, guardian: Guardian, relation: str, has: bool) -> None:
        household.guardians.append(guardian)
        for child in household.children:
            self.ctx.custodies.append(
                Custody(
                    id=self.ctx.ids.one(Custody),
                    child_id=child.pk,
                    guardian_id=guardian.pk,
                    relation=relation,
                    has_custody=has,
                )
            )

    def parents(self, household: Household) -> None:
        rng = self.rng
        eldest = min(child.birth_date for child in household.children)
        mother_birth = eldest - timedelta(days=rng.randrange(22 * YEAR, 40 * YEAR))
        other_birth = mother_birth - timedelta(days=rng.randrange(-3 * YEAR, 7 * YEAR))
        mother_name = household.last_name
        if rng.random() < MOTHER_KEEPS_OWN_NAME:
            mother_name = self.bank.last_name(rng)
        two = rng.random() < TWO_GUARDIANS
        if not two and rng.random() < 0.15:  # a single father
            father = self.guardian(household, other_birth, "male", household.last_name)
            self.custody(household, father, GuardianRelation.FATHER, True)
            return
        mother = self.guardian(household, mother_birth, "female", mother_name)
        self.custody(household, mother, GuardianRelation.MOTHER, True)
        if two:
            self.second_parent(household, other_birth)

    def second_parent(self, household: Household, birth: date) -> None:
        if self.rng.random() < CO_MOTHER:
            co_mother = self.guardian(household, birth, "female", self.bank.last_name(self.rng))
            self.custody(household, co_mother, GuardianRelation.CO_MOTHER, True)
            return
        father = self.guardian(household, birth, "male", household.last_name)
        has_custody = self.rng.random() >= FATHER_WITHOUT_CUSTODY
        if not has_custody:
            father.address = self.address(self.rng.randrange(self.ctx.plan.districts))
        self.custody(household, father, GuardianRelation.FATHER, has_custody)

    def network(self, household: Household) -> None:
        rng = self.rng
        for _ in range(rng.randint(1, 2)):
            relation = rng.choices(
                [r for r, _ in NETWORK_RELATIONS], weights=[w for _, w in NETWORK_RELATIONS]
            )[0]
            last = household.last_name if rng.random() < 0.5 else self.bank.last_name(rng)
            name = f"{self.bank.first_name(rng, rng.choice(('female', 'male')))} {last}"
            phone = names.phone_number(rng)
            note = rng.choice(NETWORK_NOTES) if rng.random() < 0.3 else ""
            for child in household.children:
                self.ctx.network.append(
                    NetworkPerson(
                        id=self.ctx.ids.one(NetworkPerson),
                        child_id=child.pk,
                        name=name,
                        relation=relation,
                        phone=phone,
                        note=note,
                    )
                )


def create_families(ctx: SynthContext) -> None:
    maker = FamilyMaker(ctx)
    births = birth_dates_evenly(ctx.today, ctx.n_children)
    groups = group_into_households(maker.rng, [age_on(b, ctx.today) for b in births])
    for position, members in enumerate(groups):
        household = maker.household(position, len(groups))
        for index in sorted(members):  # eldest first
            maker.child(household, births[index])
        maker.parents(household)
        if maker.rng.random() < WITH_NETWORK:
            maker.network(household)
    insert(
        ctx,
        "Børn og familier",
        (Child, ctx.children),
        (Guardian, ctx.guardians),
        (Custody, ctx.custodies),
        (NetworkPerson, ctx.network),
    )
