"""Pages of procurement plans (IP-47.1-4): the customer's plans, a plan with its lines (form and file), its
submission and resubmission, and the authorized body's review queue and decisions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F, Min, OuterRef, QuerySet, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nisi.contracts.forms.plans import CommentsForm, LineForm, PlanForm, UploadForm
from nisi.contracts.models import ProcurementPlan
from nisi.contracts.policies import may
from nisi.contracts.selectors import plans as selectors
from nisi.contracts.services import plans as services
from nisi.contracts.services import plans_review
from nisi.core.authz import Actor, actor_for, allowed_actions
from nisi.core.csv_import import CsvImportError
from nisi.core.models import Deadline, Organization
from nisi.core.roles import Role
from nisi.core.selectors import region_names
from nisi.forms.listing import Sort, list_page
from nisi.forms.posting import bound_if, form_post, posted_step, step_post

QUEUE_SORTS = (
    # Plans with no open deadline last, on SQLite (which puts NULLs first) as on PostgreSQL.
    Sort("due", gettext_lazy("Nearest deadline first (overdue first)"), (F("next_due").asc(nulls_last=True), "id")),
    Sort("newest", gettext_lazy("Newest first"), ("-submitted_on", "-id")),
    Sort("customer", gettext_lazy("Customer"), ("organization__name", "id")),
)
STATUS_FILTERS = (
    ProcurementPlan.Status.SUBMITTED,
    ProcurementPlan.Status.COMMENTS,
    ProcurementPlan.Status.AGREED,
    ProcurementPlan.Status.PUBLISHED,
)


def _customer_orgs(actor: Actor) -> list[Organization]:
    ids = [g.organization_id for g in actor.grants if g.role == Role.MAJOR_CUSTOMER and g.organization_id]
    return list(Organization.objects.filter(pk__in=ids).order_by("name"))


def _with_deadlines(plans: QuerySet[ProcurementPlan]) -> QuerySet[ProcurementPlan]:
    open_ones = Deadline.objects.filter(
        subject_type=services.SUBJECT, subject_id=OuterRef("number"), status=Deadline.Status.OPEN
    )
    return plans.annotate(
        next_due=Subquery(open_ones.values("subject_id").annotate(d=Min("due_on")).values("d")[:1]),
        overdue_since=Subquery(
            open_ones.filter(overdue_since__isnull=False).order_by("overdue_since").values("overdue_since")[:1]
        ),
    )


@login_required
def plans(request: HttpRequest) -> HttpResponse:
    """The customer's own plans; for the reviewers, the review queue (filters, sort, paging, overdue first)."""
    actor = actor_for(request.user)
    items = _with_deadlines(selectors.plans_for(actor))
    status = request.GET.get("status", "")
    if status in STATUS_FILTERS:
        items = items.filter(status=status)
    if request.GET.get("late") == "1":
        items = items.filter(late=True)
    customer = request.GET.get("customer", "").strip()[:300]
    if customer:
        items = items.filter(organization__name__icontains=customer) | items.filter(organization__identifier=customer)
    listing = list_page(request, items, sorts=QUEUE_SORTS)
    return render(
        request,
        "contracts/plans/plans.html",
        {
            "listing": listing,
            "plans": listing.rows,
            "may_create": may(actor, ProcurementPlan, "create") and bool(_customer_orgs(actor)),
            "statuses": [(s.value, s.label) for s in STATUS_FILTERS],
            "status": status,
            "customer": customer,
            "late": request.GET.get("late") == "1",
        },
    )


