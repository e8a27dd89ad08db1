from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "sikkerhedsnet.casework"
    label = "casework"
    verbose_name = _("Sagsarbejde: undersøgelse, Signs of Safety og barnets plan")

    def ready(self) -> None:
        # Importing registers the safety-net rules and the case-page section of this area.
        from sikkerhedsnet.casework import rules, sections  # noqa: F401
