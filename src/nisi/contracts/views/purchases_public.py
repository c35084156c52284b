"""Public pages of the domestic value of large customers' purchases in closed years (issue 12; ADR 21, addendum 6):
the year's figures of every large customer, and one customer's figure with its lines, each linking to the API
operations that give the same figures and the register's inputs to recompute them. `?as_of=YYYY-MM-DD` reads them
as they stood at the end of that day (ADR 47)."""

from __future__ import annotations

import csv
import datetime as dt
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from nisi.contracts.rules import domestic_value as rules
from nisi.contracts.rules.domestic_value import Verdict
from nisi.contracts.selectors import purchases_public as selectors
from nisi.core.authz import actor_for
from nisi.core.publication import rules as publication_rules
from nisi.law import clock

PER_PAGE = 50
FIRST_YEAR, LAST_YEAR = 2000, 2199  # as the API's path accepts


def _int(text: str | None, default: int, low: int, high: int) -> int:
    try:
        value = int(text or default)
    except ValueError:
        return default
    return min(max(value, low), high)


def _as_of(request: HttpRequest) -> tuple[dt.date | None, str, str]:
    """The day asked for (None: now), the text asked, and the problem with it (empty when none)."""
    text = request.GET.get("as_of", "")
    if "as_of" not in request.GET:
        return None, "", ""
    day, problem = publication_rules.as_of_day(text, clock.today())
    return day, text, "" if day is not None else str(problem)


def _api(name: str, *args: object, as_of: str = "") -> str:
    url = reverse(f"api:contracts_domestic_value_{name}", args=[str(a) for a in args])
    return f"{url}?{urlencode({'as_of': as_of})}" if as_of else url


def year_list(request: HttpRequest) -> HttpResponse:
    day, as_of, problem = _as_of(request)
    last_closed = (day or clock.today()).year - 1
    year = _int(request.GET.get("year"), last_closed, FIRST_YEAR, LAST_YEAR)
    found = [] if problem else selectors.figures_of_year(actor_for(request.user), year, day)
    return render(
        request,
        "contracts/purchases/public_year.html",
        {
            "year": year,
            "open": selectors.year_open(year, day),
            "figures": found,
            "as_of": as_of,
            "problem": problem,
            "api": _api("year", year, as_of=as_of),
        },
        status=400 if problem else 200,
    )


CSV_COLUMNS = (
    "customer_bin",
    "customer",
    "year",
    "lines",
    "total",
    "counted",
    "share_percent",
    "withheld_lines",
    "withheld_amount",
    "withheld_counted",
    "money_withheld",
)


def year_csv(request: HttpRequest, year: int) -> HttpResponse:
    """The year's figures of every large customer as open data (CSV, UTF-8), the same as the API's list; an open year
    gives the header alone. Money the public may not read is an empty cell."""
    day, _text, problem = _as_of(request)
    if problem or not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404(problem or _("Give a year from 2000 to 2199."))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="domestic-value-{year}.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for found in selectors.figures_of_year(actor_for(request.user), year, day):
        f, hide = found.figure, found.money_withheld
        money = (f.total, f.counted, f.share) if not hide else ("", "", "")
        withheld = (f.confidential.amount, rules.tenge(f.confidential.counted)) if not hide else ("", "")
        writer.writerow(
            [
                found.customer.identifier,
                found.customer.name,
                year,
                f.lines,
                *money,
                f.confidential.lines,
                *withheld,
                hide,
            ]
        )
    return response


def customer_year(request: HttpRequest, year: int, identifier: str) -> HttpResponse:
    day, as_of, problem = _as_of(request)
    if problem:
        return render(
            request,
            "contracts/purchases/public_year.html",
            {"year": year, "figures": [], "as_of": as_of, "problem": problem},
            status=400,
        )
    known_year = FIRST_YEAR <= year <= LAST_YEAR
    customer = (
        selectors.large_customer(identifier, year, day) if known_year and not selectors.year_open(year, day) else None
    )
    if customer is None:
        raise Http404(
            _(
                "No large customer with this BIN in that year, or the year has not closed yet: a year's figures are "
                "public from 1 January of the next year. Check the BIN and the year."
            )
        )
    found = selectors.figure_of(actor_for(request.user), customer, year, day)
    page = _int(request.GET.get("page"), 1, 1, 100_000)
    verdict = request.GET.get("verdict") or None
    if verdict not in {None, *(v.value for v in Verdict)}:
        verdict = None
    lines = selectors.lines_of(
        found,
        day=day,
        verdict=Verdict(verdict) if verdict else None,
        offset=(page - 1) * PER_PAGE,
        limit=PER_PAGE + 1,
    )
    query = "?" + "&".join(p for p in (f"verdict={verdict}" if verdict else "", f"as_of={as_of}" if as_of else "") if p)
    query = "" if query == "?" else query + "&"
    here = reverse("contracts:domestic_value_customer", args=[year, customer.identifier])
    return render(
        request,
        "contracts/purchases/public_customer.html",
        {
            "found": found,
            "customer": customer,
            "year": year,
            "figure": found.figure,
            "hide": found.money_withheld,
            "parts": [(v, rules.VERDICT_TEXT[v], found.figure.parts[v]) for v in Verdict],
            "lines": [
                (line, found.amounts_visible or not line.price_confidential, rules.VERDICT_TEXT[line.verdict])
                for line in lines[:PER_PAGE]
            ],
            "as_of": as_of,
            "verdict": verdict,
            "pager": {
                "previous": f"{here}{query or '?'}page={page - 1}" if page > 1 else None,
                "next": f"{here}{query or '?'}page={page + 1}" if len(lines) > PER_PAGE else None,
            },
            "api": {
                "figure": _api("customer", year, customer.identifier, as_of=as_of),
                "lines": _api("lines", year, customer.identifier, as_of=as_of),
                "register": _api("register", year, customer.identifier, as_of=as_of),
            },
        },
    )


urlpatterns: list[URLPattern] = [
    path("domestic-value/", year_list, name="domestic_value"),
    path("domestic-value/<int:year>.csv", year_csv, name="domestic_value_csv"),
    path("domestic-value/<int:year>/<str:identifier>/", customer_year, name="domestic_value_customer"),
]
