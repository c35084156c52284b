"""Export licences (IP-60.9): the producer's application, the authorized body's decision, and the monitoring of
agreements and licences (IP-60.10)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from nisi.core.authz import actor_for, allowed_actions
from nisi.core.identifiers import is_latin_digits
from nisi.forms.posting import bound_if, form_post, posted_step, step_post
from nisi.law import clock
from nisi.raw_materials import rules, selectors
from nisi.raw_materials.forms import LicenceForm, ReasonsForm
from nisi.raw_materials.models import Agreement
from nisi.raw_materials.policies import may
from nisi.raw_materials.services import licences as services
from nisi.raw_materials.services.common import RawMaterialError


@login_required
def licences(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    mine = list(selectors.producers_for(actor, "apply_licence"))
    by_id = {str(p.pk): p for p in mine}
    form = None
    if mine:
        form = LicenceForm(
            request.POST or None,
            producers=[(str(p.pk), f"{p.raw_material.code} {p.raw_material.name}") for p in mine],
            initial={"year": clock.today().year},
        )
        done = form_post(
            request,
            form,
            lambda data: services.licence_apply(
                actor=actor,
                producer=by_id[data["producer"]],
                year=data["year"],
                volume=data["volume"],
                destination=data["destination"],
            ),
            errors=RawMaterialError,
            success=lambda lic: _("Application %(number)s for an export licence was sent.") % {"number": lic.number},
            redirect_to=lambda lic: reverse("raw_materials:licence", args=[lic.number]),
        )
        if done:
            return done
    return render(
        request, "raw_materials/licences.html", {"licences": selectors.licences_for(actor)[:500], "form": form}
    )


@login_required
def licence(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    found = selectors.licence(actor, number)
    if found is None:
        raise Http404(_("No licence with this number that you may see."))
    actions = allowed_actions(actor, found)
    step = posted_step(request, actions & {"issue", "refuse"}, refused=_("You cannot do this."))
    grounds = services.obligations(found.producer, clock.today()) if "issue" in actions else []
    reasons_form = ReasonsForm(
        bound_if(request, step, "refuse"), initial={"reasons": " ".join(g.text for g in grounds)}
    )
    here = reverse("raw_materials:licence", args=[number])
    steps: dict[str, Any] = {
        "issue": (None, lambda data: services.licence_issue(actor=actor, licence=found), _("The licence was issued.")),
        "refuse": (
            reasons_form,
            lambda data: services.licence_refuse(actor=actor, licence=found, **data),
            _("The licence was refused."),
        ),
    }
    done = step_post(request, step, steps, errors=RawMaterialError, redirect_to=here)
    return done or render(
        request,
        "raw_materials/licence.html",
        {
            "licence": found,
            "actions": actions,
            "grounds": grounds,
            "period": rules.preceding_period(clock.today()),
            "reasons_form": reasons_form,
        },
    )


@login_required
def monitoring(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not may(actor, Agreement, "terminate") and "auditor" not in actor.roles:
        raise Http404(_("The monitoring is the authorized body's."))
    year_text = request.GET.get("year", "")
    year = int(year_text) if is_latin_digits(year_text) and 2000 <= int(year_text) <= 2100 else clock.today().year - 1
    return render(
        request,
        "raw_materials/monitoring.html",
        {
            "year": year,
            "lines": selectors.monitoring(actor, year),
            "licences": selectors.licences_for(actor).filter(year__in=[year, year + 1]),
            "bars": selectors.bars(),
        },
    )


urlpatterns: list[URLPattern] = [
    path("licences/", licences, name="licences"),
    path("licences/<str:number>/", licence, name="licence"),
    path("monitoring/", monitoring, name="monitoring"),
]
