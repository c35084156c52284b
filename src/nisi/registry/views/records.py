"""A producer's own record (goods, extract, notices, removal, objection) and the appeals commission's work."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nisi.core import selectors as core_selectors
from nisi.core.authz import Actor, actor_for, allowed_actions, require
from nisi.forms.listing import list_page
from nisi.forms.posting import Errors, form_post, step_post
from nisi.registry import history, policies, rules, selectors
from nisi.registry.forms import AppealDecisionForm, AppealForm, AppealStepForm
from nisi.registry.forms.lists import AppealFilterForm
from nisi.registry.models import Appeal, RegisterGood, Removal
from nisi.registry.services import appeals, monitoring, register
from nisi.verification.selectors import reasons as verification_reasons


def _record(request: HttpRequest, number: str) -> tuple:
    actor = actor_for(request.user)
    record = selectors.records_for(actor).filter(number=number).first()
    if record is None:
        raise Http404(_("No such register record among those you can see."))
    return actor, record


@login_required
def record_detail(request: HttpRequest, number: str) -> HttpResponse:
    actor, record = _record(request, number)
    require(actor, record, "view")
    actions = allowed_actions(actor, record)
    removal = record.removals.filter(reversed_on__isnull=True).first() if record.status == "removed" else None
    appeal_until = (
        rules.appeal_deadline(removal.removed_on).value if removal and removal.ground == "monitoring" else None
    )
    # One objection per removal: once the commission has decided, its decision binds (IP-51-5.6); the next step
    # is court (IP-51-5.7). While one is examined, another is not filed.
    removal_appeals = list(removal.appeals.order_by("filed_on", "pk")) if removal is not None else []
    decided_appeal = next((a for a in removal_appeals if a.decided), None)
    form = AppealForm(request.POST or None)
    done = None
    if removal is not None:  # an objection is filed against the removal that stands
        done = form_post(
            request,
            form,
            lambda data: appeals.appeal_file(actor=actor, removal=removal, grounds=data["grounds"]),
            errors=appeals.AppealError,
            success=_("Your objection was filed with the appeals commission."),
            redirect_to=reverse("registry:record", args=[number]),
            field="grounds",
        )
    return done or render(
        request,
        "registry/record.html",
        {
            "record": record,
            "actions": actions,
            "goods": record.goods.filter(removed_on__isnull=True),
            "left_out": record.goods.filter(status=RegisterGood.Status.NOT_REINSTATED).select_related("appeal"),
            "software_notices": selectors.software_notices_for(actor).filter(organization=record.organization)[:20],
            "notices": [
                {"n": n, "reasons": [r for r in verification_reasons(n.verification) if not r["passed"]]}
                for n in record.notices.select_related("deadline", "verification")
            ],
            "removal": removal,
            "appeal_until": appeal_until,
            "decided_appeal": decided_appeal,
            "may_object": appeal_until is not None and (not removal_appeals or bool(form.errors)),
            "appeals": [a for r in record.removals.all() for a in r.appeals.all()],
            "form": form,
            "extracts": core_selectors.documents_about("register_extract", record.number)[:5],
            "history": history.record_history(actor, record.number),
        },
    )


def _record_post(
    request: HttpRequest, number: str, call: Callable[[Actor, Any], Any], *, errors: Errors, success: str
) -> HttpResponse:
    """A decision without questions posted from a producer's record page: back to the page, with what was done or
    why it was not."""
    actor, record = _record(request, number)
    here = reverse("registry:record", args=[number])
    done = form_post(request, None, lambda data: call(actor, record), errors=errors, success=success, redirect_to=here)
    return done or redirect(here)


@login_required
@require_POST
def record_extract(request: HttpRequest, number: str) -> HttpResponse:
    return _record_post(
        request,
        number,
        lambda actor, record: register.extract_issue(actor=actor, record=record),
        errors=register.RegisterError,
        success=_("A new extract was issued; it is in your documents."),
    )


@login_required
@require_POST
def record_leave(request: HttpRequest, number: str) -> HttpResponse:
    return _record_post(
        request,
        number,
        lambda actor, record: register.record_remove(actor=actor, record=record, ground=Removal.Ground.OWN_REQUEST),
        errors=register.RegisterError,
        success=_("Your organization was removed from the register at its own request."),
    )


def _notice(record: Any, pk: int) -> Any:
    notice = record.notices.filter(pk=pk).first()
    if notice is None:
        raise Http404(_("No such notice."))
    return notice


@login_required
@require_POST
def notice_recheck(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    return _record_post(
        request,
        number,
        lambda actor, record: monitoring.noncompliance_recheck(actor=actor, notice=_notice(record, pk)),
        errors=monitoring.MonitoringError,
        success=_("Digital verification was run again; its result is below."),
    )


@login_required
def appeal_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not policies.may_open(actor, policies.APPEALS_LIST_ROLES):
        raise PermissionDenied(_("The list of objections is for the appeals commission."))
    filters = AppealFilterForm(request.GET or None)
    found = filters.narrowed(selectors.appeals_for(actor), organization="removal__record__organization")
    listing = list_page(request, found, sorts=AppealFilterForm.SORTS)
    return render(request, "registry/appeals.html", {"appeals": listing.rows, "listing": listing, "filters": filters})


@login_required
def appeal_detail(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    appeal = selectors.appeals_for(actor).filter(number=number).first()
    if appeal is None:
        raise Http404(_("No such objection among those you can see."))
    actions = allowed_actions(actor, appeal)
    goods = appeals.appeal_removed_goods(appeal)
    step_form = AppealStepForm(request.POST if "step" in request.POST else None)
    decision_form = AppealDecisionForm(request.POST if "decision" in request.POST else None, goods=goods)

    def step(data: dict[str, Any]) -> Appeal:
        if data["step"] == "documents":
            return appeals.appeal_request_documents(actor=actor, appeal=appeal, documents=data["documents"])
        if data["on"] is None:
            raise appeals.AppealError(_("Enter the date."))
        return appeals.appeal_schedule(actor=actor, appeal=appeal, what=data["step"], on=data["on"])

    here = reverse("registry:appeal", args=[number])
    done = step_post(
        request,
        "decision" if decision_form.is_bound else "step" if step_form.is_bound else "",
        {
            "step": (step_form, step, ""),
            "decision": (
                decision_form,
                lambda data: appeals.appeal_decide(actor=actor, appeal=appeal, **data),
                _("The decision was recorded."),
            ),
        },
        errors=appeals.AppealError,
        redirect_to=here,
    )
    return done or render(
        request,
        "registry/appeal.html",
        {
            "appeal": appeal,
            "actions": actions,
            "step_form": step_form,
            "decision_form": decision_form,
            "record": appeal.removal.record,
            "goods": goods,
            "history": history.appeal_history(actor, appeal.number),
        },
    )
