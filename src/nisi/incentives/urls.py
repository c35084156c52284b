from django.urls import URLPattern, URLResolver

from nisi.incentives.views import agreements, applications, catalogue, competitiveness, grants
from nisi.incentives.views import alerts as alert_views
from nisi.incentives.views import queue as queue_views
from nisi.incentives.views.grant_results import urlpatterns as grant_results_urls

app_name = "incentives"

urlpatterns: list[URLPattern | URLResolver] = [
    *catalogue.urlpatterns,
    *applications.urlpatterns,
    *agreements.urlpatterns,
    *competitiveness.urlpatterns,
    *grants.urlpatterns,
    *grant_results_urls,
    *queue_views.urlpatterns,
    *alert_views.urlpatterns,
]
