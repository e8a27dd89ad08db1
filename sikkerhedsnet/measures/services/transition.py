"""The move to adulthood: naming the young person's adult-services coordinator.

A young person has one coordinator at a time; naming another replaces the first (the history
keeps who it was). The page carries the name it showed, so two caseworkers naming different
coordinators at once cannot silently overwrite each other.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.lib.errors import Conflict, Refused
from sikkerhedsnet.measures.models import AdultServicesCoordinator
from sikkerhedsnet.people.models import Child, User


class CoordinatorChanged(Conflict):
    """Someone named a coordinator after the page was shown; `current` is who it is now."""

    def __init__(self, current: AdultServicesCoordinator | None) -> None:
        super().__init__(current)
        self.current: AdultServicesCoordinator | None = current


@transaction.atomic
def adult_coordinator_name(
    *,
    actor: User,
    child: Child,
    expected_name: str,
    name: str,
    contact: str,
    named_on: date,
) -> AdultServicesCoordinator:
    """Name (or replace) the coordinator; `expected_name` is the one the page showed ("": none)."""
    current = AdultServicesCoordinator.objects.select_for_update().filter(child=child).first()
    if (current.name if current else "") != expected_name:
        raise CoordinatorChanged(current)
    if not name.strip():
        raise Refused(_("Skriv koordinatorens navn."))
    if named_on > timezone.localdate():
        raise Refused(_("Datoen kan ikke ligge i fremtiden."))
    coordinator = current or AdultServicesCoordinator(child=child)
    coordinator.name = name.strip()
    coordinator.contact = contact.strip()
    coordinator.named_on = named_on
    coordinator.named_by = actor
    coordinator.save()
    audit_event_record(
        actor=actor,
        event_type="adult_coordinator.named",
        subject=coordinator,
        extra={"child": child.pk, "replaced": current is not None},
    )
    return coordinator
