"""The trivsels- og bekymringsguide: load, validate, find the age band, propose a level.

The catalogue is data, not code: the shipped default is data/concern_guide.json, and an
administrator can put a new version in force (a ConcernGuideVersion row; the newest wins). A
version is checked against data/concern_guide.schema.json and then against what a schema cannot
say (each level once, age bands that follow each other from 0 to 18, unique sign ids). Errors
are Danish and name where in the document they are, e.g. "aldersgrupper[2].områder[0]: …".

The guide never scores a family: it proposes the highest level among the signs the professional
ticked herself, and she decides.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, cast

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

from sikkerhedsnet.lib.errors import Refused
from sikkerhedsnet.people.models import Child
from sikkerhedsnet.screening.guide_texts import shown
from sikkerhedsnet.screening.models import ConcernGuideVersion, Position

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEFAULT_PATH = DATA_DIR / "concern_guide.json"
SCHEMA_PATH = DATA_DIR / "concern_guide.schema.json"

LEVELS = (1, 2, 3, 4)
FIRST_AGE, LAST_AGE = 0, 18
# A traffic-light position set from an assessment: the guide's level 3 and 4 are both red.
POSITION_FOR_LEVEL = {1: Position.GREEN, 2: Position.YELLOW, 3: Position.RED, 4: Position.RED}
# Enough to fix a broken upload; a document with hundreds of errors is usually one wrong shape.
MAX_ERRORS = 50

# The document's keys as the administrator meets them in an error's path.
PATH_NAMES = {
    "version": "version",
    "title": "titel",
    "introduction": "indledning",
    "levels": "niveauer",
    "level": "niveau",
    "name": "navn",
    "description": "beskrivelse",
    "next_step": "næste_skridt",
    "areas": "områder",
    "area": "område",
    "code": "kode",
    "age_bands": "aldersgrupper",
    "from_years": "fra_år",
    "to_years": "til_år",
    "signs": "tegn",
    "id": "id",
    "text": "tekst",
}


# The catalogue as objects ---------------------------------------------------------------------


@dataclass(frozen=True)
class Level:
    number: int
    name: str
    next_step: str
    description: str

    @property
    def position(self) -> Position:
        return POSITION_FOR_LEVEL[self.number]


@dataclass(frozen=True)
class Sign:
    id: str
    level: int
    text: str


@dataclass(frozen=True)
class BandArea:
    code: str
    name: str
    signs: tuple[Sign, ...]

    def signs_at(self, level: int) -> list[Sign]:
        return [sign for sign in self.signs if sign.level == level]


@dataclass(frozen=True)
class AgeBand:
    code: str
    name: str
    from_years: int
    to_years: int
    areas: tuple[BandArea, ...]

    def contains(self, years: int) -> bool:
        # From the birthday that starts the band up to, not including, the one that ends it:
        # a child who has just turned 1 belongs to 1–3, not 0–1.
        return self.from_years <= years < self.to_years

    @property
    def signs(self) -> dict[str, Sign]:
        return {sign.id: sign for area in self.areas for sign in area.signs}


@dataclass(frozen=True)
class Guide:
    version: str
    title: str
    introduction: str
    levels: tuple[Level, ...]
    age_bands: tuple[AgeBand, ...]

    def level(self, number: int) -> Level:
        return next(level for level in self.levels if level.number == number)

    def band(self, code: str) -> AgeBand | None:
        return next((band for band in self.age_bands if band.code == code), None)

    def band_for_age(self, years: int) -> AgeBand | None:
        return next((band for band in self.age_bands if band.contains(years)), None)

    def grouped(self, band: AgeBand) -> list[tuple[BandArea, list[tuple[Level, list[Sign]]]]]:
        """The band's signs by area, then by level (levels without signs left out)."""
        return [
            (
                area,
                [(lv, area.signs_at(lv.number)) for lv in self.levels if area.signs_at(lv.number)],
            )
            for area in band.areas
        ]

    def propose(self, band: AgeBand, sign_ids: Iterable[str]) -> Level:
        """The highest level among the ticked signs; with nothing ticked, level 1 (well-being)."""
        signs = band.signs
        unknown = [sign_id for sign_id in sign_ids if sign_id not in signs]
        if unknown:
            raise ValueError(f"signs not in age band {band.code}: {unknown}")
        return self.level(max((signs[sign_id].level for sign_id in sign_ids), default=1))


class NoAgeBand(Refused):
    """The child's age is outside every band of the guide (0 to 18 in the default)."""


def age_band_for(guide: Guide, child: Child, day: date) -> AgeBand:
    years = child.age_on(day)
    band = guide.band_for_age(years)
    if band is None:
        raise NoAgeBand(
            _("Guiden dækker børn fra %(first)d til %(last)d år. Barnet er %(age)d år.")
            % {"first": FIRST_AGE, "last": LAST_AGE, "age": years}
        )
    return band


