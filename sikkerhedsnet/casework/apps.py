from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "sikkerhedsnet.casework"
    label = "casework"
    verbose_name = _("Sagsarbejde: undersøgelse, Signs of Safety og barnets plan")
