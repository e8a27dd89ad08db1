from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetynetConfig(AppConfig):
    name = "sikkerhedsnet.safetynet"
    label = "safetynet"
    verbose_name = _("Sikkerhedsnettet")
