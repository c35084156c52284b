"""Pages of large customers (IP-1.25, IP-46.2): the public list, searchable; the authorized body records a customer
(refused, with the reason, for the National Welfare Fund's entities and for a systemic enterprise the approved list
does not name), ends one, and records the National Welfare Fund and the ownership chain it is given."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from nisi.contracts.forms.customers import CustomerEndForm, CustomerForm, CustomerSearchForm, FundForm, OwnershipForm
from nisi.contracts.models import LargeCustomer, NationalWelfareFund, OwnershipLink
from nisi.contracts.policies import may
from nisi.contracts.selectors import customers as selectors
from nisi.contracts.services import customers as services
from nisi.core.authz import actor_for, allowed_actions
from nisi.forms.listing import page_number, pager
from nisi.forms.posting import form_post
from nisi.law import clock

PAGE_SIZE = 50


def customers(request: HttpRequest) -> HttpResponse:
    """The large customers in force, for everyone; the authorized body records one here."""
    actor = actor_for(request.user)
    here = reverse("contracts:customers")
    form = None
    if may(actor, LargeCustomer, "record"):
        form = CustomerForm(request.POST or None, initial={"since": clock.today()})
        done = form_post(
            request,
            form,
            lambda data: services.customer_record(
                actor=actor,
                organization=services.organization_named(data["identifier"], "identifier"),
                kind=data["kind"],
                since=data["since"],
            ),
            errors=services.CustomerError,
            success=lambda c: _("%(name)s is recorded as a large customer.") % {"name": c.organization.name},
            redirect_to=lambda c: reverse("contracts:customer", args=[c.organization.identifier]),
            fields={"organization": "identifier"},
        )
        if done:
            return done
    search = CustomerSearchForm(request.GET or None)
    q, kind = "", ""
    if search.is_valid():
        q, kind = search.cleaned_data["q"], search.cleaned_data["kind"]
    number = page_number(request)
    rows = list(selectors.public_customers(q=q, kind=kind)[(number - 1) * PAGE_SIZE : number * PAGE_SIZE + 1])
    return render(
        request,
        "contracts/customers/list.html",
        {
            "rows": rows[:PAGE_SIZE],
            "pager": pager(request, number, len(rows) > PAGE_SIZE),
            "search": search,
            "form": form,
            "here": here,
            "may_chain": may(actor, OwnershipLink, "view"),
        },
    )


def customer(request: HttpRequest, identifier: str) -> HttpResponse:
    """One large customer: its kind and period; for the officers, the National Welfare Fund's share in it today and
    the chain it rests on (IP-46.2)."""
    actor = actor_for(request.user)
    found = selectors.customer_by_identifier(actor, identifier)
    if found is None:
        raise Http404(_("No large customer with this BIN that you may see."))
    here = reverse("contracts:customer", args=[identifier])
    actions = allowed_actions(actor, found)
    form = None
    if "end" in actions:
        form = CustomerEndForm(request.POST or None, initial={"until": clock.today()})
        done = form_post(
            request,
            form,
            lambda data: services.customer_end(actor=actor, customer=found, until=data["until"]),
            errors=services.CustomerError,
            success=_("It is no longer a large customer."),
            redirect_to=here,
        )
        if done:
            return done
    held = None
    if may(actor, OwnershipLink, "view"):
        held = services.fund_holding(found.organization, clock.today())
    return render(request, "contracts/customers/detail.html", {"customer": found, "form": form, "held": held})


@login_required
def ownership(request: HttpRequest) -> HttpResponse:
    """The National Welfare Fund and the ownership chain (IP-46.2): recorded by the authorized body, read by the
    officers."""
    actor = actor_for(request.user)
    if not may(actor, OwnershipLink, "view"):
        raise PermissionDenied(_("Only the authorized body and the officers who read the ownership chain see it."))
    here = reverse("contracts:customers_ownership")
    fund_form = link_form = None
    if may(actor, NationalWelfareFund, "record"):
        step = request.POST.get("step")
        fund_form = FundForm(request.POST if step == "fund" else None)
        link_form = OwnershipForm(request.POST if step == "link" else None, initial={"on": clock.today()})
        done = None
        if step == "fund":
            done = form_post(
                request,
                fund_form,
                lambda data: services.fund_record(
                    actor=actor, organization=services.organization_named(data["identifier"], "identifier")
                ),
                errors=services.CustomerError,
                success=_("The National Welfare Fund is recorded."),
                redirect_to=here,
                fields={"organization": "identifier"},
            )
        elif step == "link":
            done = form_post(
                request,
                link_form,
                lambda data: services.ownership_record(
                    actor=actor,
                    owner=services.organization_named(data["owner"], "owner"),
                    owned=services.organization_named(data["owned"], "owned"),
                    share=data["share"],
                    on=data["on"],
                    trust_management=data["trust_management"],
                ),
                errors=services.CustomerError,
                success=_("The holding is recorded."),
                redirect_to=here,
            )
        if done:
            return done
    return render(
        request,
        "contracts/customers/ownership.html",
        {
            "fund": selectors.fund_for(actor),
            "links": selectors.links_for(actor)[: selectors.LIST_LIMIT],
            "fund_form": fund_form,
            "link_form": link_form,
        },
    )


urlpatterns: list[URLPattern] = [
    path("customers/", customers, name="customers"),
    path("customers/ownership/", ownership, name="customers_ownership"),
    path("customers/<str:identifier>/", customer, name="customer"),
]
