"""Pages of the participants area."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
