"""Pages of the governance area."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
