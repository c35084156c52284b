"""A manufacturing enterprise's application to list a raw material and the authorized body's decision (IP-60.2,
60.3)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from nisi.core.authz import actor_for, allowed_actions
from nisi.forms.posting import form_post
from nisi.raw_materials import rules, selectors
from nisi.raw_materials.forms import ApplicationForm
from nisi.raw_materials.models import ListingApplication
from nisi.raw_materials.policies import may
from nisi.raw_materials.services import listing as services
from nisi.raw_materials.services.common import RawMaterialError
from nisi.raw_materials.views.common import own_organization


@login_required
def applications(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    return render(
        request,
        "raw_materials/applications.html",
        {
            "applications": selectors.applications_for(actor)[:500],
            "may_apply": may(actor, ListingApplication, "apply"),
        },
    )


@login_required
def application_new(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    manufacturer = own_organization(actor)
    if manufacturer is None or not may(actor, ListingApplication, "apply"):
        raise Http404(_("Only a manufacturing enterprise's users apply to list a raw material."))
    form = ApplicationForm(request.POST or None)
    done = form_post(
        request,
        form,
        lambda data: services.application_submit(actor=actor, manufacturer=manufacturer.identifier, **data),
        errors=RawMaterialError,
        success=lambda a: _("Application %(number)s was sent to the authorized body.") % {"number": a.number},
        redirect_to=lambda a: reverse("raw_materials:application", args=[a.number]),
    )
    return done or render(request, "raw_materials/application_new.html", {"form": form, "manufacturer": manufacturer})


@login_required
def application(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    found = selectors.application(actor, number)
    if found is None:
        raise Http404(_("No application with this number that you may see."))
    here = reverse("raw_materials:application", args=[number])
    done = form_post(
        request,
        None,
        lambda data: services.application_decide(actor=actor, application=found),
        errors=RawMaterialError,
        success=lambda a: (
            _("The raw material was listed.")
            if a.status == ListingApplication.Status.LISTED
            else _("The application was refused on the grounds shown.")
        ),
        redirect_to=here,
    )
    if done:
        return done
    documents = [(label, key in found.documents) for key, label in rules.REQUIRED_DOCUMENTS]
    return render(
        request,
        "raw_materials/application.html",
        {
            "application": found,
            "documents": documents,
            "grounds": [rules.Ground.from_dict(g) for g in found.grounds],
            "actions": allowed_actions(actor, found),
        },
    )


urlpatterns: list[URLPattern] = [
    path("applications/", applications, name="applications"),
    path("applications/new/", application_new, name="application_new"),
    path("applications/<str:number>/", application, name="application"),
]
