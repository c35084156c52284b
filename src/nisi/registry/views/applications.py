"""The applicant's application, step by step (a task list that can be saved and resumed), and the officers'
assessment and inspection of it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nisi.core.authz import Actor, actor_for, allowed_actions
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.registry import history, policies, selectors
from nisi.registry.forms import (
    AssessmentForm,
    ConsentsForm,
    EvidenceForm,
    GoodsDecisionForm,
    InspectionReportForm,
    InspectionScheduleForm,
    SiteForm,
)
from nisi.registry.models import ApplicationProduct, RegisterApplication
from nisi.registry.services import applications as services
from nisi.registry.services import decisions
from nisi.verification.selectors import reasons as verification_reasons


def _application(request: HttpRequest, number: str, action: str = "view") -> tuple[Actor, RegisterApplication]:
    actor = actor_for(request.user)
    application = selectors.applications_for(actor).filter(number=number).first()
    if application is None:
        raise Http404(_("No such application among those you can see."))
    if action not in allowed_actions(actor, application):
        raise PermissionDenied(_("You cannot do this with the application in its present state."))
    return actor, application


def _own_organization(actor: Actor) -> Organization | None:
    ids = [g.organization_id for g in actor.grants if g.role == Role.APPLICANT and g.organization_id]
    return Organization.objects.filter(pk__in=ids).first()


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    organization = _own_organization(actor)
    if request.method == "POST":
        if organization is None:
            raise PermissionDenied(_("Only an organization's user can apply."))
        try:
            application = services.application_start(actor=actor, organization=organization)
        except services.ApplicationError as exc:
            messages.error(request, str(exc))
            return redirect("registry:applications")
        return redirect("registry:application", number=application.number)
    return render(
        request,
        "registry/applications.html",
        {
            "applications": selectors.applications_for(actor)[:200],
            "organization": organization,
        },
    )


def _tasks(application: RegisterApplication) -> list[dict[str, Any]]:
    products = list(application.products.all())
    return [
        {
            "name": _("Production site and conditions"),
            "url": "registry:application_site",
            "done": bool(application.site_kato and application.site_address),
        },
        {"name": _("Goods"), "url": "registry:application_goods", "done": bool(products)},
        {
            "name": _("Evidence, including a video of the process"),
            "url": "registry:application_evidence",
            "done": application.evidence.filter(kind="video").exists()
            or (products and all(p.wholly_produced for p in products)),
        },
        {"name": _("Consents"), "url": "registry:application_consents", "done": application.consents_complete},
    ]


@login_required
def application_detail(request: HttpRequest, number: str) -> HttpResponse:
    actor, application = _application(request, number)
    return render(request, "registry/application.html", _detail(actor, application))


def _detail(actor: Actor, application: RegisterApplication) -> dict[str, Any]:
    verification = application.verification
    products = list(application.products.select_related("conditions"))
    return {
        "application": application,
        "actions": allowed_actions(actor, application),
        "tasks": _tasks(application),
        "products": products,
        "decided": any(p.decision for p in products),
        "refused_goods": [p for p in products if p.decision == ApplicationProduct.Decision.REFUSED],
        "reasons": verification_reasons(verification) if verification else [],
        "problems": services.submission_problems(application) if application.status == "draft" else [],
        "assessments": application.assessments.all(),
        "inspections": application.inspections.all(),
        "history": history.application_history(actor, application.number),
    }


@login_required
def application_progress(request: HttpRequest, number: str) -> HttpResponse:
    """What the application page shows below its heading, for the page to follow the verification: nothing new
    (204, which htmx leaves in place) while the application is in the state the page shows (`shown`), else the
    page's body as it is now."""
    actor, application = _application(request, number)
    if request.GET.get("shown") == application.status:
        return HttpResponse(status=204)
    response = render(request, "registry/_application_body.html", _detail(actor, application))
    response["Cache-Control"] = "no-store"
    return response


@login_required
def evidence_file(request: HttpRequest, number: str, pk: int) -> FileResponse:
    """Evidence is served only to those who may see the application, never from a public media URL."""
    _actor, application = _application(request, number)
    evidence = get_object_or_404(application.evidence, pk=pk)
    return FileResponse(evidence.file.open("rb"), content_type=evidence.content_type, filename=evidence.original_name)


@login_required
def application_site(request: HttpRequest, number: str) -> HttpResponse:
    actor, application = _application(request, number, "edit")
    initial = {
        "site_kato": application.site_kato,
        "site_address": application.site_address,
        "declared_conditions": application.declared_conditions,
    }
    form = SiteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_update(actor=actor, application=application, **form.cleaned_data)
        except services.ApplicationError as exc:
            form.add_error("site_kato", str(exc))
        else:
            return redirect("registry:application", number=number)
    return render(request, "registry/application_site.html", {"application": application, "form": form})


@login_required
@require_POST
def application_good_remove(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    actor, application = _application(request, number, "edit")
    services.product_remove(actor=actor, product=get_object_or_404(application.products, pk=pk))
    return redirect("registry:application", number=number)


@login_required
def application_evidence(request: HttpRequest, number: str) -> HttpResponse:
    actor, application = _application(request, number, "edit")
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.evidence_upload(
                actor=actor, application=application, kind=form.cleaned_data["kind"], upload=upload, name=upload.name
            )
        except services.ApplicationError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, _("The file was uploaded."))
            return redirect("registry:application_evidence", number=number)
    return render(
        request,
        "registry/application_evidence.html",
        {
            "application": application,
            "form": form,
            "evidence": application.evidence.all(),
        },
    )


