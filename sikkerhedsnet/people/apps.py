from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "sikkerhedsnet.people"
    label = "people"
    verbose_name = _("Børn, familier og enheder")

    def ready(self) -> None:
        from sikkerhedsnet.people import access  # noqa: F401  (registers the child scopes)
