"""Goods a large customer excluded from its plan (IP-47.3), shown during the plan's review to the producers in the
register of Kazakhstani commodity producers for them; a producer's objection ("we make this"), and the authorized
body's decision on it (IP-47.4)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from nisi.contracts.forms.examination import ObjectionForm
from nisi.contracts.forms.lists import ObjectionFilterForm
from nisi.contracts.forms.offtake import ReasonsForm
from nisi.contracts.models import ExclusionObjection, PlanLine
from nisi.contracts.policies import may
from nisi.contracts.selectors import objections as selectors
from nisi.contracts.services import objections as services
from nisi.core.authz import actor_for, allowed_actions
from nisi.forms.listing import list_page
from nisi.forms.posting import bound_if, form_post, posted_step, step_post


@login_required
def excluded(request: HttpRequest) -> HttpResponse:
    """The excluded goods of plans under review the actor may see (a producer: those it is in the register for)."""
    actor = actor_for(request.user)
    listing = list_page(request, selectors.excluded_for(actor))
    producers = selectors.producer_organizations(actor)
    objected = set(
        ExclusionObjection.objects.filter(organization__in=producers, line__in=listing.rows).values_list(
            "line_id", flat=True
        )
    )
    return render(
        request,
        "contracts/plans/excluded.html",
        {
            "listing": listing,
            "lines": listing.rows,
            "objected": objected,
            "may_object": bool(producers) and may(actor, ExclusionObjection, "file"),
        },
    )


def _line(request: HttpRequest, number: str, position: int) -> PlanLine:
    line = selectors.excluded_for(actor_for(request.user)).filter(plan__number=number, position=position).first()
    if line is None:
        raise Http404(_("No such excluded good among those shown to you."))
    return line


@login_required
def objection_new(request: HttpRequest, number: str, position: int) -> HttpResponse:
    actor = actor_for(request.user)
    line = _line(request, number, position)
    producers = selectors.producer_organizations(actor)
    if not producers:
        raise PermissionDenied(_("Objections are filed by the users of producers in the register."))
    form = ObjectionForm(request.POST or None)
    done = form_post(
        request,
        form,
        lambda d: services.objection_file(actor=actor, line=line, organization=producers[0], **d),
        errors=services.ObjectionError,
        success=lambda o: (
            _("Your objection %(n)s was sent; the authorized body decides it in the review.") % {"n": o.number}
        ),
        redirect_to=lambda o: reverse("contracts:objection", args=[o.number]),
    )
    return done or render(
        request, "contracts/plans/objection_new.html", {"form": form, "line": line, "organization": producers[0]}
    )


@login_required
def objections(request: HttpRequest) -> HttpResponse:
    filters = ObjectionFilterForm(request.GET or None)
    listing = list_page(
        request, filters.apply(selectors.objections_for(actor_for(request.user))), sorts=ObjectionFilterForm.SORTS
    )
    return render(
        request,
        "contracts/plans/objections.html",
        {"listing": listing, "objections": listing.rows, "filters": filters},
    )


@login_required
def objection(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    found = selectors.objections_for(actor).filter(number=number).first()
    if found is None:
        raise Http404(_("No such objection among those you can see."))
    actions = allowed_actions(actor, found)
    step = posted_step(request, actions, refused=_("You cannot take this step on this objection now."))
    forms = {
        "accept": ReasonsForm(bound_if(request, step, "accept"), prefix="accept"),
        "reject": ReasonsForm(bound_if(request, step, "reject"), prefix="reject"),
    }
    done = step_post(
        request,
        step,
        {
            "accept": (
                forms["accept"],
                lambda d: services.objection_accept(actor=actor, objection=found, **d),
                _("The objection was accepted; the customer plans the good before the plan is agreed."),
            ),
            "reject": (
                forms["reject"],
                lambda d: services.objection_reject(actor=actor, objection=found, **d),
                _("The objection was rejected; the producer was notified."),
            ),
        },
        errors=services.ObjectionError,
        redirect_to=reverse("contracts:objection", args=[number]),
    )
    return done or render(
        request, "contracts/plans/objection.html", {"objection": found, "actions": actions, "forms": forms}
    )


urlpatterns: list[URLPattern] = [
    path("excluded/", excluded, name="excluded"),
    path("excluded/<str:number>/<int:position>/object/", objection_new, name="objection_new"),
    path("objections/", objections, name="objections"),
    path("objections/<str:number>/", objection, name="objection"),
]
