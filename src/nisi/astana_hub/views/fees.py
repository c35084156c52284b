"""Pages of the fees area."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
