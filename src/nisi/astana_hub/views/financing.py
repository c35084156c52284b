"""Pages of project financing (AH-10.2-1): calls (public once open), applying, the Fund's work on applications
(experts, decision), and the independent expert's own assignments."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from nisi.astana_hub.forms.financing import ApplicationForm, CallForm
from nisi.astana_hub.models import FinancingApplication, FinancingCall
from nisi.astana_hub.policies.governance import may
from nisi.astana_hub.selectors import financing as selectors
from nisi.astana_hub.services import financing as services
from nisi.astana_hub.views import financing_agreements
from nisi.core.authz import Actor, actor_for, allowed_actions
from nisi.core.financing.pages import ExpertPages, Wording, applicant_organizations
from nisi.core.roles import Role
from nisi.forms.listing import Sort, list_page
from nisi.forms.posting import form_post

EXPERTS = ExpertPages(
    panel=services.PANEL,
    assignments_for=selectors.assignments_for,
    experts_available=selectors.experts_available,
    assessments_url="astana_hub:expert_assignments",
    assessment_url="astana_hub:assessment",
    wording=Wording(
        intro=gettext_lazy(
            "For each project, declare first whether you have a conflict of interest; then score every criterion and "
            "give your reasons (AH-4.5)."
        ),
        stood_down=gettext_lazy("You stood down from this application; the Fund will assign another expert."),
        assign_refused=gettext_lazy("Experts are assigned by the Fund's officers while the application is assessed."),
    ),
)
APPLICATION_SORTS = (
    Sort("newest", gettext_lazy("Newest first"), ("-submitted_on", "-id")),
    Sort("oldest", gettext_lazy("Oldest first"), ("submitted_on", "id")),
)


def calls(request: HttpRequest) -> HttpResponse:
    """Open calls for the public and applicants; every call, drafts included, for the Fund."""
    actor = actor_for(request.user)
    listing = list_page(request, selectors.calls_for(actor))
    return render(
        request,
        "astana_hub/financing/calls.html",
        {"calls": listing.rows, "listing": listing, "may_create": may(actor, FinancingCall, "create")},
    )


@login_required
def call_new(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not may(actor, FinancingCall, "create"):
        raise PermissionDenied(_("Calls are created by the Fund's officers."))
    form = CallForm(request.POST or None)
    done = form_post(
        request,
        form,
        lambda data: services.call_create(actor=actor, **form.call_data()),
        errors=services.FinancingError,
        success=lambda call: _("The call %(n)s was created as a draft.") % {"n": call.number},
        redirect_to=_call_url,
    )
    return done or render(request, "astana_hub/financing/call_new.html", {"form": form})


def _call_url(call: FinancingCall) -> str:
    return reverse("astana_hub:call", args=[call.number])


def _call(actor: Actor, number: str) -> FinancingCall:
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
        "astana_hub/financing/call.html",
        {
            "call": call,
            "actions": actions,
            "criteria": call.criteria.all(),
            "applications": applications,
            "may_apply": "apply" in actions and bool(applicant_organizations(actor)),
        },
    )


@login_required
@require_POST
def call_step(request: HttpRequest, number: str, step: str) -> HttpResponse:
    """Open, close for applications, or decide — each a button on the call's page."""
    actor = actor_for(request.user)
    call = _call(actor, number)
    act = {"open": services.call_open, "close": services.call_close, "decide": services.call_decide}.get(step)
    if act is None:
        raise Http404(_("No such step."))
    if step not in allowed_actions(actor, call):
        raise PermissionDenied(_("You cannot take this step on this call now."))
    done = {
        "open": _("The call is open for applications."),
        "close": _("The call no longer takes applications; the expert assessment goes on."),
        "decide": _("The Fund's decision was recorded and the applicants notified."),
    }
    here = _call_url(call)
    posted = form_post(
        request,
        None,
        lambda data: act(actor=actor, call=call),
        errors=services.FinancingError,
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
        raise PermissionDenied(_("Applications are made by users of innovation cluster actors while the call is open."))
    organization = orgs[0]
    form = ApplicationForm(request.POST or None)
    done = form_post(
        request,
        form,
        lambda data: services.application_submit(actor=actor, call=call, organization=organization, **data),
        errors=services.FinancingError,
        success=lambda application: _("Your application %(n)s was submitted.") % {"n": application.number},
        redirect_to=lambda application: reverse("astana_hub:financing_application", args=[application.number]),
    )
    return done or render(
        request, "astana_hub/financing/application_new.html", {"form": form, "call": call, "organization": organization}
    )


@login_required
def applications(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not may(actor, FinancingApplication, "view"):
        raise PermissionDenied(_("Applications for financing are seen by their applicants and the Fund."))
    listing = list_page(request, selectors.applications_for(actor), sorts=APPLICATION_SORTS)
    return render(
        request,
        "astana_hub/financing/applications.html",
        {"applications": listing.rows, "listing": listing},
    )


def _application(actor: Actor, number: str) -> FinancingApplication:
    application = selectors.applications_for(actor).filter(number=number).first()
    if application is None:
        raise Http404(_("No such application among those you can see."))
    return application


@login_required
def application_detail(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    application = _application(actor, number)
    actions = allowed_actions(actor, application)
    here = reverse("astana_hub:financing_application", args=[number])
    assign_form, done = EXPERTS.assign(request, actor, application, actions, here)
    if done:
        return done
    if request.method == "POST" and "withdraw" in request.POST:
        return form_post(
            request,
            None,
            lambda data: services.application_withdraw(actor=actor, application=application),
            errors=services.FinancingError,
            success=_("Your application was withdrawn."),
            redirect_to=here,
        ) or redirect(here)
    # Who assessed is the Fund's record; the applicant sees the result and the reasons (AH-4.5).
    show_experts = Role.ASTANA_HUB_FUND in actor.roles or Role.AUDITOR in actor.roles
    agreement = getattr(application, "agreement", None) if application.status == "approved" else None
    return render(
        request,
        "astana_hub/financing/application.html",
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
    """The expert's own page: the applications assigned to them."""
    return EXPERTS.assessments(request)


@login_required
def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    return EXPERTS.assessment(request, pk)


urlpatterns: list[URLPattern] = [
    path("financing/calls/", calls, name="calls"),
    path("financing/calls/new/", call_new, name="call_new"),
    path("financing/calls/<str:number>/", call_detail, name="call"),
    path("financing/calls/<str:number>/apply/", application_new, name="financing_apply"),
    path("financing/calls/<str:number>/<str:step>/", call_step, name="call_step"),
    path("financing/applications/", applications, name="financing_applications"),
    path("financing/applications/<str:number>/", application_detail, name="financing_application"),
    path("financing/assessments/", assessments, name="expert_assignments"),
    path("financing/assessments/<int:pk>/", assessment, name="assessment"),
    *financing_agreements.urlpatterns,
]
