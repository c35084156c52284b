"""The effectiveness of measures of state incentives (IP-6.3): the public aggregate with small cells suppressed, and
the page of the authorized body and the operators with each entity's figures it may see (the view recorded); both as
CSV."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from nisi.core import csv_export
from nisi.core.authz import actor_for
from nisi.core.identifiers import is_latin_digits
from nisi.law import clock
from nisi.reporting.selectors.effectiveness import Line, public_table
from nisi.reporting.services.effectiveness import entity_figures_view

FIRST_YEAR = 2022


def _year(request: HttpRequest) -> tuple[int, str | None]:
    default = clock.today().year - 1
    raw = request.GET.get("year", "")
    if not raw:
        return default, None
    if not is_latin_digits(raw) or not FIRST_YEAR <= int(raw) <= clock.today().year:
        return default, _("Choose a year from %(first)s to %(last)s.") % {
            "first": FIRST_YEAR,
            "last": clock.today().year,
        }
    return int(raw), None


def _years() -> list[int]:
    return list(range(clock.today().year, FIRST_YEAR - 1, -1))


def csv_response(filename: str, header: list[str], rows: Iterable[list[object]]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # a BOM, so that spreadsheet programs read UTF-8
    out = csv_export.writer(response)
    out.writerow(header)
    out.writerows(rows)
    return response


HEADER = [
    "year",
    "measure",
    "measure_title",
    "operator_bin",
    "operator",
    "region",
    "region_name",
    "entity_bin",
    "entity",
    "line",
    "suppressed",
    "entities",
    "agreements",
    "given_kzt",
    "reports",
    "mean_achieved_level",
    "reports_below_target",
    "refunds_due_kzt",
]


def _csv_rows(lines: Iterable[Line]) -> Iterable[list[object]]:
    for line in lines:
        f = line.figures
        figures: list[object] = (
            ["", "", "", "", "", "", ""]
            if f is None
            else [
                f.entity_count,
                f.agreements,
                f.given,
                f.reports,
                f.mean_level if f.mean_level is not None else "",
                f.short,
                f.refunds,
            ]
        )
        yield [
            line.year,
            line.measure,
            line.measure_title,
            line.operator,
            line.operator_name,
            line.region,
            line.region_name,
            line.entity,
            line.entity_name,
            line.kind,
            "yes" if f is None else "no",
            *figures,
        ]


def _totals(lines: list[Line]) -> tuple[Decimal, Decimal]:
    given = sum((line.figures.given for line in lines if line.figures), Decimal(0))
    refunds = sum((line.figures.refunds for line in lines if line.figures), Decimal(0))
    return given, refunds


def effectiveness_public(request: HttpRequest) -> HttpResponse:
    """IP-6.3: what was given and achieved, per measure, operator, region and year, no cell revealing an entity."""
    year, problem = _year(request)
    table = public_table(year, on=clock.today())
    if request.GET.get("format") == "csv":
        return csv_response(f"effectiveness-{year}.csv", HEADER, _csv_rows(table.lines))
    return render(
        request,
        "reporting/effectiveness_public.html",
        {"table": table, "year": year, "years": _years(), "problem": problem},
    )


@login_required
def effectiveness_entities(request: HttpRequest) -> HttpResponse:
    """IP-6.3: each entity's figures the reader may see — the authorized body all, an operator those that consented —
    every view recorded."""
    actor = actor_for(request.user)
    year, problem = _year(request)
    named = entity_figures_view(actor=actor, year=year, what=f"effectiveness of measures {year}, page")
    if request.GET.get("format") == "csv":
        return csv_response(f"effectiveness-entities-{year}.csv", HEADER, _csv_rows(named.lines))
    given, refunds = _totals(named.lines)
    return render(
        request,
        "reporting/effectiveness_entities.html",
        {
            "named": named,
            "year": year,
            "years": _years(),
            "problem": problem,
            "given": given,
            "refunds": refunds,
        },
    )


urlpatterns: list[URLPattern] = [
    path("effectiveness/", effectiveness_public, name="effectiveness"),
    path("effectiveness/entities/", effectiveness_entities, name="effectiveness_entities"),
]
