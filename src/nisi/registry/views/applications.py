"""The applicant's application, step by step (a task list that can be saved and resumed), and the officers'
assessment and inspection of it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nisi.core.authz import Actor, actor_for, allowed_actions
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.forms.listing import list_page
from nisi.forms.posting import form_post
from nisi.registry import history, policies, selectors
from nisi.registry.forms import (
    ConsentsForm,
    EvidenceForm,
    GoodsDecisionForm,
    SiteForm,
)
from nisi.registry.forms.lists import ApplicationFilterForm, QueueFilterForm
from nisi.registry.models import ApplicationProduct, RegisterApplication
from nisi.registry.services import applications as services
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
        applicant: Organization = organization
        started = form_post(
            request,
            None,
            lambda data: services.application_start(actor=actor, organization=applicant),
            errors=services.ApplicationError,
            success="",
            # A refusal is said on the list; a new draft opens on its own page.
            redirect_to=lambda application: (
                _application_url(application.number) if application else reverse("registry:applications")
            ),
        )
        if started:
            return started
    filters = ApplicationFilterForm(request.GET or None)
    found = filters.narrowed(selectors.applications_for(actor), organization="organization")
    listing = list_page(request, found, sorts=ApplicationFilterForm.SORTS)
    return render(
        request,
        "registry/applications.html",
        {"applications": listing.rows, "listing": listing, "filters": filters, "organization": organization},
    )


def _application_url(number: str) -> str:
    return reverse("registry:application", kwargs={"number": number})


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
    return render(
        request, "registry/application.html", _detail(actor, application, submitted=request.GET.get("submitted") == "1")
    )


def _submitted_banner(application: RegisterApplication) -> dict[str, Any]:
    """What the banner after a submission says: true of the state the page shows beside it."""
    verification = application.verification
    if application.status == RegisterApplication.Status.VERIFYING:
        if verification is None or verification.status == verification.Status.PENDING:
            # A worker starts it, or the outbox does once the broker answers again (ADR 11).
            text = _(
                "Your application was submitted. Digital verification will start shortly; this page shows its result."
            )
        else:
            text = _("Your application was submitted. Digital verification has started: its result appears below.")
        return {"text": text, "done": False}
    if application.status == RegisterApplication.Status.VERIFICATION_WAITING:
        return {"text": _("Your application was submitted. A state database has not answered yet."), "done": False}
    return {"text": _("Your application was submitted. The result of digital verification is below."), "done": True}


def _detail(actor: Actor, application: RegisterApplication, *, submitted: bool = False) -> dict[str, Any]:
    verification = application.verification
    products = list(application.products.select_related("conditions"))
    return {
        "submitted": _submitted_banner(application) if submitted and application.status != "draft" else None,
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
    response = render(
        request,
        "registry/_application_body.html",
        _detail(actor, application, submitted=request.GET.get("submitted") == "1"),
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def evidence_file(request: HttpRequest, number: str, pk: int) -> FileResponse:
    """Evidence is served only to those who may see the application, never from a public media URL."""
    _actor, application = _application(request, number)
    evidence = get_object_or_404(application.evidence, pk=pk)
    return FileResponse(evidence.file.open("rb"), content_type=evidence.content_type, filename=evidence.original_name)


def _draft_task(
    request: HttpRequest,
    number: str,
    *,
    form_class: type[forms.Form],
    answers: Mapping[str, str],
    record: Callable[..., RegisterApplication],
    template: str,
    field: str | None = None,
) -> HttpResponse:
    """A task of the draft that is one form: it shows the application's answers (`answers`: the form's question ->
    the application's field), `record` keeps the new ones, and the applicant goes back to the task list."""
    actor, application = _application(request, number, "edit")
    initial = {question: getattr(application, name) for question, name in answers.items()}
    form = form_class(request.POST or None, initial=initial)
    done = form_post(
        request,
        form,
        lambda data: record(actor=actor, application=application, **data),
        errors=services.ApplicationError,
        success="",
        redirect_to=_application_url(number),
        field=field,
    )
    return done or render(request, template, {"application": application, "form": form})


@login_required
def application_site(request: HttpRequest, number: str) -> HttpResponse:
    return _draft_task(
        request,
        number,
        form_class=SiteForm,
        answers={name: name for name in ("site_kato", "site_address", "declared_conditions")},
        record=services.application_update,
        template="registry/application_site.html",
        field="site_kato",
    )


@login_required
@require_POST
def application_good_remove(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    actor, application = _application(request, number, "edit")
    product = get_object_or_404(application.products, pk=pk)
    done = form_post(
        request,
        None,
        lambda data: services.product_remove(actor=actor, product=product),
        errors=services.ApplicationError,
        success="",
        redirect_to=_application_url(number),
    )
    return done or redirect(_application_url(number))


@login_required
def application_evidence(request: HttpRequest, number: str) -> HttpResponse:
    actor, application = _application(request, number, "edit")
    form = EvidenceForm(request.POST or None, request.FILES or None)
    done = form_post(
        request,
        form,
        lambda data: services.evidence_upload(
            actor=actor, application=application, kind=data["kind"], upload=data["file"], name=data["file"].name
        ),
        errors=services.ApplicationError,
        success=_("The file was uploaded."),
        redirect_to=reverse("registry:application_evidence", kwargs={"number": number}),
        field="file",
    )
    return done or render(
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
    return _draft_task(
        request,
        number,
        form_class=ConsentsForm,
        answers={
            "personal_data": "consent_personal_data",
            "site_access": "consent_site_access",
            "video_surveillance": "consent_video_surveillance",
        },
        record=services.application_consent,
        template="registry/application_consents.html",
    )


@login_required
@require_POST
def application_submit(request: HttpRequest, number: str) -> HttpResponse:
    actor, application = _application(request, number, "submit")
    done = form_post(
        request,
        None,
        lambda data: services.application_submit(actor=actor, application=application),
        errors=services.ApplicationError,
        success="",
        # The banner is composed where the page is drawn, from the state it shows (the verification may end between
        # this answer and the next page, or while the page follows it), never from the state at this moment. A
        # refusal is said on the application's page.
        redirect_to=lambda submitted: _application_url(number) + ("?submitted=1" if submitted else ""),
    )
    return done or redirect(_application_url(number))


@login_required
@require_POST
def application_withdraw(request: HttpRequest, number: str) -> HttpResponse:
    actor, application = _application(request, number, "withdraw")
    done = form_post(
        request,
        None,
        lambda data: services.application_withdraw(actor=actor, application=application),
        errors=services.ApplicationError,
        success="",
        redirect_to=_application_url(number),
    )
    return done or redirect(_application_url(number))


@login_required
def assessment_queue(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not policies.may_open(actor, policies.ASSESSMENT_QUEUE_ROLES):
        raise PermissionDenied(_("Production assessment is the authorized body's work."))
    filters = QueueFilterForm(request.GET or None)
    found = filters.narrowed(selectors.assessment_queue(actor), organization="organization")
    listing = list_page(request, found, sorts=QueueFilterForm.SORTS)
    return render(
        request,
        "registry/assessment_queue.html",
        {"applications": listing.rows, "listing": listing, "filters": filters},
    )


def _goods_form(data: QueryDict | None, application: RegisterApplication, *, required: bool) -> GoodsDecisionForm:
    form = GoodsDecisionForm(data, products=list(application.products.select_related("conditions")))
    form.decisions_required = required
    return form
