"""The ADBB scale: its eight items, what a score means, and the ages it is for.

ADBB (Alarm Distress BaBy Scale) observes an infant's social contact on eight items, each
scored 0–4; the total (0–32) at or over the policy's cutoff (default 5) is a sign of sustained
withdrawal (`Screening.is_flagged`), and the observation is repeated at a follow-up visit within
the policy's days (default 14). The instrument is for children from 2 to 24 months (policy).
Nothing here reads the database; the writes are in services/adbb.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from sikkerhedsnet.policy import get_policy

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from sikkerhedsnet.people.models import Child


@dataclass(frozen=True)
class AdbbItem:
    code: str  # the item of the original (English) edition
    label: StrOrPromise  # the Danish edition's name
    hint: StrOrPromise  # what the item is about, in our own words (not the manual's anchors)


# The eight items in the scale's order, named as in the Danish edition (Center for Tidlig Indsats
# og Familieforskning, Københavns Universitet). Every screen and export takes them from here.
ADBB_ITEMS: tuple[AdbbItem, ...] = (
    AdbbItem(
        "facial_expression",
        gettext_lazy("Ansigtsudtryk"),
        gettext_lazy("Hvor meget barnets ansigt udtrykker og skifter i kontakten."),
    ),
    AdbbItem(
        "eye_contact",
        gettext_lazy("Øjenkontakt"),
        gettext_lazy("Om barnet søger og holder øjenkontakt."),
    ),
    AdbbItem(
        "general_activity",
        gettext_lazy("Generelt aktivitetsniveau"),
        gettext_lazy("Barnets bevægelser af hoved, krop, arme og ben."),
    ),
    AdbbItem(
        "self_stimulating_gestures",
        gettext_lazy("Selvstimulerende adfærd"),
        gettext_lazy("Om barnet optager sig selv, fx med fingre, hår eller tøj, frem for kontakt."),
    ),
    AdbbItem(
        "vocalisation",
        gettext_lazy("Vokalisering"),
        gettext_lazy("Barnets lyde og pludren i kontakten."),
    ),
    AdbbItem(
        "briskness_of_response",
        gettext_lazy("Reaktionstid ift. stimulation"),
        gettext_lazy("Hvor hurtigt barnet reagerer på berøring, stemme og smil."),
    ),
    AdbbItem(
        "relationship",
        gettext_lazy("Relation"),
        gettext_lazy("Barnets evne til at gå ind i kontakten med den voksne."),
    ),
    AdbbItem(
        "attractiveness",
        gettext_lazy("Opmærksomhedsinitiering og -fastholdelse"),
        gettext_lazy("Hvor let barnet vækker og holder den voksnes opmærksomhed."),
    ),
)

# The meaning of a score on every item.
SCORE_LABELS: tuple[StrOrPromise, ...] = (
    gettext_lazy("0 – ingen usædvanlig adfærd"),
    gettext_lazy("1 – tvivlsom"),
    gettext_lazy("2 – tydelig"),
    gettext_lazy("3 – markant"),
    gettext_lazy("4 – massiv"),
)


def months_text(months: int) -> str:
    return ngettext("%(n)d måned", "%(n)d måneder", months) % {"n": months}


def adbb_age_error(*, child: Child, screened_on: date) -> str | None:
    """Why the child may not be scored on that day (age outside the policy's months), or None."""
    if screened_on < child.birth_date:
        return _("Besøgsdatoen ligger før barnets fødsel (%(born)s).") % {
            "born": child.birth_date.strftime("%d.%m.%Y")
        }
    policy = get_policy()
    months = child.age_in_months_on(screened_on)
    if policy.adbb_min_age_months <= months <= policy.adbb_max_age_months:
        return None
    return _(
        "ADBB bruges til børn fra %(min)s til %(max)s. Barnet var %(age)s på besøgsdagen %(day)s."
    ) % {
        "min": months_text(policy.adbb_min_age_months),
        "max": months_text(policy.adbb_max_age_months),
        "age": months_text(months),
        "day": screened_on.strftime("%d.%m.%Y"),
    }
