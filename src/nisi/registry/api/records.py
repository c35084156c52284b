"""A producer's own register record (its goods, its extracts, leaving the register, objecting to a removal) and the
appeals commission's work on objections (IP-51-5), for the producer's and the commission's systems. The same
services and the same policies as the pages (`nisi.registry.views.records`)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from pydantic import ConfigDict

from nisi.core import selectors as core_selectors
from nisi.core.api_auth import TokenAuth
from nisi.core.authz import Actor, actor_for, allowed_actions
from nisi.core.services.documents import document_check, verification_url
from nisi.law.api_common import Day, Problem, explain, query_one_of, text
from nisi.registry import history, policies, rules, selectors
from nisi.registry.api.common import (
    CONFLICT,
    FORBIDDEN,
    REFUSED,
    HistoryEntryOut,
    appeal_number,
    history_out,
    permit,
    record_number,
    refusals,
    visible,
)
from nisi.registry.api.public import GoodOut, good_out
from nisi.registry.models import Appeal, RegisterGood, RegisterRecord, Removal
from nisi.registry.services import appeals, register

router = Router(tags=["register: records and objections"])
NO_RECORD = "No register record with this number among those the token's user can see."
NO_APPEAL = "No objection with this number among those the token's user can see."
COMMON = {403: Problem, 404: Problem, 409: Problem, 422: Problem}


class RegisterRemovalOut(Schema):
    ground: str = Field(description="monitoring, software, own_request, liquidation or reorganization (IP-51-6)")
    removed_on: dt.date
    objection_until: dt.date | None = Field(
        description="the last day to object to the appeals commission (IP-51-5.3): only a removal by monitoring"
    )


class RegisterExtractOut(Schema):
    token: str = Field(description="its verification code (printed on it); its PDF is at /documents/{token}/pdf")
    issued_at: dt.datetime
    status: str = Field(
        description="valid, revoked, replaced, not_current or signature_invalid, as the public check says"
    )
    verification_url: str = Field(description="the public page that checks it (the QR code on the PDF)")
    replaced_at: dt.datetime | None = Field(description="when a newer extract replaced it")
    replaced_by: str | None = Field(description="the verification code of the extract that replaced it")


class RegisterRecordOut(Schema):
    number: str
    identifier: str
    name: str
    basis: str
    status: str = Field(description="included or removed")
    included_on: dt.date
    removed_on: dt.date | None
    goods: list[GoodOut] = Field(description="the goods in the register now")
    removal: RegisterRemovalOut | None = Field(description="the removal standing, if the producer is removed")
    objections: list[str] = Field(description="the numbers of the objections filed against its removals")
    extracts: list[RegisterExtractOut] = Field(description="the latest extracts issued, the newest first")
    actions: list[str] = Field(description="what the token's user may do with the record now")


def _removal(record: RegisterRecord) -> Removal | None:
    if record.status != RegisterRecord.Status.REMOVED:
        return None
    return record.removals.filter(reversed_on__isnull=True).order_by("-removed_on", "-pk").first()


def record_out(actor: Actor, record: RegisterRecord) -> dict[str, Any]:
    removal = _removal(record)
    extracts = core_selectors.documents_about(register.EXTRACT, record.number)[:5]
    return {
        "number": record.number,
        "identifier": record.organization.identifier,
        "name": record.organization.name,
        "basis": record.basis,
        "status": record.status,
        "included_on": record.included_on,
        "removed_on": record.removed_on,
        "goods": [good_out(g) for g in record.goods.filter(removed_on__isnull=True).order_by("hs_code", "id")],
        "removal": {
            "ground": removal.ground,
            "removed_on": removal.removed_on,
            "objection_until": rules.appeal_deadline(removal.removed_on).value
            if removal.ground == Removal.Ground.MONITORING
            else None,
        }
        if removal
        else None,
        "objections": list(
            Appeal.objects.filter(removal__record=record).order_by("filed_on", "pk").values_list("number", flat=True)
        ),
        "extracts": [
            {
                "token": d.token,
                "issued_at": d.issued_at,
                "status": document_check(d).status,
                "verification_url": verification_url(d.token),
                "replaced_at": d.replaced_at,
                "replaced_by": d.replaced_by.token if d.replaced_by is not None else None,
            }
            for d in extracts
        ],
        "actions": sorted(allowed_actions(actor, record)),
    }


def _record(request: HttpRequest, number: str, action: str | None = None) -> tuple[Actor, RegisterRecord]:
    actor = actor_for(request.user)
    record = visible(actor, selectors.records_for(actor), number, _("No such register record among those you can see."))
    if action is not None:
        permit(actor, record, action)
    return actor, record


def _words(own: dict[int, str] | None = None) -> dict[str, Any]:
    return explain({403: FORBIDDEN, 404: NO_RECORD, 409: CONFLICT, 422: REFUSED, **(own or {})})


@router.get(
    "/records/{number}",
    auth=TokenAuth(),
    response={200: RegisterRecordOut, 404: Problem},
    summary="A register record, with what the token's user may do with it now",
    openapi_extra=explain({404: NO_RECORD}),
)
def record_detail(request: HttpRequest, number: str = record_number()) -> Any:
    actor, record = _record(request, number)
    return record_out(actor, record)


@router.post(
    "/records/{number}/extracts",
    auth=TokenAuth(),
    response={201: RegisterRecordOut, **COMMON},
    summary="Issue a new signed extract from the register (IP-51-1.8)",
    openapi_extra=_words(),
)
def record_extract(request: HttpRequest, number: str = record_number()) -> Any:
    """The new extract is the first of `extracts`; its PDF is in the producer's documents."""
    actor, record = _record(request, number, "issue_extract")
    with refusals():
        register.extract_issue(actor=actor, record=record)
    return Status(201, record_out(actor, record))


