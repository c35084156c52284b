from django.urls import URLPattern, URLResolver

from nisi.incentives.views import applications, catalogue, grants

app_name = "incentives"

urlpatterns: list[URLPattern | URLResolver] = [
    *catalogue.urlpatterns,
    *applications.urlpatterns,
    *grants.urlpatterns,
]
