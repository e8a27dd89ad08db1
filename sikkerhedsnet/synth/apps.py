from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SynthConfig(AppConfig):
    name = "sikkerhedsnet.synth"
    label = "synth"
    verbose_name = _("Syntetisk kommune")
