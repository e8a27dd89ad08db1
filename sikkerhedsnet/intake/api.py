"""The notifications API: notify, read intake's queue, record the 24-hour assessment and the
decision. The same rules as the pages, because it goes through the same pieces: the pages'
forms check the input (so the Danish messages are the same), the access functions decide who
may do what (404 for forbidden and missing alike), and the services in services/ write.

The assessment and the decision carry the version the client read (`expected_version`); a
colleague's change in between answers 409 with the version there is now.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal, cast

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from sikkerhedsnet.intake.access import (
    access_notification,
    can_handle_notifications,
    may_notify_from_child_page,
)
from sikkerhedsnet.intake.forms.handling import DecisionForm, UrgentAssessmentForm
from sikkerhedsnet.intake.forms.receiving import (
    ProfessionalNotificationForm,
    RegisterNotificationForm,
)
from sikkerhedsnet.intake.models import (
    COPENHAGEN,
    TEXT_MAX_CHARS,
    Channel,
    DecisionKind,
    DutyGround,
    Notification,
    SourceKind,
    source_kind_for,
)
from sikkerhedsnet.intake.models import (
    Status as NotificationStatus,
)
from sikkerhedsnet.intake.selectors import (
    QUEUE_PAGE_SIZE,
    Clock,
    child_matched,
    notifier_unit,
    open_queue,
    queue_rows,
    status_text,
)
from sikkerhedsnet.intake.services.handling import decision_record, urgent_assessment_record
from sikkerhedsnet.intake.services.receiving import ChildGiven, Notifier, notification_receive
from sikkerhedsnet.lib.api import STANDARD_ERRORS, ErrorOut
from sikkerhedsnet.lib.errors import Conflict, Refused
from sikkerhedsnet.people.access import access_child
from sikkerhedsnet.people.models import User

router = Router(tags=["Underretninger og visitation"])


# Errors -------------------------------------------------------------------------------------------


class FormErrorOut(Schema):
    detail: str = Field(description="Hvad der er galt, på dansk")
    errors: dict[str, list[str]] = Field(
        description="Fejl pr. felt (feltets navn i forespørgslen); `__all__` for hele forespørgslen"
    )


class ConflictOut(Schema):
    detail: str
    current_version: int = Field(description="Underretningens version nu")
    status: str = Field(description="Underretningens status nu")


class ValidationErrorOut(Schema):
    detail: list[dict[str, Any]] = Field(
        description="Forespørgslen passer ikke til skemaet (forkert type, manglende felt)"
    )


WRITE_ERRORS: dict[int, type[Schema]] = {
    400: FormErrorOut,
    **STANDARD_ERRORS,
    403: ErrorOut,  # ninja's CSRF check: a write with session login needs the CSRF token
    422: ValidationErrorOut,
}


def _form_error(form: forms.Form, field_names: dict[str, str] | None = None) -> Status[Any]:
    """The form's errors under the API's field names (two form fields may be one here)."""
    names = field_names or {}
    errors: dict[str, list[str]] = {}
    for field, messages in form.errors.items():
        errors.setdefault(names.get(field, field), []).extend(str(m) for m in messages)
    return _refused(errors)


def _refused(errors: dict[str, list[str]]) -> Status[Any]:
    summary = "; ".join(
        message if field == "__all__" else f"{field}: {message}"
        for field, messages in errors.items()
        for message in messages
    )
    return Status(400, FormErrorOut(detail=summary, errors=errors))


def _conflict(error: Conflict) -> Status[Any]:
    current = cast(Notification, error.current)
    detail = _(
        "En kollega har ændret underretningen, siden du hentede den; den har nu version "
        "%(version)d. Hent den igen, og se, om din ændring stadig skal gemmes."
    ) % {"version": current.version}
    return Status(
        409, ConflictOut(detail=detail, current_version=current.version, status=current.status)
    )


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


# Notify -------------------------------------------------------------------------------------------


class RegistrationIn(Schema):
    """Intake registers a notification that came by phone or by letter."""

    channel: Literal["phone", "letter"] = Field(
        description="Hvordan underretningen kom: phone (telefon) eller letter (brev eller e-mail)"
    )
    received_at: datetime | None = Field(
        None,
        description="Hvornår den kom (ISO 8601; uden tidszone er det dansk tid; hele minutter). "
        "Udeladt: nu. Må ikke ligge i fremtiden.",
    )
    source_kind: SourceKind = Field(description="Hvem underretningen kommer fra")
    is_professional: bool = Field(
        False, description="Underretteren er fagperson med skærpet underretningspligt"
    )
    duty_ground: DutyGround | None = Field(
        None, description="Grundlaget for underretningspligten, hvis det er oplyst"
    )
    anonymous: bool = Field(False, description="Underretteren er anonym (ikke for fagpersoner)")
    notifier_name: str = Field("", description="Underretterens navn (påkrævet, hvis ikke anonym)")
    notifier_organisation: str = Field("", description="Underretterens arbejdssted")
    notifier_email: str = Field("", description="Underretterens e-mail")
    notifier_phone: str = Field("", description="Underretterens telefon")
    notifier_address: str = Field("", description="Underretterens adresse")
    child_cpr: str = Field("", description="Barnets CPR-nummer (DDMMÅÅ-XXXX), hvis det kendes")
    child_name: str = Field("", description="Barnets navn, hvis CPR-nummeret ikke kendes")
    child_address: str = Field("", description="Barnets adresse, hvis den kendes")


class NotificationIn(Schema):
    child_id: int | None = Field(
        None,
        description="Fagperson: barnet, der underrettes om (et barn, du har adgang til). "
        "Visitationen angiver i stedet barnet under `registration`.",
    )
    text: str = Field(
        description=f"Underretningens tekst, højst {TEXT_MAX_CHARS} tegn. Den kan ikke ændres, "
        "når den er sendt; rettelser kommer som tilføjelser."
    )
    duty_ground: DutyGround | None = Field(
        None, description="Fagperson: hvorfor du underretter (påkrævet for fagpersoner)"
    )
    urgent: bool = Field(False, description="Barnet har brug for hjælp i dag")
    from_meeting: bool = Field(
        False, description="Fagperson: underretningen kommer fra et tværfagligt møde"
    )
    registration: RegistrationIn | None = Field(
        None,
        description="Kun visitationen, og påkrævet for den: en underretning, der er kommet på "
        "anden vis (telefon, brev), med underretteren og barnet, som de er oplyst.",
    )


class NotificationCreatedOut(Schema):
    id: int
    reference: str = Field(description="Kvitteringsnummeret")
    received_at: datetime
    assessment_due_at: datetime = Field(description="Visitationens frist for 24-timers vurdering")
    receipt_due_on: date | None = Field(
        description="Sidste dag for kvittering til fagpersonen (6 hverdage); null uden kvittering"
    )
    child_id: int | None = Field(description="Barnet; null, hvis CPR-nummeret ikke blev fundet")


@router.post(
    "/notifications",
    response={201: NotificationCreatedOut, **WRITE_ERRORS},
    summary="Underret om et barn (fagperson), eller registrér en underretning (visitationen)",
)
def notification_create(request: HttpRequest, payload: NotificationIn) -> Status[Any]:
    user = _user(request)
    if can_handle_notifications(user):
        return _register(user, payload)
    # The role first, as on the page: a user who may never notify leaves no read in the log.
    if not may_notify_from_child_page(user):
        raise Http404
    return _notify(user, payload)


def _notify(user: User, payload: NotificationIn) -> Status[Any]:
    if payload.registration is not None:
        return _refused(
            {"registration": [_("Kun visitationen registrerer underretninger fra andre.")]}
        )
    if payload.child_id is None:
        return _refused({"child_id": [_("Angiv barnet, du underretter om.")]})
    access = access_child(user, payload.child_id, shown=_("Underretning om barnet"), channel="api")
    form = ProfessionalNotificationForm(
        {
            "text": payload.text,
            "duty_ground": payload.duty_ground.value if payload.duty_ground else "",
            "urgent": payload.urgent,
            "from_meeting": payload.from_meeting,
        }
    )
    if not form.is_valid():
        return _form_error(form)
    unit = notifier_unit(user, access.child)
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
        about=ChildGiven(child=access.child),
        is_professional=True,
        duty_ground=form.cleaned_data["duty_ground"],
        urgent=form.cleaned_data["urgent"],
    )
    return Status(201, _created(notification))


def _register(user: User, payload: NotificationIn) -> Status[Any]:
    registration = payload.registration
    if registration is None:
        message = _("Udfyld registration: hvordan underretningen kom, og fra hvem.")
        return _refused({"registration": [message]})
    if payload.child_id is not None:
        message = _("Visitationen angiver barnet med CPR-nummer eller navn under registration.")
        return _refused({"child_id": [message]})
    form = RegisterNotificationForm(_registration_data(payload, registration))
    if not form.is_valid():
        return _form_error(form, REGISTRATION_FIELDS)
    data = form.cleaned_data
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
        about=child_matched(form.child_described),
        is_professional=data["is_professional"],
        duty_ground=data["duty_ground"],
        urgent=data["urgent"],
        received_at=form.received_at,
        registered_by=user,
    )
    return Status(201, _created(notification))


# The registration form's field names as the API calls them.
REGISTRATION_FIELDS = {
    "received_on": "registration.received_at",
    "received_time": "registration.received_at",
    **{
        name: f"registration.{name}"
        for name in (
            "channel",
            "source_kind",
            "is_professional",
            "duty_ground",
            "anonymous",
            "notifier_name",
            "notifier_organisation",
            "notifier_email",
            "notifier_phone",
            "notifier_address",
            "child_cpr",
            "child_name",
            "child_address",
        )
    },
}


def _registration_data(payload: NotificationIn, registration: RegistrationIn) -> dict[str, Any]:
    """The page form's data: the moment split into the Danish date and time fields it reads."""
    received = registration.received_at or timezone.now()
    if received.tzinfo is None:
        received = received.replace(tzinfo=COPENHAGEN)
    local = received.astimezone(COPENHAGEN)
    fields = registration.model_dump(exclude={"received_at", "duty_ground"})
    return {
        **fields,
        "duty_ground": registration.duty_ground.value if registration.duty_ground else "",
        "received_on": local.strftime("%d.%m.%Y"),
        "received_time": local.strftime("%H.%M"),
        "text": payload.text,
        "urgent": payload.urgent,
    }


