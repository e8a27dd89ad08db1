"""Step: the municipality's units, spread over its districts.

Units of a kind are numbered in geographic order (district by district), the same order in which
households are placed, so a child's daycare and school lie in or near its own district.
"""

from __future__ import annotations

from sikkerhedsnet.people.models import Unit, UnitKind
from sikkerhedsnet.synth import names
from sikkerhedsnet.synth.context import SynthContext
from sikkerhedsnet.synth.writer import insert

CODE_PREFIXES = {
    UnitKind.DAYCARE: "DAG",
    UnitKind.SCHOOL: "SKO",
    UnitKind.SFO: "SFO",
    UnitKind.HEALTH_VISITING: "SUN",
    UnitKind.DENTAL: "TAN",
    UnitKind.RESIDENTIAL_INSTITUTION: "DOG",
    UnitKind.FAMILY_DEPARTMENT: "FAM",
}


def district_of(ctx: SynthContext, index: int, count: int) -> str:
    """The district of the `index`-th of `count` units (or households) in geographic order."""
    return names.DISTRICTS[index * ctx.plan.districts // count]


def _numbered(base: list[str], index: int, district: str) -> str:
    # Names repeat only when a large municipality has more units than the list has names; the
    # district then tells them apart.
    name = base[index % len(base)]
    return name if index < len(base) else f"{name}, {district}"


def _make(ctx: SynthContext, kind: UnitKind, number: int, name: str, district: str) -> Unit:
    unit = Unit(
        id=ctx.ids.one(Unit),
        code=f"{CODE_PREFIXES[kind]}{number:03d}",
        name=name,
        kind=kind,
        district=district,
    )
    ctx.add_unit(unit)
    return unit


def _district_units(ctx: SynthContext, kind: UnitKind, count: int, title: str) -> None:
    """Health visiting and dental: one per area, named by district (and a number if several)."""
    per_district: dict[str, int] = {}
    districts = [district_of(ctx, i, count) for i in range(count)]
    for district in districts:
        per_district[district] = per_district.get(district, 0) + 1
    seen: dict[str, int] = {}
    for i, district in enumerate(districts):
        seen[district] = seen.get(district, 0) + 1
        suffix = f" {seen[district]}" if per_district[district] > 1 else ""
        _make(ctx, kind, i + 1, f"{title} {district}{suffix}", district)


def _daycares_schools_sfos(ctx: SynthContext) -> None:
    rng = ctx.rng("units")
    daycare_names = names.daycare_names()
    rng.shuffle(daycare_names)
    for i in range(ctx.plan.daycares):
        district = district_of(ctx, i, ctx.plan.daycares)
        _make(ctx, UnitKind.DAYCARE, i + 1, _numbered(daycare_names, i, district), district)
    school_names = names.school_names()
    rng.shuffle(school_names)
    for i in range(ctx.plan.schools):
        district = district_of(ctx, i, ctx.plan.schools)
        school = _make(ctx, UnitKind.SCHOOL, i + 1, _numbered(school_names, i, district), district)
        _make(ctx, UnitKind.SFO, i + 1, f"SFO {school.name}", district)


def _family_department(ctx: SynthContext) -> None:
    centre = names.DISTRICTS[0]
    _make(ctx, UnitKind.FAMILY_DEPARTMENT, 1, "Familieafdelingen, Visitationen", centre)
    for team in range(1, ctx.plan.caseworker_teams + 1):
        _make(ctx, UnitKind.FAMILY_DEPARTMENT, team + 1, f"Familieafdelingen, Team {team}", centre)


def _residential(ctx: SynthContext) -> None:
    for i in range(ctx.plan.residential):
        district = names.DISTRICTS[(i + 1) % ctx.plan.districts]
        name = names.RESIDENTIAL_NAMES[i % len(names.RESIDENTIAL_NAMES)]
        _make(ctx, UnitKind.RESIDENTIAL_INSTITUTION, i + 1, name, district)


def create_units(ctx: SynthContext) -> None:
    _daycares_schools_sfos(ctx)
    _district_units(ctx, UnitKind.HEALTH_VISITING, ctx.plan.health_visiting, "Sundhedsplejen")
    _district_units(ctx, UnitKind.DENTAL, ctx.plan.dental, "Tandplejen")
    _residential(ctx)
    _family_department(ctx)
    insert(ctx, "Enheder", (Unit, ctx.units))


def intake_team(ctx: SynthContext) -> Unit:
    return ctx.units_of(UnitKind.FAMILY_DEPARTMENT)[0]


def caseworker_teams(ctx: SynthContext) -> list[Unit]:
    return ctx.units_of(UnitKind.FAMILY_DEPARTMENT)[1:]
