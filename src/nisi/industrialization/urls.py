from django.urls import URLPattern, URLResolver

from nisi.industrialization.views import map_page, projects, reports

app_name = "industrialization"

urlpatterns: list[URLPattern | URLResolver] = [
    *map_page.urlpatterns,
    *projects.urlpatterns,
    *reports.urlpatterns,
]
