from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "sikkerhedsnet.intake"
    label = "intake"
    verbose_name = _("Underretninger og visitation")

    def ready(self) -> None:
        import sikkerhedsnet.intake.escalation  # noqa: F401  (registers the escalation hook)
        from sikkerhedsnet.intake import access, child_section, rules, timeline  # noqa: F401
        from sikkerhedsnet.intake.imports import register_notifications_file

        register_notifications_file()
