"""The on-site inspection of production (IP-51-1.5): scheduled, then its report and the decision on each good,
read back before they are recorded (issue 10: check your answers, as for inclusion), since the report decides the
application (IP-51-1.6)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from nisi.forms.posting import form_post
from nisi.registry.forms import InspectionReportForm, InspectionScheduleForm
from nisi.registry.models import RegisterApplication
from nisi.registry.services import decisions
from nisi.registry.views.applications import _application, _goods_form
from nisi.registry.views.assessment_answers import INSPECTION, answers_forget, answers_keep, answers_of
from nisi.registry.views.inclusion import goods_read_back


@login_required
def application_inspection(request: HttpRequest, number: str) -> HttpResponse:
    """The inspection scheduled; once it is, its report and the decision on each good, which go to the check."""
    actor, application = _application(request, number, "record_inspection")
    inspection = application.inspections.filter(concluded_at__isnull=True).first()
    here = reverse("registry:application_inspection", kwargs={"number": number})
    if inspection is None:
        schedule_form = InspectionScheduleForm(request.POST or None)
        done = form_post(
            request,
            schedule_form,
            lambda data: decisions.inspection_schedule(actor=actor, application=application, **data),
            errors=decisions.DecisionError,
            success="",  # the page shows the inspection scheduled
            redirect_to=here,
        )
        report_form, goods_form = InspectionReportForm(), _goods_form(None, application, required=False)
    else:
        # Back from the check of the answers ("change"), the form shows them again.
        data = request.POST if request.method == "POST" else answers_of(request, number, INSPECTION)
        schedule_form, report_form = InspectionScheduleForm(), InspectionReportForm(data)
        goods_form = _goods_form(data, application, required=True)
        if request.method == "POST" and report_form.is_valid() & goods_form.is_valid():
            answers_keep(request, number, INSPECTION)
            return redirect("registry:application_inspection_check", number=number)
        done = None
    return done or render(
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


@login_required
def application_inspection_check(request: HttpRequest, number: str) -> HttpResponse:
    """The report and the decision on each good read back, with a link to change each; the button records them
    (IP-51-1.5) and decides the application (IP-51-1.6)."""
    actor, application = _application(request, number, "record_inspection")
    change = reverse("registry:application_inspection", kwargs={"number": number})
    inspection = application.inspections.filter(concluded_at__isnull=True).first()
    data = answers_of(request, number, INSPECTION)
    if inspection is None or data is None:
        return redirect(change)
    report_form = InspectionReportForm(data)
    goods_form = _goods_form(data, application, required=True)
    if not report_form.is_valid() & goods_form.is_valid():
        return redirect(change)

    def record(_: dict[str, Any]) -> str:
        decisions.inspection_report(
            actor=actor, inspection=inspection, **report_form.cleaned_data, **goods_form.service_arguments()
        )
        answers_forget(request, number, INSPECTION)
        application.refresh_from_db(fields=["status"])
        if application.status == RegisterApplication.Status.INCLUDED:
            return reverse("registry:application_included", kwargs={"number": number})
        return reverse("registry:application", kwargs={"number": number})

    # Refused, the officer is back on the form with the refusal as the page's message.
    done = form_post(
        request,
        None,
        record,
        errors=decisions.DecisionError,
        success=lambda to: "" if to.endswith("/included/") else _("The inspection's report was recorded."),
        redirect_to=lambda to: to or change,
    )
    goods = goods_read_back(goods_form)
    return done or render(
        request,
        "registry/application_inspection_check.html",
        {
            "application": application,
            "organization": application.organization,
            "inspection": inspection,
            "goods": goods,
            "includes": any(g["included"] for g in goods),
            "report": report_form.cleaned_data["report"],
            "reasons": report_form.cleaned_data["reasons"],
            "change": change,
        },
    )