def _created(notification: Notification) -> NotificationCreatedOut:
    return NotificationCreatedOut(
        id=notification.pk,
        reference=notification.reference,
        received_at=notification.received_at,
        assessment_due_at=notification.assessment_due_at,
        receipt_due_on=notification.receipt_due_on,
        child_id=notification.child_id,
    )


# The queue ----------------------------------------------------------------------------------------


class QueueRowOut(Schema):
    id: int
    reference: str
    version: int = Field(description="Send den med som expected_version ved vurdering og afgørelse")
    status: NotificationStatus
    status_text: str = Field(
        description="Status i ord, som på siden: en vurdering efter fristen siger det"
    )
    received_at: datetime
    assessment_due_at: datetime
    seconds_left: int | None = Field(
        description="Sekunder til 24-timers-fristen, negativt når den er overskredet; null, når "
        "underretningen er vurderet og uret er stoppet"
    )
    clock: str = Field(description="Uret i ord, som på siden")
    overdue: bool = Field(description="Fristen er overskredet (eller blev det, før vurderingen)")
    urgent: bool
    source_kind: SourceKind
    channel: Channel
    is_anonymous: bool
    child_id: int | None
    child_name: str = Field(description="Barnets navn, eller navnet som oplyst, hvis ikke matchet")
    child_cpr_masked: str = Field(description="CPR-nummer maskeret som DDMMÅÅ-xxxx; tomt uden barn")
    flags: list[str] = Field(description="Gentagen bekymring, i ord")
    notifications_in_12_months: int
    notifiers_in_7_days: int


