"""The request type of a logged-in view, and the one way a view says "no such page".

The user type is named for the type checker only: `lib` imports no app at run time.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from sikkerhedsnet.people.models import User


class AuthedRequest(HttpRequest):
    """A request behind login_required; `htmx` is set by django-htmx's middleware."""

    user: User
    htmx: HtmxDetails


def permission_or_404(perm: str) -> Callable[..., Any]:
    """Login required, then the permission; a user without it sees a 404, not a 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        @login_required
        def wrapper(request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.has_perm(perm):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
