from django.urls import URLPattern, URLResolver

from nisi.raw_materials.views import agreements, applications, licences, listing

app_name = "raw_materials"

urlpatterns: list[URLPattern | URLResolver] = [
    *listing.urlpatterns,
    *applications.urlpatterns,
    *agreements.urlpatterns,
    *licences.urlpatterns,
]
