from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "sikkerhedsnet.core"
    label = "core"
    verbose_name = _("Fælles")

    def ready(self) -> None:
        from sikkerhedsnet.policy import connect_signals

        connect_signals()
