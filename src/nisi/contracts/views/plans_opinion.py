"""The domestic value development institute's opinion on a plan under review (IP-47.4): its officer records it on
the plan's own page; the plan's page shows the opinions to the authorized body before it decides."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from nisi.contracts.forms.opinions import OpinionForm
from nisi.contracts.selectors import opinions as opinion_selectors
from nisi.contracts.selectors import plans as selectors
from nisi.contracts.services import plans_review
from nisi.contracts.services.plans import PlanError
from nisi.core.authz import actor_for, allowed_actions
from nisi.forms.posting import form_post


@login_required
def opinion(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    plan = selectors.plans_for(actor).filter(number=number).first()
    if plan is None:
        raise Http404(_("No such plan among those you can see."))
    if "give_opinion" not in allowed_actions(actor, plan):
        raise PermissionDenied(_("The domestic value development institute gives its opinion on a plan under review."))
    form = OpinionForm(request.POST or None)
    done = form_post(
        request,
        form,
        lambda data: plans_review.plan_opinion_record(actor=actor, plan=plan, **data),
        errors=PlanError,
        success=_("The opinion is recorded; the authorized body reads it before it decides."),
        redirect_to=reverse("contracts:plan", args=[plan.number]),
    )
    return done or render(
        request,
        "contracts/plans/opinion.html",
        {"plan": plan, "form": form, "opinions": opinion_selectors.opinions_for(actor, plan)},
    )


urlpatterns: list[URLPattern] = [path("plans/<str:number>/opinion/", opinion, name="plan_opinion")]