@login_required
def application_consents(request: HttpRequest, number: str) -> HttpResponse:
    actor, application = _application(request, number, "edit")
    initial = {
        "personal_data": application.consent_personal_data,
        "site_access": application.consent_site_access,
        "video_surveillance": application.consent_video_surveillance,
    }
    form = ConsentsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.application_consent(actor=actor, application=application, **form.cleaned_data)
        return redirect("registry:application", number=number)
    return render(request, "registry/application_consents.html", {"application": application, "form": form})


@login_required
@require_POST
def application_submit(request: HttpRequest, number: str) -> HttpResponse:
    actor, application = _application(request, number, "submit")
    try:
        services.application_submit(actor=actor, application=application)
    except services.ApplicationError as exc:
        messages.error(request, str(exc))
    else:
        verification = application.verification
        application.refresh_from_db(fields=["status"])
        if verification is not None:
            verification.refresh_from_db(fields=["status"])
        if verification is None or verification.status == verification.Status.PENDING:
            # A worker starts it, or the outbox does once the broker answers again (ADR 11).
            messages.success(
                request,
                _(
                    "Your application was submitted. Digital verification will start shortly; "
                    "this page shows its result."
                ),
            )
        elif application.status == RegisterApplication.Status.VERIFYING:
            messages.success(
                request,
                _("Your application was submitted. Digital verification has started: its result appears below."),
            )
        elif application.status == RegisterApplication.Status.VERIFICATION_WAITING:
            messages.success(request, _("Your application was submitted. A state database has not answered yet."))
        else:
            # The embedded default verifies before this answer: the page already shows the result.
            messages.success(request, _("Your application was submitted. The result of digital verification is below."))
    return redirect("registry:application", number=number)


@login_required
@require_POST
def application_withdraw(request: HttpRequest, number: str) -> HttpResponse:
    actor, application = _application(request, number, "withdraw")
    services.application_withdraw(actor=actor, application=application)
    return redirect("registry:application", number=number)


@login_required
def assessment_queue(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not policies.may_open(actor, policies.ASSESSMENT_QUEUE_ROLES):
        raise PermissionDenied(_("Production assessment is the authorized body's work."))
    return render(request, "registry/assessment_queue.html", {"applications": selectors.assessment_queue(actor)})


def _goods_form(request: HttpRequest, application: RegisterApplication, *, required: bool) -> GoodsDecisionForm:
    form = GoodsDecisionForm(
        request.POST if request.method == "POST" else None,
        products=list(application.products.select_related("conditions")),
    )
    form.decisions_required = required
    return form


@login_required
def application_assess(request: HttpRequest, number: str) -> HttpResponse:
    """The officer assesses the production good by good: each good included, or not with its reasons."""
    actor, application = _application(request, number, "assess")
    form = AssessmentForm(request.POST or None)
    # The goods are decided on unless the evidence is not enough, which sends the application to an inspection.
    goods_form = _goods_form(request, application, required=request.POST.get("evidence_sufficient") != "no")
    if request.method == "POST" and form.is_valid() & goods_form.is_valid():
        sufficient = form.cleaned_data["evidence_sufficient"] == "yes"
        try:
            decisions.assessment_record(
                actor=actor,
                application=application,
                evidence_sufficient=sufficient,
                participants=form.cleaned_data["participants"],
                reasons=form.cleaned_data["reasons"],
                **goods_form.service_arguments(),
            )
        except decisions.DecisionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The assessment was recorded."))
            return redirect("registry:application", number=number)
    return render(
        request,
        "registry/application_assess.html",
        {
            "application": application,
            "form": form,
            "goods_form": goods_form,
            "evidence": application.evidence.all(),
        },
    )


@login_required
def application_inspection(request: HttpRequest, number: str) -> HttpResponse:
    actor, application = _application(request, number, "record_inspection")
    inspection = application.inspections.filter(concluded_at__isnull=True).first()
    schedule_form = InspectionScheduleForm(request.POST if inspection is None and request.method == "POST" else None)
    report_form = InspectionReportForm(request.POST if inspection is not None and request.method == "POST" else None)
    goods_form = _goods_form(request, application, required=inspection is not None)
    if request.method == "POST":
        try:
            if inspection is None and schedule_form.is_valid():
                decisions.inspection_schedule(actor=actor, application=application, **schedule_form.cleaned_data)
                return redirect("registry:application_inspection", number=number)
            if inspection is not None and report_form.is_valid() & goods_form.is_valid():
                decisions.inspection_report(
                    actor=actor, inspection=inspection, **report_form.cleaned_data, **goods_form.service_arguments()
                )
                return redirect("registry:application", number=number)
        except decisions.DecisionError as exc:
            (schedule_form if inspection is None else report_form).add_error(None, str(exc))
    return render(
        request,
        "registry/application_inspection.html",
        {
            "application": application,
            "inspection": inspection,
            "schedule_form": schedule_form,
            "report_form": report_form,
            "goods_form": goods_form,
        },
    )
