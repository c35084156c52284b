"""Pages of the agreements on increasing competitiveness (IP-28): the authorized body concludes one unless IP-28.4
bars it, records whether the counter-obligations were fulfilled and the circumstances beyond the entity's control
with their evidence, and terminates it; the entity reads its own."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from nisi.core.authz import Actor, actor_for, allowed_actions
from nisi.core.models import Organization
from nisi.forms.posting import bound_if, form_post, posted_step, step_post
from nisi.incentives.forms_agreements import BeyondControlForm, CompetitivenessForm, FulfilmentForm, TerminateForm
from nisi.incentives.models import CompetitivenessAgreement
from nisi.incentives.policies import may
from nisi.incentives.selectors import agreements as selectors
from nisi.incentives.services import competitiveness as services
from nisi.incentives.services.agreements import AgreementError


def _conclude(actor: Actor, data: dict[str, Any]) -> CompetitivenessAgreement:
    organization = Organization.objects.filter(identifier=data["bin"]).first()
    if organization is None:
        raise AgreementError([_("No organization with this BIN is known to the system.")], "bin")
    return services.competitiveness_conclude(
        actor=actor, organization=organization, subject=data["subject"], ends_on=data["ends_on"]
    )


@login_required
def competitiveness_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    can_conclude = may(actor, CompetitivenessAgreement, "conclude")
    form = CompetitivenessForm(request.POST or None) if can_conclude else None
    done = (
        form_post(
            request,
            form,
            lambda data: _conclude(actor, data),
            errors=AgreementError,
            success=lambda a: _("Agreement %(number)s was concluded.") % {"number": a.number},
            redirect_to=lambda a: reverse("incentives:competitiveness", args=[a.number]),
        )
        if form is not None
        else None
    )
    return done or render(
        request,
        "incentives/competitiveness_list.html",
        {"agreements": selectors.competitiveness_for(actor)[:200], "form": form},
    )


@login_required
def competitiveness(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    found = selectors.competitiveness_by_number(number)
    if found is None or "view" not in allowed_actions(actor, found):
        raise Http404(_("No agreement with this number that you may see."))
    allowed = allowed_actions(actor, found)
    here = reverse("incentives:competitiveness", args=[number])
    step = posted_step(request, allowed, refused=_("You may not do this on this agreement."))
    monitor = FulfilmentForm(bound_if(request, step, "monitor"))
    beyond = BeyondControlForm(bound_if(request, step, "record_beyond_control"))
    terminate = TerminateForm(bound_if(request, step, "terminate"))
    done = step_post(
        request,
        step,
        {
            "monitor": (
                monitor,
                lambda d: services.competitiveness_fulfilment_record(actor=actor, agreement=found, **d),
                _("The fulfilment was recorded."),
            ),
            "record_beyond_control": (
                beyond,
                lambda d: services.competitiveness_beyond_control_record(actor=actor, agreement=found, **d),
                _("The circumstances were recorded."),
            ),
            "terminate": (
                terminate,
                lambda d: services.competitiveness_terminate(actor=actor, agreement=found, **d),
                _("The agreement was terminated."),
            ),
        },
        errors=AgreementError,
        redirect_to=here,
    )
    if done:
        return done
    language = translation.get_language() or "ru"
    return render(
        request,
        "incentives/competitiveness.html",
        {
            "a": found,
            "allowed": allowed,
            "decision": found.decision.get(language) or found.decision.get("ru") or [],
            "monitor": monitor,
            "beyond": beyond,
            "terminate": terminate,
        },
    )


urlpatterns: list[URLPattern] = [
    path("competitiveness/", competitiveness_list, name="competitiveness_list"),
    path("competitiveness/<str:number>/", competitiveness, name="competitiveness"),
]
