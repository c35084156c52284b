"""Pages of the financing area."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
