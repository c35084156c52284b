"""The authorized body's side of an application, for an officer's system: the assessment queue, the production
assessment good by good (IP-51-1.4), the on-site inspection and its report (IP-51-1.5), which decide inclusion or
a reasoned refusal (IP-51-1.6). The same services and the same policy as the pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from pydantic import ConfigDict

from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for
from nisi.law.api_common import Day, Problem, explain, text
from nisi.registry import policies, selectors
from nisi.registry.api.applications import (
    COMMON,
    COMMON_WORDS,
    RegisterApplicationOut,
    RegisterApplicationSummaryOut,
    application_answer,
    application_for,
)
from nisi.registry.api.common import application_number, refusals
from nisi.registry.models import RegisterApplication
from nisi.registry.services import decisions

router = Router(tags=["register: decisions"])


class GoodDecisionIn(Schema):
    code: str = Field(
        pattern=r"^[0-9]{6}([0-9]{4})?$",
        description="the good, by its code in the application",
        examples=["7208100000"],
    )
    confirmed_operations: list[str] = Field(
        default_factory=list,
        max_length=200,
        description="the declared operations the evidence or the inspection confirmed",
        json_schema_extra={"items": {"type": "string", "pattern": r"^[A-Za-z0-9_.-]{1,40}$"}},
    )
    conditions_met: bool = Field(description="whether the production conditions are met (IP-51-1.4)")
    included: bool | None = Field(
        None, description="the decision on the good; if not given, included when its findings allow"
    )
    reasons: str = text(10_000, default="", description="why it is not included; the applicant receives them")


class ProductionAssessmentIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "evidence_sufficient": True,
                    "participants": "A. Seitkali, chief expert",
                    "goods": [
                        {
                            "code": "7208100000",
                            "confirmed_operations": ["heating", "rolling", "coiling"],
                            "conditions_met": True,
                        }
                    ],
                },
                {
                    "evidence_sufficient": False,
                    "participants": "A. Seitkali, chief expert",
                    "reasons": "The video does not show the rolling mill.",
                },
            ]
        }
    )

    evidence_sufficient: bool = Field(description="false sends the application to an on-site inspection (IP-51-1.5)")
    participants: str = text(500, default="", description="who took part in the assessment")
    reasons: str = text(10_000, default="", description="the reasons of a negative result, for every good refused")
    goods: list[GoodDecisionIn] = Field(
        default_factory=list, max_length=200, description="a decision for each good, unless evidence is insufficient"
    )


def _decisions(application: RegisterApplication, goods: Sequence[GoodDecisionIn]) -> dict[str, Any]:
    """The goods' decisions as the services take them (by the products' ids, which the API never shows)."""
    products = {p.code: p for p in application.products.all()}
    unknown = sorted({g.code for g in goods} - set(products))
    if unknown:
        raise HttpError(422, _("The application has no good with the code %(codes)s.") % {"codes": ", ".join(unknown)})
    by_code = {g.code: g for g in goods}
    chosen: dict[int, GoodDecisionIn] = {products[code].pk: g for code, g in by_code.items()}
    return {
        "confirmed_operations": {pk: list(g.confirmed_operations) for pk, g in chosen.items()},
        "conditions_met": {pk: g.conditions_met for pk, g in chosen.items()},
        "included": {pk: g.included for pk, g in chosen.items() if g.included is not None},
        "good_reasons": {pk: g.reasons for pk, g in chosen.items()},
    }


def _every_good_decided(application: RegisterApplication, goods: Sequence[GoodDecisionIn]) -> None:
    missing = [
        p.code for p in application.products.all() if not p.wholly_produced and p.code not in {g.code for g in goods}
    ]
    if missing:
        raise HttpError(
            422,
            _("Give the findings for every good assessed; missing: %(codes)s.") % {"codes": ", ".join(missing)},
        )


@router.get(
    "/assessment-queue",
    auth=TokenAuth(),
    response={200: list[RegisterApplicationSummaryOut], 403: Problem},
    summary="Applications awaiting the authorized body's assessment or inspection, the oldest first",
    openapi_extra=explain({403: "Production assessment is the authorized body's work."}),
)
def assessment_queue(request: HttpRequest) -> Any:
    actor = actor_for(request.user)
    if not policies.may_open(actor, policies.ASSESSMENT_QUEUE_ROLES):
        raise PermissionDenied(_("Production assessment is the authorized body's work."))
    return [
        {
            "number": a.number,
            "identifier": a.organization.identifier,
            "organization": a.organization.name,
            "status": a.status,
            "created_at": a.created_at,
            "submitted_at": a.submitted_at,
            "decided_at": a.decided_at,
        }
        for a in selectors.assessment_queue(actor)[:500]
    ]


@router.post(
    "/applications/{number}/assessment",
    auth=TokenAuth(),
    response={200: RegisterApplicationOut, **COMMON},
    summary="Record the production assessment, good by good (IP-51-1.4, 51-1.6)",
    openapi_extra=explain(
        {
            **COMMON_WORDS,
            422: "A good is missing or unknown, an operation was not declared, a good is included whose findings do "
            "not allow it, or one not included has no reasons; `detail` says which.",
        }
    ),
)
def application_assess(
    request: HttpRequest, payload: ProductionAssessmentIn, number: str = application_number()
) -> Any:
    """Sufficient evidence decides each good (included, or not with its reasons) and so the application: included
    with the goods included, or refused if none is. Insufficient evidence sends it to an on-site inspection."""
    actor, application = application_for(request, number, "assess")
    if payload.evidence_sufficient:
        _every_good_decided(application, payload.goods)
    chosen = _decisions(application, payload.goods)
    with refusals():
        decisions.assessment_record(
            actor=actor,
            application=application,
            evidence_sufficient=payload.evidence_sufficient,
            participants=payload.participants,
            reasons=payload.reasons,
            **chosen,
        )
    return application_answer(actor, application)


class InspectionScheduleIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"on": "2026-03-20", "participants": "A. Seitkali, chief expert; B. Nurlanov, expert"}]
        }
    )

    on: Day = Field(description="the day of the inspection: today or later")
    participants: str = text(500, min_length=1, description="who inspects")


@router.post(
    "/applications/{number}/inspection",
    auth=TokenAuth(),
    response={200: RegisterApplicationOut, **COMMON},
    summary="Schedule the on-site inspection (IP-51-1.5); the applicant is notified",
    openapi_extra=explain(
        {
            **COMMON_WORDS,
            409: f"{COMMON_WORDS[409]} Or an inspection is scheduled already: record its report.",
            422: "The day has passed.",
        }
    ),
)
def inspection_schedule(request: HttpRequest, payload: InspectionScheduleIn, number: str = application_number()) -> Any:
    actor, application = application_for(request, number, "record_inspection")
    if application.inspections.filter(concluded_at__isnull=True).exists():
        raise HttpError(409, _("An inspection is scheduled already; record its report."))
    with refusals():
        decisions.inspection_schedule(
            actor=actor, application=application, on=payload.on, participants=payload.participants
        )
    return application_answer(actor, application)


class InspectionReportIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "report": "The rolling mill and the pickling line work; coiling is done by a contractor.",
                    "reasons": "",
                    "goods": [
                        {
                            "code": "7208100000",
                            "confirmed_operations": ["heating", "rolling", "pickling"],
                            "conditions_met": True,
                        }
                    ],
                }
            ]
        }
    )

    report: str = text(20_000, min_length=1, description="the production assessment report of the inspection")
    reasons: str = text(10_000, default="", description="the reasons of a negative result, for every good refused")
    goods: list[GoodDecisionIn] = Field(max_length=200, description="a decision for each good")


@router.post(
    "/applications/{number}/inspection/report",
    auth=TokenAuth(),
    response={200: RegisterApplicationOut, **COMMON},
    summary="Record the inspection's report and the decision on each good (IP-51-1.5, 51-1.6)",
    openapi_extra=explain(
        {
            **COMMON_WORDS,
            409: f"{COMMON_WORDS[409]} Or no inspection is scheduled: schedule one first.",
            422: "A good is missing or unknown, or a decision lacks its reasons; `detail` says which.",
        }
    ),
)
def inspection_report(request: HttpRequest, payload: InspectionReportIn, number: str = application_number()) -> Any:
    actor, application = application_for(request, number, "record_inspection")
    inspection = application.inspections.filter(concluded_at__isnull=True).first()
    if inspection is None:
        raise HttpError(409, _("No inspection is scheduled; schedule one first."))
    _every_good_decided(application, payload.goods)
    chosen = _decisions(application, payload.goods)
    with refusals():
        decisions.inspection_report(
            actor=actor, inspection=inspection, report=payload.report, reasons=payload.reasons, **chosen
        )
    return application_answer(actor, application)
