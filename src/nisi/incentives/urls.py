from django.urls import URLPattern, URLResolver

from nisi.incentives.views import agreements, applications, catalogue, competitiveness, grants
from nisi.incentives.views import alerts as alert_views
from nisi.incentives.views import queue as queue_views

app_name = "incentives"

urlpatterns: list[URLPattern | URLResolver] = [
    *catalogue.urlpatterns,
    *applications.urlpatterns,
    *agreements.urlpatterns,
    *competitiveness.urlpatterns,
    *grants.urlpatterns,
    *queue_views.urlpatterns,
    *alert_views.urlpatterns,
]
