"""Receiving notifications: the citizens' public form (no login), the professional's form on the
child's page with her own list, and intake's registration of phone calls and letters.

The views validate and choose; `notification_receive` writes the notification and its audit row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from sikkerhedsnet.audit.services import access_log_record
from sikkerhedsnet.intake.access import can_handle_notifications, may_notify_from_child_page
from sikkerhedsnet.intake.forms.receiving import (
    ChildDescribed,
    ProfessionalNotificationForm,
    PublicNotificationForm,
    RegisterNotificationForm,
)
from sikkerhedsnet.intake.models import (
    Addendum,
    Channel,
    Notification,
    NotifierFeedback,
    SourceKind,
    source_kind_for,
)
from sikkerhedsnet.intake.selectors import child_matched, notifier_unit
from sikkerhedsnet.intake.services.receiving import (
    ChildGiven,
    Notifier,
    address_key,
    notification_receive,
)
from sikkerhedsnet.lib.dates import local_text
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.people.access import access_child
from sikkerhedsnet.people.models import User
from sikkerhedsnet.policy import get_policy

RECEIPT_SESSION_KEY = "intake_public_receipt"
RATE_WINDOW = timedelta(hours=1)
MY_NOTIFICATIONS_PAGE_SIZE = 50


# The public form ------------------------------------------------------------------------------


def public_form_retry_at(*, key: str, now: datetime) -> datetime | None:
    """When the sender may submit again, or None if she may now.

    Counted in the database through the keyed address hash, so the limit holds however many
    app servers answer; the raw address is never stored.
    """
    limit = get_policy().public_form_submissions_per_hour
    recent = list(
        Notification.objects.filter(submitted_from=key, received_at__gt=now - RATE_WINDOW)
        .order_by("-received_at")
        .values_list("received_at", flat=True)[:limit]
    )
    if len(recent) < limit:
        return None
    # Once the oldest of the last `limit` submissions is an hour old, one more fits.
    return recent[-1] + RATE_WINDOW


def sender_key(request: HttpRequest) -> str:
    return address_key(request.META.get("REMOTE_ADDR", ""))


@require_http_methods(["GET", "POST"])
def public_notify(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "intake/public/form.html", {"form": PublicNotificationForm()})
    form = PublicNotificationForm(request.POST)
    key = sender_key(request)
    retry_at = public_form_retry_at(key=key, now=timezone.now())
    if retry_at is not None:
        # The form comes back filled in, so that nothing the citizen wrote is lost.
        context = {"form": form, "retry_at": local_text(retry_at)}
        return render(request, "intake/public/form.html", context, status=429)
    if not form.is_valid():
        return render(request, "intake/public/form.html", {"form": form})
    data = form.cleaned_data
    notification = notification_receive(
        channel=Channel.PUBLIC_FORM,
        source_kind=SourceKind(data["relation"]),
        text=data["text"],
        notifier=Notifier(
            anonymous=form.is_anonymous,
            name=data["notifier_name"],
            email=data["notifier_email"],
            phone=data["notifier_phone"],
        ),
        about=child_matched(form.child_described),
        is_professional=False,
        submitted_from=key,
    )
    # The receipt lives in this browser's session, not in the URL: a shared link shows nothing.
    request.session[RECEIPT_SESSION_KEY] = {
        "reference": notification.reference,
        "received_at": notification.received_at.isoformat(),
        "anonymous": notification.is_anonymous,
    }
    return redirect("intake:public_receipt")


@never_cache
@require_http_methods(["GET"])
def public_receipt(request: HttpRequest) -> HttpResponse:
    receipt = request.session.get(RECEIPT_SESSION_KEY)
    context = {}
    if receipt:
        received_at = datetime.fromisoformat(receipt["received_at"])
        context = {
            "reference": receipt["reference"],
            "received_at": local_text(received_at),
            "anonymous": receipt["anonymous"],
        }
    return render(request, "intake/public/receipt.html", context)


# A professional notifies from the child's page -------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def notify_child(request: AuthedRequest, child_id: int) -> HttpResponse:
    # The role first, so that a user who may never notify from here leaves no read in the log.
    if not may_notify_from_child_page(request.user):
        raise Http404
    access = access_child(request.user, child_id, shown=_("Underretning om barnet"))
    child, user = access.child, request.user
    unit = notifier_unit(user, child)
    form = ProfessionalNotificationForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        notification = notification_receive(
            channel=form.channel,
            source_kind=source_kind_for(unit),
            text=form.cleaned_data["text"],
            notifier=Notifier(
                user=user,
                name=user.get_full_name() or user.username,
                organisation=unit.name if unit is not None else "",
                email=user.email,
            ),
            about=ChildGiven(child=child),
            is_professional=True,
            duty_ground=form.cleaned_data["duty_ground"],
            urgent=form.cleaned_data["urgent"],
        )
        messages.success(request, _("Underretningen er sendt til visitationen."))
        return redirect("intake:my_notification", notification.pk)
    context = {
        "access": access,
        "child": child,
        "unit": unit,
        "form": form,
        "receipt_days": get_policy().notifier_receipt_working_days,
    }
    return render(request, "intake/notify/form.html", context)


@dataclass(frozen=True)
class MyNotificationRow:
    notification: Notification
    child_name: str
    feedback: NotifierFeedback | None


def _child_name(notification: Notification) -> str:
    if notification.child is not None:
        return notification.child.full_name
    return notification.child_name_given


def _log_own_notification_reads(user: User, notifications: list[Notification], shown: str) -> None:
    """She sees the child's name on her own notification: a read like any other, so logged."""
    seen: set[int] = set()
    for notification in notifications:
        child = notification.child
        if child is None or child.pk in seen:
            continue
        seen.add(child.pk)
        access_log_record(
            user=user, child=child, shown=shown, basis=_("Du har selv underrettet om barnet")
        )


