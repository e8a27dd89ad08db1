from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from sikkerhedsnet.audit.forms import AccessLogSearchForm
from sikkerhedsnet.audit.selectors import access_log_search
from sikkerhedsnet.lib.http import AuthedRequest, permission_or_404

PAGE_SIZE = 100


@permission_or_404("audit.view_accesslog")
def access_log(request: AuthedRequest) -> HttpResponse:
    form = AccessLogSearchForm(request.GET or None)
    page = None
    if form.is_bound and form.is_valid():
        rows = access_log_search(
            child_cpr=form.cleaned_data["cpr"] or None,
            username=form.cleaned_data["username"] or None,
            date_from=form.cleaned_data["date_from"],
            date_to=form.cleaned_data["date_to"],
        )
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "audit/access_log.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )
