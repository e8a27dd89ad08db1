"""Factories for people and units; CPR numbers are replacement numbers (day + 60)."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

import factory

from sikkerhedsnet.lib import cpr as cprlib
from sikkerhedsnet.people.models import (
    Child,
    Custody,
    Enrolment,
    Guardian,
    GuardianRelation,
    Membership,
    Role,
    Unit,
    UnitKind,
    User,
)

_serials = itertools.count(1)


def replacement_cpr(birth: date, sex: str = "female") -> str:
    return cprlib.make_replacement(birth, next(_serials) % 10_000, sex)  # type: ignore[arg-type]


class UnitFactory(factory.django.DjangoModelFactory[Unit]):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"U{n:04d}")
    name = factory.Sequence(lambda n: f"Enhed {n}")
    kind = UnitKind.DAYCARE
    district = "Nord"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruger{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Bruger{n}")
    role = Role.PROFESSIONAL
    password = factory.django.Password("korrekt-hest-batteri-42")


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    since = date(2020, 1, 1)


class ChildFactory(factory.django.DjangoModelFactory[Child]):
    class Meta:
        model = Child

    first_name = factory.Sequence(lambda n: f"Barn{n}")
    last_name = "Hansen"
    birth_date = date(2021, 5, 17)
    sex = "female"
    is_replacement_cpr = True

    cpr = factory.LazyAttribute(lambda child: replacement_cpr(child.birth_date, child.sex))


class EnrolmentFactory(factory.django.DjangoModelFactory[Enrolment]):
    class Meta:
        model = Enrolment

    child = factory.SubFactory(ChildFactory)
    unit = factory.SubFactory(UnitFactory)
    since = date(2022, 8, 1)
    group = "Sommerfuglene"


class GuardianFactory(factory.django.DjangoModelFactory[Guardian]):
    class Meta:
        model = Guardian

    first_name = "Mette"
    last_name = "Hansen"
    phone = "20 30 40 50"


class CustodyFactory(factory.django.DjangoModelFactory[Custody]):
    class Meta:
        model = Custody

    child = factory.SubFactory(ChildFactory)
    guardian = factory.SubFactory(GuardianFactory)
    relation = GuardianRelation.MOTHER


def staff(role: str, *units: Unit, **kwargs: Any) -> User:
    user = UserFactory.create(role=role, **kwargs)
    for unit in units:
        MembershipFactory.create(user=user, unit=unit)
    return user
