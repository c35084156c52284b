from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.generic import RedirectView

from nisi.config.api import api
from nisi.core.publication.urls import catalog_patterns


def health(request: HttpRequest) -> HttpResponse:
    """For load balancers, and the benchmarks' trivial endpoint: answers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("health", health, name="health"),
    path("api/v1/", api.urls),
    path("api/docs", RedirectView.as_view(url="/api/v1/docs", permanent=False), name="api-docs"),
    path("i18n/", include("django.conf.urls.i18n")),
    *catalog_patterns,
]
urlpatterns += i18n_patterns(
    path(settings.NISI_ADMIN_PATH, admin.site.urls),
    path("law/", include("nisi.law.urls")),
    path("register/", include("nisi.registry.urls")),
    path("astana-hub/", include("nisi.astana_hub.urls")),
    path("contracts/", include("nisi.contracts.urls")),
    path("incentives/", include("nisi.incentives.urls")),
    path("industrialization/", include("nisi.industrialization.urls")),
    path("reporting/", include("nisi.reporting.urls")),
    path("raw-materials/", include("nisi.raw_materials.urls")),
    path("assembly/", include("nisi.assembly.urls")),
    path("scrap-metal/", include("nisi.scrap_metal.urls")),
    path("trade/", include("nisi.trade.urls")),
    path("industry-needs/", include("nisi.industry_needs.urls")),
    path("eurasian-register/", include("nisi.eurasian_register.urls")),
    path("infrastructure/", include("nisi.infrastructure.urls")),
    path("data/", include("nisi.core.publication.urls")),
    path("", include("nisi.web.urls")),
    prefix_default_language=True,
)

# Styled, translated error pages (JSON under /api/).
handler400 = "nisi.web.errors.bad_request"
handler403 = "nisi.web.errors.permission_denied"
handler404 = "nisi.web.errors.page_not_found"
handler500 = "nisi.web.errors.server_error"
