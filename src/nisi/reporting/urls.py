from django.urls import URLPattern, URLResolver

from nisi.reporting.views import assessment, confidentiality, dashboard, effectiveness, report

app_name = "reporting"

# One line per area of the app: the assessments and the effectiveness of measures (IP-6), the National Report (IP-5.2)
# and the public dashboard (IP-16.3).
urlpatterns: list[URLPattern | URLResolver] = [
    *assessment.urlpatterns,
    *effectiveness.urlpatterns,
    *confidentiality.urlpatterns,
    *report.urlpatterns,
    *dashboard.urlpatterns,
]
