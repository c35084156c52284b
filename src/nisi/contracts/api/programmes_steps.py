"""The decisions on a domestic value development programme through the API (IP-61-1.2, IP-61-1.5, IP-61-1.6): the
customer submits it and gives each year's information; the authorized body records the natural-monopoly regulator's
agreement, agrees or refuses it on a ground of IP-61-1.2, monitors the information and recognises the obligations.
The same services and policy as the pages (`nisi.contracts.views.programmes`). Registered on the area's router."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from nisi.contracts.api.programmes import (
    STEP,
    STEP_RESPONSES,
    YEAR_PATH,
    Amount,
    ReportSummaryOut,
    _permit,
    _programme,
    _refusals,
    _report_summary,
    _step,
    number_path,
    router,
)
from nisi.contracts.models import ProgrammeReport, RefusalGround
from nisi.contracts.selectors import programmes as selectors
from nisi.contracts.services import programmes as services
from nisi.core.api_auth import TokenAuth
from nisi.core.authz import Actor, actor_for
from nisi.law.api_common import Day, Problem, explain, one_of, text


class RegulatorIn(Schema):
    regulator_name: str = text(300, min_length=1)
    regulator_letter: str = text(200, min_length=1, description="the letter's number and date")
    agreed_on: Day


class RefusalIn(Schema):
    ground: str = one_of(RefusalGround.values, description="the ground of IP-61-1.2")
    reasons: str = text(10_000, min_length=1, description="what in the programme meets the ground")
    by_regulator: bool = Field(False, description="the natural-monopoly regulator refused it (from its letter)")


class ReportIn(Schema):
    year: int = Field(ge=2025, le=2099)
    summary: str = text(20_000, min_length=1)
    figures: dict[int, Amount] = Field(description="the value each target reached, by the target's id")


class ProgrammeReportOut(ReportSummaryOut):
    summary: str
    monitoring_notes: str
    monitored_on: dt.date | None
    figures: dict[int, Decimal]


class MonitoringIn(Schema):
    assessment: str = one_of(ProgrammeReport.Assessment.values)
    notes: str = text(10_000, default="")


class RecognitionIn(Schema):
    outcome: str = one_of(("fulfilled", "not_fulfilled"))
    reasons: str = text(10_000, min_length=1)
    no_fault: bool = Field(False, description="not fulfilled through no fault of the customer (IP-61-1.6)")
    no_fault_reason: str = text(10_000, default="")


@router.post(
    "/programmes/{number}/submission",
    auth=TokenAuth(),
    response=STEP_RESPONSES,
    summary="Submit the programme for agreement (IP-61-1.2)",
    openapi_extra=STEP,
)
def submit(request: HttpRequest, number: str = number_path()) -> Any:
    return _step(request, number, "submit", lambda a, p: services.programme_submit(actor=a, programme=p))


@router.post(
    "/programmes/{number}/regulator-agreement",
    auth=TokenAuth(),
    response=STEP_RESPONSES,
    summary="Record the natural-monopoly regulator's agreement from its letter (IP-61-1.2)",
    openapi_extra=STEP,
)
def regulator(request: HttpRequest, body: RegulatorIn, number: str = number_path()) -> Any:
    return _step(
        request,
        number,
        "record_regulator",
        lambda a, p: services.programme_regulator_record(actor=a, programme=p, **body.dict()),
    )


@router.post(
    "/programmes/{number}/agreement",
    auth=TokenAuth(),
    response=STEP_RESPONSES,
    summary="Agree the programme (the authorized body, IP-61-1.2)",
    openapi_extra=STEP,
)
def agree(request: HttpRequest, number: str = number_path()) -> Any:
    return _step(request, number, "agree", lambda a, p: services.programme_agree(actor=a, programme=p))


@router.post(
    "/programmes/{number}/refusal",
    auth=TokenAuth(),
    response=STEP_RESPONSES,
    summary="Refuse the programme on one of the three grounds of IP-61-1.2",
    openapi_extra=STEP,
)
def refuse(request: HttpRequest, body: RefusalIn, number: str = number_path()) -> Any:
    return _step(request, number, "refuse", lambda a, p: services.programme_refuse(actor=a, programme=p, **body.dict()))


@router.post(
    "/programmes/{number}/reports",
    auth=TokenAuth(),
    response={201: ProgrammeReportOut, 403: Problem, 404: Problem, 409: Problem, 422: Problem},
    summary="Give the information on a year's implementation (IP-61-1.5)",
    openapi_extra=STEP,
)
def report_submit(request: HttpRequest, body: ReportIn, number: str = number_path()) -> Any:
    actor = actor_for(request.user)
    programme = _programme(actor, number)
    _permit(actor, programme, "report")
    with _refusals():
        report = services.programme_report_submit(actor=actor, programme=programme, **body.dict())
    return Status(201, _report(report))


def _report(r: ProgrammeReport) -> dict[str, Any]:
    return {
        **_report_summary(r),
        "summary": r.summary,
        "monitoring_notes": r.monitoring_notes,
        "monitored_on": r.monitored_on,
        "figures": {f.target_id: f.actual for f in r.figures.all()},
    }


def _report_for(actor: Actor, number: str, year: int) -> ProgrammeReport:
    report = selectors.report_for(actor, number, year)
    if report is None:
        raise HttpError(404, _("No information for this year of this programme among what you can see."))
    return report


@router.get(
    "/programmes/{number}/reports/{year}",
    auth=TokenAuth(),
    response={200: ProgrammeReportOut, 404: Problem},
    summary="The information on a year's implementation and its monitoring (IP-61-1.5)",
    openapi_extra=explain({404: "No information for this year of a programme the token's user may see."}),
)
def report(request: HttpRequest, number: str = number_path(), year: int = YEAR_PATH) -> Any:
    return _report(_report_for(actor_for(request.user), number, year))


@router.post(
    "/programmes/{number}/reports/{year}/monitoring",
    auth=TokenAuth(),
    response={200: ProgrammeReportOut, 403: Problem, 404: Problem, 409: Problem, 422: Problem},
    summary="Monitor a year's information (the authorized body, IP-61-1.5)",
    openapi_extra=STEP,
)
def report_monitor(request: HttpRequest, body: MonitoringIn, number: str = number_path(), year: int = YEAR_PATH) -> Any:
    actor = actor_for(request.user)
    report = _report_for(actor, number, year)
    _permit(actor, report, "monitor")
    with _refusals():
        done = services.programme_report_monitor(actor=actor, report=report, **body.dict())
    return _report(done)


@router.post(
    "/programmes/{number}/recognition",
    auth=TokenAuth(),
    response=STEP_RESPONSES,
    summary="Recognise the obligations fulfilled or not, and record \u201cnot the customer's fault\u201d (IP-61-1.6)",
    openapi_extra=STEP,
)
def recognise(request: HttpRequest, body: RecognitionIn, number: str = number_path()) -> Any:
    return _step(
        request, number, "recognise", lambda a, p: services.programme_recognise(actor=a, programme=p, **body.dict())
    )