class QueuePageOut(Schema):
    count: int
    page: int
    pages: int
    waiting_assessment: int = Field(description="Venter på vurdering inden for 24 timer")
    waiting_decision: int = Field(description="Vurderet, venter på afgørelse")
    notifications: list[QueueRowOut]


@router.get(
    "/intake/queue",
    response={200: QueuePageOut, **STANDARD_ERRORS},
    summary="Visitationens kø: først dem, der venter på vurdering, efter fristen "
    f"({QUEUE_PAGE_SIZE} pr. side)",
)
def intake_queue(request: HttpRequest, page: int = 1) -> QueuePageOut:
    if not can_handle_notifications(_user(request)):
        raise Http404
    current = Paginator(open_queue(), QUEUE_PAGE_SIZE).get_page(page)
    now = timezone.now()
    rows = queue_rows(list(current.object_list), now)
    waiting = Notification.objects.filter
    return QueuePageOut(
        count=current.paginator.count,
        page=current.number,
        pages=current.paginator.num_pages,
        waiting_assessment=waiting(status=NotificationStatus.RECEIVED).count(),
        waiting_decision=waiting(status=NotificationStatus.ASSESSED).count(),
        notifications=[_queue_row(row.notification, row.clock, row.flags, now) for row in rows],
    )


def _queue_row(n: Notification, clock: Clock, flags: list[str], now: datetime) -> QueueRowOut:
    child = n.child
    return QueueRowOut(
        id=n.pk,
        reference=n.reference,
        version=n.version,
        status=NotificationStatus(n.status),
        status_text=status_text(n, clock),
        received_at=n.received_at,
        assessment_due_at=n.assessment_due_at,
        seconds_left=None if clock.stopped else int((n.assessment_due_at - now).total_seconds()),
        clock=clock.text,
        overdue=clock.overdue,
        urgent=n.urgent,
        source_kind=SourceKind(n.source_kind),
        channel=Channel(n.channel),
        is_anonymous=n.is_anonymous,
        child_id=n.child_id,
        child_name=child.full_name if child is not None else n.child_name_given,
        child_cpr_masked=child.cpr_masked if child is not None else "",
        flags=flags,
        notifications_in_12_months=n.notifications_in_12_months,
        notifiers_in_7_days=n.notifiers_in_7_days,
    )


