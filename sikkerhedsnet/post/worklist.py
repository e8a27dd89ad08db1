"""The post area's safety-net rules: a letter that could not be sent is a task for its author,
and a letter that has waited a day for the delivery channel is one for the administrator.

A parent who never got the invitation, or a notifier who never got the receipt the law promises
(Barnets Lov §§ 136–137), falls through the net as surely as a missed deadline; so the failed
delivery stays on the author's list until it is sent again or sent another way. A letter still
queued a day after it was written means the delivery itself has stopped (the task worker is not
running, the provider is down): that is no caseworker's to mend.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import F, QuerySet
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.lib.dates import Moment, instant
from sikkerhedsnet.lib.worklist import NO_ID, Facts, Link, Rule
from sikkerhedsnet.people.models import Role
from sikkerhedsnet.post.models import Letter, LetterStatus

# How long a letter may wait for the channel before the wait itself is a gap.
QUEUED_AT_MOST = timedelta(days=1)


def _rows(letters: QuerySet[Letter], *, user_id: object) -> QuerySet[Letter, Facts]:
    return letters.annotate(
        unit_id=NO_ID, user_id=user_id, since=TruncDate("created_at"), letter_id=F("id")
    ).values("child_id", "unit_id", "user_id", "since", "letter_id", "title", "recipient_name")


def _failed(at: Moment) -> QuerySet[Letter, Facts]:
    failed = Letter.objects.filter(status=LetterStatus.FAILED, created_at__lte=instant(at))
    return _rows(failed, user_id=F("created_by_id"))


def _waiting(at: Moment) -> QuerySet[Letter, Facts]:
    waiting = Letter.objects.filter(
        status=LetterStatus.QUEUED, created_at__lte=instant(at) - QUEUED_AT_MOST
    )
    return _rows(waiting, user_id=NO_ID)


def _link(row: Facts) -> Link:
    return Link(reverse("post:letter", args=[row["letter_id"]]), _("Se brevet"))


LETTER_NOT_DELIVERED = Rule(
    code="letter_not_delivered",
    title=_("Brev, der ikke kunne sendes"),
    explanation=_("Brevet »%(title)s« til %(recipient_name)s kunne ikke sendes."),
    who_acts=_("Den, der skrev brevet"),
    find=_failed,
    link=_link,
)


LETTER_NOT_HANDED_OVER = Rule(
    code="letter_not_handed_over",
    title=_("Brev, der venter på at blive sendt"),
    explanation=_(
        "Brevet »%(title)s« til %(recipient_name)s har ventet på afsendelse i mere end et døgn. "
        "Se, om udsendelsen af breve kører."
    ),
    who_acts=_("Systemadministratoren"),
    find=_waiting,
    audience_roles=frozenset({Role.ADMINISTRATOR}),
)
