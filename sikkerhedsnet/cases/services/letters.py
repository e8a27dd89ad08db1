"""Letters from a case to the child's parents, as PDF from templates.

Letters are in Danish whatever language the caseworker's screen is in, with the municipality's
letterhead (the same settings as intake's letters).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.lib.letters import letterhead, render_pdf
from sikkerhedsnet.people.models import Guardian, User

LETTER_LANGUAGE = "da"


class LetterTemplate(models.TextChoices):
    ASSESSMENT = "assessment", _("Brev om børnefaglig undersøgelse")
    MEETING = "meeting", _("Indkaldelse til møde")


TEMPLATE_FILES = {
    LetterTemplate.ASSESSMENT: "cases/letter_assessment.html",
    LetterTemplate.MEETING: "cases/letter_meeting.html",
}


@dataclass(frozen=True)
class LetterRequest:
    template: str
    recipient: Guardian
    meeting_at: datetime | None = None
    place: str = ""
    note: str = ""


@dataclass(frozen=True)
class Letter:
    title: str
    html: str

    def pdf(self) -> bytes:
        return render_pdf(self.html)


def letter_render(*, case: Case, request: LetterRequest, sender: User, today: date) -> Letter:
    template = LetterTemplate(request.template)
    with translation.override(LETTER_LANGUAGE):
        title = str(template.label)
        meeting = timezone.localtime(request.meeting_at) if request.meeting_at else None
        html = render_to_string(
            TEMPLATE_FILES[template],
            {
                **letterhead(),
                "title": title,
                "case": case,
                "child": case.child,
                "recipient": request.recipient,
                "sender": sender,
                "meeting_day": meeting.strftime("%d.%m.%Y") if meeting else "",
                "meeting_time": meeting.strftime("%H.%M") if meeting else "",
                "place": request.place,
                "note": request.note,
                "today": today.strftime("%d.%m.%Y"),
                "assessment_due": case.assessment_due_on.strftime("%d.%m.%Y"),
            },
        )
    return Letter(title=title, html=html)
