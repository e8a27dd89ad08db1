"""Intake's pages: the queue with its 24-hour clocks and the notification's page.

Every page goes through access_notification (the intake role only; 404 for everyone else and
for missing notifications alike). A page that names a child fetches it through access_child,
which writes the access-log row. Each change is its own POST endpoint; a refused change shows
the page again with what the worker typed, and a colleague's change in between (a version
conflict) shows the page as it is now, with her text kept in the form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sikkerhedsnet.intake.access import (
    NotificationAccess,
    access_notification,
    can_handle_notifications,
    notification_access_of,
)
from sikkerhedsnet.intake.forms.handling import (
    AddendumForm,
    ConfirmForm,
    DecisionForm,
    MatchChildForm,
    PatternReviewForm,
    UrgentAssessmentForm,
    VersionedForm,
)
from sikkerhedsnet.intake.models import DecisionKind, Notification, Status
from sikkerhedsnet.intake.selectors import (
    QUEUE_PAGE_SIZE,
    assessment_clock,
    concern_flags,
    decided_queue,
    latest_pattern_review,
    notification_record,
    open_queue,
    other_notifications_about,
    queue_rows,
)
from sikkerhedsnet.intake.services.handling import (
    FEEDBACK_KIND,
    RECEIPT_KIND,
    addendum_add,
    decision_record,
    feedback_refusal,
    notification_match_child,
    notifier_feedback_record,
    pattern_review_record,
    receipt_send,
    urgent_assessment_record,
)
from sikkerhedsnet.lib.dates import local_text
from sikkerhedsnet.lib.errors import Conflict, Refused
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.people.access import ChildAccess, access_child
from sikkerhedsnet.people.models import User
from sikkerhedsnet.people.selectors import siblings_of
from sikkerhedsnet.post.models import Letter

DECIDED_TAB = "afgjorte"


# The queue ----------------------------------------------------------------------------------------


@login_required
@require_GET
def queue(request: AuthedRequest) -> HttpResponse:
    if not can_handle_notifications(request.user):
        raise Http404
    tab = DECIDED_TAB if request.GET.get("vis") == DECIDED_TAB else ""
    notifications = decided_queue() if tab else open_queue()
    page = Paginator(notifications, QUEUE_PAGE_SIZE).get_page(request.GET.get("side"))
    context = {
        "tab": tab,
        "page": page,
        "rows": queue_rows(list(page.object_list), timezone.now()),
        "waiting_assessment": Notification.objects.filter(status=Status.RECEIVED).count(),
        "waiting_decision": Notification.objects.filter(status=Status.ASSESSED).count(),
    }
    return render(request, "intake/handling/queue.html", context)


# The notification's page ----------------------------------------------------------------------

FORMS: dict[str, type[VersionedForm]] = {
    "assessment": UrgentAssessmentForm,
    "decision": DecisionForm,
    "addendum": AddendumForm,
    "match": MatchChildForm,
    "pattern": PatternReviewForm,
    "receipt": ConfirmForm,
    "feedback": ConfirmForm,
}


def named_child_access(user: User, notification: Notification, shown: str) -> ChildAccess | None:
    """The named child through access_child, so that the read is logged; None when unmatched."""
    if notification.child_id is None:
        return None
    return access_child(user, notification.child_id, shown=shown)


def _shown(notification: Notification) -> str:
    return _("Underretning %(reference)s") % {"reference": notification.reference}


def _page(
    request: AuthedRequest,
    notification_id: int,
    *,
    held: tuple[str, VersionedForm] | None = None,
    conflict: bool = False,
    status: int = 200,
) -> HttpResponse:
    """The page as the notification is now; `held` is a form the worker sent, kept as typed."""
    notification = notification_record(notification_id=notification_id)
    notification_access = notification_access_of(request.user, notification)
    access = named_child_access(request.user, notification, _shown(notification))
    forms = {key: form_class(notification=notification) for key, form_class in FORMS.items()}
    if held is not None:
        forms[held[0]] = held[1]
    child = access.child if access else None
    flags = concern_flags(notification)
    feedback = list(notification.feedback.all())
    sections = _open_sections(notification_access, flags=bool(flags), feedback_given=bool(feedback))
    context = {
        "notification": notification,
        "notification_access": notification_access,
        "access": access,
        "clock": assessment_clock(notification, timezone.now()),
        "flags": flags,
        "forms": forms,
        "sections": sections,
        "held": held[0] if held else "",
        "held_open": bool(held and sections[held[0]]),
        "typed": _typed(held[1]) if held and conflict else [],
        "conflict": conflict,
        "last_change": _last_change(notification) if conflict else None,
        "siblings": siblings_of(child=child, user=request.user) if child else [],
        "others": other_notifications_about(child=child, notification=notification)
        if child
        else [],
        "review": latest_pattern_review(child=child) if child and flags else None,
        "feedback": feedback,
        "letters": _letters(notification),
        "history": _status_history(notification),
        "cases": list(notification.cases.all()),
    }
    return render(request, "intake/handling/notification_detail.html", context, status=status)


def _letters(notification: Notification) -> dict[str, Letter | None]:
    """The newest receipt and word on the outcome sent to the notifier, with their status."""
    sent = list(Letter.objects.for_subject(notification).defer("pdf"))
    return {
        "receipt": next((letter for letter in sent if letter.kind == RECEIPT_KIND), None),
        "feedback": next((letter for letter in sent if letter.kind == FEEDBACK_KIND), None),
    }


def _open_sections(
    access: NotificationAccess, *, flags: bool, feedback_given: bool
) -> dict[str, bool]:
    """Which forms the page offers in the notification's present state."""
    notification = access.notification
    return {
        "assessment": access.can_assess,
        "decision": access.can_decide,
        "addendum": access.can_handle,
        "match": access.can_match_child,
        "pattern": flags and notification.child_id is not None,
        "receipt": access.can_send_receipt,
        "feedback": not feedback_given and feedback_refusal(notification) is None,
    }


