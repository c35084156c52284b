"""The National Report and the public dashboard through the API (IP-5.2, IP-16.3): the same services, selectors
and policies as the pages — the inputs and their giving, a report's request, its status and progress, its editions
(HTML, signed PDF), and the dashboard's figures (public)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.http import FileResponse, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema
from ninja.responses import Status

from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for, allowed_actions
from nisi.law.api_common import Problem, explain
from nisi.reporting.models import NationalReport, ReportInput
from nisi.reporting.rules.report import FIRST_YEAR, ReportError
from nisi.reporting.selectors import report as selectors
from nisi.reporting.selectors.dashboard import dashboard_data
from nisi.reporting.services import report as services

router = Router(tags=["National Report and dashboard"])
NUMBER = r"^NR-[0-9]{4}-[0-9]{4}$"
Language = Literal["kk", "ru", "en"]
NUMBER_PATH = Path(..., pattern=NUMBER, description="the report's number, e.g. NR-2025-0001")


class NationalReportIn(Schema):
    year: int = Field(ge=FIRST_YEAR, le=2100, description="the reporting year")
    cut_off: dt.date = Field(description="the records are taken as they stood at the end of this day")


class NationalReportEditionOut(Schema):
    language: str
    pdf_sha256: str = Field(description="SHA-256 of the PDF without the signature page: the same from the same cut-off")
    html_url: str
    pdf_url: str = Field(description="the signed PDF")
    verify_url: str = Field(description="the public verification of its signature")


class NationalReportOut(Schema):
    number: str
    year: int
    cut_off: dt.date
    status: str
    progress: int = Field(description="percent")
    step: str
    digest: str = Field(description="SHA-256 of the canonical figures")
    requested_at: dt.datetime
    finished_at: dt.datetime | None
    editions: list[NationalReportEditionOut]


def _out(report: NationalReport, request: HttpRequest) -> dict[str, Any]:
    from nisi.core.services.documents import verification_url

    editions = [
        {
            "language": e.language,
            "pdf_sha256": e.pdf_sha256,
            "html_url": request.build_absolute_uri(
                reverse("api:reporting_report_html", kwargs={"number": report.number, "language": e.language})
            ),
            "pdf_url": request.build_absolute_uri(
                reverse("api:reporting_report_pdf", kwargs={"number": report.number, "language": e.language})
            ),
            "verify_url": verification_url(e.document.token),
        }
        for e in report.editions.select_related("document").order_by("language")
    ]
    return {
        "number": report.number,
        "year": report.year,
        "cut_off": report.cut_off,
        "status": report.status,
        "progress": report.progress,
        "step": report.step,
        "digest": report.digest,
        "requested_at": report.requested_at,
        "finished_at": report.finished_at,
        "editions": editions,
    }


def _missing() -> Status:
    return Status(404, {"detail": _("No report with this number that you may see.")})


@router.get(
    "/reports", auth=TokenAuth(), response=list[NationalReportOut], summary="National Reports the caller may read"
)
def reports(request: HttpRequest) -> Any:
    return [_out(r, request) for r in selectors.reports_for(actor_for(request.user))[:100]]


@router.post(
    "/reports",
    auth=TokenAuth(),
    response={202: NationalReportOut, 403: Problem, 422: Problem},
    summary="Build the National Report of a year as of a cut-off date (the authorized body; IP-5.2)",
    openapi_extra=explain(
        {
            403: "Only the authorized body builds the National Report.",
            422: "The cut-off date is not after the reporting year, or has not ended yet.",
        }
    ),
)
def report_request(request: HttpRequest, body: NationalReportIn) -> Any:
    try:
        report = services.report_request(actor=actor_for(request.user), year=body.year, cut_off=body.cut_off)
    except ReportError as exc:
        return Status(422, {"detail": str(exc)})
    report.refresh_from_db()
    return Status(202, _out(report, request))


def _found(request: HttpRequest, number: str) -> NationalReport | None:
    return selectors.reports_for(actor_for(request.user)).filter(number=number).first()


@router.get(
    "/reports/{number}",
    auth=TokenAuth(),
    response={200: NationalReportOut, 404: Problem},
    summary="A report's status, progress and editions",
    openapi_extra=explain({404: "No report with this number that you may see."}),
)
def report(request: HttpRequest, number: str = NUMBER_PATH) -> Any:
    found = _found(request, number)
    return _out(found, request) if found else _missing()


def _edition_file(request: HttpRequest, number: str, language: str) -> Any:
    found = _found(request, number)
    if found is None:
        return None, _missing()
    if "download" not in allowed_actions(actor_for(request.user), found):
        return None, Status(409, {"detail": _("The report is not ready yet; ask for its status and wait.")})
    edition = found.editions.filter(language=language).first()
    if edition is None:
        return None, _missing()
    return edition, None


FILE_RESPONSES: dict[int, Any] = {404: Problem, 409: Problem}
FILE_EXPLAINED = explain({404: "No report with this number that you may see.", 409: "The report is not built yet."})


@router.get(
    "/reports/{number}/{language}.pdf",
    auth=TokenAuth(),
    response=FILE_RESPONSES,
    url_name="reporting_report_pdf",
    summary="A report's signed PDF in a language",
    openapi_extra={
        **FILE_EXPLAINED,
        "responses": {
            **FILE_EXPLAINED["responses"],
            200: {"description": "the signed PDF", "content": {"application/pdf": {}}},
        },
    },
)
def report_pdf(request: HttpRequest, language: Language, number: str = NUMBER_PATH) -> Any:
    edition, problem = _edition_file(request, number, language)
    if problem is not None:
        return problem
    return FileResponse(
        edition.signed_pdf.open("rb"), filename=f"{number}-{language}.pdf", content_type="application/pdf"
    )


@router.get(
    "/reports/{number}/{language}.html",
    auth=TokenAuth(),
    response=FILE_RESPONSES,
    url_name="reporting_report_html",
    summary="A report's body as HTML in a language",
    openapi_extra={
        **FILE_EXPLAINED,
        "responses": {
            **FILE_EXPLAINED["responses"],
            200: {"description": "the report's body", "content": {"text/html": {}}},
        },
    },
)
def report_html(request: HttpRequest, language: Language, number: str = NUMBER_PATH) -> Any:
    edition, problem = _edition_file(request, number, language)
    if problem is not None:
        return problem
    return HttpResponse(edition.html, content_type="text/html; charset=utf-8")


class DashboardCellOut(Schema):
    key: str
    count: int | None = Field(description="records; null when suppressed")
    amount: Decimal | None = Field(description="tenge; null when suppressed")
    jobs: int | None
    suppressed: bool = Field(description="built from fewer entities than may be published (IP-6.3)")


class DashboardTableOut(Schema):
    source: str = Field(description="the selector the figures were read through")
    query: dict[str, Any]
    cells: list[DashboardCellOut]


class DashboardOut(Schema):
    on: dt.date = Field(description="the records as they stood at the end of this day")
    year_start: dt.date
    min_entities: int
    tables: dict[str, DashboardTableOut]


@router.get(
    "/dashboard",
    response=DashboardOut,
    url_name="reporting_dashboard",
    summary="The public dashboard's figures (IP-16.3)",
)
def dashboard(request: HttpRequest) -> Any:
    return dashboard_data()


class NationalReportInputOut(Schema):
    id: int
    year: int
    given_by: str
    status: str
    due_on: dt.date
    late: bool
    sections: list[dict[str, str]]
    figures: list[dict[str, str]]


class NationalReportSectionIn(Schema):
    title: str = Field(min_length=1, max_length=300)
    text: str = Field(min_length=1, max_length=20000)


class NationalReportFigureIn(Schema):
    name: str = Field(min_length=1, max_length=300)
    value: Decimal = Field(max_digits=24, decimal_places=6)
    unit: str = Field("", max_length=40)


class NationalReportInputIn(Schema):
    sections: list[NationalReportSectionIn] = Field(min_length=1, max_length=services.MAX_SECTIONS)
    figures: list[NationalReportFigureIn] = Field(default_factory=list, max_length=services.MAX_FIGURES)


def _input_out(item: ReportInput) -> dict[str, Any]:
    return {
        "id": item.pk,
        "year": item.year,
        "given_by": item.giver,
        "status": item.status,
        "due_on": item.due_on,
        "late": item.late,
        "sections": item.sections,
        "figures": item.figures,
    }


@router.get(
    "/inputs",
    auth=TokenAuth(),
    response=list[NationalReportInputOut],
    summary="Inputs to the National Report you may see",
)
def inputs(request: HttpRequest) -> Any:
    return [_input_out(i) for i in selectors.inputs_for(actor_for(request.user)).order_by("-year", "id")[:500]]


@router.post(
    "/inputs/{input_id}",
    auth=TokenAuth(),
    response={200: NationalReportInputOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Give your information for the National Report (a central state body or an akimat; IP-5.2)",
    openapi_extra=explain(
        {
            403: "Only the body or the akimat the input is for gives it, once.",
            404: "No input with this number that you may see.",
            422: "A section or a figure is incomplete.",
        }
    ),
)
def input_submit(request: HttpRequest, input_id: int, body: NationalReportInputIn) -> Any:
    actor = actor_for(request.user)
    item = selectors.inputs_for(actor).filter(pk=input_id).first()
    if item is None:
        return Status(404, {"detail": _("No input with this number that you may see.")})
    try:
        done = services.report_input_submit(
            actor=actor,
            report_input=item,
            sections=[s.dict() for s in body.sections],
            figures=[services.Figure(f.name, f.value, f.unit) for f in body.figures],
        )
    except ReportError as exc:
        return Status(422, {"detail": str(exc)})
    return _input_out(done)
