from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "sikkerhedsnet.people"
    label = "people"
    verbose_name = _("Børn, familier og enheder")

    def ready(self) -> None:
        # Importing registers the child scopes and the timeline section of the child page.
        from sikkerhedsnet.people import access, timeline  # noqa: F401