def _typed(form: VersionedForm) -> list[tuple[str, str]]:
    """What the worker sent, as label and value, so a conflict never loses her words."""
    typed = []
    for name, field in form.fields.items():
        value = str(form.data.get(name, "")).strip()
        if name == "version" or not value:
            continue
        choices = dict(getattr(field, "choices", []))
        typed.append((str(field.label), str(choices.get(value, value))))
    return typed


def _last_change(notification: Notification) -> dict[str, str]:
    row = notification.history.select_related("history_user").order_by("-history_date").first()
    if row is None:
        return {}
    return {"who": str(row.history_user or _("ukendt")), "at": local_text(row.history_date)}


def _status_history(notification: Notification) -> list[Any]:
    """Each change of status once, oldest first (other changes bump the version only)."""
    rows = notification.history.select_related("history_user").order_by("history_date", "pk")
    changes, previous = [], None
    for row in rows:
        if row.status != previous:
            changes.append(row)
            previous = row.status
    return changes


@login_required
@require_GET
def notification_detail(request: AuthedRequest, notification_id: int) -> HttpResponse:
    access_notification(request.user, notification_id)
    return _page(request, notification_id)


# Changes ------------------------------------------------------------------------------------------


def _with_version(data: QueryDict, version: int) -> QueryDict:
    kept = data.copy()
    kept["version"] = str(version)
    return kept


def _change(
    request: AuthedRequest,
    notification: Notification,
    key: str,
    form: VersionedForm,
    *,
    action: Callable[[], object],
    done: str,
) -> HttpResponse:
    """Run a service for a valid form; on a conflict or refusal show the page with the form."""
    try:
        action()
    except Conflict as conflict:
        # The form is bound again with the worker's text and the current version: after
        # reading what the colleague did, one click saves it, if it still should be.
        current = cast(Notification, conflict.current)
        again = type(form)(_with_version(request.POST, current.version), notification=current)
        return _page(request, notification.pk, held=(key, again), conflict=True, status=409)
    except Refused as error:
        error.add_to(form)
        return _page(request, notification.pk, held=(key, form), status=400)
    messages.success(request, done)
    return redirect("intake:notification", notification.pk)


