from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "sikkerhedsnet.cases"
    label = "cases"
    verbose_name = _("Sager")

    def ready(self) -> None:
        # Registers the child scope of caseworkers and faglige ledere, the safety-net rules and
        # the timeline entries of cases.
        from sikkerhedsnet.cases import access, rules, timeline  # noqa: F401
