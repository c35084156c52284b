"""Pages of the agreements with counter-obligations (IP-27): the operator concludes one on a granted measure; the
recipient reports each period's figures and sees what it would owe today; after the period the refund, explained
line by line, with its signed decision; the operator and the authorized body see the late reports."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from nisi.core.authz import actor_for, allowed_actions
from nisi.forms.posting import bound_if, form_post, posted_step, step_post
from nisi.incentives.forms_agreements import ConcludeForm, ReportForm
from nisi.incentives.selectors import agreements as selectors
from nisi.incentives.selectors import applications as request_selectors
from nisi.incentives.services import agreements as services
from nisi.law import clock


@login_required
def agreements(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    today = clock.today()
    return render(
        request,
        "incentives/agreements.html",
        {"agreements": selectors.agreements_for(actor)[:200], "late": selectors.late_reports_for(actor, today)},
    )


@login_required
def conclude(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    found = request_selectors.request_by_number(number)
    if found is None or "conclude_agreement" not in allowed_actions(actor, found):
        raise Http404(_("No granted measure with this number on which you may conclude an agreement."))
    form = ConcludeForm(request.POST or None, initial={"starts_on": found.decided_on})
    done = form_post(
        request,
        form,
        lambda data: services.agreement_conclude(actor=actor, request=found, **form.service_arguments()),
        errors=services.AgreementError,
        success=lambda a: _("Agreement %(number)s was concluded.") % {"number": a.number},
        redirect_to=lambda a: reverse("incentives:agreement", args=[a.number]),
        fields={"targets": "labour_productivity"},
    )
    return done or render(request, "incentives/agreement_conclude.html", {"r": found, "form": form})


@login_required
def agreement(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    found = selectors.agreement_by_number(number)
    if found is None or "view" not in allowed_actions(actor, found):
        raise Http404(_("No agreement with this number that you may see."))
    allowed = allowed_actions(actor, found)
    here = reverse("incentives:agreement", args=[number])
    today = clock.today()
    rows = selectors.period_rows(found, today)
    posted = request.POST.get("period_start", "") if request.method == "POST" else ""
    forms: dict[str, ReportForm] = {}
    step = posted_step(request, allowed, refused=_("You may not do this on this agreement.")) if posted else ""
    for row in rows:
        areas = [t.area for t in row.targets]
        data = bound_if(request, step, "report") if posted == row.key else None
        forms[row.key] = ReportForm(data, areas=areas, initial={"period_start": row.period.start}, prefix=None)
    if step:
        form = forms.get(posted) or ReportForm(request.POST)
        done = step_post(
            request,
            step,
            {
                "report": (
                    form,
                    lambda data: services.report_submit(
                        actor=actor, agreement=found, period_start=data["period_start"], actuals=form.actuals()
                    ),
                    _("Your report was received."),
                ),
                "determine_refund": (
                    ReportForm(request.POST),
                    lambda data: services.refund_determine(
                        actor=actor, agreement=found, period_start=data["period_start"]
                    ),
                    _("The refund was determined."),
                ),
            },
            errors=services.AgreementError,
            redirect_to=here,
        )
        if done:
            return done
    language = translation.get_language() or "ru"
    # One report form at a time, for the earliest period started and not reported: one set of fields on the page.
    report_key = next((row.key for row in rows if row.started and row.report is None), None)
    return render(
        request,
        "incentives/agreement.html",
        {
            "report_key": report_key,
            "agreement": found,
            "allowed": allowed,
            "rows": [
                (row, forms[row.key], selectors.refund_lines(row.refund, language) if row.refund else None)
                for row in rows
            ],
            "payments": found.payments.all(),
            "today": today,
        },
    )


urlpatterns: list[URLPattern] = [
    path("agreements/", agreements, name="agreements"),
    path("agreements/<str:number>/", agreement, name="agreement"),
    path("requests/<str:number>/agreement/", conclude, name="agreement_conclude"),
]
