"""Pages of the programmes area."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
