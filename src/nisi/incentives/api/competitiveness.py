"""API of the agreements on increasing competitiveness (IP-28): concluded by the authorized body unless IP-28.4
bars it, monitored, the circumstances beyond the entity's control recorded with evidence, terminated."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import Status

from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for, allowed_actions
from nisi.core.models import Organization
from nisi.incentives.api.agreements import NOT_FOUND, CounterObligationLineOut, language_of
from nisi.incentives.models import CompetitivenessAgreement
from nisi.incentives.selectors import agreements as selectors
from nisi.incentives.services import competitiveness as competitiveness_services
from nisi.incentives.services.agreements import AgreementError
from nisi.law.api_common import Identifier, Problem, explain, path_code, text

COMPETITIVENESS_NUMBER = path_code(r"^CA-[0-9]{4}-[0-9]{6,19}$", "the agreement's number", "CA-2026-000001")


router = Router(tags=["Incentives: agreements on increasing competitiveness"])


class CompetitivenessAgreementIn(Schema):
    organization: Identifier = Field(description="the entity's BIN")
    subject: str = text(300, min_length=1)
    ends_on: dt.date


class CompetitivenessFulfilmentIn(Schema):
    fulfilled: bool


class CompetitivenessBeyondControlIn(Schema):
    circumstances: str = text(4000, min_length=1)
    evidence: list[str] = Field(..., min_length=1, max_length=competitiveness_services.MAX_EVIDENCE)


class CompetitivenessTerminateIn(Schema):
    reasons: str = text(4000, min_length=1)


class CompetitivenessAgreementOut(Schema):
    number: str
    organization: str
    subject: str
    concluded_on: dt.date
    ends_on: dt.date
    status: str
    fulfilment: str
    beyond_control: str
    beyond_control_evidence: list[str]
    terminated_on: dt.date | None
    reasons: str
    decision: list[CounterObligationLineOut] = Field(description="the IP-28.4 check as made, line by line")


def competitiveness_out(a: CompetitivenessAgreement, language: str) -> dict[str, Any]:
    return {
        "number": a.number,
        "organization": a.organization.identifier,
        "subject": a.subject,
        "concluded_on": a.concluded_on,
        "ends_on": a.ends_on,
        "status": a.status,
        "fulfilment": a.fulfilment,
        "beyond_control": a.beyond_control,
        "beyond_control_evidence": a.beyond_control_evidence,
        "terminated_on": a.terminated_on,
        "reasons": a.reasons,
        "decision": a.decision.get(language) or a.decision.get("ru") or [],
    }


COMPETITIVENESS_STATUSES = explain(
    {
        403: "Only the authorized body concludes, monitors and terminates these agreements.",
        404: "No agreement with this number that you may see.",
        422: "IP-28.4 bars it, the record is incomplete, or it is already recorded.",
    }
)


@router.post(
    "/competitiveness",
    auth=TokenAuth(),
    response={201: CompetitivenessAgreementOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Conclude an agreement on increasing competitiveness, unless IP-28.4 bars it",
    openapi_extra=COMPETITIVENESS_STATUSES,
)
def competitiveness_conclude(request: HttpRequest, body: CompetitivenessAgreementIn) -> Any:
    organization = Organization.objects.filter(identifier=body.organization).first()
    if organization is None:
        return Status(404, {"detail": _("No organization with this BIN is known to the system.")})
    try:
        created = competitiveness_services.competitiveness_conclude(
            actor=actor_for(request.user), organization=organization, subject=body.subject, ends_on=body.ends_on
        )
    except AgreementError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, competitiveness_out(created, language_of(request)))


def _competitiveness(request: HttpRequest, number: str) -> CompetitivenessAgreement | None:
    found = selectors.competitiveness_by_number(number)
    if found is None or "view" not in allowed_actions(actor_for(request.user), found):
        return None
    return found


@router.get(
    "/competitiveness/{number}",
    auth=TokenAuth(),
    response={200: CompetitivenessAgreementOut, 404: Problem},
    summary="One agreement on increasing competitiveness, with its IP-28.4 check",
    openapi_extra=explain({404: "No agreement with this number that you may see."}),
)
def competitiveness(request: HttpRequest, number: str = COMPETITIVENESS_NUMBER) -> Any:
    found = _competitiveness(request, number)
    if found is None:
        return Status(404, {"detail": NOT_FOUND})
    return competitiveness_out(found, language_of(request))


def _act(request: HttpRequest, number: str, call: Any) -> Any:
    found = _competitiveness(request, number)
    if found is None:
        return Status(404, {"detail": NOT_FOUND})
    try:
        done = call(actor_for(request.user), found)
    except AgreementError as exc:
        return Status(422, {"detail": str(exc)})
    return competitiveness_out(done, language_of(request))


@router.post(
    "/competitiveness/{number}/fulfilment",
    auth=TokenAuth(),
    response={200: CompetitivenessAgreementOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Record whether the counter-obligations were fulfilled (monitoring)",
    openapi_extra=COMPETITIVENESS_STATUSES,
)
def competitiveness_fulfilment(
    request: HttpRequest, body: CompetitivenessFulfilmentIn, number: str = COMPETITIVENESS_NUMBER
) -> Any:
    return _act(
        request,
        number,
        lambda a, r: competitiveness_services.competitiveness_fulfilment_record(
            actor=a, agreement=r, fulfilled=body.fulfilled
        ),
    )


@router.post(
    "/competitiveness/{number}/beyond-control",
    auth=TokenAuth(),
    response={200: CompetitivenessAgreementOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Record that the failure was due to circumstances beyond the entity's control, with evidence (IP-28.4)",
    openapi_extra=COMPETITIVENESS_STATUSES,
)
def competitiveness_beyond_control(
    request: HttpRequest, body: CompetitivenessBeyondControlIn, number: str = COMPETITIVENESS_NUMBER
) -> Any:
    return _act(
        request,
        number,
        lambda a, r: competitiveness_services.competitiveness_beyond_control_record(
            actor=a, agreement=r, circumstances=body.circumstances, evidence=body.evidence
        ),
    )


@router.post(
    "/competitiveness/{number}/terminate",
    auth=TokenAuth(),
    response={200: CompetitivenessAgreementOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Terminate the agreement, with its reasons",
    openapi_extra=COMPETITIVENESS_STATUSES,
)
def competitiveness_terminate(
    request: HttpRequest, body: CompetitivenessTerminateIn, number: str = COMPETITIVENESS_NUMBER
) -> Any:
    return _act(
        request,
        number,
        lambda a, r: competitiveness_services.competitiveness_terminate(actor=a, agreement=r, reasons=body.reasons),
    )
