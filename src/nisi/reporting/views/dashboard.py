"""The public dashboard of the state of industry (IP-16.3): charts drawn on the server with a data table beside each,
open to everyone without signing in."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.translation import get_language

from nisi.reporting import report_render
from nisi.reporting.selectors.dashboard import KEEP_S, dashboard_data


def dashboard(request: HttpRequest) -> HttpResponse:
    data = dashboard_data()
    language = (get_language() or "ru")[:2]
    key = f"reporting:dashboard:tables:{data['on']}:{language}"
    tables = cache.get(key)
    if tables is None:
        tables = report_render.tables_in(data, language)
        cache.set(key, tables, KEEP_S)
    return render(request, "reporting/dashboard/dashboard.html", {"data": data, "tables": tables})


urlpatterns: list[URLPattern] = [path("dashboard/", dashboard, name="dashboard")]
