"""The map of industrialization (IP-6.2, IP-16.3): public, and the officers' page too. Regions drawn by Leaflet from
the shapes shipped with the project, coloured by the chosen figure; beside it the same data as tables, which is what
a reader without JavaScript or with a screen reader reads."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import URLPattern, path, reverse
from django.utils.translation import get_language

from nisi.core.authz import actor_for
from nisi.core.publication.views import as_of_page
from nisi.core.roles import Role
from nisi.industrialization.forms import FIGURES, MapFilterForm
from nisi.industrialization.models import Stage
from nisi.industrialization.publication import MAP
from nisi.industrialization.rules import QuarterError, parse_quarter
from nisi.industrialization.selectors.map import MapFilters, map_data
from nisi.law import clock

DAY = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")  # else a quarter (2026-Q1), checked by the form


def _json_number(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def the_map(request: HttpRequest) -> HttpResponse:
    asked = request.GET.get("as_of", "")
    if DAY.fullmatch(asked) and (past := as_of_page(request, MAP)) is not None:
        return past  # a day (YYYY-MM-DD), not a quarter: the map's projects as of that day (ADR 37)
    language = get_language() or "en"
    form = MapFilterForm(request.GET or None, language=language)
    values = form.values()
    try:
        as_of = parse_quarter(values["as_of"], clock.today()) if values.get("as_of") else None
    except QuarterError as exc:
        form.add_error("as_of", str(exc))
        as_of = None
    figure = values.get("figure") or "investment"
    data = map_data(
        MapFilters(
            region=values.get("region"),
            industry=values.get("industry"),
            stage=values.get("stage"),
            year=values.get("year"),
            as_of=as_of,
        ),
        language,
    )
    payload = {
        "figure": figure,
        "shapes": static("industrialization/kz-regions.geojson"),
        "regions": {
            r.code: {"name": r.name, "projects": r.projects, "investment": str(r.investment), "jobs": r.jobs}
            for r in data.regions
        },
        "projects": [{k: _json_number(v) for k, v in p.items()} for p in data.projects],
    }
    actor = actor_for(request.user)
    officer = bool(actor.roles & {Role.AUTHORIZED_BODY, Role.AKIMAT, Role.RESPONSIBLE_BODY, Role.AUDITOR})
    return render(
        request,
        "industrialization/map.html",
        {
            "form": form,
            "data": data,
            "payload": payload,
            "figure_label": dict(FIGURES)[figure],
            "stages": Stage.choices,
            "officer": officer,
            "api_url": reverse("api:industrialization_map") + ("?" + request.GET.urlencode() if request.GET else ""),
        },
    )


urlpatterns: list[URLPattern] = [path("", the_map, name="map")]
