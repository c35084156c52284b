"""The API under /api/v1/, documented at /api/docs (OpenAPI 3.1 from the typed schemas)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from nisi.astana_hub.api import router as astana_hub_router
from nisi.core.api import router as core_router
from nisi.law import legal_calendar, params, provisions
from nisi.law.api import router as law_router
from nisi.registry.api import router as registry_router

api = NinjaAPI(
    title="nisi API",
    version="1",
    description=(
        "National Information System of Industry of the Republic of Kazakhstan. Public endpoints need no "
        "authentication; others take a personal token (`Authorization: Bearer nisi_…`) created in the personal "
        "account."
    ),
    urls_namespace="api",
)
api.add_router("/law", law_router)
api.add_router("/", core_router)
api.add_router("/register", registry_router)
api.add_router("/astana-hub", astana_hub_router)


@api.exception_handler(params.UnknownParameter)
@api.exception_handler(provisions.UnknownProvision)
def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=404)


@api.exception_handler(params.NoValueOnDate)
@api.exception_handler(legal_calendar.TermError)
def _unprocessable(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=422)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "You may not do this."}, status=403)
