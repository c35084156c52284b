"""Pages of the domestic value development programmes (IP-61-1): the customer's programmes, a programme with its
four areas, actions and targets (prepare, submit, report), and the authorized body's queue, agreement or refusal on
a ground of IP-61-1.2, monitoring of the reports and recognition of the obligations (IP-61-1.5, 61-1.6)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nisi.contracts.forms.programmes import (
    ActionForm,
    MonitorForm,
    ProgrammeFilterForm,
    ProgrammeForm,
    RecogniseForm,
    RefuseForm,
    RegulatorForm,
    ReportForm,
    TargetForm,
)
from nisi.contracts.models import DomesticValueProgramme
from nisi.contracts.policies import may_programmes
from nisi.contracts.rules import programmes as rules
from nisi.contracts.selectors import programmes as selectors
from nisi.contracts.services import programmes as services
from nisi.core.authz import Actor, actor_for, allowed_actions
from nisi.core.identifiers import is_latin_digits
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.forms.listing import Sort, list_page
from nisi.forms.posting import bound_if, form_post, posted_step, step_post

SORTS = (
    Sort("submitted", gettext_lazy("Submitted first"), ("submitted_on", "id")),
    Sort("newest", gettext_lazy("Newest first"), ("-first_year", "-id")),
    Sort("number", gettext_lazy("Number"), ("number",)),
)
# The page's steps and the policy's action each needs.
STEP_ACTIONS = {
    "add_action": "edit",
    "add_target": "edit",
    "remove_action": "edit",
    "remove_target": "edit",
    "submit": "submit",
    "record_regulator": "record_regulator",
    "agree": "agree",
    "refuse": "refuse",
    "recognise": "recognise",
}


def _viewer(request: HttpRequest) -> Actor:
    actor = actor_for(request.user)
    if not may_programmes(actor, "view"):
        raise PermissionDenied(
            _("Domestic value development programmes are seen by their large customers and the authorized body.")
        )
    return actor


def _programme(actor: Actor, number: str) -> DomesticValueProgramme:
    programme = selectors.programme_for(actor, number)
    if programme is None:
        raise Http404(_("No such programme among those you can see."))
    return programme


def _customer_organization(actor: Actor) -> Organization | None:
    ids = [g.organization_id for g in actor.grants if g.role == Role.MAJOR_CUSTOMER and g.organization_id]
    return Organization.objects.filter(pk__in=ids).order_by("pk").first()


@login_required
def programmes(request: HttpRequest) -> HttpResponse:
    actor = _viewer(request)
    filters = ProgrammeFilterForm(request.GET or None)
    chosen = filters.values()
    rows = selectors.programmes_for(actor)
    if chosen.get("status"):
        rows = rows.filter(status=chosen["status"])
    if chosen.get("customer_kind"):
        rows = rows.filter(customer_kind=chosen["customer_kind"])
    if chosen.get("year"):
        rows = rows.filter(first_year__lte=chosen["year"], last_year__gte=chosen["year"])
    listing = list_page(request, rows, sorts=SORTS)
    officer = Role.AUTHORIZED_BODY in actor.roles
    return render(
        request,
        "contracts/programmes/list.html",
        {
            "listing": listing,
            "filters": filters,
            "may_create": may_programmes(actor, "create") and _customer_organization(actor) is not None,
            "officer": officer,
            "awaiting_review": selectors.programmes_for(actor).filter(status="submitted").order_by("submitted_on")[:50]
            if officer
            else [],
            "awaiting_monitoring": selectors.reports_awaiting_monitoring(actor)[:50] if officer else [],
        },
    )


@login_required
def programme_new(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    organization = _customer_organization(actor)
    if organization is None or not may_programmes(actor, "create"):
        raise PermissionDenied(_("A large customer's own users start its domestic value development programme."))
    form = ProgrammeForm(request.POST or None)
    done = form_post(
        request,
        form,
        lambda data: services.programme_create(actor=actor, organization=organization, **data),
        errors=services.ProgrammeError,
        success=lambda p: (
            _("Programme %(number)s was started. Add the actions and targets of each area.") % {"number": p.number}
        ),
        redirect_to=lambda p: reverse("contracts:programme", args=[p.number]),
    )
    return done or render(request, "contracts/programmes/new.html", {"form": form, "organization": organization})


def _remove(actor: Actor, programme: DomesticValueProgramme, item: str, raw: str) -> None:
    if not is_latin_digits(raw) or len(raw) > 12:
        raise services.ProgrammeError(_("That action or target is no longer in the programme. Reload the page."))
    services.programme_item_remove(actor=actor, programme=programme, item=item, item_id=int(raw))


@login_required
def programme_detail(request: HttpRequest, number: str) -> HttpResponse:
    actor = _viewer(request)
    programme = _programme(actor, number)
    actions = allowed_actions(actor, programme)
    allowed = {step for step, action in STEP_ACTIONS.items() if action in actions}
    step = posted_step(request, allowed, refused=_("This step is not open to you on this programme now."))
    here = reverse("contracts:programme", args=[number])
    action_form = ActionForm(bound_if(request, step, "add_action"))
    target_form = TargetForm(bound_if(request, step, "add_target"), years=programme.years)
    regulator_form = RegulatorForm(bound_if(request, step, "record_regulator"))
    refuse_form = RefuseForm(bound_if(request, step, "refuse"))
    recognise_form = RecogniseForm(bound_if(request, step, "recognise"))
    item = request.POST.get("item", "")
    steps: dict[str, Any] = {
        "add_action": (
            action_form,
            lambda data: services.programme_action_add(
                actor=actor,
                programme=programme,
                area=data["action_area"],
                kind=data["action_kind"],
                description=data["description"],
                due_on=data["due_on"],
            ),
            _("The action was added."),
        ),
        "add_target": (
            target_form,
            lambda data: services.programme_target_add(
                actor=actor,
                programme=programme,
                area=data["area"],
                indicator=data["indicator"],
                unit=data["unit"],
                is_share=data["is_share"],
                baseline=data["baseline"],
                values=target_form.values(),
            ),
            _("The target was added."),
        ),
        "remove_action": (None, lambda data: _remove(actor, programme, "action", item), _("The action was removed.")),
        "remove_target": (None, lambda data: _remove(actor, programme, "target", item), _("The target was removed.")),
        "submit": (
            None,
            lambda data: services.programme_submit(actor=actor, programme=programme),
            _("The programme was submitted for agreement."),
        ),
        "record_regulator": (
            regulator_form,
            lambda data: services.programme_regulator_record(actor=actor, programme=programme, **data),
            _("The regulator's agreement was recorded."),
        ),
        "agree": (
            None,
            lambda data: services.programme_agree(actor=actor, programme=programme),
            _("The programme was agreed and the customer notified."),
        ),
        "refuse": (
            refuse_form,
            lambda data: services.programme_refuse(actor=actor, programme=programme, **data),
            _("The programme was refused and the customer notified."),
        ),
        "recognise": (
            recognise_form,
            lambda data: services.programme_recognise(
                actor=actor,
                programme=programme,
                outcome=data["outcome"],
                reasons=data["recognition_reasons"],
                no_fault=data["no_fault"],
                no_fault_reason=data["no_fault_reason"],
            ),
            _("The recognition was recorded and the customer notified."),
        ),
    }
    done = step_post(request, step, steps, errors=services.ProgrammeError, redirect_to=here)
    if done:
        return done
    areas = selectors.programme_areas(programme)
    editable = "edit" in actions
    return render(
        request,
        "contracts/programmes/programme.html",
        {
            "programme": programme,
            "actions": actions,
            "areas": areas,
            "missing": selectors.completeness(programme, areas) if editable else [],
            "needs_regulator": rules.REGULATOR in rules.agreeing_bodies(programme.customer_kind),
            "reports": programme.reports.all(),
            "action_form": action_form,
            "target_form": target_form,
            "target_year_fields": [target_form[f"year_{y}"] for y in programme.years],
            "regulator_form": regulator_form,
            "refuse_form": refuse_form,
            "recognise_form": recognise_form,
        },
    )


@login_required
def report_new(request: HttpRequest, number: str) -> HttpResponse:
    actor = _viewer(request)
    programme = _programme(actor, number)
    if "report" not in allowed_actions(actor, programme):
        raise PermissionDenied(_("The customer gives the information on an agreed programme's implementation."))
    form = ReportForm(request.POST or None, programme=programme)
    done = form_post(
        request,
        form,
        lambda data: services.programme_report_submit(
            actor=actor, programme=programme, year=data["year"], summary=data["summary"], figures=form.figures()
        ),
        errors=services.ProgrammeError,
        success=_("The information on the year's implementation was sent to the authorized body."),
        redirect_to=lambda r: reverse("contracts:programme_report", args=[number, r.year]),
    )
    return done or render(
        request,
        "contracts/programmes/report_new.html",
        {"programme": programme, "form": form, "target_fields": [form[f"target_{t.pk}"] for t in form.targets]},
    )


@login_required
def report_detail(request: HttpRequest, number: str, year: int) -> HttpResponse:
    actor = _viewer(request)
    report = selectors.report_for(actor, number, year) if year <= 9999 else None
    if report is None:
        raise Http404(_("No such report among those you can see."))
    actions = allowed_actions(actor, report)
    form = MonitorForm(request.POST or None)
    if request.method == "POST" and "monitor" not in actions:
        raise PermissionDenied(_("The authorized body monitors the information once, after it is given."))
    here = reverse("contracts:programme_report", args=[number, year])
    done = form_post(
        request,
        form,
        lambda data: services.programme_report_monitor(actor=actor, report=report, **data),
        errors=services.ProgrammeError,
        success=_("The monitoring was recorded and the customer notified."),
        redirect_to=here,
    )
    if done:
        return done
    figures = []
    for f in report.figures.select_related("target").prefetch_related("target__values"):
        planned = next((v.planned for v in f.target.values.all() if v.year == report.year), None)
        met = rules.target_met(planned, f.actual) if planned is not None else None
        figures.append({"figure": f, "planned": planned, "met": met})
    return render(
        request,
        "contracts/programmes/report.html",
        {"report": report, "programme": report.programme, "figures": figures, "actions": actions, "form": form},
    )


urlpatterns: list[URLPattern] = [
    path("programmes/", programmes, name="programmes"),
    path("programmes/new/", programme_new, name="programme_new"),
    path("programmes/<str:number>/", programme_detail, name="programme"),
    path("programmes/<str:number>/report/", report_new, name="programme_report_new"),
    path("programmes/<str:number>/reports/<int:year>/", report_detail, name="programme_report"),
]
