"""Quarterly information (IP-6.2, IP-11.8): a reporter gives its projects' quarter by a form with the period filled
in or by a CSV/XLSX file; every reader sees the quarter's state (on time, late, missing) for the projects it may see,
the authorized body all of them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nisi.core.authz import actor_for
from nisi.core.csv_import import CsvImportError
from nisi.forms.posting import form_post
from nisi.industrialization.forms import ReportFileForm, ReportForm
from nisi.industrialization.rules import QuarterError, last_ended_quarter, parse_quarter
from nisi.industrialization.selectors import projects as selectors
from nisi.industrialization.services import reports as services
from nisi.industrialization.services.projects import MapError
from nisi.law import clock


def _submit(actor: Any, form: ReportForm) -> Any:
    data = form.cleaned_data
    quarter = form.quarter()
    project = selectors.reportable_for(actor).get(number=data["project"])
    return services.quarterly_report_submit(
        actor=actor,
        project=project,
        data=services.ReportIn(
            year=quarter.year,
            quarter=quarter.number,
            stage=data["stage"],
            investment_to_date=data["investment_to_date"],
            jobs_created=data["jobs_created"],
            output=data.get("output") or Decimal(0),
            stage_date=data.get("stage_date"),
            comment=data.get("comment", ""),
        ),
    )


def _imported(reports: list[Any]) -> str:
    return ngettext(
        "%(count)s project's quarterly information was recorded.",
        "%(count)s projects' quarterly information was recorded.",
        len(reports),
    ) % {"count": len(reports)}


@login_required
def reports(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    today = clock.today()
    here = reverse("industrialization:reports")
    quarter = last_ended_quarter(today)
    shown = request.GET.get("quarter")
    problem = None
    if shown:
        try:
            quarter = parse_quarter(shown, today)
        except QuarterError as exc:
            problem = str(exc)
    mine = list(selectors.reportable_for(actor).order_by("number"))
    form = file_form = None
    if mine:
        choices = [(p.number, f"{p.number} {p.name}") for p in mine]
        form = ReportForm(
            request.POST if request.POST.get("step") == "report" else None,
            projects=choices,
            initial={"period": str(last_ended_quarter(today))},
        )
        file_form = ReportFileForm(
            request.POST if request.POST.get("step") == "file" else None,
            request.FILES if request.POST.get("step") == "file" else None,
        )
        if request.POST.get("step") == "report":
            done = form_post(
                request,
                form,
                lambda data: _submit(actor, form),
                errors=(MapError, QuarterError),
                success=_("The quarter's information was recorded."),
                redirect_to=here,
                fields={"quarter": "period", "year": "period"},
            )
            if done:
                return done
        if request.POST.get("step") == "file":
            upload = request.FILES.get("file")
            done = form_post(
                request,
                file_form,
                lambda data: services.quarterly_reports_import(
                    actor=actor, content=upload.read() if upload else b"", name=(upload.name or "") if upload else ""
                ),
                errors=CsvImportError,
                success=_imported,
                redirect_to=here,
                field="file",
            )
            if done:
                return done
    return render(
        request,
        "industrialization/reports.html",
        {
            "quarter": quarter,
            "problem": problem,
            "lines": selectors.quarter_status(actor, quarter),
            "form": form,
            "file_form": file_form,
        },
    )


urlpatterns: list[URLPattern] = [path("reports/", reports, name="reports")]
