from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    name = "sikkerhedsnet.collaboration"
    label = "collaboration"
    verbose_name = _("Samarbejde om barnet")

    def ready(self) -> None:
        # Declares the area's permissions (django-rules predicates in access.py). Everything the
        # area adds to other areas is listed in sikkerhedsnet/plugins.py, not registered here.
        from sikkerhedsnet.collaboration import access  # noqa: F401
