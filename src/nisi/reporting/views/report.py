"""The National Report's pages (IP-5.2, IP-9.36): the year's inputs and a body's or an akimat's form, the
authorized body's reports with their build's progress (HTMX polling, and a reload link without JavaScript), an
edition in the reader's language and its PDFs."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from nisi.core.authz import actor_for, allowed_actions
from nisi.core.models import Organization
from nisi.forms.posting import form_post
from nisi.law import clock
from nisi.reporting.models import NationalReport, ReportEdition, ReportInput
from nisi.reporting.report_forms import InputForm, InputsOpenForm, ReportRequestForm
from nisi.reporting.report_policies import may
from nisi.reporting.rules.report import ReportError, inputs_due
from nisi.reporting.selectors import report as selectors
from nisi.reporting.services import report as services


def _open(actor: Any, form: InputsOpenForm) -> list[ReportInput]:
    identifiers = form.identifiers()
    bodies = list(Organization.objects.filter(identifier__in=identifiers))
    unknown = sorted(set(identifiers) - {b.identifier for b in bodies})
    if unknown:
        raise ReportError(
            _("No organization is known with the BIN %(bins)s: check it, or register the body first.")
            % {"bins": ", ".join(unknown)},
            field="bodies",
        )
    return services.report_inputs_open(actor=actor, year=form.cleaned_data["year"], bodies=bodies)


@login_required
def report_inputs(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    today = clock.today()
    form = None
    if may(actor, ReportInput, "open"):
        form = InputsOpenForm(request.POST or None, initial={"year": today.year - 1})
        done = form_post(
            request,
            form,
            lambda data: _open(actor, form),
            errors=ReportError,
            success=lambda opened: (
                ngettext(
                    "%(count)s input was opened with its deadline.",
                    "%(count)s inputs were opened with their deadlines.",
                    len(opened),
                )
                % {"count": len(opened)}
            ),
            redirect_to=reverse("reporting:report_inputs"),
        )
        if done:
            return done
    inputs = list(selectors.inputs_for(actor).order_by("-year", "region_id", "organization__name"))
    return render(
        request,
        "reporting/report/inputs.html",
        {"inputs": inputs, "form": form, "today": today, "due": inputs_due(today.year - 1)},
    )


@login_required
def report_input(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    item = selectors.inputs_for(actor).filter(pk=pk).first()
    if item is None:
        raise Http404(_("No input with this number that you may see."))
    form = None
    if "submit" in allowed_actions(actor, item):
        form = InputForm(request.POST or None)
        done = form_post(
            request,
            form,
            lambda data: services.report_input_submit(
                actor=actor,
                report_input=item,
                sections=form.sections(),
                figures=[services.Figure(n, v, u) for n, v, u in data["figures"]],
            ),
            errors=ReportError,
            success=_("Your information for the National Report was given."),
            redirect_to=reverse("reporting:report_input", args=[item.pk]),
            fields={"sections": "title_1"},
        )
        if done:
            return done
    return render(request, "reporting/report/input.html", {"item": item, "form": form})


@login_required
def reports(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not (may(actor, NationalReport, "view") or may(actor, NationalReport, "generate")):
        raise PermissionDenied(_("Only the authorized body and auditors read the National Report."))
    form = None
    if may(actor, NationalReport, "generate"):
        form = ReportRequestForm(request.POST or None, initial={"year": clock.today().year - 1})
        done = form_post(
            request,
            form,
            lambda data: services.report_request(actor=actor, year=data["year"], cut_off=data["cut_off"]),
            errors=ReportError,
            success=lambda report: _("Report %(number)s is being built.") % {"number": report.number},
            redirect_to=lambda report: reverse("reporting:report", args=[report.number]),
            fields={"cut_off": "cut_off", "year": "year"},
        )
        if done:
            return done
    return render(
        request, "reporting/report/reports.html", {"reports": selectors.reports_for(actor)[:50], "form": form}
    )


def _report(request: HttpRequest, number: str) -> NationalReport:
    found = selectors.reports_for(actor_for(request.user)).filter(number=number).first()
    if found is None:
        raise Http404(_("No report with this number that you may see."))
    return found


def _edition(report: NationalReport, language: str) -> ReportEdition | None:
    return report.editions.select_related("document").filter(language=language).first()


@login_required
def report(request: HttpRequest, number: str) -> HttpResponse:
    found = _report(request, number)
    language = (get_language() or "ru")[:2]
    return render(
        request,
        "reporting/report/report.html",
        {
            "report": found,
            "edition": _edition(found, language),
            "editions": list(found.editions.order_by("language")),
            "running": found.status in {NationalReport.Status.QUEUED, NationalReport.Status.BUILDING},
        },
    )


@login_required
def report_progress(request: HttpRequest, number: str) -> HttpResponse:
    found = _report(request, number)
    running = found.status in {NationalReport.Status.QUEUED, NationalReport.Status.BUILDING}
    return render(request, "reporting/report/_progress.html", {"report": found, "running": running, "following": True})


@login_required
def report_pdf(request: HttpRequest, number: str, language: str) -> FileResponse:
    found = _report(request, number)
    if "download" not in allowed_actions(actor_for(request.user), found):
        raise Http404(_("The report is not ready yet."))
    edition = _edition(found, language)
    if edition is None:
        raise Http404(_("The report has no edition in this language."))
    signed = request.GET.get("unsigned") != "1"
    file = edition.signed_pdf if signed else edition.pdf
    name = f"{found.number}-{language}{'' if signed else '-unsigned'}.pdf"
    return FileResponse(file.open("rb"), as_attachment=True, filename=name, content_type="application/pdf")


urlpatterns: list[URLPattern] = [
    path("report/inputs/", report_inputs, name="report_inputs"),
    path("report/inputs/<int:pk>/", report_input, name="report_input"),
    path("report/", reports, name="reports"),
    path("report/<str:number>/", report, name="report"),
    path("report/<str:number>/progress/", report_progress, name="report_progress"),
    path("report/<str:number>/<str:language>.pdf", report_pdf, name="report_pdf"),
]
