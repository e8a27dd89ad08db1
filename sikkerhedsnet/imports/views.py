"""Import and export of whole files, and the record of each import.

Only the administrator imports (the permission imports.import_data, declared in people/access.py);
every other user gets 404, as for a page that does not exist. An import's page lists the children
its rows were about, by name, birth date and masked CPR number; each page of that list is logged
in the access log, with the import as the basis.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sikkerhedsnet.audit.services import access_log_record, access_log_record_unit
from sikkerhedsnet.imports import selectors, services
from sikkerhedsnet.imports.access import access_import_run
from sikkerhedsnet.imports.forms import UploadForm
from sikkerhedsnet.imports.models import ImportRun
from sikkerhedsnet.lib.fileformats import all_formats, get_format
from sikkerhedsnet.lib.http import AuthedRequest, permission_or_404
from sikkerhedsnet.lib.tables import FILE_TYPES
from sikkerhedsnet.people.access import access_unit
from sikkerhedsnet.people.models import Child, Unit, User

# A file full of errors is reported in full on the command line; a page shows the first ones.
ERRORS_SHOWN = 500
RUNS_PAGE_SIZE = 50
CHILDREN_PAGE_SIZE = 50


@permission_or_404("imports.import_data")
def upload(request: AuthedRequest) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    report = None
    if form.is_bound and form.is_valid():
        report = services.import_table(actor=request.user, table=form.table)
        if report.run is not None:
            messages.success(request, _imported_message(report.run))
            return redirect("imports:run_detail", report.run.pk)
    context = {
        "form": form,
        "report": report,
        "errors_shown": ERRORS_SHOWN,
        "formats": all_formats(),
        "file_types": list(FILE_TYPES),
    }
    return render(request, "imports/upload.html", context)


def _imported_message(run: ImportRun) -> str:
    message = ngettext(
        "%(file)s er importeret: %(rows)d række.",
        "%(file)s er importeret: %(rows)d rækker.",
        run.rows,
    )
    return message % {"file": run.file_name, "rows": run.rows}


@permission_or_404("imports.import_data")
def run_list(request: AuthedRequest, unit_id: int | None = None) -> HttpResponse:
    unit = access_unit(request.user, unit_id) if unit_id is not None else None
    runs = selectors.import_runs(unit=unit)
    page = Paginator(runs, RUNS_PAGE_SIZE).get_page(request.GET.get("side"))
    rows = [(run, selectors.format_label(run)) for run in page.object_list]
    return render(request, "imports/runs/list.html", {"unit": unit, "page": page, "rows": rows})


@login_required
def run_detail(request: AuthedRequest, run_id: int) -> HttpResponse:
    run = access_import_run(request.user, run_id)
    units = list(selectors.run_units(run))
    page = Paginator(selectors.run_children(run), CHILDREN_PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    _log_children_shown(request.user, run, units, page)
    context = {
        "run": run,
        "format_label": selectors.format_label(run),
        "count_lines": selectors.count_lines(run),
        "units": units,
        "page": page,
    }
    return render(request, "imports/runs/detail.html", context)


def _log_children_shown(user: User, run: ImportRun, units: list[Unit], page: Page[Child]) -> None:
    """One access-log row per unit the import was about, as for a unit's list of children; a
    child of an import without units is logged on its own."""
    children: list[Child] = list(page.object_list)
    if not children:
        return
    shown = _("Børn i en import, side %(n)d") % {"n": page.number}
    local = timezone.localtime(run.at)
    basis = _("Import nr. %(id)d af %(file)s den %(day)s") % {
        "id": run.pk,
        "file": run.file_name,
        "day": local.strftime("%d.%m.%Y"),
    }
    if not units:
        for child in children:
            access_log_record(user=user, child=child, shown=shown, basis=basis)
        return
    for unit in units:
        access_log_record_unit(user=user, unit=unit, shown=shown, basis=basis)


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
