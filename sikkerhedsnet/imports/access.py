"""Who may look at an import's record: whoever may import (the administrator).

`access_import_run` is the only way a view fetches one; missing and forbidden are the same 404.
The children the record lists are logged where they are shown (views.run_detail).
"""

from __future__ import annotations

from django.http import Http404

from sikkerhedsnet.imports.models import ImportRun
from sikkerhedsnet.people.models import User

IMPORT_PERMISSION = "imports.import_data"  # declared in people/access.py


def may_import(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(IMPORT_PERMISSION))


def access_import_run(user: User, run_id: int) -> ImportRun:
    run = ImportRun.objects.filter(pk=run_id).select_related("actor").first()
    if run is None or not may_import(user):
        raise Http404
    return run
