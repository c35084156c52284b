"""The pages of the territorial clusters' competitive selection (IP-9.16, IP-40.1), as the industrial grants' pages
are: the authorized body creates a call with its criteria, opens, closes and decides it, sees each application and
assigns independent experts to it (the core's expert pages, ADR 27); a cluster organization applies to an open call
and follows its application; an expert lists their assessments, declares a conflict of interest or none, then
scores every criterion."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nisi.core.authz import Actor, actor_for, allowed_actions
from nisi.core.financing.forms import CallForm
from nisi.core.financing.pages import ExpertPages, Wording
from nisi.core.financing.scheme import FinancingError
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.forms.posting import form_post
from nisi.infrastructure import selectors
from nisi.infrastructure.forms import ClusterApplicationForm
from nisi.infrastructure.models import ClusterCall
from nisi.infrastructure.policies import may
from nisi.infrastructure.rules import InfrastructureError
from nisi.infrastructure.services import selection

EXPERTS = ExpertPages(
    panel=selection.PANEL,
    assignments_for=selectors.assignments_for,
    experts_available=selectors.experts_available,
    assessments_url="infrastructure:assessments",
    assessment_url="infrastructure:assessment",
    wording=Wording(
        intro=gettext_lazy(
            "For each territorial cluster, declare first whether you have a conflict of interest; then score every "
            "criterion of the call and give your reasons (IP-9.16)."
        ),
        stood_down=gettext_lazy(
            "You stood down from this application; the authorized body will assign another expert."
        ),
        assign_refused=gettext_lazy(
            "Experts are assigned by the authorized body's officers while the application is assessed."
        ),
        summary_label=gettext_lazy("Development plan"),
        period_label=gettext_lazy("Period of the plan"),
    ),
)

_STEP_LABELS = {
    "open": gettext_lazy("published"),
    "close": gettext_lazy("closed for applications"),
    "decide": gettext_lazy("decided"),
}
_CALL_STEPS = {"open": selection.call_open, "close": selection.call_close, "decide": selection.call_decide}


@login_required
def call_new(request: HttpRequest) -> HttpResponse:
    """The authorized body's draft call with its criteria (weights summing to 100), published when opened."""
    actor = actor_for(request.user)
    if not may(actor, ClusterCall, "create"):
        raise PermissionDenied(
            _("Calls of the competitive selection are made by the authorized body: sign in with an officer's account.")
        )
    form = CallForm(request.POST or None)
    done = form_post(
        request,
        form,
        lambda data: selection.call_create(actor=actor, **form.call_data()),
        errors=FinancingError,
        success=lambda c: _("The call %(n)s was created as a draft.") % {"n": c.number},
        redirect_to=lambda c: reverse("infrastructure:call", args=[c.number]),
    )
    return done or render(request, "infrastructure/call_new.html", {"form": form})


def call(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    found = selectors.call_for(actor, number)
    if found is None:
        raise Http404(_("No call %(number)s that you may see.") % {"number": number})
    actions = allowed_actions(actor, found)
    step = request.POST.get("step", "")
    here = reverse("infrastructure:call", args=[found.number])
    if request.method == "POST" and step in _CALL_STEPS and step in actions:
        act = _CALL_STEPS[step]
        done = form_post(
            request,
            None,
            lambda data: act(actor=actor, call=found),
            errors=(FinancingError, InfrastructureError),
            success=lambda c: _("The call's step is recorded: %(step)s.") % {"step": _STEP_LABELS[step]},
            redirect_to=here,
        )
        if done:
            return done
    return render(
        request,
        "infrastructure/call.html",
        {
            "call": found,
            "criteria": list(found.criteria.all()),
            "results": selectors.results_of(found),
            "steps": [s for s in _CALL_STEPS if s in actions],
            "may_apply": "apply" in actions and _applicant(actor) is not None,
            "applications": list(selectors.applications_for(actor).filter(call=found)) if not actor.is_public else [],
        },
    )


def _applicant(actor: Actor) -> Organization | None:
    """The organization the actor's user applies for (its first applicant grant)."""
    grant = next((g for g in actor.grants if g.role == Role.APPLICANT and g.organization_id is not None), None)
    if grant is None or grant.organization_id is None:
        return None
    return Organization.objects.filter(pk=grant.organization_id).first()


@login_required
def apply(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    found = selectors.call_for(actor, number)
    if found is None:
        raise Http404(_("No call %(number)s that you may see.") % {"number": number})
    org = _applicant(actor)
    if org is None:
        raise PermissionDenied(_("A cluster organization applies: sign in with its account."))
    form = ClusterApplicationForm(request.POST or None)
    done = form_post(
        request,
        form,
        lambda data: selection.application_submit(actor=actor, call=found, organization=org, **form.service_data()),
        errors=(FinancingError, InfrastructureError),
        success=lambda a: _("Application %(number)s was received.") % {"number": a.number},
        redirect_to=lambda a: reverse("infrastructure:application", args=[a.number]),
    )
    return done or render(request, "infrastructure/apply.html", {"form": form, "call": found, "organization": org})


@login_required
def application(request: HttpRequest, number: str) -> HttpResponse:
    """An application of the selection: its status, score and decision for the cluster organization; its experts
    for the authorized body (who assigns them) and the readers. Experts reach it only through their assessment."""
    actor = actor_for(request.user)
    found = selectors.application_for(actor, number)
    if found is None:
        raise Http404(_("No such application among those you can see."))
    actions = allowed_actions(actor, found)
    here = reverse("infrastructure:application", args=[found.number])
    assign_form, done = EXPERTS.application_posts(
        request, actor, found, actions, here=here, withdraw=selection.application_withdraw
    )
    if done:
        return done
    # Who assessed is the authorized body's record; the cluster organization sees the result and its reasons.
    show_experts = bool(actor.roles & {Role.AUTHORIZED_BODY, Role.DEVELOPMENT_INSTITUTE, Role.AUDITOR})
    return render(
        request,
        "infrastructure/application.html",
        {
            "application": found,
            "call": found.call,
            "actions": actions,
            **EXPERTS.panel_context(found, show=show_experts, assign_form=assign_form),
        },
    )


@login_required
def assessments(request: HttpRequest) -> HttpResponse:
    """The expert's own page: the territorial clusters' applications assigned to them."""
    return EXPERTS.assessments(request)


@login_required
def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    return EXPERTS.assessment(request, pk)


urlpatterns: list[URLPattern] = [
    path("clusters/calls/new/", call_new, name="call_new"),
    path("clusters/calls/<str:number>/", call, name="call"),
    path("clusters/calls/<str:number>/apply/", apply, name="apply"),
    path("clusters/applications/<str:number>/", application, name="application"),
    path("clusters/assessments/", assessments, name="assessments"),
    path("clusters/assessments/<int:pk>/", assessment, name="assessment"),
]
