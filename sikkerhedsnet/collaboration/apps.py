from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    name = "sikkerhedsnet.collaboration"
    label = "collaboration"
    verbose_name = _("Samarbejde om barnet")

    def ready(self) -> None:
        # Importing registers the safety-net rules and hooks, the child-page sections and the
        # timeline entries of this area.
        from sikkerhedsnet.collaboration import (  # noqa: F401
            rules_meetings,
            rules_plans,
            sections_meetings,
            sections_plans,
            timeline,
        )
