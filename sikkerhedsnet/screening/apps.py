from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningConfig(AppConfig):
    name = "sikkerhedsnet.screening"
    label = "screening"
    verbose_name = _("Trivselsvurderinger")

    def ready(self) -> None:
        # Importing registers the safety-net rules, the child-page section, the timeline entries
        # and screenings.csv.
        from sikkerhedsnet.screening import child_section, imports, rules, timeline  # noqa: F401
