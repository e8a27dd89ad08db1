from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "sikkerhedsnet.cases"
    label = "cases"
    verbose_name = _("Sager")

    def ready(self) -> None:
        # Declares the area's permissions (django-rules predicates in access.py). Everything the
        # area adds to other areas is listed in sikkerhedsnet/plugins.py, not registered here.
        from sikkerhedsnet.cases import access  # noqa: F401
