"""The intrusiveness ladder (DESIGN §3): every measure and placement kind, lowest rung first.

The ladder is the one place that says how intrusive a kind is, which kinds are placements,
and how placements are grouped in the placement mix. Kinds on the same rung are equally
intrusive (support in the home, a contact person, family and day treatment are all § 32).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeasureKind(models.TextChoices):
    EARLY_PREVENTIVE = "early_preventive", _("Tidlig forebyggende indsats (rådgivning, grupper)")
    HOME_SUPPORT = "home_support", _("Praktisk pædagogisk støtte i hjemmet")
    CONTACT_PERSON = "contact_person", _("Kontaktperson")
    FAMILY_TREATMENT = "family_treatment", _("Familiebehandling")
    DAY_TREATMENT = "day_treatment", _("Dagbehandling")
    RELIEF_STAY = "relief_stay", _("Aflastning")
    KINSHIP_FOSTER_CARE = "kinship_foster_care", _("Netværkspleje")
    FOSTER_FAMILY = "foster_family", _("Almen plejefamilie")
    REINFORCED_FOSTER_FAMILY = "reinforced_foster_family", _("Forstærket plejefamilie")
    SPECIALISED_FOSTER_FAMILY = "specialised_foster_family", _("Specialiseret plejefamilie")
    OWN_ROOM = "own_room", _("Eget værelse, kollegium eller lignende")
    RESIDENTIAL_HOME = "residential_home", _("Opholdssted")
    RESIDENTIAL_INSTITUTION = "residential_institution", _("Døgninstitution")
    SECURE_UNIT = "secure_unit", _("Delvis lukket eller sikret afdeling")


RUNG: dict[str, int] = {
    MeasureKind.EARLY_PREVENTIVE: 1,
    MeasureKind.HOME_SUPPORT: 2,
    MeasureKind.CONTACT_PERSON: 2,
    MeasureKind.FAMILY_TREATMENT: 2,
    MeasureKind.DAY_TREATMENT: 2,
    MeasureKind.RELIEF_STAY: 3,
    MeasureKind.KINSHIP_FOSTER_CARE: 4,
    MeasureKind.FOSTER_FAMILY: 5,
    MeasureKind.REINFORCED_FOSTER_FAMILY: 6,
    MeasureKind.SPECIALISED_FOSTER_FAMILY: 6,
    MeasureKind.OWN_ROOM: 7,
    MeasureKind.RESIDENTIAL_HOME: 8,
    MeasureKind.RESIDENTIAL_INSTITUTION: 9,
    MeasureKind.SECURE_UNIT: 10,
}

FIRST_PLACEMENT_RUNG = 4  # network foster care: from here up the child lives away from home
PLACEMENT_KINDS = frozenset(kind for kind, rung in RUNG.items() if rung >= FIRST_PLACEMENT_RUNG)


class MixGroup(models.TextChoices):
    """The placement mix as the Swedish-model municipalities report it."""

    NETWORK = "network", _("Netværkspleje")
    FOSTER_FAMILY = "foster_family", _("Plejefamilie")
    INSTITUTION = "institution", _("Institution og opholdssted")
    OWN_ROOM = "own_room", _("Eget værelse og kollegium")


MIX_GROUP: dict[str, str] = {
    MeasureKind.KINSHIP_FOSTER_CARE: MixGroup.NETWORK,
    MeasureKind.FOSTER_FAMILY: MixGroup.FOSTER_FAMILY,
    MeasureKind.REINFORCED_FOSTER_FAMILY: MixGroup.FOSTER_FAMILY,
    MeasureKind.SPECIALISED_FOSTER_FAMILY: MixGroup.FOSTER_FAMILY,
    MeasureKind.OWN_ROOM: MixGroup.OWN_ROOM,
    MeasureKind.RESIDENTIAL_HOME: MixGroup.INSTITUTION,
    MeasureKind.RESIDENTIAL_INSTITUTION: MixGroup.INSTITUTION,
    MeasureKind.SECURE_UNIT: MixGroup.INSTITUTION,
}


def is_placement(kind: str) -> bool:
    return kind in PLACEMENT_KINDS
