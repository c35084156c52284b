"""The page of a grant agreement's yearly results (IP-42.1, IP-27): the recipient reports each year's figures (a
form, or a CSV/XLSX file) and sees what it would owe today; after the year the institute determines the refund,
explained line by line, with its signed decision. Included in `views.grants.urlpatterns`."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from nisi.core.authz import actor_for, allowed_actions
from nisi.core.identifiers import is_latin_digits
from nisi.forms.posting import posted_step, step_post
from nisi.incentives import grant_facts
from nisi.incentives.forms_grant_results import ResultsFileForm, ResultsForm
from nisi.incentives.selectors import grant_results as selectors
from nisi.incentives.selectors import grants as grant_selectors
from nisi.incentives.services import grant_results as services
from nisi.incentives.services.agreements import AgreementError
from nisi.law import clock


@login_required
def results(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    agreement = grant_selectors.agreements_for(actor).filter(number=number).first()
    if agreement is None:
        raise Http404(_("No such agreement among those you can see."))
    allowed = allowed_actions(actor, agreement)
    here = reverse("incentives:grant_results", args=[number])
    today = clock.today()
    rows = selectors.result_rows(agreement, today)
    steps = set(allowed) | ({"upload"} if "report" in allowed else set())
    step = posted_step(request, steps, refused=_("You may not do this on this agreement."))
    posted_year = request.POST.get("year", "") if step else ""
    forms: dict[int, ResultsForm] = {}
    for row in rows:
        data = request.POST if step == "report" and posted_year == str(row.year) else None
        forms[row.year] = ResultsForm(data, areas=[t.area for t in row.targets], initial={"year": row.year})
    file_form = ResultsFileForm(request.POST if step == "upload" else None, request.FILES if step == "upload" else None)
    if step:
        form: Any = forms.get(int(posted_year)) if is_latin_digits(posted_year) else None

        def refund(data: dict[str, Any]) -> Any:
            period = grant_facts.period_of_year(agreement, int(data["year"]))
            if period is None:
                raise AgreementError([_("This is not one of the agreement's years: choose one of its periods.")])
            return services.refund_determine(actor=actor, agreement=agreement, period_start=period.start)

        done = step_post(
            request,
            step,
            {
                "report": (
                    form or ResultsForm(request.POST),
                    lambda data: services.results_submit(
                        actor=actor, agreement=agreement, year=int(data["year"]), actuals=form.actuals()
                    ),
                    _("Your figures were received."),
                ),
                "upload": (
                    file_form,
                    lambda data: services.results_import(
                        actor=actor, agreement=agreement, content=data["file"].read(), name=data["file"].name
                    ),
                    _("Your figures were received."),
                ),
                "determine_refund": (
                    ResultsForm(request.POST),
                    refund,
                    _("The refund was determined."),
                ),
            },
            errors=AgreementError,
            redirect_to=here,
        )
        if done:
            return done
    language = translation.get_language() or "ru"
    report_year = next((row.year for row in rows if row.started and row.report is None), None)
    return render(
        request,
        "incentives/grants/results.html",
        {
            "agreement": agreement,
            "application": agreement.application,
            "allowed": allowed,
            "report_year": report_year,
            "file_form": file_form,
            "rows": [
                (
                    row,
                    forms[row.year],
                    (row.refund.trace.get(language) or row.refund.trace.get("ru") or []) if row.refund else None,
                )
                for row in rows
            ],
        },
    )


urlpatterns: list[URLPattern] = [
    path("grants/agreements/<str:number>/results/", results, name="grant_results"),
]
