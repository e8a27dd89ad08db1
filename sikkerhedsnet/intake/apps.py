from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "sikkerhedsnet.intake"
    label = "intake"
    verbose_name = _("Underretninger og visitation")

    def ready(self) -> None:
        # Declares the area's permissions (django-rules predicates in access.py). Everything the
        # area adds to other areas is listed in sikkerhedsnet/plugins.py, not registered here.
        from sikkerhedsnet.intake import access  # noqa: F401
