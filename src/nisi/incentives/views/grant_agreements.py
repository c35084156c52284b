"""Pages of the grant agreements (IP-42): concluding one with its counter-obligations and tranches, paying tranches
from the grant account, the monitoring reports (IP-42.4) and their assessment, and the grant account's years with
the balance carried over on 31 December (IP-42.5). Included in `views.grants.urlpatterns`."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from nisi.core.authz import actor_for, allowed_actions
from nisi.core.financing.forms import AssessForm, ReportForm, TerminateForm, TranchePayForm
from nisi.core.financing.scheme import FinancingError
from nisi.core.models import Deadline
from nisi.core.roles import Role
from nisi.forms.posting import form_post, step_post
from nisi.incentives.forms import AccountReceiveForm, GrantAgreementForm
from nisi.incentives.models import GrantAccountYear
from nisi.incentives.rules.counter_obligations import AREA_LABELS, Area
from nisi.incentives.selectors import grants as selectors
from nisi.incentives.services import grant_agreements as services

T = "incentives/grants/"


@login_required
def agreement_new(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    application = selectors.applications_for(actor).filter(number=number).first()
    if application is None:
        raise Http404(_("No such application among those you can see."))
    if "conclude_agreement" not in allowed_actions(actor, application):
        raise PermissionDenied(_("The institute's officers conclude grant agreements on approved applications."))
    form = GrantAgreementForm(request.POST or None)
    done = form_post(
        request,
        form,
        lambda data: services.agreement_conclude(
            actor=actor,
            application=application,
            signed_on=data["signed_on"],
            ends_on=data["ends_on"],
            tranches=data["tranches"],
            counter_obligations=data["counter_obligations"],
        ),
        errors=FinancingError,
        success=lambda agreement: _("The grant agreement %(n)s was recorded.") % {"n": agreement.number},
        redirect_to=lambda agreement: reverse("incentives:grant_agreement", args=[agreement.number]),
    )
    return done or render(request, T + "agreement_new.html", {"form": form, "application": application})


def _targets(agreement: Any) -> list[dict[str, Any]]:
    labels = {a.value: AREA_LABELS[a] for a in Area}
    return [{**t, "label": labels.get(t["area"], t["area"])} for t in agreement.counter_obligations]


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
            return services.tranche_release(
                actor=actor, tranche=tranche, paid_on=data["paid_on"], document_reference=data["document_reference"]
            )

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
                "pay": (pay_form, pay, _("The tranche was paid from the grant account.")),
                "report": (
                    report_form,
                    lambda data: services.report_submit(actor=actor, agreement=agreement, **data),
                    _("Your report was submitted to the institute."),
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
            redirect_to=reverse("incentives:grant_agreement", args=[number]),
        )
        if done:
            return done
    deadlines = Deadline.objects.filter(
        subject_type=services.AGREEMENT_SUBJECT, subject_id=agreement.number, kind=services.REPORT_DEADLINE
    ).order_by("due_on")
    return render(
        request,
        T + "agreement.html",
        {
            "agreement": agreement,
            "application": agreement.application,
            "actions": actions,
            "targets": _targets(agreement),
            "tranches": agreement.tranches.all(),
            "reports": agreement.reports.all(),
            "deadlines": deadlines,
            "pay_form": pay_form,
            "report_form": report_form,
            "assess_form": assess_form,
            "terminate_form": terminate_form,
            "unassessed": agreement.reports.filter(assessment=""),
            "breached": agreement.reports.filter(assessment="breached").exists(),
        },
    )


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The grant account's years (IP-42.5): budget funds received, grants paid, and each year's balance carried
    into the next on 31 December."""
    actor = actor_for(request.user)
    if not ({Role.DEVELOPMENT_INSTITUTE, Role.AUTHORIZED_BODY, Role.AUDITOR} & actor.roles):
        raise PermissionDenied(_("The grant account is kept by the development institute."))
    institute = selectors.institute_of(actor)
    here = reverse("incentives:grant_account")
    form = AccountReceiveForm(request.POST if "receive" in request.POST else None)
    if form.is_bound:
        if institute is None:
            raise PermissionDenied(_("Budget funds are recorded by the development institute's officers."))
        done = form_post(
            request,
            form,
            lambda data: services.account_receive(actor=actor, institute=institute, **data),
            errors=FinancingError,
            success=_("The budget funds received were recorded."),
            redirect_to=here,
        )
        if done:
            return done
    if request.method == "POST" and "close" in request.POST:
        year = selectors.accounts_for(actor).filter(pk=request.POST.get("close") or 0).first()
        if year is None or "close" not in allowed_actions(actor, year):
            raise PermissionDenied(_("You cannot close this year of the grant account."))
        done = form_post(
            request,
            None,
            lambda data: services.account_year_close(actor=actor, account=year),
            errors=FinancingError,
            success=_("The year was closed; its balance was carried into the next financial year (IP-42.5)."),
            redirect_to=here,
        )
        if done:
            return done
    years = list(selectors.accounts_for(actor))
    closable = {y.pk for y in years if "close" in allowed_actions(actor, y)}
    return render(
        request,
        T + "account.html",
        {
            "years": years,
            "closable": closable,
            "form": form,
            "may_receive": institute is not None,
            "open": GrantAccountYear.Status.OPEN,
        },
    )


urlpatterns: list[URLPattern] = [
    path("grants/applications/<str:number>/agreement/", agreement_new, name="grant_agreement_new"),
    path("grants/agreements/<str:number>/", agreement_detail, name="grant_agreement"),
    path("grants/account/", account, name="grant_account"),
]
