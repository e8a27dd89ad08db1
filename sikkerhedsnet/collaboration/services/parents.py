"""The unit plan and the parents: the plan sent to them, and their answer to it.

The parents' version of the plan (services/letters.py) holds the goals, the actions with who
does what and by when, and the review date, never the unit's evaluations. It is sent as a letter
to each parent with parental authority (post.services.letter_send), or printed and handed over.

A parent's answer (agreed or not, in her own words) is a row of its own that names the edition
of the plan she answered to (UnitPlan.content_version). Answers are kept as given; a new answer
is a new row, and the plan's page shows an answer to an earlier edition as such. The parents'
own view and agreement are what the Swedish model asks of a local plan (DESIGN §1, "parents
involved"); involving the parents is no deadline of Barnets Lov.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.collaboration.models import ParentAnswer, PlanAgreement, PlanStatus, UnitPlan
from sikkerhedsnet.collaboration.selectors.parents import with_parental_authority
from sikkerhedsnet.collaboration.services.letters import UNIT_PLAN, send_to_parents, unit_plan_html
from sikkerhedsnet.lib.errors import Refused
from sikkerhedsnet.people.access import today
from sikkerhedsnet.people.models import Guardian, User
from sikkerhedsnet.post.models import Letter


class ParentsRefused(Refused):
    """A Danish explanation of why the plan was not sent or the answer not recorded."""


def _refuse_unless_active(plan: UnitPlan) -> None:
    if plan.status != PlanStatus.ACTIVE:
        raise ParentsRefused(_("Planen er afsluttet. Forældrenes svar gælder en plan, der kører."))


def _with_authority(plan: UnitPlan, guardians: Sequence[Guardian], field: str) -> None:
    allowed = set(with_parental_authority(plan.child).values_list("pk", flat=True))
    if any(guardian.pk not in allowed for guardian in guardians):
        raise ParentsRefused(_("Vælg blandt barnets forældre med forældremyndighed."), field=field)


def answered_on_refusal(*, plan: UnitPlan, answered_on: date) -> str | None:
    """Why the answer cannot be dated `answered_on`, or None; the form asks the same."""
    if answered_on > today():
        return _("Datoen kan ikke ligge i fremtiden.")
    if answered_on < plan.created_on:
        return _("Datoen kan ikke ligge før planen blev oprettet (%(date)s).") % {
            "date": plan.created_on.strftime("%d.%m.%Y")
        }
    return None


@transaction.atomic
def unit_plan_send_to_parents(
    *, actor: User, plan: UnitPlan, guardians: Sequence[Guardian]
) -> list[Letter]:
    """The plan as the parents read it, a letter to each chosen parent with parental authority."""
    current = UnitPlan.objects.select_related("child", "unit").get(pk=plan.pk)
    _refuse_unless_active(current)
    if not guardians:
        raise ParentsRefused(_("Vælg, hvem planen skal sendes til."), field="guardians")
    _with_authority(current, guardians, "guardians")
    title = _("Handleplan for %(name)s") % {"name": current.child.first_name}
    letters = send_to_parents(
        actor=actor,
        subject=current,
        child=current.child,
        guardians=guardians,
        kind=UNIT_PLAN,
        title=title,
        html_for=lambda guardian: unit_plan_html(current, guardian),
    )
    audit_event_record(
        actor=actor,
        event_type="unit_plan.sent_to_parents",
        subject=current,
        extra={
            "edition": current.content_version,
            "letters": [letter.pk for letter in letters],
        },
    )
    return letters


@transaction.atomic
def plan_agreement_record(
    *,
    actor: User,
    plan: UnitPlan,
    guardian: Guardian,
    answer: ParentAnswer | str,
    comment: str,
    answered_on: date,
) -> PlanAgreement:
    """A parent's answer to the plan as it reads now (its current edition)."""
    # Locked so that the edition named is the one a colleague's change cannot slip in front of.
    current = UnitPlan.objects.select_for_update().select_related("child").get(pk=plan.pk)
    _refuse_unless_active(current)
    _with_authority(current, [guardian], "guardian")
    refusal = answered_on_refusal(plan=current, answered_on=answered_on)
    if refusal:
        raise ParentsRefused(refusal, field="answered_on")
    if answer == ParentAnswer.NOT_AGREED and not comment.strip():
        raise ParentsRefused(
            _("Skriv, hvad forælderen ikke er enig i, med forælderens egne ord."), field="comment"
        )
    agreement = PlanAgreement.objects.create(
        plan=current,
        guardian=guardian,
        plan_version=current.content_version,
        answer=answer,
        comment=comment.strip(),
        answered_on=answered_on,
        recorded_by=actor,
    )
    audit_event_record(
        actor=actor,
        event_type="unit_plan.parent_answered",
        subject=agreement,
        extra={"plan": current.pk, "edition": current.content_version, "answer": str(answer)},
    )
    return agreement
