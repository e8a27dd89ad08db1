"""The ICS triangle (Integrated Children's System) of the child assessment, in one place.

Three sides and ten dimensions, as the Danish guidance names them. The assessment stores one
text per dimension under the dimension's code; forms, pages and the synthetic data read the
dimensions from here, so adding or renaming one is a change in this file only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class Side(models.TextChoices):
    DEVELOPMENT = "development", _("Barnets udvikling")
    PARENTING = "parenting", _("Forældrekompetencer")
    FAMILY = "family", _("Familie og netværk")


@dataclass(frozen=True)
class Dimension:
    code: str
    side: Side
    label: StrOrPromise


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension("health", Side.DEVELOPMENT, _("Sundhedsforhold")),
    Dimension("development", Side.DEVELOPMENT, _("Udvikling og adfærd")),
    Dimension("school", Side.DEVELOPMENT, _("Dagtilbud, skole og læring")),
    Dimension("leisure", Side.DEVELOPMENT, _("Fritidsforhold og venskaber")),
    Dimension("safe_care", Side.PARENTING, _("Grundlæggende omsorg og sikkerhed")),
    Dimension("stimulation", Side.PARENTING, _("Stimulering og vejledning")),
    Dimension("relationships", Side.PARENTING, _("Støtte til relationer")),
    Dimension("family_relations", Side.FAMILY, _("Familieforhold og familiens baggrund")),
    Dimension("housing_money", Side.FAMILY, _("Bolig, arbejde og økonomi")),
    Dimension("social_network", Side.FAMILY, _("Socialt netværk")),
)

DIMENSION_CODES: frozenset[str] = frozenset(dimension.code for dimension in DIMENSIONS)


def dimensions_by_side() -> list[tuple[Side, list[Dimension]]]:
    """The sides in the triangle's order, each with its dimensions."""
    return [(side, [d for d in DIMENSIONS if d.side == side]) for side in Side]
