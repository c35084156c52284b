from django.urls import URLPattern, URLResolver

from nisi.incentives.views import agreements, applications, catalogue, competitiveness, grants
from nisi.incentives.views import grant_results

app_name = "incentives"

urlpatterns: list[URLPattern | URLResolver] = [
    *catalogue.urlpatterns,
    *applications.urlpatterns,
    *agreements.urlpatterns,
    *competitiveness.urlpatterns,
    *grants.urlpatterns,
    *grant_results.urlpatterns,
]