# Validation -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GuideError:
    path: str  # Danish, for the administrator: aldersgrupper[2].områder[0]
    json_path: str  # the keys as written in the file: age_bands[2].areas[0]
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class GuideInvalid(Refused):
    def __init__(self, errors: list[GuideError]) -> None:
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = errors


def _path(parts: Iterable[str | int], names: dict[str, str] | None = None) -> str:
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            name = names.get(part, part) if names is not None else part
            text += f".{name}" if text else name
    return text


def _error(parts: Iterable[str | int], message: str) -> GuideError:
    parts = list(parts)
    return GuideError(
        path=_path(parts, PATH_NAMES) or _("guiden"),
        json_path=_path(parts) or "$",
        message=message,
    )


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(f"»{name}«" for name in names)


TYPE_NAMES = {
    "object": "et objekt med felter",
    "array": "en liste",
    "string": "en tekst",
    "integer": "et helt tal",
    "number": "et tal",
    "boolean": "sand eller falsk",
}


def _pattern_message(parts: list[str | int]) -> str:
    if parts and parts[-1] == "id":
        return _("må kun indeholde små bogstaver uden æøå, tal, punktum, bindestreg og _")
    if parts and parts[-1] == "code":
        return _("skal skrives som fra-til i hele år, fx 3-6")
    return _("har ikke den rigtige form")


def _schema_message(error: SchemaError) -> str:  # noqa: PLR0911 (one answer per schema keyword)
    kind, value, instance = error.validator, error.validator_value, error.instance
    if kind == "required":
        missing = [name for name in value if name not in instance]
        return ngettext("feltet %(names)s mangler", "felterne %(names)s mangler", len(missing)) % {
            "names": _quoted(missing)
        }
    if kind == "additionalProperties":
        extra = sorted(set(instance) - set(error.schema.get("properties", {})))
        return ngettext(
            "feltet %(names)s kendes ikke", "felterne %(names)s kendes ikke", len(extra)
        ) % {"names": _quoted(extra)}
    if kind == "type":
        return _("skal være %(type)s") % {"type": TYPE_NAMES.get(str(value), str(value))}
    if kind == "minItems":
        return ngettext(
            "skal have mindst %(n)d element", "skal have mindst %(n)d elementer", value
        ) % {"n": value}
    if kind == "maxItems":
        return ngettext("må højst have %(n)d element", "må højst have %(n)d elementer", value) % {
            "n": value
        }
    if kind == "minLength":
        if value == 1:
            return _("må ikke være tom")
        return _("skal være mindst %(n)d tegn lang") % {"n": value}
    if kind == "maxLength":
        return _("må højst være %(n)d tegn lang") % {"n": value}
    if kind == "minimum":
        return _("skal være mindst %(n)s") % {"n": value}
    if kind == "maximum":
        return _("må højst være %(n)s") % {"n": value}
    if kind == "enum":
        return _("skal være en af %(values)s") % {"values": _quoted(map(str, value))}
    if kind == "pattern":
        return _pattern_message(list(error.absolute_path))
    return _("er ikke gyldig")


def _sort_key(error: SchemaError) -> list[tuple[int, int | str]]:
    return [(0, part) if isinstance(part, int) else (1, part) for part in error.absolute_path]


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _schema_errors(content: object) -> list[GuideError]:
    errors = sorted(_validator().iter_errors(content), key=_sort_key)
    found = [_error(error.absolute_path, _schema_message(error)) for error in errors]
    return list(dict.fromkeys(found))  # "required" repeats per missing key: one line per place


def _level_errors(content: dict[str, Any]) -> Iterator[GuideError]:
    numbers = [level["level"] for level in content["levels"]]
    if sorted(numbers) != list(LEVELS):
        yield _error(
            ["levels"],
            _("niveau 1, 2, 3 og 4 skal findes præcis én gang hver (fandt %(found)s)")
            % {"found": ", ".join(map(str, numbers))},
        )
    codes = [area["code"] for area in content["areas"]]
    if len(set(codes)) != len(codes):
        yield _error(["areas"], _("hvert område må kun stå én gang"))


def _band_errors(content: dict[str, Any]) -> Iterator[GuideError]:
    expected_from = FIRST_AGE
    codes: set[str] = set()
    area_codes = {area["code"] for area in content["areas"]}
    for index, band in enumerate(content["age_bands"]):
        where: list[str | int] = ["age_bands", index]
        if band["from_years"] != expected_from:
            yield _error(
                [*where, "from_years"],
                _("skal være %(n)d, så aldersgrupperne følger lige efter hinanden")
                % {"n": expected_from},
            )
        if band["to_years"] <= band["from_years"]:
            yield _error([*where, "to_years"], _("skal være større end fra_år"))
        if band["code"] in codes:
            yield _error([*where, "code"], _("koden »%(code)s« er brugt før") % band)
        codes.add(band["code"])
        band_areas = [area["area"] for area in band["areas"]]
        if sorted(band_areas) != sorted(area_codes):
            yield _error(
                [*where, "areas"],
                _("skal have hvert af områderne %(areas)s præcis én gang")
                % {"areas": _quoted(sorted(area_codes))},
            )
        expected_from = band["to_years"]
    if expected_from != LAST_AGE:
        yield _error(
            ["age_bands"], _("den sidste aldersgruppe skal slutte ved %(n)d år") % {"n": LAST_AGE}
        )


