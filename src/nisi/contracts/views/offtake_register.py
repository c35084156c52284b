"""The public register of off-take contracts (IP-1.8-1, IP-48.6): searched, filtered and paged without signing in,
a contract's entry, and the whole register (as filtered) as open data in CSV."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from nisi.contracts.forms.offtake import RegisterFilterForm
from nisi.contracts.publication import OFFTAKE
from nisi.contracts.selectors import offtake as selectors
from nisi.core import csv_export
from nisi.core.publication.views import as_of_page
from nisi.forms.listing import list_page

CSV_HEADER = [
    "number",
    "status",
    "customer_bin",
    "customer",
    "manufacturer_bin",
    "manufacturer",
    "hs_code",
    "tnved_code",
    "goods",
    "unit",
    "signed_on",
    "starts_on",
    "ends_on",
    "min_domestic_value_percent",
    "volumes_by_year",
]
CSV_LIMIT = 100_000


def register(request: HttpRequest) -> HttpResponse:
    if (past := as_of_page(request, OFFTAKE)) is not None:  # "as of date D" (ADR 37)
        return past
    form = RegisterFilterForm(request.GET or None)
    listing = list_page(request, selectors.offtake_register(**form.values()), sorts=RegisterFilterForm.SORTS)
    return render(
        request, "contracts/offtake/register.html", {"contracts": listing.rows, "listing": listing, "filters": form}
    )


def register_entry(request: HttpRequest, number: str) -> HttpResponse:
    if (past := as_of_page(request, OFFTAKE, number)) is not None:
        return past
    contract = selectors.offtake_register().filter(number=number).prefetch_related("years").first()
    if contract is None:
        raise Http404(_("No off-take contract with this number is in the register."))
    return render(request, "contracts/offtake/register_entry.html", {"entry": selectors.register_entry(contract)})


def register_csv(request: HttpRequest) -> HttpResponse:
    """The register as filtered, in CSV (UTF-8 with BOM, dates ISO, volumes as "year:volume" joined by spaces)."""
    form = RegisterFilterForm(request.GET or None)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="offtake-register.csv"'
    response.write("\ufeff")
    writer = csv_export.writer(response)
    writer.writerow(CSV_HEADER)
    for c in selectors.offtake_register(**form.values()).prefetch_related("years")[:CSV_LIMIT]:
        writer.writerow(
            [
                c.number,
                c.status,
                c.customer.identifier,
                c.customer.name,
                c.manufacturer.identifier,
                c.manufacturer.name,
                c.hs_code,
                c.tnved_code,
                c.goods_name,
                c.unit,
                c.signed_on.isoformat() if c.signed_on else "",
                c.starts_on.isoformat(),
                c.ends_on.isoformat(),
                c.min_domestic_value if c.min_domestic_value is not None else "",
                " ".join(f"{y.year}:{y.contracted_volume.normalize():f}" for y in c.years.all()),
            ]
        )
    return response


urlpatterns: list[URLPattern] = [
    path("offtake/register/", register, name="offtake_register"),
    path("offtake/register.csv", register_csv, name="offtake_register_csv"),
    path("offtake/register/<str:number>/", register_entry, name="offtake_register_entry"),
]
