from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "sikkerhedsnet.casework"
    label = "casework"
    verbose_name = _("Sagsarbejde: undersøgelse, Signs of Safety og barnets plan")

    def ready(self) -> None:
        # Importing registers the safety-net rules, the case-page section and what is due next
        # on a case (replacing the cases area's plain assessment deadline) and the timeline
        # entries of this area.
        from sikkerhedsnet.casework import case_deadlines, rules, sections, timeline  # noqa: F401
