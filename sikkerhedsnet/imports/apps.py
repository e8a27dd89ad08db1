from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "sikkerhedsnet.imports"
    label = "imports"
    verbose_name = _("Import og eksport")

    def ready(self) -> None:
        from sikkerhedsnet.imports.children_file import CHILDREN
        from sikkerhedsnet.imports.formats import register_format
        from sikkerhedsnet.imports.units_file import UNITS

        # Units first: children refer to them, and files are imported in this order.
        register_format(UNITS)
        register_format(CHILDREN)
