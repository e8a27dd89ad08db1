"""The language switch: Django's own `set_language` (the cookie, the safe `next`), and for a
logged-in user the choice is also kept on her profile (`User.language`), so she gets the same
language at her next login, on any computer (people/middleware.py)."""

from __future__ import annotations

import contextlib

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from sikkerhedsnet.lib.errors import Refused
from sikkerhedsnet.people.models import User
from sikkerhedsnet.people.services.staff import language_choose


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    response = django_set_language(request)
    user = request.user
    if isinstance(user, User) and user.is_authenticated:
        # An unknown language is refused: Django's view has already ignored it.
        with contextlib.suppress(Refused):
            language_choose(user=user, language=request.POST.get("language", ""))
    return response