def _sign_errors(content: dict[str, Any]) -> Iterator[GuideError]:
    seen: set[str] = set()
    for b, band in enumerate(content["age_bands"]):
        for a, area in enumerate(band["areas"]):
            for s, sign in enumerate(area["signs"]):
                if sign["id"] in seen:
                    yield _error(
                        ["age_bands", b, "areas", a, "signs", s, "id"],
                        _("id'et »%(id)s« er brugt før; hvert tegn skal have sit eget id") % sign,
                    )
                seen.add(sign["id"])


def guide_errors(content: object) -> list[GuideError]:
    """Everything wrong with a guide document, in document order, at most MAX_ERRORS."""
    errors = _schema_errors(content)
    if not errors:
        # The whole-document checks rely on the shape the schema has just confirmed.
        document = cast(dict[str, Any], content)
        errors = [*_level_errors(document), *_band_errors(document), *_sign_errors(document)]
    return errors[:MAX_ERRORS]


# Building and finding the guide in force ------------------------------------------------------


def _build_band(band: dict[str, Any], area_names: dict[str, str]) -> AgeBand:
    order = list(area_names)
    # The areas in the order the guide lists them, whatever the order inside the band.
    areas = sorted(band["areas"], key=lambda area: order.index(area["area"]))
    return AgeBand(
        code=band["code"],
        name=shown(band["name"]),
        from_years=band["from_years"],
        to_years=band["to_years"],
        areas=tuple(
            BandArea(
                code=area["area"],
                name=area_names[area["area"]],
                signs=tuple(
                    Sign(id=s["id"], level=s["level"], text=shown(s["text"])) for s in area["signs"]
                ),
            )
            for area in areas
        ),
    )


def _build(content: dict[str, Any]) -> Guide:
    """The guide as objects; a built-in text reads in the user's language, the municipality's
    own texts as written (screening/guide_texts.py)."""
    area_names = {area["code"]: shown(area["name"]) for area in content["areas"]}
    levels = sorted(content["levels"], key=lambda level: level["level"])
    return Guide(
        version=content["version"],
        title=shown(content["title"]),
        introduction=shown(content.get("introduction", "")),
        levels=tuple(
            Level(
                number=level["level"],
                name=shown(level["name"]),
                next_step=shown(level["next_step"]),
                description=shown(level.get("description", "")),
            )
            for level in levels
        ),
        age_bands=tuple(_build_band(band, area_names) for band in content["age_bands"]),
    )


def parse_guide(content: object) -> Guide:
    errors = guide_errors(content)
    if errors:
        raise GuideInvalid(errors)
    return _build(cast(dict[str, Any], content))


def default_content() -> dict[str, Any]:
    """The shipped catalogue, a fresh copy each time (callers may change it)."""
    loaded: dict[str, Any] = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    return loaded


@cache
def default_guide() -> Guide:
    return parse_guide(default_content())


@dataclass(frozen=True)
class GuideInForce:
    guide: Guide
    version: ConcernGuideVersion | None  # None: the shipped default, nothing uploaded yet

    @property
    def content(self) -> dict[str, Any]:
        return self.version.content if self.version is not None else default_content()


# Stored versions, parsed once each (a row never changes; the upload time tells re-used ids
# apart when a test database starts over).
_PARSED: dict[tuple[int, str], Guide | None] = {}
VERSIONS_TRIED = 10


def _stored_guide(row: ConcernGuideVersion) -> Guide | None:
    """The row's guide, validated on load; None (and an error in the log) if it is invalid."""
    key = (row.pk, row.uploaded_at.isoformat())
    if key not in _PARSED:
        try:
            _PARSED[key] = parse_guide(row.content)
        except GuideInvalid as error:
            # Validated on upload, so only a schema change after an upgrade gets here. Pages
            # fall back to the previous version rather than fail for every professional.
            logger.error("concern guide version %s is invalid and skipped: %s", row.pk, error)
            _PARSED[key] = None
    return _PARSED[key]


def guide_in_force() -> GuideInForce:
    """The newest valid uploaded version, or the shipped default when there is none."""
    for row in ConcernGuideVersion.objects.select_related("uploaded_by")[:VERSIONS_TRIED]:
        guide = _stored_guide(row)
        if guide is not None:
            return GuideInForce(guide, row)
    return GuideInForce(default_guide(), None)


def guide_by_version(version: str) -> Guide | None:
    """The guide an assessment was made with, to show its ticked signs in words."""
    for row in ConcernGuideVersion.objects.filter(content__version=version):
        guide = _stored_guide(row)
        if guide is not None:
            return guide
    default = default_guide()
    return default if default.version == version else None