class RecordLeaveIn(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [{"ground": "own_request"}]})

    ground: Literal["own_request"] = Field(description="the producer's own application (IP-51-6.3)")


@router.post(
    "/records/{number}/removal",
    auth=TokenAuth(),
    response={200: RegisterRecordOut, **COMMON},
    summary="Leave the register at the producer's own request (IP-51-6.3)",
    openapi_extra=_words(),
)
def record_leave(request: HttpRequest, payload: RecordLeaveIn, number: str = record_number()) -> Any:
    actor, record = _record(request, number, "request_removal")
    with refusals():
        register.record_remove(actor=actor, record=record, ground=payload.ground)
    record.refresh_from_db()
    return record_out(actor, record)


class ObjectionIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "grounds": "The tax arrears were paid on 10 March 2026, before the term of the notice ended; the "
                    "payment order is attached to the personal account."
                }
            ]
        }
    )

    grounds: str = text(20_000, min_length=1, description="the objection and its grounds")


class GoodRemovedOut(Schema):
    code: str = Field(description="the TN VED or HS code, or the software's register number")
    name: str


class ObjectionOut(Schema):
    number: str
    record: str
    status: str = Field(
        description="filed, documents_requested, hearing_scheduled, site_visit_scheduled, upheld, partly_upheld or "
        "refused"
    )
    grounds: str
    filed_on: dt.date
    documents_requested: str
    hearing_on: dt.date | None
    site_visit_on: dt.date | None
    decision: str
    not_upheld_reasons: str
    decided_on: dt.date | None
    removed_goods: list[GoodRemovedOut] = Field(description="the goods the removal took out, to decide among")
    actions: list[str] = Field(description="what the token's user may do with the objection now")


def _code(good: RegisterGood) -> str:
    return good.tnved_code or good.hs_code or good.software_register_number


def objection_out(actor: Actor, appeal: Appeal) -> dict[str, Any]:
    return {
        "number": appeal.number,
        "record": appeal.removal.record.number,
        "status": appeal.status,
        "grounds": appeal.grounds,
        "filed_on": appeal.filed_on,
        "documents_requested": appeal.documents_requested,
        "hearing_on": appeal.hearing_on,
        "site_visit_on": appeal.site_visit_on,
        "decision": appeal.decision,
        "not_upheld_reasons": appeal.not_upheld_reasons,
        "decided_on": appeal.decided_on,
        "removed_goods": [{"code": _code(g), "name": g.name_ru} for g in appeals.appeal_removed_goods(appeal)],
        "actions": sorted(allowed_actions(actor, appeal)),
    }


