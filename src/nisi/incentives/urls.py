from django.urls import URLPattern, URLResolver

from nisi.incentives.views import applications, catalogue

app_name = "incentives"

urlpatterns: list[URLPattern | URLResolver] = [*catalogue.urlpatterns, *applications.urlpatterns]
