from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "sikkerhedsnet.measures"
    label = "measures"
    verbose_name = _("Foranstaltninger og anbringelser")

    def ready(self) -> None:
        # Declares the area's permissions (django-rules predicates in access.py). Everything the
        # area adds to other areas is listed in sikkerhedsnet/plugins.py, not registered here.
        from sikkerhedsnet.measures import access  # noqa: F401
