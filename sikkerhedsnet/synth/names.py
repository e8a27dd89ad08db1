"""Danish names for people, streets, districts and units.

Person and street names come from faker's `da_DK` providers, read once as plain tuples: picking
with our own seeded `random.Random` is far faster than a Faker call per name and keeps a run
reproducible without touching Faker's global seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from faker.providers.address.da_DK import Provider as AddressProvider
from faker.providers.person.da_DK import Provider as PersonProvider

DISTRICTS = (
    "Nordby",
    "Sønderby",
    "Østerby",
    "Vesterby",
    "Midtby",
    "Skovby",
    "Strandby",
    "Bakkeby",
    "Engby",
    "Kirkeby",
    "Møllevang",
    "Højvang",
)

DAYCARE_PREFIXES = (
    "Børnehuset",
    "Børnehaven",
    "Naturbørnehaven",
    "Vuggestuen og Børnehaven",
    "Børnegården",
    "Dagtilbuddet",
)
DAYCARE_STEMS = (
    "Solsikken", "Mælkebøtten", "Regnbuen", "Spiren", "Troldehøjen", "Mariehønen", "Kastanjen",
    "Egetræet", "Skovbrynet", "Humlebien", "Lærkereden", "Stjernen", "Bakketoppen", "Kløveren",
    "Æblehaven", "Pilehytten", "Lindely", "Myretuen", "Søstjernen", "Fyrtårnet", "Grantoppen",
    "Birkelunden", "Rosenhaven", "Valmuen", "Anemonen", "Krudtuglen", "Græshoppen", "Tusindfryd",
    "Hasselnødden", "Bøgely", "Engblommen", "Skattekisten", "Vibereden", "Solstrålen",
)  # fmt: skip
SCHOOL_STEMS = (
    "Eng", "Bakke", "Skov", "Sø", "Linde", "Kilde", "Højvang", "Rosenvang", "Bøge", "Ege",
    "Møllevang", "Kirkebakke", "Strand", "Åbakke", "Toftevang", "Lykke", "Solhøj", "Fjord",
)  # fmt: skip
SCHOOL_DIRECTIONS = ("Vestre", "Østre", "Nørre", "Søndre")
RESIDENTIAL_NAMES = ("Døgninstitutionen Egebakken", "Børnehjemmet Lærkereden")

SMALL_CHILD_GROUPS = ("Myrerne", "Mariehønene", "Bierne", "Frøerne")
BIG_CHILD_GROUPS = ("Sommerfuglene", "Egernene", "Rævene", "Pindsvinene", "Uglerne")


def school_names() -> list[str]:
    """Every distinct school name, in a fixed order; more schools reuse them with a district."""
    names = [f"{direction} Skole" for direction in SCHOOL_DIRECTIONS]
    names += [f"{stem}skolen" for stem in SCHOOL_STEMS]
    names += [f"{district} Skole" for district in DISTRICTS]
    return names


def daycare_names() -> list[str]:
    return [f"{prefix} {stem}" for stem in DAYCARE_STEMS for prefix in DAYCARE_PREFIXES]


_TRANSLIT = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "o"})


def ascii_slug(text: str) -> str:
    """Lower-case ASCII letters only: for usernames and e-mail addresses."""
    return "".join(ch for ch in text.lower().translate(_TRANSLIT) if "a" <= ch <= "z")


def _rank_weights(count: int) -> list[float]:
    # faker lists the commonest surnames first; a Zipf-like weight keeps Jensen and Nielsen
    # frequent and the tail rare, as in Denmark.
    return list(accumulate(1 / (rank + 4) for rank in range(count)))


@dataclass(frozen=True)
class NameBank:
    female: tuple[str, ...]
    male: tuple[str, ...]
    last: tuple[str, ...]
    last_cum_weights: tuple[float, ...]
    streets: tuple[str, ...]
    street_suffixes: tuple[str, ...]

    def first_name(self, rng: random.Random, sex: str) -> str:
        return rng.choice(self.female if sex == "female" else self.male)

    def last_name(self, rng: random.Random) -> str:
        return rng.choices(self.last, cum_weights=self.last_cum_weights)[0]

    def full_name(self, rng: random.Random, sex: str) -> str:
        return f"{self.first_name(rng, sex)} {self.last_name(rng)}"

    def street(self, rng: random.Random) -> str:
        return rng.choice(self.streets) + rng.choice(self.street_suffixes)


@cache
def name_bank() -> NameBank:
    last = tuple(PersonProvider.last_names)
    return NameBank(
        female=tuple(PersonProvider.first_names_female),
        male=tuple(PersonProvider.first_names_male),
        last=last,
        last_cum_weights=tuple(_rank_weights(len(last))),
        # Multi-word and foreign-country names make odd Danish street names; keep single words.
        streets=tuple(s for s in AddressProvider.street_names if " " not in s),
        street_suffixes=tuple(AddressProvider.street_suffixes),
    )


def phone_number(rng: random.Random) -> str:
    """A Danish-looking mobile number (2x xx xx xx); not checked against real subscribers."""
    digits = f"{rng.choice('2345')}{rng.randrange(10_000_000):07d}"
    return " ".join(digits[i : i + 2] for i in range(0, 8, 2))


def postcode(district_index: int) -> str:
    return str(7400 + 10 * district_index)