# The 24-hour assessment and the decision -------------------------------------------------------


class AssessmentIn(Schema):
    expected_version: int = Field(description="Den version af underretningen, du har læst")
    danger_to_health_or_development: bool = Field(
        description="Er barnets sundhed eller udvikling i fare?"
    )
    acute_help_needed: bool = Field(description="Er der behov for akut hjælp?")
    note: str = Field(description="Begrundelse for vurderingen (højst 5.000 tegn)")


class AssessmentOut(Schema):
    notification_id: int
    version: int = Field(description="Underretningens version efter vurderingen")
    status: NotificationStatus
    danger_to_health_or_development: bool
    acute_help_needed: bool
    note: str
    assessed_at: datetime
    within_deadline: bool = Field(description="Vurderet inden for 24-timers-fristen")


class DecisionIn(Schema):
    expected_version: int = Field(description="Den version af underretningen, du har læst")
    kind: DecisionKind = Field(description="Afgørelsen")
    reason: str = Field("", description="Begrundelse; påkrævet ved no_action (højst 5.000 tegn)")


class DecisionOut(Schema):
    notification_id: int
    version: int = Field(description="Underretningens version efter afgørelsen")
    status: NotificationStatus
    kind: DecisionKind
    reason: str
    decided_at: datetime
    case_id: int | None = Field(
        description="Sagen, der er oprettet til en børnefaglig undersøgelse; ellers null"
    )


HANDLING_ERRORS: dict[int, type[Schema]] = {**WRITE_ERRORS, 409: ConflictOut}


@router.post(
    "/notifications/{notification_id}/assessment",
    response={200: AssessmentOut, **HANDLING_ERRORS},
    summary="Registrér visitationens vurdering inden for 24 timer",
)
def notification_assess(
    request: HttpRequest, notification_id: int, payload: AssessmentIn
) -> Status[Any]:
    user = _user(request)
    notification = access_notification(user, notification_id).notification
    form = UrgentAssessmentForm(
        {
            "version": payload.expected_version,
            "danger": _yes_no(payload.danger_to_health_or_development),
            "acute_help": _yes_no(payload.acute_help_needed),
            "note": payload.note,
        },
        notification=notification,
    )
    if not form.is_valid():
        return _form_error(form, ASSESSMENT_FIELDS)
    danger, acute = form.answers
    try:
        assessment = urgent_assessment_record(
            actor=user,
            notification=notification,
            expected_version=form.expected_version,
            danger_to_health_or_development=danger,
            acute_help_needed=acute,
            note=form.cleaned_data["note"],
        )
    except Conflict as error:
        return _conflict(error)
    except Refused as error:
        return _refused({"__all__": [str(error)]})
    current = assessment.notification
    return Status(
        200,
        AssessmentOut(
            notification_id=current.pk,
            version=current.version,
            status=NotificationStatus(current.status),
            danger_to_health_or_development=assessment.danger_to_health_or_development,
            acute_help_needed=assessment.acute_help_needed,
            note=assessment.note,
            assessed_at=assessment.assessed_at,
            within_deadline=assessment.assessed_at <= current.assessment_due_at,
        ),
    )


ASSESSMENT_FIELDS = {
    "version": "expected_version",
    "danger": "danger_to_health_or_development",
    "acute_help": "acute_help_needed",
}


def _yes_no(answer: bool) -> str:
    return "yes" if answer else "no"


@router.post(
    "/notifications/{notification_id}/decision",
    response={200: DecisionOut, **HANDLING_ERRORS},
    summary="Registrér visitationens afgørelse",
)
def notification_decide(
    request: HttpRequest, notification_id: int, payload: DecisionIn
) -> Status[Any]:
    user = _user(request)
    notification = access_notification(user, notification_id).notification
    form = DecisionForm(
        {
            "version": payload.expected_version,
            "kind": payload.kind.value,
            "reason": payload.reason,
        },
        notification=notification,
    )
    if not form.is_valid():
        return _form_error(form, {"version": "expected_version"})
    try:
        decision = decision_record(
            actor=user,
            notification=notification,
            expected_version=form.expected_version,
            kind=DecisionKind(form.cleaned_data["kind"]),
            reason=form.cleaned_data["reason"],
        )
    except Conflict as error:
        return _conflict(error)
    except Refused as error:
        return _refused({"__all__": [str(error)]})
    current = decision.notification
    case = None
    if decision.kind == DecisionKind.CHILD_ASSESSMENT:
        case = current.cases.order_by("-pk").first()
    return Status(
        200,
        DecisionOut(
            notification_id=current.pk,
            version=current.version,
            status=NotificationStatus(current.status),
            kind=DecisionKind(decision.kind),
            reason=decision.reason,
            decided_at=decision.decided_at,
            case_id=case.pk if case is not None else None,
        ),
    )
