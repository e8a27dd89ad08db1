from __future__ import annotations

from datetime import date

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema

from sikkerhedsnet.audit.services import access_log_record_unit
from sikkerhedsnet.lib.api import STANDARD_ERRORS, ErrorOut
from sikkerhedsnet.people import selectors
from sikkerhedsnet.people.access import access_child, access_unit, today, visible_units
from sikkerhedsnet.people.models import User

router = Router(tags=["Børn og enheder"])


class UnitOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    district: str


class RosterChildOut(Schema):
    id: int
    first_name: str
    last_name: str
    cpr_masked: str = Field(description="CPR-nummer maskeret som DDMMÅÅ-xxxx")
    birth_date: date
    group: str


class RosterPageOut(Schema):
    count: int
    page: int
    pages: int
    children: list[RosterChildOut]


class EnrolmentOut(Schema):
    unit_id: int
    unit_name: str
    unit_kind: str
    group: str
    since: date
    until: date | None


class GuardianOut(Schema):
    name: str
    relation: str
    has_custody: bool
    phone: str


class ChildOut(Schema):
    id: int
    first_name: str
    last_name: str
    cpr: str = Field(
        description="Fuldt CPR-nummer for roller, der har brug for det, ellers maskeret"
    )
    is_replacement_cpr: bool
    birth_date: date
    sex: str
    access_basis: str = Field(description="Grundlaget for adgangen, som det står i adgangsloggen")
    enrolments: list[EnrolmentOut]
    guardians: list[GuardianOut]


class MeOut(Schema):
    username: str
    name: str
    role: str


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@router.get("/me", response={200: MeOut, 401: ErrorOut}, summary="Den indloggede bruger")
def me(request: HttpRequest) -> MeOut:
    user = _user(request)
    return MeOut(username=user.username, name=str(user), role=user.role)


@router.get(
    "/units",
    response={200: list[UnitOut], 401: ErrorOut},
    summary="Enheder, brugeren har adgang til",
)
def unit_list(request: HttpRequest) -> list[UnitOut]:
    units = visible_units(_user(request)).order_by("name")[:1000]
    return [UnitOut.model_validate(unit, from_attributes=True) for unit in units]


@router.get(
    "/units/{unit_id}/children",
    response={200: RosterPageOut, **STANDARD_ERRORS},
    summary="Børn i en enhed (50 pr. side)",
)
def unit_children(request: HttpRequest, unit_id: int, page: int = 1) -> RosterPageOut:
    user = _user(request)
    unit = access_unit(user, unit_id)
    roster = selectors.unit_roster(user=user, unit=unit, day=today())
    current = Paginator(roster, 50).get_page(page)
    if current.object_list:
        access_log_record_unit(
            user=user,
            unit=unit,
            shown=gettext_lazy("Børneliste, side %(n)d"),
            shown_params={"n": current.number},
            basis=gettext_lazy("Børn i enheden, som du har adgang til"),
            channel="api",
        )
    return RosterPageOut(
        count=current.paginator.count,
        page=current.number,
        pages=current.paginator.num_pages,
        children=[
            RosterChildOut(
                id=row.child.pk,
                first_name=row.child.first_name,
                last_name=row.child.last_name,
                cpr_masked=row.child.cpr_masked,
                birth_date=row.child.birth_date,
                group=row.group,
            )
            for row in current.object_list
        ],
    )


@router.get(
    "/children/{child_id}",
    response={200: ChildOut, **STANDARD_ERRORS},
    summary="Et barns stamoplysninger",
)
def child_detail(request: HttpRequest, child_id: int) -> ChildOut:
    access = access_child(
        _user(request), child_id, shown=gettext_lazy("Barnets stamoplysninger"), channel="api"
    )
    child = selectors.child_record(child=access.child)
    return ChildOut(
        id=child.pk,
        first_name=child.first_name,
        last_name=child.last_name,
        cpr=access.cpr_shown,
        is_replacement_cpr=child.is_replacement_cpr,
        birth_date=child.birth_date,
        sex=child.sex,
        access_basis=access.basis,
        enrolments=[
            EnrolmentOut(
                unit_id=e.unit_id,
                unit_name=e.unit.name,
                unit_kind=e.unit.kind,
                group=e.group,
                since=e.since,
                until=e.until,
            )
            for e in child.enrolments.all()
        ],
        guardians=[
            GuardianOut(
                name=str(c.guardian),
                relation=c.relation,
                has_custody=c.has_custody,
                phone=c.guardian.phone,
            )
            for c in child.custodies.all()
        ],
    )
