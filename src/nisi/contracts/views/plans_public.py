"""The public list of goods planned for purchase (IP-47.5), searchable without signing in and downloadable as open
data; a manufacturer's application against a good of it (IP-47.6); the applications a customer received and a
manufacturer made (an application's own page is `examination`'s)."""

from __future__ import annotations

import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from nisi.contracts.forms.lists import ApplicationFilterForm
from nisi.contracts.forms.plans import ApplicationForm, SearchForm
from nisi.contracts.models import PlanLine
from nisi.contracts.publication import PLANNED
from nisi.contracts.selectors import plans as selectors
from nisi.contracts.services import plans as services
from nisi.contracts.services import plans_review
from nisi.core import csv_export
from nisi.core.authz import Actor, actor_for
from nisi.core.models import Organization
from nisi.core.publication.views import as_of_page
from nisi.core.roles import Role
from nisi.core.selectors import region_names
from nisi.forms.listing import list_page
from nisi.forms.posting import form_post
from nisi.law import clock

OPEN_DATA_COLUMNS = (
    "plan",
    "position",
    "customer_bin",
    "customer",
    "product_code",
    "description",
    "quantity",
    "unit",
    "year",
    "region",
    "planned_amount",
    "published_on",
    "applications_due_on",
)
MAX_OPEN_DATA_ROWS = 100_000


def _search(request: HttpRequest) -> tuple[SearchForm, object]:
    form = SearchForm(request.GET or None, regions=region_names(get_language() or "ru"))
    if form.is_bound and form.is_valid():
        lines = selectors.published_search(**form.cleaned_data)
    elif form.is_bound:
        lines = selectors.published_lines().none()
    else:
        lines = selectors.published_search()
    return form, lines


def goods(request: HttpRequest) -> HttpResponse:
    """IP-47.5: the goods planned for purchase of every published list, by product code, region and customer."""
    if (past := as_of_page(request, PLANNED)) is not None:  # "as of date D" (ADR 37)
        return past
    form, lines = _search(request)
    listing = list_page(request, lines)  # type: ignore[arg-type]
    actor = actor_for(request.user)
    return render(
        request,
        "contracts/plans/goods.html",
        {
            "form": form,
            "listing": listing,
            "lines": listing.rows,
            "may_apply": bool(_manufacturers(actor)),
            "today": clock.today(),
            "query": request.GET.urlencode(),
        },
    )


def goods_csv(request: HttpRequest) -> HttpResponse:
    """The same list as open data (CSV, formulas neutralised), at most 100,000 rows."""
    _form, lines = _search(request)
    out = io.StringIO()
    writer = csv_export.writer(out)
    writer.writerow(OPEN_DATA_COLUMNS)
    for line in lines[:MAX_OPEN_DATA_ROWS]:  # type: ignore[index]
        plan = line.plan
        writer.writerow(
            (
                plan.number,
                line.position,
                plan.organization.identifier,
                plan.organization.name,
                line.product_code,
                line.description,
                line.quantity,
                line.unit,
                line.year,
                line.region_id or plan.region_id or "",
                line.planned_amount,
                plan.published_on,
                plan.applications_due_on,
            )
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="goods-planned-for-purchase.csv"'
    return response


def _manufacturers(actor: Actor) -> list[Organization]:
    ids = [g.organization_id for g in actor.grants if g.role == Role.APPLICANT and g.organization_id]
    return list(Organization.objects.filter(pk__in=ids).order_by("name"))


def _line(number: str, position: int) -> PlanLine:
    line = selectors.published_lines().filter(plan__number=number, position=position).first()
    if line is None:
        raise Http404(_("No such good on a published list."))
    return line


@login_required
def apply(request: HttpRequest, number: str, position: int) -> HttpResponse:
    """A manufacturer applies for an off-take contract or a guaranteed purchase agreement for a good (IP-47.6)."""
    actor = actor_for(request.user)
    line = _line(number, position)
    orgs = _manufacturers(actor)
    if not orgs:
        raise PermissionDenied(_("Applications are made by the users of manufacturing enterprises."))
    form = ApplicationForm(request.POST or None)
    done = form_post(
        request,
        form,
        lambda data: plans_review.application_submit(actor=actor, line=line, organization=orgs[0], **data),
        errors=services.PlanError,
        success=lambda a: _("Your application %(n)s was sent to the customer.") % {"n": a.number},
        redirect_to=lambda a: reverse("contracts:application", args=[a.number]),
    )
    return done or render(
        request, "contracts/plans/apply.html", {"form": form, "line": line, "plan": line.plan, "organization": orgs[0]}
    )


@login_required
def applications(request: HttpRequest) -> HttpResponse:
    """The applications a customer received, or a manufacturer made (officers: all)."""
    actor = actor_for(request.user)
    filters = ApplicationFilterForm(request.GET or None)
    listing = list_page(request, filters.apply(selectors.applications_for(actor)), sorts=ApplicationFilterForm.SORTS)
    return render(
        request,
        "contracts/plans/applications.html",
        {"listing": listing, "applications": listing.rows, "filters": filters},
    )


urlpatterns: list[URLPattern] = [
    path("goods/", goods, name="goods"),
    path("goods.csv", goods_csv, name="goods_csv"),
    path("goods/<str:number>/<int:position>/apply/", apply, name="apply"),
    path("applications/", applications, name="applications"),
]
