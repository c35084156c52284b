"""The public page that explains the Open Contracting feed (ADR 24)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from nisi.contracts.selectors import ocds as selectors


def open_contracting(request: HttpRequest) -> HttpResponse:
    return render(request, "contracts/ocds/open_contracting.html", {"max_limit": selectors.MAX_LIMIT})


urlpatterns: list[URLPattern] = [path("open-contracting/", open_contracting, name="open_contracting")]
