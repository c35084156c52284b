"""Pages of the financing agreements: concluding one on an approved application, paying tranches, monitoring
reports and their assessment, termination for a breach. Included in `views.financing.urlpatterns`."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from nisi.astana_hub.forms.financing import AgreementForm, AssessForm, ReportForm, TerminateForm, TranchePayForm
from nisi.astana_hub.selectors import financing as selectors
from nisi.astana_hub.services import financing_agreements as services
from nisi.astana_hub.services.financing import FinancingError
from nisi.core.authz import actor_for, allowed_actions
from nisi.forms.posting import form_post, step_post


@login_required
def agreement_new(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    application = selectors.applications_for(actor).filter(number=number).first()
    if application is None:
        raise Http404(_("No such application among those you can see."))
    if "conclude_agreement" not in allowed_actions(actor, application):
        raise PermissionDenied(_("The Fund's officers conclude agreements on approved applications."))
    form = AgreementForm(request.POST or None)
    done = form_post(
        request,
        form,
        lambda data: services.agreement_conclude(
            actor=actor,
            application=application,
            signed_on=data["signed_on"],
            ends_on=data["ends_on"],
            tranches=data["tranches"],
        ),
        errors=FinancingError,
        success=lambda agreement: _("The agreement %(n)s was recorded.") % {"n": agreement.number},
        redirect_to=lambda agreement: reverse("astana_hub:financing_agreement", args=[agreement.number]),
    )
    return done or render(
        request, "astana_hub/financing/agreement_new.html", {"form": form, "application": application}
    )


@login_required
def agreement_detail(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    agreement = selectors.agreements_for(actor).filter(number=number).first()
    if agreement is None:
        raise Http404(_("No such agreement among those you can see."))
    actions = allowed_actions(actor, agreement)
    post = request.POST
    pay_form = TranchePayForm(post if "pay" in post else None, prefix="pay")
    report_form = ReportForm(post if "report" in post else None, prefix="report")
    assess_form = AssessForm(post if "assess" in post else None, prefix="assess")
    terminate_form = TerminateForm(post if "terminate" in post else None, prefix="terminate")
    if request.method == "POST":
        step = next((s for s in ("pay", "report", "assess", "terminate", "complete") if s in post), None)
        if step is None or step not in actions:
            raise PermissionDenied(_("You cannot take this step on this agreement now."))

        def pay(data: dict[str, Any]) -> Any:
            tranche = agreement.tranches.filter(pk=post.get("tranche") or 0).first()
            if tranche is None:
                raise FinancingError(_("Choose the tranche to pay."))
            return services.tranche_pay(actor=actor, tranche=tranche, **data)

        def assess(data: dict[str, Any]) -> Any:
            report = agreement.reports.filter(pk=post.get("report_id") or 0).first()
            if report is None:
                raise FinancingError(_("Choose the report to assess."))
            return services.report_assess(actor=actor, report=report, **data)

        done = step_post(
            request,
            step,
            {
                "complete": (
                    None,
                    lambda data: services.agreement_complete(actor=actor, agreement=agreement),
                    _("The agreement was completed."),
                ),
                "pay": (pay_form, pay, _("The tranche was paid and recorded as a use of the Fund's assets.")),
                "report": (
                    report_form,
                    lambda data: services.report_submit(actor=actor, agreement=agreement, **data),
                    _("Your report was submitted to the Fund."),
                ),
                "assess": (assess_form, assess, _("The assessment was recorded and the recipient notified.")),
                "terminate": (
                    terminate_form,
                    lambda data: services.agreement_terminate(
                        actor=actor, agreement=agreement, reasons=data["reasons"]
                    ),
                    _("The agreement was terminated and the recipient notified."),
                ),
            },
            errors=FinancingError,
            redirect_to=reverse("astana_hub:financing_agreement", args=[number]),
        )
        if done:
            return done
    return render(
        request,
        "astana_hub/financing/agreement.html",
        {
            "agreement": agreement,
            "application": agreement.application,
            "actions": actions,
            "tranches": agreement.tranches.all(),
            "reports": agreement.reports.all(),
            "pay_form": pay_form,
            "report_form": report_form,
            "assess_form": assess_form,
            "terminate_form": terminate_form,
            "unassessed": agreement.reports.filter(assessment=""),
            "breached": agreement.reports.filter(assessment="breached").exists(),
        },
    )


urlpatterns: list[URLPattern] = [
    path("financing/applications/<str:number>/agreement/", agreement_new, name="financing_agreement_new"),
    path("financing/agreements/<str:number>/", agreement_detail, name="financing_agreement"),
]
