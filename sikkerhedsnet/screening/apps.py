from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningConfig(AppConfig):
    name = "sikkerhedsnet.screening"
    label = "screening"
    verbose_name = _("Trivselsvurderinger")

    def ready(self) -> None:
        # Declares the area's permissions (django-rules predicates in access.py). Everything the
        # area adds to other areas is listed in sikkerhedsnet/plugins.py, not registered here.
        from sikkerhedsnet.screening import access  # noqa: F401
