"""What every casework page shares: the case through access_case, and the conflict notice.

Reading a page needs the case to be visible (access_case answers 404 otherwise and logs the
read); a change needs `can_edit` as well. A colleague who may read the case but not change it
gets a 404 on a change, like every refusal in Sikkerhedsnet (core.auth.permission_or_404).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, QueryDict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.cases.access import CaseAccess, access_case
from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.core.auth import AuthedRequest

CONFLICT = _(
    "En kollega har ændret det samme, mens du skrev, så dine ændringer er ikke gemt. Det, du "
    "skrev, står stadig i felterne. Se den gemte udgave, ret til og gem igen."
)


def case_for(request: AuthedRequest, case_id: int, *, shown: str) -> CaseAccess:
    access = access_case(request.user, case_id, shown=shown)
    if request.method == "POST" and not access.can_edit:
        raise Http404
    return access


def case_url(case: Case) -> str:
    return reverse("cases:detail", args=[case.pk])


def case_context(access: CaseAccess) -> dict[str, Any]:
    """What every casework page shows around its own part: the case, the child, the way back."""
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
