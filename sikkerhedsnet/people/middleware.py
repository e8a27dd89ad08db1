"""A new user, or one whose password the administrator has reset, chooses her own password first.

The administrator hands over a one-time password (people/services/staff.py) and sets
`must_change_password`; until the user has chosen her own (`password_change` clears the flag),
every page sends her to "Skift adgangskode" and comes back to the page she asked for afterwards.
Logging in and out, the change page itself, the language switch and the health check are exempt;
static files never get here (WhiteNoise answers them before any view is chosen).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

CHANGE_PAGE = "people:password_change"
EXEMPT_VIEWS = frozenset({"login", "logout", "set_language", "healthz", CHANGE_PAGE})


def must_change_password(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(
        user is not None and user.is_authenticated and getattr(user, "must_change_password", False)
    )


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        if not must_change_password(request):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in EXEMPT_VIEWS:
            return None
        if match is not None and "ninja" in match.app_names:
            message = _("Vælg en ny adgangskode, før du bruger Sikkerhedsnet.")
            return JsonResponse({"detail": message}, status=403)
        target = f"{reverse(CHANGE_PAGE)}?{urlencode({'next': request.get_full_path()})}"
        if getattr(request, "htmx", False):
            # An HTMX request would swap the redirected page into a part of the page.
            return HttpResponse(status=204, headers={"HX-Redirect": target})
        return HttpResponseRedirect(target)


def chosen_language(request: HttpRequest) -> str:
    """The language a request is answered in: the one the logged-in user chose (kept on her
    profile), else the one chosen with the switch before logging in (Django's language cookie),
    else Danish. The browser's Accept-Language is not asked: the staff work in Danish unless they
    choose otherwise, whatever language their computer was set up in."""
    known = dict(settings.LANGUAGES)
    user = getattr(request, "user", None)
    saved = getattr(user, "language", "") if user is not None and user.is_authenticated else ""
    if saved in known:
        return str(saved)
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if cookie in known:
        return cookie
    return str(settings.LANGUAGE_CODE)


class UserLanguageMiddleware:
    """In place of Django's LocaleMiddleware, after AuthenticationMiddleware (it needs the user)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = chosen_language(request)
        request.LANGUAGE_CODE = language  # as LocaleMiddleware does
        # Only for this request: the thread's next request (or test) starts from the default.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
