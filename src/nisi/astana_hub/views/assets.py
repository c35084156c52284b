"""Pages of the assets area."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
