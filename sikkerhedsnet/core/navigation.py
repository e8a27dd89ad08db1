"""The main menu: each entry names the permission that shows it, declared once in its area's
access.py (django-rules). The menu asks the user's permissions, never a list of roles."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.people.models import User


@dataclass(frozen=True)
class MenuEntry:
    label: str | Promise
    url_name: str
    permission: str | None  # None: every logged-in user
    # Not shown to whoever has this permission (she has another entry for the same page).
    unless: str | None = None

    @property
    def url(self) -> str:
        return reverse(self.url_name)

    def shown_to(self, user: User) -> bool:
        if self.unless and user.has_perm(self.unless):
            return False
        return self.permission is None or user.has_perm(self.permission)


MENU: list[MenuEntry] = [
    MenuEntry(_("Forside"), "home", None),
    MenuEntry(_("Mine opgaver"), "safetynet:my_tasks", None),
    MenuEntry(_("Enheder"), "people:unit_list", "people.view_unit"),
    MenuEntry(_("Visitation"), "intake:queue", "intake.handle_notification"),
    MenuEntry(_("Sager"), "cases:home", "cases.view_caseload"),
    MenuEntry(_("Tilbudskatalog"), "measures:offer_list", "measures.view_offer"),
    MenuEntry(
        _("Overgang til voksenlivet"), "measures:transition_list", "measures.view_transition"
    ),
    MenuEntry(_("Mine underretninger"), "intake:my_notifications", "intake.notify_from_child_page"),
    MenuEntry(
        _("Bekymringsguide"),
        "screening:guide",
        "screening.view_concernguide",
        unless="screening.change_concernguide",
    ),
    MenuEntry(
        _("Tværfaglige møder"),
        "collaboration:meeting_list",
        "collaboration.view_collaborationmeeting",
    ),
    MenuEntry(_("Trivselsrunder"), "screening:statistics_units", "screening.view_round_statistics"),
    MenuEntry(_("Adgangslog"), "audit:access_log", "audit.view_accesslog"),
    MenuEntry(_("Medarbejdere"), "people:staff_list", "people.manage_staff"),
    MenuEntry(_("Import"), "imports:upload", "imports.import_data"),
    MenuEntry(_("Bekymringsguide"), "screening:guide_edit", "screening.change_concernguide"),
]


def menu_for(user: User) -> list[MenuEntry]:
    if not user.is_authenticated:
        return []
    return [entry for entry in MENU if entry.shown_to(user)]
