"""Reads of the child's parents for collaboration: who is invited, who gets letters, who answers.

Letters about the child (the invitation to a dialogue meeting, the unit plan) go to each parent
with parental authority (forældremyndighed), each her own letter; a parent without it may take
part in a meeting but gets no letter from the unit.
"""

from __future__ import annotations

from django.db.models import QuerySet

from sikkerhedsnet.people.models import Child, Custody, Guardian


def custodies_of(child: Child) -> QuerySet[Custody]:
    """The child's parents and other adults with their relation, parental authority first."""
    return (
        Custody.objects.filter(child=child)
        .select_related("guardian")
        .order_by("-has_custody", "guardian__first_name", "guardian__last_name", "pk")
    )


def with_parental_authority(child: Child) -> QuerySet[Guardian]:
    return Guardian.objects.filter(custodies__child=child, custodies__has_custody=True).order_by(
        "first_name", "last_name", "pk"
    )
