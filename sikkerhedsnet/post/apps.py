from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostConfig(AppConfig):
    name = "sikkerhedsnet.post"
    label = "post"
    verbose_name = _("Breve og Digital Post")

    def ready(self) -> None:
        # Declares the area's permissions (django-rules predicates in access.py).
        from sikkerhedsnet.post import access  # noqa: F401
