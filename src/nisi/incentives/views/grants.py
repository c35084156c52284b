"""Pages of the industrial grants (IP-42): the institute's calls (public once open) and their decision, applying
with co-financing, the institute's work on applications (its experts), and the expert's own assignments. The
agreement and the grant account are in `grant_agreements.py`."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nisi.core.authz import Actor, actor_for, allowed_actions
from nisi.core.financing.forms import CallForm
from nisi.core.financing.pages import ExpertPages, Wording, applicant_organizations
from nisi.core.financing.scheme import FinancingError
from nisi.core.roles import Role
from nisi.forms.listing import list_page
from nisi.forms.posting import form_post
from nisi.incentives.forms import GrantApplicationForm
from nisi.incentives.models import GrantCall
from nisi.incentives.policies import may
from nisi.incentives.selectors import grants as selectors
from nisi.incentives.services import grants as services
from nisi.incentives.views import grant_agreements
from nisi.law import clock

T = "incentives/grants/"
EXPERTS = ExpertPages(
    panel=services.PANEL,
    assignments_for=selectors.assignments_for,
    experts_available=selectors.experts_available,
    assessments_url="incentives:grant_assessments",
    assessment_url="incentives:grant_assessment",
    wording=Wording(
        intro=gettext_lazy(
            "For each project, declare first whether you have a conflict of interest; then score every criterion and "
            "give your reasons (IP-42.3)."
        ),
        stood_down=gettext_lazy("You stood down from this application; the institute will assign another expert."),
        assign_refused=gettext_lazy(
            "Experts are assigned by the institute's officers while the application is examined."
        ),
        experts_only=gettext_lazy("This page is for experts."),
        experts_heading=gettext_lazy("Experts"),
    ),
)


def calls(request: HttpRequest) -> HttpResponse:
    """Published calls for everyone; drafts too for the institute."""
    actor = actor_for(request.user)
    listing = list_page(request, selectors.calls_for(actor))
    return render(
        request,
        T + "calls.html",
        {
            "calls": listing.rows,
            "listing": listing,
            "may_create": may(actor, GrantCall, "create") and selectors.institute_of(actor) is not None,
            "is_expert": Role.INDEPENDENT_EXPERT in actor.roles,
            "may_account": Role.DEVELOPMENT_INSTITUTE in actor.roles or Role.AUTHORIZED_BODY in actor.roles,
        },
    )


@login_required
def call_new(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    institute = selectors.institute_of(actor)
    if not may(actor, GrantCall, "create") or institute is None:
        raise PermissionDenied(_("Calls for industrial grants are made by the development institute's officers."))
    form = CallForm(request.POST or None)
    done = form_post(
        request,
        form,
        lambda data: services.call_create(actor=actor, institute=institute, **form.call_data()),
        errors=FinancingError,
        success=lambda call: _("The call %(n)s was created as a draft.") % {"n": call.number},
        redirect_to=_call_url,
    )
    share = services.own_share_min(clock.today())
    return done or render(request, T + "call_new.html", {"form": form, "share": share * 100})


def _call_url(call: GrantCall) -> str:
    return reverse("incentives:grant_call", args=[call.number])


def _call(actor: Actor, number: str) -> GrantCall:
    call = selectors.calls_for(actor).filter(number=number).first()
    if call is None:
        raise Http404(_("No such call among those you can see."))
    return call


def call_detail(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    call = _call(actor, number)
    actions = allowed_actions(actor, call)
    applications = selectors.applications_for(actor).filter(call=call).order_by("-average_score", "submitted_on")
    return render(
        request,
        T + "call.html",
        {
            "call": call,
            "actions": actions,
            "criteria": call.criteria.all(),
            "share": call.own_share_min * 100,
            "applications": applications,
            "may_apply": "apply" in actions and bool(applicant_organizations(actor)),
        },
    )


@login_required
def call_step(request: HttpRequest, number: str, step: str) -> HttpResponse:
    """Open, close for applications, or decide — each a button on the call's page."""
    if request.method != "POST":
        return redirect(reverse("incentives:grant_call", args=[number]))
    actor = actor_for(request.user)
    call = _call(actor, number)
    act = {"open": services.call_open, "close": services.call_close, "decide": services.call_decide}.get(step)
    if act is None:
        raise Http404(_("No such step."))
    if step not in allowed_actions(actor, call):
        raise PermissionDenied(_("You cannot take this step on this call now."))
    done = {
        "open": _("The call and its criteria are published; applications are taken in its window."),
        "close": _("The call no longer takes applications; the examination goes on."),
        "decide": _("The institute's decision was recorded and the applicants notified."),
    }
    here = _call_url(call)
    posted = form_post(
        request,
        None,
        lambda data: act(actor=actor, call=call),
        errors=FinancingError,
        success=done[step],
        redirect_to=here,
    )
    return posted or redirect(here)


@login_required
def application_new(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    call = _call(actor, number)
    orgs = applicant_organizations(actor)
    if "apply" not in allowed_actions(actor, call) or not orgs:
        raise PermissionDenied(_("Applications for grants are made by the entities' users while the call is open."))
    organization = orgs[0]
    form = GrantApplicationForm(request.POST or None)
    done = form_post(
        request,
        form,
        lambda data: services.application_submit(actor=actor, call=call, organization=organization, **data),
        errors=FinancingError,
        success=lambda application: _("Your application %(n)s was submitted.") % {"n": application.number},
        redirect_to=lambda application: reverse("incentives:grant_application", args=[application.number]),
    )
    return done or render(
        request,
        T + "application_new.html",
        {"form": form, "call": call, "organization": organization, "share": call.own_share_min * 100},
    )


@login_required
def application_detail(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    application = selectors.applications_for(actor).filter(number=number).first()
    if application is None:
        raise Http404(_("No such application among those you can see."))
    actions = allowed_actions(actor, application)
    here = reverse("incentives:grant_application", args=[number])
    assign_form, done = EXPERTS.application_posts(
        request, actor, application, actions, here=here, withdraw=services.application_withdraw
    )
    if done:
        return done
    show_experts = Role.DEVELOPMENT_INSTITUTE in actor.roles or Role.AUDITOR in actor.roles
    agreement = getattr(application, "agreement", None) if application.status == "approved" else None
    return render(
        request,
        T + "application.html",
        {
            "application": application,
            "call": application.call,
            "actions": actions,
            **EXPERTS.panel_context(application, show=show_experts, assign_form=assign_form),
            "agreement": agreement,
        },
    )


@login_required
def assessments(request: HttpRequest) -> HttpResponse:
    """The expert's own page: the grant applications assigned to them."""
    return EXPERTS.assessments(request)


@login_required
def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    return EXPERTS.assessment(request, pk)


urlpatterns: list[URLPattern] = [
    path("grants/", calls, name="grant_calls"),
    path("grants/calls/new/", call_new, name="grant_call_new"),
    path("grants/calls/<str:number>/", call_detail, name="grant_call"),
    path("grants/calls/<str:number>/apply/", application_new, name="grant_apply"),
    path("grants/calls/<str:number>/<str:step>/", call_step, name="grant_call_step"),
    path("grants/applications/<str:number>/", application_detail, name="grant_application"),
    path("grants/assessments/", assessments, name="grant_assessments"),
    path("grants/assessments/<int:pk>/", assessment, name="grant_assessment"),
    *grant_agreements.urlpatterns,
]
