"""The JSON API under /api/, with its OpenAPI document at /api/openapi.json.

Same permissions as the pages: session login, the same access functions, the same access log.
"""

from ninja import NinjaAPI
from ninja.security import django_auth

from sikkerhedsnet.audit.api import router as audit_router
from sikkerhedsnet.intake.api import router as intake_router
from sikkerhedsnet.measures.api import router as measures_router
from sikkerhedsnet.people.api import router as people_router

api = NinjaAPI(
    title="Sikkerhedsnet API",
    version="1",
    description=(
        "Sikkerhedsnettets API. Samme adgangsregler som siderne: et barn, man ikke har adgang "
        "til, svarer 404 ligesom et barn, der ikke findes, og hvert opslag på et barn logges."
    ),
    auth=django_auth,
    urls_namespace="api",
)
api.add_router("/", people_router)
api.add_router("/", audit_router)
api.add_router("/", intake_router)
api.add_router("/", measures_router)
