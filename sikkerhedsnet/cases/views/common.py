"""What every page of one case shares, here and in the areas that add pages to a case.

Every page of one case goes through `access.case_for` (404 for missing and forbidden alike; the
read is logged as a read of the child). A change the viewer may not make is a 404 as well, since
she has no link to it. A refused change shows the form again with what she typed; a colleague's
change in between (a version conflict) says so and shows the case as it is now.
"""

from __future__ import annotations

from typing import Any

from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.cases.access import CaseAccess
from sikkerhedsnet.cases.models import Case

CONFLICT = _(
    "En kollega har ændret det samme, mens du skrev, så dine ændringer er ikke gemt. Det, du "
    "skrev, står stadig i felterne. Se den gemte udgave, ret til og gem igen."
)


def case_url(case: Case) -> str:
    return reverse("cases:detail", args=[case.pk])


def case_context(access: CaseAccess) -> dict[str, Any]:
    """What every page of a case shows around its own part: the case, the child, the way back."""
    return {
        "access": access,
        "case": access.case,
        "child": access.case.child,
        "case_url": case_url(access.case),
        "conflict_message": CONFLICT,
    }


def with_version(data: QueryDict, version: int) -> QueryDict:
    """The user's input as she sent it, with the version she has now seen (after a conflict)."""
    copied = data.copy()
    copied["version"] = str(version)
    return copied