@login_required
def plan_new(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    orgs = _customer_orgs(actor)
    if not orgs:
        raise PermissionDenied(_("Plans are submitted by the users of large customers."))
    form = PlanForm(request.POST or None)
    done = form_post(
        request,
        form,
        lambda data: services.plan_create(actor=actor, organization=orgs[0], **data),
        errors=services.PlanError,
        success=lambda plan: _("The plan %(n)s was created as a draft. Add its goods.") % {"n": plan.number},
        redirect_to=_plan_url,
    )
    return done or render(request, "contracts/plans/plan_new.html", {"form": form, "organization": orgs[0]})


def _plan_url(plan: ProcurementPlan) -> str:
    return reverse("contracts:plan", args=[plan.number])


def _plan(actor: Actor, number: str) -> ProcurementPlan:
    plan = selectors.plans_for(actor).filter(number=number).first()
    if plan is None:
        raise Http404(_("No such plan among those you can see."))
    return plan


def plan_detail(request: HttpRequest, number: str) -> HttpResponse:
    """A plan, its lines and the decisions the actor may take on it."""
    actor = actor_for(request.user)
    plan = _plan(actor, number)
    actions = allowed_actions(actor, plan)
    step = posted_step(
        request,
        actions & {"submit", "resubmit", "comment", "agree", "publish", "edit"},
        refused=_("You cannot take this step on this plan now."),
    )
    regions = region_names(get_language() or "ru")
    line_form = LineForm(bound_if(request, step, "edit"), regions=regions, prefix="line")
    comments_form = CommentsForm(bound_if(request, step, "comment"), prefix="review")
    here = _plan_url(plan)
    steps: dict[str, Any] = {
        "edit": (
            line_form,
            lambda data: services.line_add(actor=actor, plan=plan, line=line_form.line()),
            _("The good was added to the plan."),
        ),
        "submit": (None, lambda data: services.plan_submit(actor=actor, plan=plan), _submitted),
        "resubmit": (
            None,
            lambda data: plans_review.plan_resubmit(actor=actor, plan=plan),
            _("The amended plan was resubmitted to the authorized body."),
        ),
        "comment": (
            comments_form,
            lambda data: plans_review.plan_comment(actor=actor, plan=plan, comments=data["comments"]),
            _("The plan was returned to the customer with your comments."),
        ),
        "agree": (None, lambda data: plans_review.plan_agree(actor=actor, plan=plan), _("The plan was agreed.")),
        "publish": (
            None,
            lambda data: plans_review.plan_publish(actor=actor, plan=plan),
            _("The list of goods planned for purchase was published."),
        ),
    }
    done = step_post(request, step, steps, errors=services.PlanError, redirect_to=here)
    if done:
        return done
    deadlines = Deadline.objects.filter(subject_type=services.SUBJECT, subject_id=plan.number).order_by("-id")
    return render(
        request,
        "contracts/plans/plan.html",
        {
            "plan": plan,
            "actions": actions,
            "lines": plan.lines.select_related("region").order_by("position"),
            "line_form": line_form,
            "upload_form": UploadForm(prefix="upload"),
            "comments_form": comments_form,
            "deadlines": deadlines,
            "register": selectors.register_delivery(plan),
            "register_details": selectors.sees_register_delivery(actor, plan),
        },
    )


def _submitted(plan: ProcurementPlan) -> str:
    if plan.late:
        return _("The plan was submitted after its due date %(due)s: it is accepted and marked late.") % {
            "due": plan.due_on.isoformat()
        }
    return _("The plan was submitted to the authorized body.")


@login_required
@require_POST
def plan_upload(request: HttpRequest, number: str) -> HttpResponse:
    """The plan's lines from a CSV or XLSX file: every bad row by its line, nothing stored while any is bad."""
    actor = actor_for(request.user)
    plan = _plan(actor, number)
    if "edit" not in allowed_actions(actor, plan):
        raise PermissionDenied(
            _("The plan's lines are changed by its customer, before it is submitted or after comments.")
        )
    form = UploadForm(request.POST, request.FILES, prefix="upload")
    problems: list[Any] = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            added = services.lines_upload(
                actor=actor, plan=plan, content=upload.read(), name=upload.name, replace=form.cleaned_data["replace"]
            )
        except CsvImportError as exc:
            problems = exc.problems
        else:
            messages.success(request, _("%(n)s goods were added from the file.") % {"n": added})
            return redirect(_plan_url(plan))
    return render(
        request,
        "contracts/plans/upload.html",
        {"plan": plan, "form": form, "problems": problems},
        status=422 if problems else 200,
    )


@login_required
@require_POST
def line_remove(request: HttpRequest, number: str, position: int) -> HttpResponse:
    actor = actor_for(request.user)
    plan = _plan(actor, number)
    form_post(
        request,
        None,
        lambda data: services.line_remove(actor=actor, plan=plan, position=position),
        errors=services.PlanError,
        success=_("The good was removed from the plan."),
        redirect_to=_plan_url(plan),
    )
    return redirect(_plan_url(plan))


urlpatterns: list[URLPattern] = [
    path("plans/", plans, name="plans"),
    path("plans/new/", plan_new, name="plan_new"),
    path("plans/<str:number>/", plan_detail, name="plan"),
    path("plans/<str:number>/upload/", plan_upload, name="plan_upload"),
    path("plans/<str:number>/lines/<int:position>/remove/", line_remove, name="plan_line_remove"),
]