def _own_notifications(user: User) -> QuerySet[Notification]:
    feedback = NotifierFeedback.objects.order_by("-sent_at")
    return (
        Notification.objects.filter(notifier_user=user)
        .select_related("child")
        .prefetch_related(Prefetch("feedback", queryset=feedback))
        .order_by("-received_at")
    )


def _row(notification: Notification) -> MyNotificationRow:
    feedback = list(notification.feedback.all())
    return MyNotificationRow(
        notification=notification,
        child_name=_child_name(notification),
        feedback=feedback[0] if feedback else None,
    )


@login_required
@require_http_methods(["GET"])
def my_notifications(request: AuthedRequest) -> HttpResponse:
    page = Paginator(_own_notifications(request.user), MY_NOTIFICATIONS_PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    notifications = list(page.object_list)
    _log_own_notification_reads(request.user, notifications, _("Mine underretninger"))
    rows = [_row(notification) for notification in notifications]
    return render(request, "intake/notify/mine.html", {"page": page, "rows": rows})


@login_required
@require_http_methods(["GET"])
def my_notification(request: AuthedRequest, notification_id: int) -> HttpResponse:
    """Her own notification as she sent it, the receipt and what she has been told since.

    Never intake's assessment or decision: the notifier hears the outcome through feedback.
    """
    notification = _own_notifications(request.user).filter(pk=notification_id).first()
    if notification is None:
        raise Http404
    _log_own_notification_reads(request.user, [notification], _("Min underretning"))
    context = {
        "row": _row(notification),
        "notification": notification,
        "addenda": Addendum.objects.filter(notification=notification, added_by=request.user),
        "received_at": local_text(notification.received_at),
        "assessment_due_at": local_text(notification.assessment_due_at),
    }
    return render(request, "intake/notify/detail.html", context)


# Intake registers a phone call or a letter -------------------------------------------------------


def _registered_message(notification: Notification, described: ChildDescribed) -> str:
    message = _(
        "Underretningen er registreret med nummeret %(reference)s. Den skal vurderes senest "
        "%(due)s."
    ) % {
        "reference": notification.reference,
        "due": local_text(notification.assessment_due_at),
    }
    if described.cpr and notification.child_id is None:
        message += " " + _(
            "CPR-nummeret findes ikke i Sikkerhedsnet. Det er gemt ved barnets navn, så barnet "
            "kan findes senere."
        )
    return message


@login_required
@require_http_methods(["GET", "POST"])
def register(request: AuthedRequest) -> HttpResponse:
    if not can_handle_notifications(request.user):
        raise Http404
    form = RegisterNotificationForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        data, described = form.cleaned_data, form.child_described
        notification = notification_receive(
            channel=Channel(data["channel"]),
            source_kind=SourceKind(data["source_kind"]),
            text=data["text"],
            notifier=Notifier(
                anonymous=data["anonymous"],
                name=data["notifier_name"],
                organisation=data["notifier_organisation"],
                email=data["notifier_email"],
                phone=data["notifier_phone"],
                address=data["notifier_address"],
            ),
            about=child_matched(described),
            is_professional=data["is_professional"],
            duty_ground=data["duty_ground"],
            urgent=data["urgent"],
            received_at=form.received_at,
            registered_by=request.user,
        )
        messages.success(request, _registered_message(notification, described))
        return redirect("intake:register")
    return render(request, "intake/register/form.html", {"form": form})
