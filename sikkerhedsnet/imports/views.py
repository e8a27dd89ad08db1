from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sikkerhedsnet.imports import services
from sikkerhedsnet.imports.forms import UploadForm
from sikkerhedsnet.lib.fileformats import all_formats, get_format
from sikkerhedsnet.lib.http import AuthedRequest, permission_or_404
from sikkerhedsnet.lib.tables import FILE_TYPES

# A file full of errors is reported in full on the command line; a page shows the first ones.
ERRORS_SHOWN = 500


@permission_or_404("imports.import_data")
def upload(request: AuthedRequest) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    report = None
    if form.is_bound and form.is_valid():
        report = services.import_table(actor=request.user, table=form.table)
    context = {
        "form": form,
        "report": report,
        "errors_shown": ERRORS_SHOWN,
        "formats": all_formats(),
        "file_types": list(FILE_TYPES),
    }
    return render(request, "imports/upload.html", context)


@permission_or_404("imports.import_data")
def export(request: AuthedRequest, name: str, file_type: str) -> HttpResponse:
    file_format = get_format(name)
    if file_format is None or file_type not in FILE_TYPES:
        raise Http404
    content = services.export_file(actor=request.user, file_format=file_format, file_type=file_type)
    file_name = f"{name}-{timezone.localdate().isoformat()}.{file_type}"
    response = HttpResponse(content, content_type=FILE_TYPES[file_type])
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    # Full CPR numbers: no proxy or browser cache may keep a copy.
    response["Cache-Control"] = "no-store"
    return response
