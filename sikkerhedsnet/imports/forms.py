from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikkerhedsnet.lib.forms import DesignSystemForm
from sikkerhedsnet.lib.tables import FileRejected, Table, file_type_of, read_table


class UploadForm(DesignSystemForm):
    """One file; cleaning reads it, so `table` is the recognised format and its rows."""

    file = forms.FileField(
        label=gettext_lazy("Fil"),
        help_text=gettext_lazy("CSV (UTF-8, adskilt med ; eller ,) eller Excel (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
        error_messages={
            "required": gettext_lazy("Vælg en fil."),
            "empty": gettext_lazy("Filen er tom."),
            "invalid": gettext_lazy("Filen kom ikke med. Vælg den igen."),
        },
    )

    def clean_file(self) -> Table:
        upload: UploadedFile = self.cleaned_data["file"]
        name = upload.name or ""
        if file_type_of(name) is None:
            raise forms.ValidationError(_("Kun .csv- og .xlsx-filer kan importeres."))
        if (upload.size or 0) > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("Filen fylder %(size)s; der kan højst importeres %(max)s ad gangen.")
                % {
                    "size": filesizeformat(upload.size or 0),
                    "max": filesizeformat(settings.IMPORT_MAX_BYTES),
                }
            )
        try:
            return read_table(name=name, content=upload.read())
        except FileRejected as error:
            raise forms.ValidationError(str(error)) from None

    @property
    def table(self) -> Table:
        table: Table = self.cleaned_data["file"]
        return table
