"""The administrator's staff pages, and every user's "Skift adgangskode".

Only the administrator sees the staff pages (people.manage_staff); for everyone else they do not
exist (404). A one-time password is shown once, on the answer to the POST that made it, and never
cached; the administrator gives it to the user herself.
"""

from __future__ import annotations

from typing import Any, cast
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sikkerhedsnet.lib.errors import Conflict, Refused
from sikkerhedsnet.lib.http import AuthedRequest, permission_or_404
from sikkerhedsnet.people import selectors
from sikkerhedsnet.people.access import StaffAccess, access_staff, today
from sikkerhedsnet.people.forms.staff import (
    ACTIVE,
    INACTIVE,
    MembershipAddForm,
    MembershipEndForm,
    OwnPasswordForm,
    StaffCreateForm,
    StaffEditForm,
    StaffFilterForm,
    staff_initial,
)
from sikkerhedsnet.people.models import Membership, User
from sikkerhedsnet.people.services import staff as services

MANAGE_STAFF = "people.manage_staff"
PAGE_SIZE = 50
CONFLICT = gettext_lazy(
    "En anden administrator har ændret medarbejderen, mens du skrev, så dine ændringer er ikke "
    "gemt. Det, du skrev, står stadig i felterne. Se den gemte udgave, ret til og gem igen."
)
EVENT_LABELS = {
    "user.created": gettext_lazy("Oprettet"),
    "user.updated": gettext_lazy("Oplysninger eller rolle ændret"),
    "user.deactivated": gettext_lazy("Deaktiveret"),
    "user.reactivated": gettext_lazy("Genaktiveret"),
    "user.password_reset": gettext_lazy("Adgangskode nulstillet"),
    "user.password_changed": gettext_lazy("Adgangskode skiftet af medarbejderen"),
    "user.membership_added": gettext_lazy("Tilknyttet en enhed"),
    "user.membership_ended": gettext_lazy("Tilknytning afsluttet"),
}


@permission_or_404(MANAGE_STAFF)
@require_GET
def staff_list(request: AuthedRequest) -> HttpResponse:
    form = StaffFilterForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    status = chosen.get("status") or ACTIVE
    staff = selectors.staff_list(
        day=today(),
        search=chosen.get("q", "").strip(),
        role=chosen.get("rolle", ""),
        unit=chosen.get("enhed"),
        active=None if status not in (ACTIVE, INACTIVE) else status == ACTIVE,
    )
    page = Paginator(staff, PAGE_SIZE).get_page(request.GET.get("side"))
    # The pagination keeps the filters (core/components/pagination.html).
    query = urlencode([(k, v) for k, v in request.GET.items() if k != "side" and v])
    context = {"form": form, "page": page, "query": query}
    return render(request, "people/staff/list.html", context)


def _one_time_password(
    request: AuthedRequest, result: services.OneTimePassword, *, created: bool
) -> HttpResponse:
    context = {"staff": result.user, "password": result.password, "created": created}
    return render(request, "people/staff/one_time_password.html", context)


@permission_or_404(MANAGE_STAFF)
@never_cache
@require_http_methods(["GET", "POST"])
def staff_new(request: AuthedRequest) -> HttpResponse:
    form = StaffCreateForm(request.POST or None, initial={"since": today()})
    if request.method == "POST" and form.is_valid():
        try:
            result = services.staff_create(
                actor=request.user,
                unit=form.cleaned_data["unit"],
                since=form.cleaned_data["since"],
                **form.fields_for_service,
            )
        except Refused as error:
            error.add_to(form)
        else:
            return _one_time_password(request, result, created=True)
    status = 400 if form.errors else 200
    return render(request, "people/staff/form.html", {"form": form}, status=status)


def _detail_context(access: StaffAccess) -> dict[str, Any]:
    staff = access.staff
    events = [
        (event, EVENT_LABELS.get(event.event_type, event.event_type))
        for event in selectors.staff_events(user=staff)
    ]
    return {
        "access": access,
        "staff": staff,
        "memberships": selectors.staff_memberships(user=staff),
        "events": events,
        "today": today(),
    }


@permission_or_404(MANAGE_STAFF)
@require_GET
def staff_detail(request: AuthedRequest, user_id: int) -> HttpResponse:
    access = access_staff(request.user, user_id)
    return render(request, "people/staff/detail.html", _detail_context(access))


def _with_version(data: QueryDict, version: int) -> QueryDict:
    """What she wrote, with the version she has now seen (after a conflict)."""
    copied = data.copy()
    copied["version"] = str(version)
    return copied


@permission_or_404(MANAGE_STAFF)
@require_http_methods(["GET", "POST"])
def staff_edit(request: AuthedRequest, user_id: int) -> HttpResponse:
    staff = access_staff(request.user, user_id).staff
    if request.method == "GET":
        form = StaffEditForm(initial=staff_initial(staff), version=staff.version)
        return render(request, "people/staff/form.html", {"form": form, "staff": staff})
    form = StaffEditForm(request.POST, version=staff.version)
    conflict = False
    if form.is_valid():
        try:
            services.staff_update(
                actor=request.user,
                user=staff,
                expected_version=form.expected_version,
                **form.fields_for_service,
            )
        except Conflict as error:
            conflict = True
            staff = cast(User, error.current)  # compare_and_set on User
            form = StaffEditForm(_with_version(request.POST, staff.version), version=staff.version)
        except Refused as error:
            error.add_to(form)
        else:
            messages.success(request, _("Oplysningerne om %(name)s er gemt.") % {"name": staff})
            return redirect("people:staff_detail", user_id=staff.pk)
    context = {"form": form, "staff": staff, "conflict": conflict, "conflict_message": CONFLICT}
    return render(request, "people/staff/form.html", context, status=409 if conflict else 400)


