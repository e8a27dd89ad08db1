"""The post area's safety-net rule: a letter that could not be sent is a task for its author.

A parent who never got the invitation, or a notifier who never got the receipt the law promises
(Barnets Lov §§ 136–137), falls through the net as surely as a missed deadline; so the failed
delivery stays on the author's list until it is sent again or sent another way.
"""

from __future__ import annotations

from django.db.models import F, QuerySet
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.lib.dates import Moment, instant
from sikkerhedsnet.lib.worklist import NO_ID, Facts, Link, Rule
from sikkerhedsnet.post.models import Letter, LetterStatus


def _failed(at: Moment) -> QuerySet[Letter, Facts]:
    return (
        Letter.objects.filter(status=LetterStatus.FAILED, created_at__lte=instant(at))
        .annotate(
            unit_id=NO_ID,
            user_id=F("created_by_id"),
            since=TruncDate("created_at"),
            letter_id=F("id"),
        )
        .values("child_id", "unit_id", "user_id", "since", "letter_id", "title", "recipient_name")
    )


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