@router.post(
    "/records/{number}/objections",
    auth=TokenAuth(),
    response={201: ObjectionOut, **COMMON},
    summary="Object to a removal by monitoring before the appeals commission (IP-51-5.1, 51-5.3)",
    openapi_extra=_words(
        {
            409: "The producer is not removed, or an objection to this removal is being examined or was decided "
            "(the decision binds, IP-51-5.6).",
            422: "The removal cannot be objected to (only one by monitoring can), or its 30 working days have "
            "passed; `detail` says what the producer may do instead.",
        }
    ),
)
def objection_file(request: HttpRequest, payload: ObjectionIn, number: str = record_number()) -> Any:
    actor, record = _record(request, number, "appeal")
    removal = _removal(record)
    if removal is None:
        raise HttpError(409, _("The producer is not removed from the register; there is nothing to object to."))
    if removal.appeals.exists():
        raise HttpError(
            409,
            _(
                "An objection to this removal was filed already (%(number)s); the commission examines one per "
                "removal, and its decision binds (IP-51-5.6)."
            )
            % {"number": removal.appeals.order_by("pk").first().number},  # type: ignore[union-attr]
        )
    with refusals():
        appeal = appeals.appeal_file(actor=actor, removal=removal, grounds=payload.grounds)
    return Status(201, objection_out(actor, appeal))


@router.get(
    "/records/{number}/history",
    auth=TokenAuth(),
    response={200: list[HistoryEntryOut], 404: Problem},
    summary="The record's history: who did what, when, under which provision",
    openapi_extra=explain({404: NO_RECORD}),
)
def record_history(request: HttpRequest, number: str = record_number()) -> Any:
    """From the action journal, the oldest first, in the language of the answer; times in Kazakhstan's time."""
    entries = history.record_history(actor_for(request.user), number)
    if entries is None:
        raise HttpError(404, _("No such register record among those you can see."))
    return history_out(entries)


def _appeal(request: HttpRequest, number: str, action: str | None = None) -> tuple[Actor, Appeal]:
    actor = actor_for(request.user)
    appeal = visible(actor, selectors.appeals_for(actor), number, _("No such objection among those you can see."))
    if action is not None:
        permit(actor, appeal, action)
    return actor, appeal


def _appeal_words(own: dict[int, str] | None = None) -> dict[str, Any]:
    return explain({403: FORBIDDEN, 404: NO_APPEAL, 409: CONFLICT, 422: REFUSED, **(own or {})})


@router.get(
    "/objections",
    auth=TokenAuth(),
    response={200: list[ObjectionOut], 403: Problem},
    summary="Objections to removals, for the appeals commission and the oversight bodies",
    openapi_extra=explain({403: "The list of objections is for the appeals commission."}),
)
def objection_list(
    request: HttpRequest,
    status: str | None = query_one_of(Appeal.Status.values, description="only those in this status"),
) -> Any:
    """At most 300, the oldest first."""
    actor = actor_for(request.user)
    if not policies.may_open(actor, policies.APPEALS_LIST_ROLES):
        raise PermissionDenied(_("The list of objections is for the appeals commission."))
    found = selectors.appeals_for(actor).order_by("filed_on", "pk")
    if status:
        found = found.filter(status=status)
    return [objection_out(actor, a) for a in found[:300]]


@router.get(
    "/objections/{number}",
    auth=TokenAuth(),
    response={200: ObjectionOut, 404: Problem},
    summary="An objection, with what the token's user may do with it now",
    openapi_extra=explain({404: NO_APPEAL}),
)
def objection_detail(request: HttpRequest, number: str = appeal_number()) -> Any:
    actor, appeal = _appeal(request, number)
    return objection_out(actor, appeal)


class ObjectionDocumentsIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"documents": "The payment order of the tax arrears and the tax authority's certificate of no arrears."}
            ]
        }
    )

    documents: str = text(10_000, min_length=1, description="which documents the producer must provide")


@router.post(
    "/objections/{number}/documents-request",
    auth=TokenAuth(),
    response={200: ObjectionOut, **COMMON},
    summary="The commission requests documents from the producer (IP-51-5.4)",
    openapi_extra=_appeal_words(),
)
def objection_documents(request: HttpRequest, payload: ObjectionDocumentsIn, number: str = appeal_number()) -> Any:
    actor, appeal = _appeal(request, number, "request_documents")
    with refusals():
        appeals.appeal_request_documents(actor=actor, appeal=appeal, documents=payload.documents)
    return objection_out(actor, appeal)