def _confirm(
    request: AuthedRequest, access: StaffAccess, action: str, *, refusal: str = ""
) -> HttpResponse:
    context = {"staff": access.staff, "action": action, "refusal": refusal}
    return render(request, "people/staff/confirm.html", context, status=400 if refusal else 200)


@permission_or_404(MANAGE_STAFF)
@require_http_methods(["GET", "POST"])
def staff_deactivate(request: AuthedRequest, user_id: int) -> HttpResponse:
    access = access_staff(request.user, user_id)
    if not access.can_deactivate:
        raise Http404
    if request.method == "GET":
        return _confirm(request, access, "deactivate")
    try:
        services.staff_deactivate(actor=request.user, user=access.staff)
    except Refused as error:
        return _confirm(request, access, "deactivate", refusal=str(error))
    messages.success(
        request,
        _("%(name)s er deaktiveret og kan ikke længere logge ind.") % {"name": access.staff},
    )
    return redirect("people:staff_detail", user_id=user_id)


@permission_or_404(MANAGE_STAFF)
@require_POST
def staff_reactivate(request: AuthedRequest, user_id: int) -> HttpResponse:
    access = access_staff(request.user, user_id)
    if not access.can_reactivate:
        raise Http404
    try:
        services.staff_reactivate(actor=request.user, user=access.staff)
    except Refused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(name)s er aktiv igen.") % {"name": access.staff})
    return redirect("people:staff_detail", user_id=user_id)


@permission_or_404(MANAGE_STAFF)
@never_cache
@require_http_methods(["GET", "POST"])
def staff_password_reset(request: AuthedRequest, user_id: int) -> HttpResponse:
    access = access_staff(request.user, user_id)
    if not access.can_reset_password:
        raise Http404
    if request.method == "GET":
        return _confirm(request, access, "reset_password")
    try:
        result = services.staff_password_reset(actor=request.user, user=access.staff)
    except Refused as error:
        return _confirm(request, access, "reset_password", refusal=str(error))
    return _one_time_password(request, result, created=False)


@permission_or_404(MANAGE_STAFF)
@require_http_methods(["GET", "POST"])
def membership_add(request: AuthedRequest, user_id: int) -> HttpResponse:
    staff = access_staff(request.user, user_id).staff
    form = MembershipAddForm(request.POST or None, initial={"since": today()})
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_add(
                actor=request.user,
                user=staff,
                unit=form.cleaned_data["unit"],
                since=form.cleaned_data["since"],
            )
        except Refused as error:
            error.add_to(form)
        else:
            messages.success(
                request,
                _("%(name)s er tilknyttet %(unit)s.") % {"name": staff, "unit": membership.unit},
            )
            return redirect("people:staff_detail", user_id=staff.pk)
    context = {"form": form, "staff": staff, "adding": True}
    status = 400 if form.errors else 200
    return render(request, "people/staff/membership_form.html", context, status=status)


@permission_or_404(MANAGE_STAFF)
@require_http_methods(["GET", "POST"])
def membership_end(request: AuthedRequest, user_id: int, membership_id: int) -> HttpResponse:
    staff = access_staff(request.user, user_id).staff
    membership = (
        Membership.objects.filter(pk=membership_id, user=staff).select_related("unit").first()
    )
    if membership is None:
        raise Http404
    form = MembershipEndForm(request.POST or None, initial={"until": today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(
                actor=request.user, membership=membership, until=form.cleaned_data["until"]
            )
        except Refused as error:
            error.add_to(form)
        else:
            messages.success(
                request,
                _("Tilknytningen til %(unit)s er afsluttet.") % {"unit": membership.unit},
            )
            return redirect("people:staff_detail", user_id=staff.pk)
    context = {"form": form, "staff": staff, "membership": membership, "adding": False}
    status = 400 if form.errors else 200
    return render(request, "people/staff/membership_form.html", context, status=status)


# Every user's own password --------------------------------------------------------------------


def _safe_next(request: AuthedRequest, candidate: str) -> str:
    allowed = url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return candidate if candidate and allowed else ""


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def password_change(request: AuthedRequest) -> HttpResponse:
    """Every user changes her own password here; one who must (a new or reset password) is sent
    here from every page until she has (people/middleware.py)."""
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next", ""))
    form = OwnPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.password_change(
                user=request.user, new_password=form.cleaned_data["new_password1"]
            )
        except Refused as error:
            error.add_to(form)
        else:
            # The session follows the new password hash, so she stays logged in.
            update_session_auth_hash(request, user)
            messages.success(request, _("Din adgangskode er skiftet."))
            return redirect(next_url or "home")
    context = {"form": form, "next": next_url, "forced": request.user.must_change_password}
    status = 400 if form.errors else 200
    return render(request, "people/staff/password_change.html", context, status=status)
