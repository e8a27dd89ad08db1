from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "sikkerhedsnet.measures"
    label = "measures"
    verbose_name = _("Foranstaltninger og anbringelser")

    def ready(self) -> None:
        # Importing registers the safety-net rules, measures.csv, the case-page sections and the
        # timeline entries of this area.
        from sikkerhedsnet.measures import (  # noqa: F401
            imports,
            rules,
            sections_catalogue,
            sections_follow_up,
            timeline,
        )
