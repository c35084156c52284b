"""The scrap pages (IP-9.39): an entity lodges its notification and reports each quarter by a form with the period
filled in or by a CSV/XLSX file; every reader sees the period's state (on time, late, missing, awaited) for the
activities it may see: an akimat its region's, the authorized body all."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nisi.core.authz import actor_for
from nisi.core.csv_import import CsvImportError
from nisi.forms.posting import form_post
from nisi.law import clock
from nisi.scrap_metal import rules, selectors, services
from nisi.scrap_metal.forms import CeaseForm, NotificationForm, ReportFileForm, ReportForm
from nisi.scrap_metal.models import Activity, ScrapNotification, ScrapReport
from nisi.scrap_metal.policies import may


@login_required
def home(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    today = clock.today()
    quarter, problem = rules.last_ended_quarter(today), None
    if request.GET.get("period"):
        try:
            quarter = rules.parse_quarter(request.GET["period"])
        except rules.ScrapError as exc:
            problem = str(exc)
    return render(
        request,
        "scrap_metal/home.html",
        {
            "quarter": quarter,
            "problem": problem,
            "lines": selectors.period_status(actor, quarter, today),
            "notifications": list(selectors.notifications_for(actor)[:200]),
            "may_notify": may(actor, ScrapNotification, "notify"),
            "may_report": may(actor, ScrapReport, "submit"),
        },
    )


@login_required
def notify(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not may(actor, ScrapNotification, "notify"):
        raise PermissionDenied(_("Notifications are lodged by the legal entity itself: sign in with its account."))
    form = NotificationForm(request.POST or None)
    done = form_post(
        request,
        form,
        lambda data: services.notification_lodge(actor=actor, **data),
        errors=services.ScrapError,
        success=lambda n: _("Notification %(number)s was lodged with the akimat.") % {"number": n.number},
        redirect_to=lambda n: reverse("scrap_metal:notification", args=[n.number]),
    )
    return done or render(request, "scrap_metal/notify.html", {"form": form})


def _submit(actor: Any, form: ReportForm) -> ScrapReport:
    notification = selectors.reportable_for(actor).get(number=form.cleaned_data["notification"])
    quarter = form.quarter()
    return services.report_submit(
        actor=actor, notification=notification, data=services.report_in(quarter.year, quarter.number, form.lines())
    )


def _imported(reports: list[ScrapReport]) -> str:
    return ngettext("%(count)s report was recorded.", "%(count)s reports were recorded.", len(reports)) % {
        "count": len(reports)
    }


@login_required
def report(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    mine = list(selectors.reportable_for(actor).order_by("number"))
    if not mine:
        raise PermissionDenied(
            _("Reports are given by an entity under its notification: lodge the notification first.")
        )
    here = reverse("scrap_metal:report")
    step = request.POST.get("step")
    form = ReportForm(
        request.POST if step == "report" else None,
        notifications=[(n.number, f"{n.number} {n.site_address}") for n in mine],
        initial={
            "period": str(rules.last_ended_quarter(clock.today())),
            "notification": request.GET.get("notification", mine[0].number if len(mine) == 1 else ""),
        },
    )
    file_form = ReportFileForm(request.POST if step == "file" else None, request.FILES if step == "file" else None)
    if step == "report":
        done = form_post(
            request,
            form,
            lambda data: _submit(actor, form),
            errors=services.ScrapError,
            success=lambda r: _("The report for %(period)s was recorded.") % {"period": r.period},
            redirect_to=lambda r: reverse("scrap_metal:notification", args=[r.notification.number]),
            fields={"lines": "code_1", "hs_code": "code_1"},
        )
        if done:
            return done
    if step == "file":
        upload = request.FILES.get("file")
        done = form_post(
            request,
            file_form,
            lambda data: services.reports_import(
                actor=actor, content=upload.read() if upload else b"", name=(upload.name or "") if upload else ""
            ),
            errors=CsvImportError,
            success=_imported,
            redirect_to=reverse("scrap_metal:home"),
            field="file",
        )
        if done:
            return done
    return render(request, "scrap_metal/report.html", {"form": form, "file_form": file_form, "here": here})


@login_required
def notification(request: HttpRequest, number: str) -> HttpResponse:
    actor = actor_for(request.user)
    found = selectors.notification_for(actor, number)
    if found is None:
        raise Http404(_("No notification %(number)s that you may see.") % {"number": number})
    actions = selectors.notification_actions(actor, found)
    here = reverse("scrap_metal:notification", args=[found.number])
    form = CeaseForm(request.POST or None) if "cease" in actions else None
    done = (
        form_post(
            request,
            form,
            lambda data: services.notification_cease(actor=actor, notification=found, **data),
            errors=services.ScrapError,
            success=_("The activity is recorded as ceased."),
            redirect_to=here,
        )
        if form is not None
        else None
    )
    return done or render(
        request,
        "scrap_metal/notification.html",
        {
            "notification": found,
            "activities": [Activity(a).label for a in found.activities if a in Activity.values],
            "reports": selectors.reports_of(actor, found),
            "actions": actions,
            "form": form,
            "register": selectors.wholly_produced_information(actor, found.number),
        },
    )


app_name = "scrap_metal"
urlpatterns: list[URLPattern] = [
    path("", home, name="home"),
    path("notify/", notify, name="notify"),
    path("report/", report, name="report"),
    path("notifications/<str:number>/", notification, name="notification"),
]
