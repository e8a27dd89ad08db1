"""Pages for dialogue meetings with the parents, under the child: book one ahead, move or cancel
it, write its record afterwards, read the letters to the parents; or record a meeting nobody
booked after it was held.

Every page first checks that the viewer works in a unit where the child is enrolled (and, for a
meeting, in the unit that made it): 404 otherwise, before anything is logged. Then the child is
fetched through access_child, which writes the access-log row; a letter's PDF is logged the same
way, as a read of the child.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from sikkerhedsnet.collaboration.access import (
    DialogueAccess,
    access_child_to_record,
    access_dialogue,
)
from sikkerhedsnet.collaboration.forms.dialogue import (
    DialogueBookForm,
    DialogueCancelForm,
    DialogueMoveForm,
    DialogueRecordForm,
    VersionedMeetingForm,
)
from sikkerhedsnet.collaboration.forms.plans import DialogueMeetingForm
from sikkerhedsnet.collaboration.models import DialogueMeeting
from sikkerhedsnet.collaboration.selectors.parents import custodies_of
from sikkerhedsnet.collaboration.selectors.plans import concern_position
from sikkerhedsnet.collaboration.services.dialogue import (
    dialogue_meeting_book,
    dialogue_meeting_cancel,
    dialogue_meeting_move,
    dialogue_meeting_record,
    dialogue_meeting_record_booked,
    letter_recipients,
)
from sikkerhedsnet.collaboration.services.letters import participant_lines, when_text
from sikkerhedsnet.lib.dates import local_day
from sikkerhedsnet.lib.errors import Conflict, Refused
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.people.access import today
from sikkerhedsnet.people.models import Membership, Unit, current_on
from sikkerhedsnet.post.models import Letter
from sikkerhedsnet.post.views import pdf_response

POSITION_PARAM = "position"
TEMPLATES = "collaboration/dialogue"

# Recorded afterwards -----------------------------------------------------------------------------

DIALOGUE_FIELDS = ("held_on", "participants", "staff_view", "parents_view", "agreed")


@login_required
@require_http_methods(["GET", "POST"])
def dialogue_new(request: AuthedRequest, child_id: int) -> HttpResponse:
    recording = access_child_to_record(request.user, child_id, shown=_("Nyt dialogmøde"))
    access, child, units = recording.child_access, recording.child, recording.units
    screening = concern_position(child=child, units=units, raw_id=request.GET.get(POSITION_PARAM))
    # A meeting that follows up a position belongs to the unit that gave it.
    choices = [screening.unit] if screening is not None else units
    form = DialogueMeetingForm(request.POST or None, child=child, units=choices)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = dialogue_meeting_record(
                actor=request.user,
                child=child,
                unit=form.chosen_unit,
                screening=screening,
                **{name: form.cleaned_data[name] for name in DIALOGUE_FIELDS},
            )
        except Refused as error:
            error.add_to(form)
        else:
            messages.success(request, _("Dialogmødet er gemt."))
            return redirect("collaboration:dialogue_detail", child.pk, meeting.pk)
    context = {"access": access, "child": child, "form": form, "screening": screening}
    return render(request, "collaboration/plans/dialogue_form.html", context)


# Booked ahead ------------------------------------------------------------------------------------


def _staff_of(units: list[Unit]) -> QuerySet[Membership]:
    return Membership.objects.filter(current_on(today()), unit__in=units)


def _invited_message(count: int) -> str:
    if not count:
        return _(
            "Dialogmødet er planlagt. Ingen inviterede forældre har forældremyndighed, så der er "
            "ikke sendt en invitation."
        )
    return ngettext(
        "Dialogmødet er planlagt. Invitationen er sendt til %(count)d forælder.",
        "Dialogmødet er planlagt. Invitationen er sendt til %(count)d forældre.",
        count,
    ) % {"count": count}


@login_required
@require_http_methods(["GET", "POST"])
def dialogue_book(request: AuthedRequest, child_id: int) -> HttpResponse:
    recording = access_child_to_record(request.user, child_id, shown=_("Planlæg dialogmøde"))
    access, child, units = recording.child_access, recording.child, recording.units
    screening = concern_position(child=child, units=units, raw_id=request.GET.get(POSITION_PARAM))
    choices = [screening.unit] if screening is not None else units
    custodies = list(custodies_of(child))
    form = DialogueBookForm(
        request.POST or None,
        units=choices,
        custodies=custodies,
        staff=_staff_of(choices),
        booker=request.user,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = dialogue_meeting_book(
                actor=request.user,
                child=child,
                unit=form.chosen_unit,
                starts_at=form.starts_at(),
                place=data["place"],
                purpose=data["purpose"],
                guardians=form.chosen_guardians,
                staff=list(data["staff"]),
                others=data["others"],
                screening=screening,
            )
        except Refused as error:
            error.add_to(form)
        else:
            messages.success(request, _invited_message(len(letter_recipients(meeting))))
            return redirect("collaboration:dialogue_detail", child.pk, meeting.pk)
    context = {
        "access": access,
        "child": child,
        "form": form,
        "screening": screening,
        "has_guardians": bool(custodies),
    }
    return render(request, f"{TEMPLATES}/book.html", context)


# One meeting ---------------------------------------------------------------------------------


def _dialogue(request: AuthedRequest, child_id: int, meeting_id: int, shown: str) -> DialogueAccess:
    meetings = DialogueMeeting.objects.select_related(
        "child", "unit", "recorded_by", "booked_by", "screening"
    )
    return access_dialogue(request.user, child_id, meeting_id, shown=shown, meetings=meetings)


def _detail_context(dialogue: DialogueAccess) -> dict[str, object]:
    meeting = dialogue.meeting
    return {
        "access": dialogue.child_access,
        "child": dialogue.child_access.child,
        "meeting": meeting,
        "dialogue": dialogue,
        "when": when_text(meeting.starts_at) if meeting.starts_at else "",
        "invited": participant_lines(meeting) if meeting.starts_at else [],
        "letters": list(Letter.objects.for_subject(meeting)),
        "plans": list(meeting.plans.order_by("-created_on", "-id")),
        "record_open": meeting.starts_at is not None
        and local_day(timezone.now()) >= local_day(meeting.starts_at),
    }


@login_required
@require_GET
def dialogue_detail(request: AuthedRequest, child_id: int, meeting_id: int) -> HttpResponse:
    dialogue = _dialogue(request, child_id, meeting_id, _("Dialogmøde"))
    return render(request, "collaboration/plans/dialogue_detail.html", _detail_context(dialogue))


def _refuse_unless_planned(request: AuthedRequest, dialogue: DialogueAccess) -> HttpResponse | None:
    if dialogue.can_change:
        return None
    messages.error(request, _("Mødet er ikke planlagt længere og kan ikke ændres."))
    return redirect("collaboration:dialogue_detail", dialogue.meeting.child_id, dialogue.meeting.pk)


def _form_page(
    request: AuthedRequest,
    dialogue: DialogueAccess,
    template: str,
    form: object,
    *,
    conflict: DialogueMeeting | None = None,
) -> HttpResponse:
    context = {
        **_detail_context(dialogue),
        "form": form,
        "conflict": conflict,
        "letter_count": len(letter_recipients(dialogue.meeting)),
    }
    status = 409 if conflict else 200
    return render(request, f"{TEMPLATES}/{template}", context, status=status)


def _conflict_message(request: AuthedRequest, current: DialogueMeeting) -> HttpResponse:
    messages.error(
        request,
        _("En kollega har netop ændret mødet (%(status)s). Se mødet, som det er nu.")
        % {"status": current.get_status_display().lower()},
    )
    return redirect("collaboration:dialogue_detail", current.child_id, current.pk)


def _change_planned(
    request: AuthedRequest,
    child_id: int,
    meeting_id: int,
    *,
    shown: str,
    template: str,
    make_form: Callable[[DialogueMeeting], VersionedMeetingForm],
    change: Callable[[DialogueMeeting, VersionedMeetingForm], object],
    done: str,
) -> HttpResponse:
    """Move, cancel or record a planned meeting: one flow of form, conflict and refusal."""
    dialogue = _dialogue(request, child_id, meeting_id, shown)
    refused = _refuse_unless_planned(request, dialogue)
    if refused:
        return refused
    meeting = dialogue.meeting
    form = make_form(meeting)
    if request.method == "POST" and form.is_valid():
        try:
            change(meeting, form)
        except Conflict as error:
            return _conflict_message(request, cast(DialogueMeeting, error.current))
        except Refused as error:
            error.add_to(form)
        else:
            messages.success(request, done)
            return redirect("collaboration:dialogue_detail", child_id, meeting.pk)
    return _form_page(request, dialogue, template, form)


@login_required
@require_http_methods(["GET", "POST"])
def dialogue_move(request: AuthedRequest, child_id: int, meeting_id: int) -> HttpResponse:
    def change(meeting: DialogueMeeting, form: VersionedMeetingForm) -> object:
        assert isinstance(form, DialogueMoveForm)  # noqa: S101 - made below
        return dialogue_meeting_move(
            actor=request.user,
            meeting=meeting,
            expected_version=form.expected_version,
            starts_at=form.starts_at(),
            place=form.cleaned_data["place"],
        )

    return _change_planned(
        request,
        child_id,
        meeting_id,
        shown=_("Dialogmøde: flyt"),
        template="move.html",
        make_form=lambda meeting: DialogueMoveForm(request.POST or None, meeting=meeting),
        change=change,
        done=_("Mødet er flyttet. Forældrene får et brev med det nye tidspunkt."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def dialogue_cancel(request: AuthedRequest, child_id: int, meeting_id: int) -> HttpResponse:
    def change(meeting: DialogueMeeting, form: VersionedMeetingForm) -> object:
        return dialogue_meeting_cancel(
            actor=request.user,
            meeting=meeting,
            expected_version=form.expected_version,
            reason=form.cleaned_data["reason"],
        )

    return _change_planned(
        request,
        child_id,
        meeting_id,
        shown=_("Dialogmøde: aflys"),
        template="cancel.html",
        make_form=lambda meeting: DialogueCancelForm(request.POST or None, meeting=meeting),
        change=change,
        done=_("Mødet er aflyst."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def dialogue_record(request: AuthedRequest, child_id: int, meeting_id: int) -> HttpResponse:
    def make_form(meeting: DialogueMeeting) -> VersionedMeetingForm:
        participants = ", ".join(participant_lines(meeting))[:500]
        return DialogueRecordForm(request.POST or None, meeting=meeting, participants=participants)

    def change(meeting: DialogueMeeting, form: VersionedMeetingForm) -> object:
        return dialogue_meeting_record_booked(
            actor=request.user,
            meeting=meeting,
            expected_version=form.expected_version,
            **{name: form.cleaned_data[name] for name in DIALOGUE_FIELDS},
        )

    return _change_planned(
        request,
        child_id,
        meeting_id,
        shown=_("Dialogmøde: referat"),
        template="record.html",
        make_form=make_form,
        change=change,
        done=_("Referatet er gemt. Mødet er registreret som holdt."),
    )


@login_required
@require_GET
def dialogue_letter_pdf(
    request: AuthedRequest, child_id: int, meeting_id: int, letter_id: int
) -> HttpResponse:
    dialogue = _dialogue(request, child_id, meeting_id, _("Dialogmøde: brev til forældrene"))
    letter = Letter.objects.for_subject(dialogue.meeting).filter(pk=letter_id).first()
    if letter is None:
        raise Http404
    return pdf_response(letter)
