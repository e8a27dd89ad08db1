"""Writing the child assessment: the texts, the interim assessment, the conclusion and decision.

The page sends the version it showed; 0 means "no assessment yet", and the first save creates
the row (the one-to-one on the case refuses a second, which reads as a conflict).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.cases.services.journal import journal_event_record
from sikkerhedsnet.casework import journal
from sikkerhedsnet.casework.ics import DIMENSION_CODES
from sikkerhedsnet.casework.models import Assessment, AssessmentDecision, InterimAssessment
from sikkerhedsnet.lib.errors import Conflict, Refused
from sikkerhedsnet.lib.versions import compare_and_set
from sikkerhedsnet.people.models import User

CLOSED = _("Undersøgelsen er afsluttet med en afgørelse og kan ikke længere ændres.")


def _current(case: Case) -> Assessment | None:
    return Assessment.objects.filter(case=case).first()


def _open_at(case: Case, expected_version: int) -> Assessment | None:
    """The assessment as the page saw it, refused if it has changed or is closed."""
    current = _current(case)
    if (current.version if current else 0) != expected_version:
        raise Conflict(current or case)
    if current is not None and not current.is_open:
        raise Refused(str(CLOSED))
    return current


def _create(*, actor: User, case: Case, **fields: object) -> Assessment:
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                case=case, updated_at=timezone.now(), updated_by=actor, **fields
            )
    except IntegrityError:
        # A colleague started the assessment at the same moment.
        raise Conflict(_current(case) or case) from None
    begun = journal.assessment_begun(case, timezone.localdate())
    journal_event_record(case=case, actor=actor, source=assessment, **begun)
    return assessment


@transaction.atomic
def assessment_save(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    dimensions: dict[str, str],
    child_view: str,
    parents_view: str,
) -> Assessment:
    unknown = set(dimensions) - DIMENSION_CODES
    if unknown:
        raise Refused(_("Ukendt dimension: %(codes)s") % {"codes": ", ".join(sorted(unknown))})
    fields: dict[str, Any] = {
        "dimensions": {code: text.strip() for code, text in dimensions.items() if text.strip()},
        "child_view": child_view.strip(),
        "parents_view": parents_view.strip(),
    }
    current = _open_at(case, expected_version)
    if current is None:
        assessment = _create(actor=actor, case=case, **fields)
    else:
        assessment = compare_and_set(
            Assessment,
            pk=current.pk,
            expected_version=expected_version,
            actor=actor,
            updated_at=timezone.now(),
            updated_by=actor,
            **fields,
        )
    audit_event_record(
        actor=actor,
        event_type="assessment.saved",
        subject=assessment,
        extra={"case": case.pk, "dimensions": sorted(fields["dimensions"])},
    )
    return assessment


@transaction.atomic
def interim_assessment_record(
    *, actor: User, case: Case, expected_version: int, text: str, expected_done_on: date
) -> InterimAssessment:
    """Add an interim assessment; it overwrites nothing, but moves the version on so that a
    colleague concluding on the old page learns there is more to read first."""
    today = timezone.localdate()
    if expected_done_on < today:
        raise Refused(_("Datoen for, hvornår undersøgelsen forventes færdig, er passeret."))
    current = _open_at(case, expected_version)
    if current is None:
        current = _create(actor=actor, case=case)
    else:
        current = compare_and_set(
            Assessment,
            pk=current.pk,
            expected_version=expected_version,
            actor=actor,
            updated_at=timezone.now(),
            updated_by=actor,
        )
    interim = InterimAssessment.objects.create(
        assessment=current,
        text=text.strip(),
        expected_done_on=expected_done_on,
        recorded_on=today,
        recorded_by=actor,
    )
    journal_event_record(
        case=case, actor=actor, source=interim, **journal.interim_recorded(interim)
    )
    audit_event_record(
        actor=actor,
        event_type="assessment.interim_recorded",
        subject=current,
        extra={"case": case.pk, "interim": interim.pk, "deadline": str(case.assessment_due_on)},
    )
    return interim


@transaction.atomic
def assessment_conclude(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    conclusion: str,
    decision: AssessmentDecision,
    decided_on: date,
) -> Assessment:
    """The conclusion and the decision it leads to; the assessment is closed from then on."""
    if not conclusion.strip():
        raise Refused(_("Skriv undersøgelsens konklusion."))
    if decided_on > timezone.localdate():
        raise Refused(_("Afgørelsens dato kan ikke ligge i fremtiden."))
    if decided_on < case.became_aware_on:
        raise Refused(_("Afgørelsens dato kan ikke ligge før, kommunen blev opmærksom på barnet."))
    current = _open_at(case, expected_version)
    if current is None:
        raise Refused(_("Skriv undersøgelsen, før den afsluttes med en konklusion."))
    assessment = compare_and_set(
        Assessment,
        pk=current.pk,
        expected_version=expected_version,
        actor=actor,
        conclusion=conclusion.strip(),
        decision=decision,
        decided_on=decided_on,
        decided_by=actor,
        updated_at=timezone.now(),
        updated_by=actor,
    )
    concluded = journal.assessment_concluded(assessment, case)
    journal_event_record(case=case, actor=actor, source=assessment, **concluded)
    audit_event_record(
        actor=actor,
        event_type="assessment.concluded",
        subject=assessment,
        extra={
            "case": case.pk,
            "decision": str(decision),
            "decided_on": str(decided_on),
            "within_deadline": decided_on <= case.assessment_due_on,
        },
    )
    return assessment
