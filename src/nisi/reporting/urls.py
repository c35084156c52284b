from django.urls import URLPattern, URLResolver

from nisi.reporting.views import assessment, confidentiality, effectiveness

app_name = "reporting"

# One line per area of the app (the assessments and the effectiveness of measures here; the National Report adds its
# own).
urlpatterns: list[URLPattern | URLResolver] = [
    *assessment.urlpatterns,
    *effectiveness.urlpatterns,
    *confidentiality.urlpatterns,
]
