"""Writing the offer catalogue: the administrator and the faglig leder add and change offers.

An offer is never deleted (measures point at it); it is made inactive and stops fitting new
decisions. A change is compare-and-set on `version`, like every edit two people may make at once.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.lib.errors import Refused
from sikkerhedsnet.lib.versions import compare_and_set
from sikkerhedsnet.measures.demo_offers import DEFAULT_INSTITUTION, demo_offers
from sikkerhedsnet.measures.ladder import MeasureKind
from sikkerhedsnet.measures.models import Offer
from sikkerhedsnet.people.models import User

OFFER_FIELDS = (
    "name",
    "provider",
    "kind",
    "in_municipality",
    "min_age",
    "max_age",
    "target_group",
    "capacity",
    "monthly_price",
    "active",
)


def _checked(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(OFFER_FIELDS)
    if unknown:
        raise TypeError(f"unknown offer fields: {sorted(unknown)}")
    if fields["kind"] not in MeasureKind.values:
        raise Refused(_("Vælg en type fra listen."))
    if fields["min_age"] > fields["max_age"]:
        raise Refused(_("Fra-alderen skal være lavere end eller lig med til-alderen."))
    if fields["capacity"] == 0:
        raise Refused(
            _(
                "Et tilbud uden pladser kan ikke tage børn. Lad feltet stå tomt, hvis "
                "leverandøren tager de børn, kommunen sender."
            )
        )
    return {**fields, "name": fields["name"].strip(), "provider": fields["provider"].strip()}


@transaction.atomic
def offer_create(*, actor: User | None, **fields: Any) -> Offer:
    offer = Offer.objects.create(**_checked(fields))
    audit_event_record(actor=actor, event_type="offer.created", subject=offer)
    return offer


@transaction.atomic
def offer_update(*, actor: User, offer: Offer, expected_version: int, **fields: Any) -> Offer:
    updated = compare_and_set(
        Offer, pk=offer.pk, expected_version=expected_version, actor=actor, **_checked(fields)
    )
    audit_event_record(actor=actor, event_type="offer.updated", subject=updated)
    return updated


@transaction.atomic
def offers_demo_load(*, actor: User | None = None, institution_name: str | None = None) -> int:
    """Put the demo catalogue in the database; an offer already there (same name and provider)
    is left as it is, so loading twice changes nothing. Returns the number of offers made."""
    existing = set(Offer.objects.values_list("name", "provider"))
    made = 0
    for demo in demo_offers(institution_name=institution_name or DEFAULT_INSTITUTION):
        if (demo.name, demo.provider) in existing:
            continue
        offer_create(actor=actor, **{**demo.__dict__, "active": True})
        made += 1
    return made
