from django.urls import URLPattern, URLResolver

from nisi.assembly import views

app_name = "assembly"

urlpatterns: list[URLPattern | URLResolver] = [*views.urlpatterns]
