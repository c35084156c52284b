"""Pages of the one-stop application (IP-25.8): the entity applies once for several measures and reads the
decision on each with its reasons; an operator assesses the IP-25.4 criteria and grants or refuses."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from nisi.core.authz import actor_for, allowed_actions
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.forms.posting import bound_if, form_post, posted_step, step_post
from nisi.incentives import forms_queue as queue_forms
from nisi.incentives.forms import ApplicationForm, AssessForm, DeclineForm
from nisi.incentives.models import CRITERIA, CounterObligationAgreement
from nisi.incentives.rules import conditions as condition_rules
from nisi.incentives.selectors import applications as selectors
from nisi.incentives.selectors import catalogue as catalogue_selectors
from nisi.incentives.services import applications as services
from nisi.law import clock


@login_required
def apply(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    organizations = [g.organization_id for g in actor.grants if g.role == Role.APPLICANT and g.organization_id]
    if not organizations:
        raise Http404(_("Only an entity's own users apply; sign in with your organization's account."))
    organization = Organization.objects.get(pk=organizations[0])
    open_measures = catalogue_selectors.catalogue_on(clock.today(), open_only=True)
    choices = [(m.measure.code, f"{m.measure.title} — {m.measure.operator.organization.name}") for m in open_measures]
    form = ApplicationForm(request.POST or None, measures=choices)
    queue_forms.add_amounts(form, open_measures, clock.today())  # measures with a limited budget: the amount asked
    done = form_post(
        request,
        form,
        lambda data: services.application_submit(
            actor=actor, organization=organization, **form.service_arguments(), amounts=queue_forms.amounts(form)
        ),
        errors=services.ApplicationError,
        success=lambda a: _("Application %(number)s was submitted.") % {"number": a.number},
        redirect_to=lambda a: reverse("incentives:application", args=[a.number]),
    )
    return done or render(
        request, "incentives/apply.html", {"form": form, "organization": organization, "open": open_measures}
    )


@login_required
def applications(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    return render(
        request,
        "incentives/applications.html",
        {"applications": selectors.applications_for(actor)[:200], "requests": selectors.requests_for(actor)[:200]},
    )


def _conditions(application_conditions: list[dict]) -> list[dict]:
    return [c | {"title": condition_rules.TITLES.get(c["condition"], c["condition"])} for c in application_conditions]


@login_required
def application(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    found = selectors.application_by_number(number)
    if found is None or "view" not in allowed_actions(actor, found):
        raise Http404(_("No application with this number that you may see."))
    return render(
        request,
        "incentives/application.html",
        {
            "application": found,
            "conditions": _conditions(found.conditions),
            "requests": found.measures.select_related("measure", "operator").order_by("number"),
        },
    )


@login_required
def request_page(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    found = selectors.request_by_number(number)
    if found is None or "view" not in allowed_actions(actor, found):
        raise Http404(_("No request with this number that you may see."))
    allowed = allowed_actions(actor, found)
    here = reverse("incentives:request", args=[number])
    initial = {c: getattr(found, c) for c in CRITERIA if getattr(found, c)}
    if request.method == "POST":
        step = posted_step(request, allowed, refused=_("You may not take this decision on this request."))
        assess = AssessForm(bound_if(request, step, "assess"), initial=initial)
        decline = DeclineForm(bound_if(request, step, "decline"))
        done = step_post(
            request,
            step,
            {
                "assess": (
                    assess,
                    lambda data: services.request_assess(actor=actor, request=found, **data),
                    _("The criteria were assessed."),
                ),
                "grant": (
                    None,
                    lambda data: services.request_grant(actor=actor, request=found),
                    _("The measure was granted."),
                ),
                "decline": (
                    decline,
                    lambda data: services.request_decline(actor=actor, request=found, **data),
                    _("The measure was refused."),
                ),
            },
            errors=services.ApplicationError,
            redirect_to=here,
        )
        if done:
            return done
    else:
        assess, decline = AssessForm(initial=initial), DeclineForm()
    return render(
        request,
        "incentives/request.html",
        {
            "r": found,
            "application": found.application,
            "conditions": _conditions(found.application.conditions),
            "allowed": allowed,
            "assess": assess,
            "decline": decline,
            "criteria": [(AssessForm.base_fields[c].label, getattr(found, f"get_{c}_display")()) for c in CRITERIA],
            "agreement": CounterObligationAgreement.objects.filter(request=found).first(),
        },
    )


urlpatterns: list[URLPattern] = [
    path("apply/", apply, name="apply"),
    path("applications/", applications, name="applications"),
    path("applications/<str:number>/", application, name="application"),
    path("requests/<str:number>/", request_page, name="request"),
]
