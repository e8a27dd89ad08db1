from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningConfig(AppConfig):
    name = "sikkerhedsnet.screening"
    label = "screening"
    verbose_name = _("Trivselsvurderinger")

    def ready(self) -> None:
        from sikkerhedsnet.screening import rules  # noqa: F401  (registers the safety-net rules)
