"""The main menu: each area adds its entries with the roles that may use them."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.intake.views_receiving import NOTIFIER_ROLES
from sikkerhedsnet.people.models import Role, User
from sikkerhedsnet.screening.guide import GUIDE_READER_ROLES


@dataclass(frozen=True)
class MenuEntry:
    label: str | Promise
    url_name: str
    roles: frozenset[str]

    @property
    def url(self) -> str:
        return reverse(self.url_name)


ALL_ROLES = frozenset(Role.values)

MENU: list[MenuEntry] = [
    MenuEntry(_("Forside"), "home", ALL_ROLES),
    MenuEntry(_("Mine opgaver"), "safetynet:my_tasks", ALL_ROLES),
    MenuEntry(
        _("Enheder"),
        "people:unit_list",
        frozenset({Role.PROFESSIONAL, Role.UNIT_LEADER, Role.ADMINISTRATOR}),
    ),
    MenuEntry(_("Visitation"), "intake:queue", frozenset({Role.INTAKE})),
    MenuEntry(_("Sager"), "cases:home", frozenset({Role.CASEWORKER, Role.TEAM_LEADER})),
    MenuEntry(
        _("Tilbudskatalog"),
        "measures:offer_list",
        frozenset({Role.CASEWORKER, Role.TEAM_LEADER, Role.ADMINISTRATOR}),
    ),
    MenuEntry(
        _("Overgang til voksenlivet"),
        "measures:transition_list",
        frozenset({Role.CASEWORKER, Role.TEAM_LEADER}),
    ),
    MenuEntry(
        _("Mine underretninger"),
        "intake:my_notifications",
        frozenset(NOTIFIER_ROLES),
    ),
    MenuEntry(
        _("Bekymringsguide"),
        "screening:guide",
        frozenset(GUIDE_READER_ROLES) - {Role.ADMINISTRATOR},  # she has the editor's entry
    ),
    MenuEntry(
        _("Tværfaglige møder"),
        "collaboration:meeting_list",
        frozenset({Role.PROFESSIONAL, Role.UNIT_LEADER, Role.PPR, Role.INTAKE, Role.ADMINISTRATOR}),
    ),
    MenuEntry(_("Adgangslog"), "audit:access_log", frozenset({Role.DATA_PROTECTION})),
    MenuEntry(_("Import"), "imports:upload", frozenset({Role.ADMINISTRATOR})),
    MenuEntry(_("Bekymringsguide"), "screening:guide_edit", frozenset({Role.ADMINISTRATOR})),
]


def menu_for(user: User) -> list[MenuEntry]:
    if not user.is_authenticated:
        return []
    return [entry for entry in MENU if user.role in entry.roles]