@login_required
@require_POST
def assess(request: AuthedRequest, notification_id: int) -> HttpResponse:
    notification = access_notification(request.user, notification_id).notification
    form = UrgentAssessmentForm(request.POST, notification=notification)
    if not form.is_valid():
        return _page(request, notification.pk, held=("assessment", form), status=400)
    danger, acute = form.answers

    def action() -> object:
        return urgent_assessment_record(
            actor=request.user,
            notification=notification,
            expected_version=form.expected_version,
            danger_to_health_or_development=danger,
            acute_help_needed=acute,
            note=form.cleaned_data["note"],
        )

    return _change(
        request, notification, "assessment", form, action=action, done=_("Vurderingen er gemt.")
    )


@login_required
@require_POST
def decide(request: AuthedRequest, notification_id: int) -> HttpResponse:
    notification = access_notification(request.user, notification_id).notification
    form = DecisionForm(request.POST, notification=notification)
    if not form.is_valid():
        return _page(request, notification.pk, held=("decision", form), status=400)
    kind = DecisionKind(form.cleaned_data["kind"])

    def action() -> object:
        return decision_record(
            actor=request.user,
            notification=notification,
            expected_version=form.expected_version,
            kind=kind,
            reason=form.cleaned_data["reason"],
        )

    done = _("Afgørelsen er gemt: %(kind)s.") % {"kind": kind.label}
    if kind == DecisionKind.CHILD_ASSESSMENT:
        done = _("Afgørelsen er gemt, og der er oprettet en sag til den børnefaglige undersøgelse.")
    return _change(request, notification, "decision", form, action=action, done=done)


@login_required
@require_POST
def add_addendum(request: AuthedRequest, notification_id: int) -> HttpResponse:
    notification = access_notification(request.user, notification_id).notification
    form = AddendumForm(request.POST, notification=notification)
    if not form.is_valid():
        return _page(request, notification.pk, held=("addendum", form), status=400)

    def action() -> object:
        return addendum_add(
            actor=request.user, notification=notification, text=form.cleaned_data["text"]
        )

    return _change(
        request, notification, "addendum", form, action=action, done=_("Tilføjelsen er gemt.")
    )


@login_required
@require_POST
def match_child(request: AuthedRequest, notification_id: int) -> HttpResponse:
    notification = access_notification(request.user, notification_id).notification
    form = MatchChildForm(request.POST, notification=notification)
    if not form.is_valid() or form.child is None:
        return _page(request, notification.pk, held=("match", form), status=400)
    child = form.child

    def action() -> object:
        return notification_match_child(
            actor=request.user,
            notification=notification,
            expected_version=form.expected_version,
            child=child,
        )

    return _change(request, notification, "match", form, action=action, done=_("Barnet er fundet."))


@login_required
@require_POST
def review_pattern(request: AuthedRequest, notification_id: int) -> HttpResponse:
    notification = access_notification(request.user, notification_id).notification
    form = PatternReviewForm(request.POST, notification=notification)
    if not form.is_valid():
        return _page(request, notification.pk, held=("pattern", form), status=400)

    def action() -> object:
        return pattern_review_record(
            actor=request.user,
            notification=notification,
            expected_version=form.expected_version,
            note=form.cleaned_data["note"],
        )

    done = _("Den samlede vurdering af underretningerne er gemt.")
    return _change(request, notification, "pattern", form, action=action, done=done)


@login_required
@require_POST
def send_receipt(request: AuthedRequest, notification_id: int) -> HttpResponse:
    notification = access_notification(request.user, notification_id).notification
    form = ConfirmForm(request.POST, notification=notification)
    if not form.is_valid():
        return _page(request, notification.pk, held=("receipt", form), status=400)

    def action() -> object:
        return receipt_send(
            actor=request.user, notification=notification, expected_version=form.expected_version
        )

    done = _("Kvitteringen er sendt til underretteren.")
    return _change(request, notification, "receipt", form, action=action, done=done)


@login_required
@require_POST
def give_feedback(request: AuthedRequest, notification_id: int) -> HttpResponse:
    notification = access_notification(request.user, notification_id).notification
    form = ConfirmForm(request.POST, notification=notification)
    if not form.is_valid():
        return _page(request, notification.pk, held=("feedback", form), status=400)

    def action() -> object:
        return notifier_feedback_record(
            actor=request.user, notification=notification, expected_version=form.expected_version
        )

    done = _("Beskeden er sendt til underretteren.")
    return _change(request, notification, "feedback", form, action=action, done=done)
