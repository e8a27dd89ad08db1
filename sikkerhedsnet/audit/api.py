from __future__ import annotations

from datetime import date, datetime

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status

from sikkerhedsnet.audit.selectors import access_log_search
from sikkerhedsnet.lib import cpr as cprlib
from sikkerhedsnet.lib.api import STANDARD_ERRORS, ErrorOut

router = Router(tags=["Adgangslog"])
MAX_ROWS = 500


class AccessLogOut(Schema):
    at: datetime
    username: str
    child_id: int | None
    unit_id: int | None
    shown: str
    basis: str
    channel: str


@router.get(
    "/access-log",
    response={200: list[AccessLogOut], 400: ErrorOut, **STANDARD_ERRORS},
    summary="Søg i adgangsloggen (kun databeskyttelse; højst 500 rækker, nyeste først)",
)
def access_log(
    request: HttpRequest,
    cpr: str | None = None,
    username: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> Status[dict[str, str] | list[AccessLogOut]]:
    if not request.user.has_perm("audit.view_accesslog"):
        raise Http404
    digits = None
    if cpr:
        try:
            digits = cprlib.parse(cpr).digits
        except cprlib.CprError as error:
            return Status(400, {"detail": str(error)})
    rows = access_log_search(
        child_cpr=digits, username=username, date_from=date_from, date_to=date_to
    )[:MAX_ROWS]
    return Status(
        200,
        [
            AccessLogOut(
                at=row.at,
                username=row.user.username,
                child_id=row.child_id,
                unit_id=row.unit_id,
                shown=row.shown_text,
                basis=row.basis_text,
                channel=row.channel,
            )
            for row in rows
        ],
    )
