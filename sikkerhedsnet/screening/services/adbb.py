"""ADBB scorings at health-visitor visits, and the follow-up visit a high total asks for.

ADBB (Alarm Distress BaBy Scale) observes an infant's social contact on eight items, each
scored 0–4; the total (0–32) at or over the policy's cutoff (default 5) is a sign of sustained
withdrawal, and the observation is repeated at a follow-up visit within the policy's days
(default 14). The instrument is for children from 2 to 24 months (policy). The safety-net rule
`adbb_without_follow_up` (rules.py) watches for a high total without that visit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.people.models import Child, Unit, UnitKind, User
from sikkerhedsnet.policy import get_policy
from sikkerhedsnet.screening.models import (
    ADBB_ITEM_COUNT,
    ADBB_ITEM_MAX,
    AdbbFollowUp,
    Instrument,
    Screening,
)
from sikkerhedsnet.screening.rounds import round_on
from sikkerhedsnet.screening.services.consent import units_shared_with

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

NOTE_MAX_LENGTH = 1000


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


class AdbbRefused(ValueError):
    """A Danish explanation of why the scoring or follow-up was not recorded."""


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


def adbb_flagged(total: int) -> bool:
    return total >= get_policy().adbb_cutoff


def adbb_follow_up_due(screened_on: date) -> date:
    """The last day for the follow-up visit (the rule flags the day after)."""
    return screened_on + timedelta(days=get_policy().adbb_follow_up_days)


def health_visiting_units(*, actor: User, child_id: int, day: date) -> list[Unit]:
    """The health-visiting units where the actor works and the child is enrolled."""
    return units_shared_with(
        actor=actor, child_id=child_id, day=day, kinds=[UnitKind.HEALTH_VISITING]
    )


def _check_scores(scores: list[int]) -> None:
    if len(scores) != ADBB_ITEM_COUNT:
        raise AdbbRefused(_("Alle otte punkter skal scores."))
    if any(isinstance(s, bool) or not isinstance(s, int) for s in scores):
        raise AdbbRefused(_("Hvert punkt scores med et helt tal fra 0 til 4."))
    if any(not 0 <= score <= ADBB_ITEM_MAX for score in scores):
        raise AdbbRefused(_("Hvert punkt scores med et helt tal fra 0 til 4."))


def _check_actor(*, actor: User, child: Child, unit: Unit | None = None) -> None:
    """The actor is a health visitor of the child (in `unit`, when one is named)."""
    units = health_visiting_units(actor=actor, child_id=child.pk, day=timezone.localdate())
    if not units or (unit is not None and unit not in units):
        raise AdbbRefused(
            _("Kun sundhedsplejen, hvor barnet er indskrevet, kan registrere ADBB for barnet.")
        )


@transaction.atomic
def adbb_record(
    *, actor: User, child: Child, unit: Unit, scores: list[int], screened_on: date
) -> Screening:
    """Record an ADBB scoring; the total is computed here, never taken from the caller."""
    _check_scores(scores)
    if screened_on > timezone.localdate():
        raise AdbbRefused(_("Besøgsdatoen må ikke ligge i fremtiden."))
    age_error = adbb_age_error(child=child, screened_on=screened_on)
    if age_error:
        raise AdbbRefused(age_error)
    _check_actor(actor=actor, child=child, unit=unit)
    total = sum(scores)
    screening = Screening(
        child=child,
        unit=unit,
        instrument=Instrument.ADBB,
        round_deadline=round_on(screened_on).deadline,
        screened_on=screened_on,
        adbb_scores=list(scores),
        adbb_total=total,
        recorded_by=actor,
    )
    screening._history_user = actor  # type: ignore[attr-defined]  # simple-history reads it
    screening.save()
    audit_event_record(
        actor=actor,
        event_type="screening.adbb_recorded",
        subject=screening,
        extra={
            "child_id": child.pk,
            "screened_on": screened_on.isoformat(),
            "total": total,
            "flagged": adbb_flagged(total),
        },
    )
    return screening


@transaction.atomic
def adbb_follow_up_record(
    *, actor: User, screening: Screening, visited_on: date, note: str = ""
) -> AdbbFollowUp:
    """Record the follow-up visit after an ADBB scoring."""
    if screening.instrument != Instrument.ADBB:
        raise ValueError("a follow-up visit belongs to an ADBB scoring")
    if visited_on > timezone.localdate():
        raise AdbbRefused(_("Besøgsdatoen må ikke ligge i fremtiden."))
    if visited_on < screening.screened_on:
        raise AdbbRefused(
            _("Det opfølgende besøg kan ikke ligge før scoringen den %(date)s.")
            % {"date": screening.screened_on.strftime("%d.%m.%Y")}
        )
    if len(note) > NOTE_MAX_LENGTH:
        raise AdbbRefused(_("Notatet må højst være %(n)d tegn.") % {"n": NOTE_MAX_LENGTH})
    # Any health visitor of the child: the child may have moved district since the scoring.
    _check_actor(actor=actor, child=screening.child)
    follow_up = AdbbFollowUp(
        screening=screening, visited_on=visited_on, note=note, recorded_by=actor
    )
    follow_up._history_user = actor  # type: ignore[attr-defined]  # simple-history reads it
    follow_up.save()
    audit_event_record(
        actor=actor,
        event_type="screening.adbb_follow_up_recorded",
        subject=follow_up,
        extra={
            "child_id": screening.child_id,
            "screening_id": screening.pk,
            "visited_on": visited_on.isoformat(),
        },
    )
    return follow_up
