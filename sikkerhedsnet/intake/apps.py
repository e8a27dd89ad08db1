from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "sikkerhedsnet.intake"
    label = "intake"
    verbose_name = _("Underretninger og visitation")

    def ready(self) -> None:
        from sikkerhedsnet.intake import access, child_section, rules  # noqa: F401  (registers)
        from sikkerhedsnet.intake.imports import register_notifications_file

        register_notifications_file()
