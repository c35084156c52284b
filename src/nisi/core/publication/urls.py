from django.urls import path

from nisi.core.publication import views

app_name = "publication"
urlpatterns = [path("", views.data_page, name="data")]
# Outside the language prefix: one address for machines.
catalog_patterns = [path("data/catalog.jsonld", views.catalog_jsonld, name="data_catalog")]
