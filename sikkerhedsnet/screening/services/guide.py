"""Writes for the concern guide: a new version of the catalogue, and a professional's assessment.

An assessment keeps what the professional ticked, what the guide proposed from it (the highest
level among the ticked signs) and what she decided, with her reason when she chose otherwise.
If she also sets the child's traffic-light position from it, the round page's service
`joint_position_set` writes the position (with its compare-and-set on the version) and the
position is linked to the assessment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.lib.errors import Conflict, Refused
from sikkerhedsnet.people.models import Child, Unit, User
from sikkerhedsnet.screening.access import units_shared_with
from sikkerhedsnet.screening.models import ConcernGuideVersion, GuideAssessment, Screening
from sikkerhedsnet.screening.selectors.guide import (
    LEVELS,
    Guide,
    age_band_for,
    default_content,
    default_guide,
    guide_errors,
    guide_in_force,
)
from sikkerhedsnet.screening.selectors.positions import positions_allowed
from sikkerhedsnet.screening.selectors.rounds import round_on
from sikkerhedsnet.screening.services.positions import JointPositionConflict, joint_position_set

REASON_MAX_LENGTH = 1000
NOTE_MAX_LENGTH = 200


class GuideRefused(Refused):
    """A Danish explanation of why nothing was saved."""


class GuideChanged(GuideRefused):
    """A new guide version came into force while the professional had the old one open."""


class GuideEditConflict(Conflict):
    """Someone put a newer version (`current`) in force after the editor opened the page."""

    current: ConcernGuideVersion

    def __init__(self, current: ConcernGuideVersion) -> None:
        super().__init__(current)


# New versions of the catalogue ------------------------------------------------------------------


def _version_taken(content: dict[str, Any]) -> bool:
    """The version name is the assessments' reference to the catalogue: it must stay unique."""
    version = content["version"]
    if ConcernGuideVersion.objects.filter(content__version=version).exists():
        return True
    default = default_guide()
    if version != default.version:
        return False
    # Re-uploading the shipped catalogue unchanged under its own name is harmless.
    return content != default_content()


@transaction.atomic
def guide_version_upload(
    *, actor: User, content: object, note: str = "", based_on: int | None
) -> ConcernGuideVersion:
    """Put a new version of the guide in force.

    `based_on` is the version the editor's page showed (None: the shipped default). If a newer
    one has been put in force since, nothing is saved and GuideEditConflict names it.
    """
    errors = guide_errors(content)
    if errors:
        raise GuideRefused("; ".join(map(str, errors)))
    document = cast(dict[str, Any], content)  # guide_errors has checked the shape
    if len(note) > NOTE_MAX_LENGTH:
        raise GuideRefused(_("Bemærkningen må højst være %(n)d tegn.") % {"n": NOTE_MAX_LENGTH})
    # Lock the newest row; re-read after the lock, which may have waited for another upload.
    ConcernGuideVersion.objects.select_for_update().first()
    newest = ConcernGuideVersion.objects.select_related("uploaded_by").first()
    if (newest.pk if newest is not None else None) != based_on:
        if newest is not None:
            raise GuideEditConflict(newest)
        raise GuideRefused(_("Den version, du tog udgangspunkt i, findes ikke længere."))
    if _version_taken(document):
        raise GuideRefused(
            _(
                "Versionen »%(version)s« findes allerede. "
                "Giv den nye version et nyt navn i feltet »version«."
            )
            % {"version": document["version"]}
        )
    version = ConcernGuideVersion.objects.create(content=document, note=note, uploaded_by=actor)
    audit_event_record(
        actor=actor,
        event_type="screening.concern_guide_uploaded",
        subject=version,
        extra={"version": document["version"], "note": note},
    )
    return version


# Assessments ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PositionRequest:
    """Set the child's joint position in the current round from the decided level."""

    expected_version: int | None  # the joint position's version the page showed (None: none)


