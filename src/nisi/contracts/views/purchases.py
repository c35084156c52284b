"""Pages of purchases and the domestic value of purchases (IP-47-1.3, IP-11.3): the customers the reader may see,
a customer's page (its batches, the import, the year's figure with its explanation, paged)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from nisi.contracts.forms.lists import CustomerFilterForm
from nisi.contracts.forms.purchases import PurchasesFileForm
from nisi.contracts.rules import domestic_value as rules
from nisi.contracts.rules.domestic_value import Verdict
from nisi.contracts.selectors import domestic_value
from nisi.contracts.selectors import purchases as selectors
from nisi.contracts.services import purchases as services
from nisi.core.authz import actor_for
from nisi.core.models import Organization
from nisi.forms.listing import list_page
from nisi.forms.posting import form_post
from nisi.law import clock

PER_PAGE = 50


@login_required
def customers(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    filters = CustomerFilterForm(request.GET or None)
    listing = list_page(
        request, filters.apply(selectors.customers_for(actor)), sorts=CustomerFilterForm.SORTS, per_page=PER_PAGE
    )
    return render(
        request,
        "contracts/purchases/customers.html",
        {"customers": listing.rows, "listing": listing, "filters": filters},
    )


def _int(text: str | None, default: int, low: int, high: int) -> int:
    try:
        value = int(text or default)
    except ValueError:
        return default
    return min(max(value, low), high)


@login_required
def customer(request: HttpRequest, identifier: str) -> HttpResponse:
    actor = actor_for(request.user)
    found = Organization.objects.filter(identifier=identifier).first()
    if found is None or not (selectors.may_see(actor, found) or selectors.may_import_for(actor, found)):
        raise Http404(_("No organization with this BIN whose purchases you may see."))
    here = reverse("contracts:purchases_customer", args=[found.identifier])
    may_import = selectors.may_import_for(actor, found)
    posted = request.method == "POST"
    form = (
        PurchasesFileForm(request.POST if posted else None, request.FILES if posted else None) if may_import else None
    )
    if form is not None:
        done = form_post(
            request,
            form,
            lambda data: services.purchases_import(
                actor=actor,
                customer=found,
                content=data["file"].read(),
                file_name=data["file"].name,
                skip_bad=data["skip_bad"],
            ),
            errors=services.PurchaseImportError,
            success=lambda r: (
                _("%(written)s lines recorded; %(skipped)s bad lines left out.")
                % {"written": r.written, "skipped": r.skipped_count}
            ),
            redirect_to=here,
            field="file",
        )
        if done:
            return done
    year = _int(request.GET.get("year"), clock.today().year, 2000, 2100)
    page = _int(request.GET.get("page"), 1, 1, 100_000)
    verdict = request.GET.get("verdict") or None
    if verdict not in {None, *(v.value for v in Verdict)}:
        verdict = None
    start, end = selectors.year_bounds(year)
    seen = selectors.may_see(actor, found)
    figure = selectors.figure_for(found, start, end) if seen else None
    lines = (
        domestic_value.judged_lines(
            customer_id=found.pk,
            start=start,
            end=end,
            verdict=Verdict(verdict) if verdict else None,
            offset=(page - 1) * PER_PAGE,
            limit=PER_PAGE + 1,
        )
        if seen
        else []
    )
    visible = selectors.amounts_visible(actor, found)
    query = f"?year={year}" + (f"&verdict={verdict}" if verdict else "")
    pager = {
        "previous": f"{here}{query}&page={page - 1}" if page > 1 else None,
        "next": f"{here}{query}&page={page + 1}" if len(lines) > PER_PAGE else None,
    }
    return render(
        request,
        "contracts/purchases/customer.html",
        {
            "customer": found,
            "form": form,
            "batches": selectors.batches_for(actor).filter(customer=found)[:20],
            "figure": figure,
            "parts": [(v, rules.VERDICT_TEXT[v], figure.parts[v]) for v in Verdict] if figure else [],
            "lines": [
                (line, visible or not line.price_confidential, rules.VERDICT_TEXT[line.verdict])
                for line in lines[:PER_PAGE]
            ],
            "visible": visible,
            "year": year,
            "verdict": verdict,
            "verdicts": [(v.value, rules.VERDICT_TEXT[v]) for v in Verdict],
            "pager": pager,
            "end": end - dt.timedelta(days=1),
        },
    )


urlpatterns: list[URLPattern] = [
    path("purchases/", customers, name="purchases"),
    path("purchases/<str:identifier>/", customer, name="purchases_customer"),
]
