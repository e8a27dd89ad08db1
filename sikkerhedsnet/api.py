"""The JSON API under /api/, with its OpenAPI document at /api/openapi.json.

Same permissions as the pages: session login, the same access functions, the same access log.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI, Swagger
from ninja.openapi.docs import _csrf_needed
from ninja.security import django_auth

from sikkerhedsnet.audit.api import router as audit_router
from sikkerhedsnet.intake.api import router as intake_router
from sikkerhedsnet.measures.api import router as measures_router
from sikkerhedsnet.people.api import router as people_router


class LocalSwagger(Swagger):
    """/api/docs with Swagger UI from the project's static files (npm swagger-ui-dist), inside the
    site's shell: ninja's own page takes its assets from a CDN unless ninja is an installed app,
    and the content security policy allows scripts and styles from this site only."""

    template = "core/api_docs.html"

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {"swagger_settings": self.settings, "api": api, "add_csrf": _csrf_needed(api)}
        return render(request, self.template, context)


api = NinjaAPI(
    title="Sikkerhedsnet API",
    version="1",
    description=(
        "Sikkerhedsnettets API. Samme adgangsregler som siderne: et barn, man ikke har adgang "
        "til, svarer 404 ligesom et barn, der ikke findes, og hvert opslag på et barn logges."
    ),
    auth=django_auth,
    urls_namespace="api",
    docs=LocalSwagger(),
)
api.add_router("/", people_router)
api.add_router("/", audit_router)
api.add_router("/", intake_router)
api.add_router("/", measures_router)