def _decide(
    *, guide: Guide, child: Child, day: date, sign_ids: Sequence[str], level: int, reason: str
) -> tuple[str, int]:
    band = age_band_for(guide, child, day)
    unknown = [sign_id for sign_id in sign_ids if sign_id not in band.signs]
    if unknown:
        raise GuideChanged(
            _("Nogle af de markerede tegn hører ikke til aldersgruppen %(band)s.")
            % {"band": band.name}
        )
    if level not in LEVELS:
        raise GuideRefused(_("Vælg et niveau fra 1 til 4."))
    proposed = guide.propose(band, sign_ids).number
    if level != proposed and not reason.strip():
        raise GuideRefused(
            _(
                "Skriv kort, hvorfor du vælger niveau %(level)d, "
                "når guiden foreslår niveau %(proposed)d."
            )
            % {"level": level, "proposed": proposed}
        )
    if len(reason) > REASON_MAX_LENGTH:
        raise GuideRefused(_("Begrundelsen må højst være %(n)d tegn.") % {"n": REASON_MAX_LENGTH})
    return band.code, proposed


@transaction.atomic
def guide_assessment_record(
    *,
    actor: User,
    child: Child,
    unit: Unit,
    assessed_on: date,
    guide_version: str,
    sign_ids: Sequence[str],
    decided_level: int,
    reason: str = "",
    position: PositionRequest | None = None,
) -> GuideAssessment:
    """Keep the ticked signs, the guide's proposal and the professional's decision.

    `guide_version` is the version the professional's page showed; if another has come into
    force since, GuideChanged is raised and nothing is saved. With `position`, the decided level
    also becomes the child's joint position in the current round (JointPositionConflict and the
    other errors of joint_position_set pass through, and nothing is saved).
    """
    today = timezone.localdate()
    if assessed_on > today:
        raise GuideRefused(_("Datoen må ikke ligge i fremtiden."))
    if unit not in units_shared_with(actor=actor, child_id=child.pk, day=today):
        raise GuideRefused(_("Du kan kun vurdere børn, der er indskrevet i din enhed."))
    guide = guide_in_force().guide
    if guide.version != guide_version:
        raise GuideChanged(
            _("Guiden er opdateret til version %(version)s, mens du udfyldte den.")
            % {"version": guide.version}
        )
    band_code, proposed = _decide(
        guide=guide,
        child=child,
        day=assessed_on,
        sign_ids=sign_ids,
        level=decided_level,
        reason=reason,
    )
    assessment = GuideAssessment(
        child=child,
        unit=unit,
        assessed_by=actor,
        assessed_on=assessed_on,
        guide_version=guide.version,
        age_band=band_code,
        signs=list(dict.fromkeys(sign_ids)),
        proposed_level=proposed,
        decided_level=decided_level,
        decision_reason=reason.strip(),
    )
    assessment._history_user = actor  # type: ignore[attr-defined]  # simple-history reads it
    assessment.save()
    audit_event_record(
        actor=actor,
        event_type="screening.guide_assessment_recorded",
        subject=assessment,
        extra={
            "child_id": child.pk,
            "guide_version": guide.version,
            "proposed_level": proposed,
            "decided_level": decided_level,
            "signs": assessment.signs,
        },
    )
    if position is not None:
        _set_position(actor=actor, assessment=assessment, guide=guide, request=position)
    return assessment


def _set_position(
    *, actor: User, assessment: GuideAssessment, guide: Guide, request: PositionRequest
) -> Screening:
    if not positions_allowed(assessment.unit):
        raise GuideRefused(_("Enheden giver ikke trivselspositioner."))
    if not round_on(timezone.localdate()).contains(assessment.assessed_on):
        raise GuideRefused(
            _("En position kan kun sættes ud fra en vurdering i den igangværende runde.")
        )
    level = guide.level(assessment.decided_level)
    screening = joint_position_set(
        actor=actor,
        child=assessment.child,
        unit=assessment.unit,
        position=level.position,
        reason=_("Bekymringsguiden: niveau %(n)d, %(name)s")
        % {"n": level.number, "name": level.name},
        expected_version=request.expected_version,
    )
    # Link without a new version: the position is the one just written (or already there), and
    # the compare-and-set makes sure nobody changed it in between.
    linked = Screening.objects.filter(pk=screening.pk, version=screening.version).update(
        guide_assessment=assessment
    )
    screening.refresh_from_db()
    if not linked:
        raise JointPositionConflict(screening)
    Screening.history.bulk_history_create([screening], update=True, default_user=actor)
    return screening
