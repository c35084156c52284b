from django.urls import URLPattern, URLResolver

from nisi.reporting.views import dashboard, report

app_name = "reporting"

urlpatterns: list[URLPattern | URLResolver] = [
    *report.urlpatterns,
    *dashboard.urlpatterns,
]
