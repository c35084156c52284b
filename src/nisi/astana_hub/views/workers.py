"""Pages of the workers area."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
