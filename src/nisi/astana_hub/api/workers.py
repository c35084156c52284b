"""API of the workers area (AH-7-1), for employers' HR systems, the Fund, and the recipients of the submissions.

Token auth; records are named by their numbers (AH-W-…, AH-S-…), organizations by BIN. Employers read and record
their own workers; the Fund's migration officers everyone's; the migration authority and the National Security
Committee pull the submissions addressed to them and acknowledge receipt. Every officer's read of personal data is
audited, as on the pages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import Status

from nisi.astana_hub.models import ForeignWorker, Visa
from nisi.astana_hub.participation import is_hub_participant
from nisi.astana_hub.selectors import workers as selectors
from nisi.astana_hub.services import submissions as submission_services
from nisi.astana_hub.services import worker_visas as visa_services
from nisi.astana_hub.services import workers as services
from nisi.core.api_auth import TokenAuth
from nisi.core.authz import Actor, actor_for
from nisi.core.identifiers import InvalidIdentifier, validate
from nisi.law.api_common import Day, Identifier, Problem, explain, path_code, query_one_of, text

router = Router(tags=["Astana Hub: foreign workers"])
NO_WORKER = "No foreign worker with this number among those the token's user can see."
NO_SUBMISSION = "No submission with this number among those the token's user can see."
NOT_A_KEEPER = "The token's user keeps no foreign workers' records (an employer's users and the Fund's officers do)."


def _worker_number() -> Any:
    return path_code(r"^AH-W-[0-9]{4}-[0-9]{5,19}$", "the worker's record number", "AH-W-2025-00001")


def _submission_number() -> Any:
    return path_code(r"^AH-S-[0-9]{4}-[0-9]{5,19}$", "the submission's number", "AH-S-2025-00001")


class VisaOut(Schema):
    visa_number: str
    holder: str
    issued_on: dt.date
    valid_from: dt.date
    valid_until: dt.date
    status: str
    extends: str | None


class FamilyMemberOut(Schema):
    relation: str
    surname: str
    given_names: str
    date_of_birth: dt.date
    citizenship: str
    passport_number: str


class WorkerOut(Schema):
    number: str
    employer_bin: str
    employer_name: str
    surname: str
    given_names: str
    date_of_birth: dt.date
    citizenship: str
    stateless: bool
    passport_number: str
    passport_valid_until: dt.date
    position: str
    employed_from: dt.date
    employed_until: dt.date | None
    status: str
    qualification_documents: int


class WorkerDetailOut(WorkerOut):
    family_members: list[FamilyMemberOut]
    visas: list[VisaOut]


class WorkerIn(Schema):
    employer_bin: Identifier
    surname: str = text(100, min_length=1)
    given_names: str = text(150, min_length=1)
    date_of_birth: Day
    citizenship: str = Field("", pattern=r"^([A-Za-z]{3})?$", description="ISO 3166-1 alpha-3; empty if stateless")
    stateless: bool = False
    passport_number: str = text(30, min_length=1)
    passport_valid_until: Day
    position: str = text(200, min_length=1)
    employed_from: Day


class VisaIn(Schema):
    visa_number: str = text(30, min_length=1, description="as printed on the visa")
    issued_on: Day
    valid_from: Day
    valid_until: Day
    family_member_passport: str = text(30, default="", description="for a family member's visa: their passport")


class CountsOut(Schema):
    on: dt.date
    employed: int
    employers: int
    incomplete: int
    complete: int
    ended: int
    family_members: int
    visas_expiring_90_days: int
    extensions_requested: int


class SubmissionOut(Schema):
    number: str
    recipient: str
    period_start: dt.date
    period_end: dt.date
    due_on: dt.date
    status: str
    file_format: str
    record_count: int
    sha256: str
    prepared_at: dt.datetime
    sent_at: dt.datetime | None
    sent_by: str
    channel_reference: str
    acknowledged_at: dt.datetime | None


def _worker_out(w: ForeignWorker) -> dict[str, Any]:
    return {
        "number": w.number,
        "employer_bin": w.employer.identifier,
        "employer_name": w.employer.name,
        "surname": w.surname,
        "given_names": w.given_names,
        "date_of_birth": w.date_of_birth,
        "citizenship": w.citizenship,
        "stateless": w.stateless,
        "passport_number": w.passport_number,
        "passport_valid_until": w.passport_valid_until,
        "position": w.position,
        "employed_from": w.employed_from,
        "employed_until": w.employed_until,
        "status": w.status,
        "qualification_documents": w.qualification_documents.count(),
    }


def _visa_out(v: Visa, holder: str) -> dict[str, Any]:
    return {
        "visa_number": v.visa_number,
        "holder": holder,
        "issued_on": v.issued_on,
        "valid_from": v.valid_from,
        "valid_until": v.valid_until,
        "status": v.status,
        "extends": v.extends.visa_number if v.extends else None,
    }


def _keeper(request: HttpRequest) -> Actor:
    actor = actor_for(request.user)
    if not selectors.sees_personal_data(actor):
        raise PermissionDenied(_("Foreign workers' personal data is for the employer's users and the Fund's officers."))
    return actor


def _detail(w: ForeignWorker) -> dict[str, Any]:
    family = list(w.family_members.all())
    visas = [_visa_out(v, "worker") for v in w.visas.all()]
    visas += [_visa_out(v, f"{m.relation}:{m.passport_number}") for m in family for v in m.visas.all()]
    return {
        **_worker_out(w),
        "family_members": [
            {
                "relation": m.relation,
                "surname": m.surname,
                "given_names": m.given_names,
                "date_of_birth": m.date_of_birth,
                "citizenship": m.citizenship,
                "passport_number": m.passport_number,
            }
            for m in family
        ],
        "visas": visas,
    }


@router.get(
    "/workers",
    auth=TokenAuth(),
    response={200: list[WorkerOut], 403: Problem},
    summary="Foreign workers you may see (AH-7-1.3): your organization's, or all for the Fund's migration officers",
    openapi_extra=explain({403: NOT_A_KEEPER}),
)
def worker_list(
    request: HttpRequest,
    status: str | None = query_one_of(ForeignWorker.Status.values, description="only those in this status"),
) -> Any:
    """At most 1000. Each read of personal data is audited."""
    actor = _keeper(request)
    qs = selectors.workers_for(actor).prefetch_related("qualification_documents")
    if status:
        qs = qs.filter(status=status)
    workers = list(qs[:1000])
    services.personal_data_viewed(actor=actor, what="worker_list", numbers=[w.number for w in workers], via="api")
    return [_worker_out(w) for w in workers]


@router.get(
    "/workers/counts",
    auth=TokenAuth(),
    response={200: CountsOut, 403: Problem},
    summary="Foreign workers in numbers, without names (the Fund, auditors, the IT development authority)",
    openapi_extra=explain({403: "The counts are for the Fund, Astana Hub actors and those who oversee them."}),
)
def worker_counts(request: HttpRequest) -> Any:
    counts = selectors.worker_counts(actor_for(request.user))
    if counts is None:
        return Status(403, {"detail": _("The counts are for the Fund, Astana Hub actors and those who oversee them.")})
    return counts


@router.post(
    "/workers",
    auth=TokenAuth(),
    response={201: WorkerOut, 403: Problem, 422: Problem},
    summary="Record a foreign worker of the Fund or an Astana Hub actor (AH-7-1.3)",
    openapi_extra=explain(
        {
            403: f"{NOT_A_KEEPER} Or it may not record workers for this employer.",
            422: "The BIN's check digit does not match, or the record is refused (dates that do not fit, a worker "
            "with this passport recorded already, an employer that is not an Astana Hub actor); `detail` says why.",
        }
    ),
)
def worker_create(request: HttpRequest, payload: WorkerIn) -> Any:
    actor = _keeper(request)
    try:
        bin_ = validate(payload.employer_bin)
    except InvalidIdentifier as exc:
        return Status(422, {"detail": str(exc)})
    employer = next((o for o in selectors.employers_for(actor, payload.employed_from) if o.identifier == bin_), None)
    if employer is None:
        return Status(403, {"detail": _("You may not record workers for this employer.")})
    data = payload.dict()
    data.pop("employer_bin")
    try:
        worker = services.worker_record(actor=actor, employer=employer, is_hub_actor=is_hub_participant, **data)
    except services.WorkerError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, _worker_out(worker))


def _worker(request: HttpRequest, number: str) -> tuple[Actor, ForeignWorker | None]:
    actor = _keeper(request)
    return actor, selectors.worker_for(actor, number)


@router.get(
    "/workers/{number}",
    auth=TokenAuth(),
    response={200: WorkerDetailOut, 403: Problem, 404: Problem},
    summary="A foreign worker's record with family members and visas",
    openapi_extra=explain({403: NOT_A_KEEPER, 404: NO_WORKER}),
)
def worker_get(request: HttpRequest, number: str = _worker_number()) -> Any:
    """The read of personal data is audited."""
    actor, worker = _worker(request, number)
    if worker is None:
        return Status(404, {"detail": _("No such foreign worker among those you can see.")})
    services.personal_data_viewed(actor=actor, what="worker", numbers=[worker.number], via="api")
    return _detail(worker)


@router.post(
    "/workers/{number}/visas",
    auth=TokenAuth(),
    response={201: VisaOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Record the visa of a worker or of a family member (valid for up to five years, AH-7-1.2)",
    openapi_extra=explain(
        {
            403: f"{NOT_A_KEEPER} Or it may not record visas on this record.",
            404: NO_WORKER,
            422: "No family member has that passport, the visa's dates do not fit (AH-7-1.2), or it is recorded "
            "already; `detail` says why.",
        }
    ),
)
def visa_create(request: HttpRequest, payload: VisaIn, number: str = _worker_number()) -> Any:
    actor, worker = _worker(request, number)
    if worker is None:
        return Status(404, {"detail": _("No such foreign worker among those you can see.")})
    member = None
    if payload.family_member_passport:
        member = worker.family_members.filter(
            passport_number=payload.family_member_passport.replace(" ", "").upper()
        ).first()
        if member is None:
            return Status(422, {"detail": _("No family member of this worker has that passport number.")})
    data = payload.dict()
    data.pop("family_member_passport")
    try:
        visa = visa_services.visa_record(actor=actor, worker=worker, family_member=member, **data)
    except services.WorkerError as exc:
        return Status(422, {"detail": str(exc)})
    holder = "worker" if member is None else f"{member.relation}:{member.passport_number}"
    return Status(201, _visa_out(visa, holder))


def _submission_out(s: Any) -> dict[str, Any]:
    return {
        "number": s.number,
        "recipient": s.recipient,
        "period_start": s.period_start,
        "period_end": s.period_end,
        "due_on": s.due_on,
        "status": s.status,
        "file_format": s.file_format,
        "record_count": s.record_count,
        "sha256": s.sha256,
        "prepared_at": s.prepared_at,
        "sent_at": s.sent_at,
        "sent_by": s.sent_by_label,
        "channel_reference": s.channel_reference,
        "acknowledged_at": s.acknowledged_at,
    }


@router.get(
    "/submissions",
    auth=TokenAuth(),
    response={200: list[SubmissionOut]},
    summary="Submissions on foreign workers you may see (a recipient: those sent to it, AH-7-1.3)",
)
def submission_list(request: HttpRequest) -> Any:
    """At most 500, the newest first."""
    return [_submission_out(s) for s in selectors.submissions_for(actor_for(request.user))[:500]]


@router.get(
    "/submissions/{number}/file",
    auth=TokenAuth(),
    response={200: None, 403: Problem, 404: Problem},
    summary="The submitted file exactly as sent (CSV or JSON); its SHA-256 is in X-Content-SHA256",
    openapi_extra={
        "responses": {
            200: {
                "description": "The file as it was sent, an attachment. Its download is journaled.",
                "content": {
                    "text/csv": {"schema": {"type": "string"}},
                    "application/json": {"schema": {}},
                },
                "headers": {
                    "X-Content-SHA256": {
                        "description": "the SHA-256 of the file, as recorded when it was prepared",
                        "required": True,
                        "schema": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                    }
                },
            },
            403: {"description": "The token's user may not download this submission."},
            404: {"description": NO_SUBMISSION},
        }
    },
)
def submission_file(request: HttpRequest, number: str = _submission_number()) -> Any:
    actor = actor_for(request.user)
    submission = selectors.submission_for(actor, number)
    if submission is None:
        return Status(404, {"detail": _("No such submission among those you can see.")})
    submission_services.submission_downloaded(actor=actor, submission=submission, via="api")
    content_type = "text/csv; charset=utf-8" if submission.file_format == "csv" else "application/json; charset=utf-8"
    response = HttpResponse(submission.content.encode("utf-8"), content_type=content_type)
    response["X-Content-SHA256"] = submission.sha256
    response["Content-Disposition"] = f'attachment; filename="{submission.number}.{submission.file_format}"'
    response["Cache-Control"] = "no-store"
    return response


@router.post(
    "/submissions/{number}/acknowledge",
    auth=TokenAuth(),
    response={200: SubmissionOut, 403: Problem, 404: Problem},
    summary="The recipient acknowledges receipt of a submission",
    openapi_extra=explain(
        {403: "Only the submission's recipient acknowledges it, once it is sent.", 404: NO_SUBMISSION}
    ),
)
def submission_acknowledge(request: HttpRequest, number: str = _submission_number()) -> Any:
    actor = actor_for(request.user)
    submission = selectors.submission_for(actor, number)
    if submission is None:
        return Status(404, {"detail": _("No such submission among those you can see.")})
    return _submission_out(submission_services.submission_acknowledge(actor=actor, submission=submission))