class ObjectionScheduleIn(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [{"what": "hearing", "on": "2026-03-20"}]})

    what: Literal["hearing", "site_visit"]
    on: Day = Field(description="today or later")


@router.post(
    "/objections/{number}/schedule",
    auth=TokenAuth(),
    response={200: ObjectionOut, **COMMON},
    summary="The commission schedules a hearing or an on-site visit (IP-51-5.4); the producer is notified",
    openapi_extra=_appeal_words({422: "The day has passed."}),
)
def objection_schedule(request: HttpRequest, payload: ObjectionScheduleIn, number: str = appeal_number()) -> Any:
    action = {"hearing": "schedule_hearing", "site_visit": "schedule_site_visit"}[payload.what]
    actor, appeal = _appeal(request, number, action)
    with refusals():
        appeals.appeal_schedule(actor=actor, appeal=appeal, what=payload.what, on=payload.on)
    return objection_out(actor, appeal)


class ObjectionDecisionIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "outcome": "upheld",
                    "decision": "The arrears were paid in time; the removal is reversed (IP-51-5.8).",
                },
                {
                    "outcome": "partly_upheld",
                    "decision": "Upheld for the flat-rolled steel.",
                    "upheld_goods": ["7208100000"],
                    "not_upheld_reasons": "The pipes are not produced at the site any more.",
                },
            ]
        }
    )

    outcome: Literal["upheld", "partly_upheld", "refused"]
    decision: str = text(20_000, min_length=1, description="the decision with its justification (IP-51-5.5, 5.6)")
    upheld_goods: list[str] = Field(
        default_factory=list,
        max_length=500,
        description="for a decision upheld in part: the codes (as `removed_goods` gives them) reinstated",
        json_schema_extra={"items": {"type": "string", "maxLength": 60, "pattern": r"^[^\x00]+$"}},
    )
    not_upheld_reasons: str = text(10_000, default="", description="for a decision upheld in part: why not the rest")


@router.post(
    "/objections/{number}/decision",
    auth=TokenAuth(),
    response={200: ObjectionOut, **COMMON},
    summary="The commission's binding decision (IP-51-5.5, 51-5.6); upheld, the producer is reinstated (51-5.8)",
    openapi_extra=_appeal_words(
        {
            422: "The decision lacks its justification, or a partial one names no goods, all of them or goods the "
            "removal did not take out, or lacks the reasons for the rest; `detail` says which."
        }
    ),
)
def objection_decide(request: HttpRequest, payload: ObjectionDecisionIn, number: str = appeal_number()) -> Any:
    actor, appeal = _appeal(request, number, "decide")
    removed = {_code(g): g.pk for g in appeals.appeal_removed_goods(appeal)}
    unknown = sorted(set(payload.upheld_goods) - set(removed))
    if unknown:
        raise HttpError(
            422,
            _("The removal did not take out %(codes)s: choose among the goods it removed.")
            % {"codes": ", ".join(unknown)},
        )
    with refusals():
        appeals.appeal_decide(
            actor=actor,
            appeal=appeal,
            outcome=payload.outcome,
            decision=payload.decision,
            upheld_goods=[removed[c] for c in payload.upheld_goods],
            not_upheld_reasons=payload.not_upheld_reasons,
        )
    appeal.refresh_from_db()
    return objection_out(actor, appeal)


@router.get(
    "/objections/{number}/history",
    auth=TokenAuth(),
    response={200: list[HistoryEntryOut], 404: Problem},
    summary="The objection's history: who did what, when, under which provision",
    openapi_extra=explain({404: NO_APPEAL}),
)
def objection_history(request: HttpRequest, number: str = appeal_number()) -> Any:
    """From the action journal, the oldest first, in the language of the answer; times in Kazakhstan's time."""
    entries = history.appeal_history(actor_for(request.user), number)
    if entries is None:
        raise HttpError(404, _("No such objection among those you can see."))
    return history_out(entries)
