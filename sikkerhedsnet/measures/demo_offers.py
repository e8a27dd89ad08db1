"""The demo municipality's offer catalogue: its own local offers and the external providers it
buys from, as a Danish municipality working the Swedish model runs them.

Local: the family centre (advice and groups, family treatment, home support), a parent course
for parents of 6–9-year-olds with outward-reacting children, a children's house for about 12
children aged 6–12 at risk of placement, a youth contact service, relief families, network and
municipal foster care, the local residential institution and emergency housing for young people
with 7 places. External: foster family agencies, residential homes and institutions, a secure
unit. Prices per month; the foster family and residential prices come from the policy's yearly
costs (DESIGN §3), so a municipality's own price list changes them.

`offers_demo_load()` (services/catalogue.py) puts the catalogue in the database; the synthetic
data step may use `demo_offers()` directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from sikkerhedsnet.measures.ladder import MeasureKind as K
from sikkerhedsnet.policy import get_policy

MUNICIPALITY = "Kommunen"
DEFAULT_INSTITUTION = "Døgninstitutionen Skovly"


@dataclass(frozen=True)
class DemoOffer:
    name: str
    provider: str
    kind: str
    in_municipality: bool
    min_age: int
    max_age: int
    target_group: str
    capacity: int | None
    monthly_price: int


def demo_offers(*, institution_name: str = DEFAULT_INSTITUTION) -> list[DemoOffer]:
    """The catalogue; `institution_name` names the local residential institution (the synthetic
    municipality has one as a unit)."""
    yearly = get_policy().yearly_cost
    foster = round(yearly.get("foster_family", 470_000) / 12)
    institution = round(yearly.get("residential_institution", 1_160_000) / 12)
    home = round(yearly.get("residential_home", 1_160_000) / 12)
    m = MUNICIPALITY
    rows = [
        ("Familiecentret, rådgivning og grupper", "Familiecentret", K.EARLY_PREVENTIVE, True,
         0, 17, "Familier med begyndende bekymring", None, 2_500),
        ("Forældrekurset", "Familiecentret", K.EARLY_PREVENTIVE, True, 6, 9,
         "Forældre til 6-9-årige børn, der reagerer udadtil", 24, 3_500),
        ("Familiecentret, familiebehandling", "Familiecentret", K.FAMILY_TREATMENT, True,
         0, 17, "Familier, hvor samspillet er belastet", 80, 16_000),
        ("Praktisk pædagogisk støtte", "Familiecentret", K.HOME_SUPPORT, True, 0, 17,
         "Familier, der har brug for hjælp til hverdagen", 40, 12_000),
        ("Børnehuset", m, K.DAY_TREATMENT, True, 6, 12,
         "Børn på 6-12 år i risiko for anbringelse", 12, 42_000),
        ("Ungekontakten", m, K.CONTACT_PERSON, True, 12, 22,
         "Unge, der har brug for en fast voksen", 60, 9_500),
        ("Aflastningsfamilier", m, K.RELIEF_STAY, True, 0, 17,
         "Børn, hvis familier har brug for aflastning", 25, 14_000),
        ("Netværkspleje", m, K.KINSHIP_FOSTER_CARE, True, 0, 17,
         "Børn anbragt hos familie eller netværk", None, 18_000),
        ("Kommunens plejefamilier", m, K.FOSTER_FAMILY, True, 0, 17,
         "Børn, der kan bo i en almindelig familie", None, foster),
        ("Kommunens forstærkede plejefamilier", m, K.REINFORCED_FOSTER_FAMILY, True,
         0, 17, "Børn med særlige behov", None, 55_000),
        (institution_name, m, K.RESIDENTIAL_INSTITUTION, True, 10, 17,
         "Børn og unge, der ikke kan bo i en familie", 16, institution),
        ("Akutboliger for unge", m, K.RESIDENTIAL_INSTITUTION, True, 14, 17,
         "Unge i akut krise, der ikke kan bo hjemme", 7, 90_000),
        ("Ungebo", m, K.OWN_ROOM, True, 16, 22, "Unge på vej mod egen bolig", 10, 30_000),
        ("Kontaktpersoner", "Ungestøtten ApS", K.CONTACT_PERSON, False, 10, 22,
         "Unge, der har brug for en fast voksen", None, 10_500),
        ("Familiebehandling", "Socialfagligt Konsulenthus", K.FAMILY_TREATMENT, False, 0, 17,
         "Familier med komplekse problemer", None, 18_000),
        ("Praktisk pædagogisk støtte", "Hjemmestøtten ApS", K.HOME_SUPPORT, False, 0, 17,
         "Familier, der har brug for hjælp til hverdagen", None, 13_000),
        ("Dagbehandlingsskolen", "Dagbehandlingsskolen Lindely", K.DAY_TREATMENT, False, 6, 16,
         "Børn med svære vanskeligheder i skolen", None, 48_000),
        ("Aflastningsinstitution", "Aflastningen Kastanjen", K.RELIEF_STAY, False, 0, 17,
         "Børn, hvis familier har brug for aflastning", None, 22_000),
        ("Plejefamilier", "Familieplejen Midt", K.FOSTER_FAMILY, False, 0, 17,
         "Børn, der kan bo i en almindelig familie", None, foster + 2_000),
        ("Forstærkede plejefamilier", "Familieplejen Midt", K.REINFORCED_FOSTER_FAMILY, False,
         0, 17, "Børn med særlige behov", None, 52_000),
        ("Specialiserede plejefamilier", "Familieplejen Midt", K.SPECIALISED_FOSTER_FAMILY,
         False, 0, 17, "Børn med omfattende behov", None, 75_000),
        ("Opholdsstedet Bakkehuset", "Bakkehuset ApS", K.RESIDENTIAL_HOME, False, 6, 17,
         "Børn og unge med tilknytningsvanskeligheder", None, home),
        ("Opholdsstedet Fjordgården", "Fjordgården", K.RESIDENTIAL_HOME, False, 12, 17,
         "Unge med misbrug eller kriminalitet", None, home + 4_000),
        ("Døgninstitutionen Egely", "Regionen", K.RESIDENTIAL_INSTITUTION, False, 6, 17,
         "Børn og unge med psykiske vanskeligheder", None, institution + 8_000),
        ("Sikret afdeling Sølager", "Regionen", K.SECURE_UNIT, False, 12, 17,
         "Unge, der er til fare for sig selv eller andre", None, 160_000),
        ("Ungdomskollegiet", "Kollegiefonden", K.OWN_ROOM, False, 16, 22,
         "Unge på vej mod egen bolig", None, 28_000),
    ]  # fmt: skip
    return [
        DemoOffer(
            name=name,
            provider=provider,
            kind=str(kind),
            in_municipality=local,
            min_age=low,
            max_age=high,
            target_group=group,
            capacity=places,
            monthly_price=price,
        )
        for name, provider, kind, local, low, high, group, places, price in rows
    ]
