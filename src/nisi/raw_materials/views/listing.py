"""The public list of domestic raw materials with their producers and shares (IP-60.1, 60.4, 60.5), a raw material's
page, and the authorized body's record of a producer's facts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from nisi.core.authz import actor_for, allowed_actions
from nisi.core.identifiers import is_latin_digits
from nisi.core.publication.views import as_of_page
from nisi.forms.posting import form_post
from nisi.law import clock
from nisi.raw_materials import selectors
from nisi.raw_materials.forms import ProducerFactsForm
from nisi.raw_materials.publication import RAW_MATERIALS
from nisi.raw_materials.services import listing as services
from nisi.raw_materials.services.common import RawMaterialError


def raw_materials(request: HttpRequest) -> HttpResponse:
    if (past := as_of_page(request, RAW_MATERIALS)) is not None:  # "as of date D" (ADR 37)
        return past
    actor = actor_for(request.user)
    today = clock.today()
    views = [selectors.standing(m, today) for m in selectors.raw_materials()]
    return render(request, "raw_materials/list.html", {"views": views, "actor": actor})


def raw_material(request: HttpRequest, code: str) -> HttpResponse:
    if (past := as_of_page(request, RAW_MATERIALS, code)) is not None:
        return past
    material = selectors.raw_material(code)
    if material is None:
        raise Http404(_("%(code)s is not on the list of domestic raw materials.") % {"code": code})
    year = request.GET.get("year")
    view = selectors.standing(material, clock.today(), int(year) if year and is_latin_digits(year) else None)
    actor = actor_for(request.user)
    return render(
        request,
        "raw_materials/raw_material.html",
        {
            "view": view,
            "years": selectors.years_with_volumes(material),
            "may_set": [line for line in view.lines if "set_facts" in allowed_actions(actor, line.producer)],
        },
    )


@login_required
def producer_facts(request: HttpRequest, code: str, identifier: str) -> HttpResponse:
    actor = actor_for(request.user)
    material = selectors.raw_material(code)
    producer = material.producers.filter(organization__identifier=identifier).first() if material else None
    if producer is None or "set_facts" not in allowed_actions(actor, producer):
        raise Http404(_("No such producer whose facts you record."))
    form = ProducerFactsForm(
        request.POST or None,
        initial={"operating_since": producer.operating_since, "excluded_ground": producer.excluded_ground},
    )
    here = reverse("raw_materials:raw_material", args=[code])
    done = form_post(
        request,
        form,
        lambda data: services.producer_facts_set(actor=actor, producer=producer, **data),
        errors=RawMaterialError,
        success=_("The producer's facts were recorded."),
        redirect_to=here,
    )
    return done or render(request, "raw_materials/producer_facts.html", {"producer": producer, "form": form})


urlpatterns: list[URLPattern] = [
    path("", raw_materials, name="list"),
    path("list/<str:code>/", raw_material, name="raw_material"),
    path("list/<str:code>/producers/<str:identifier>/", producer_facts, name="producer_facts"),
]
