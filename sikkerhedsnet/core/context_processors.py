from typing import Any

from django.http import HttpRequest

from sikkerhedsnet.core.navigation import menu_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None:
        return {"menu": []}
    return {"menu": menu_for(user)}
