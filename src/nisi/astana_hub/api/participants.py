"""API of the participants area: the public participation lookup and list of innovation cluster actors; for token
holders, the registration of Astana Hub actors (organizations apply, the Fund decides) and the import of the SEZ
register's entries. Records are named by their public numbers and organizations by their BIN, never by ids."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from nisi.astana_hub import participation
from nisi.astana_hub.models import HubActor
from nisi.astana_hub.rules.participants import PRIORITY_DIRECTION_CODES
from nisi.astana_hub.selectors import participants as selectors
from nisi.astana_hub.services import participants as services
from nisi.astana_hub.services import participants_sez
from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for
from nisi.core.identifiers import InvalidIdentifier, validate
from nisi.core.publication.as_of import as_of_query, as_of_statuses, one_day
from nisi.core.services.documents import verification_url
from nisi.law import clock
from nisi.law.api_common import Day, Identifier, Problem, explain, one_of, path_code, query_one_of, text

router = Router(tags=["Astana Hub"])
HUB_ACTOR_NUMBER = r"^AH-[A-Z]-[0-9]{4}-[0-9]{5,19}$"
NO_REGISTRATION = "No registration with this number among those the token's user can see."


def _hub_actor_number() -> Any:
    return path_code(HUB_ACTOR_NUMBER, "the registration's number", "AH-R-2025-00001")


class RowProblemOut(Schema):
    line: int
    message: str


class ImportProblems(Problem):
    problems: list[RowProblemOut] = Field(
        default_factory=list, description="each bad row of the file with its line number (none for a bad request)"
    )


class ParticipationBasisOut(Schema):
    kind: Literal["sez_participant", "cluster_actor", "hub_actor"]
    provision: str


class ParticipationOut(Schema):
    identifier: str
    name: str
    on: dt.date
    participant: bool
    bases: list[ParticipationBasisOut]


KIND_PROVISION = {"sez_participant": "AH-7.2.1", "cluster_actor": "AH-7.2.2", "hub_actor": "AH-7.2.2-1"}


@router.get(
    "/participants/{identifier}",
    response={200: ParticipationOut, 400: Problem, 422: Problem},
    summary="Is this BIN a participant of the innovation cluster on a date, and on which kinds of basis (AH-7.2)",
    openapi_extra=as_of_statuses({422: "The number is not a BIN or IIN: its check digit does not match."}),
)
def participant(
    request: HttpRequest,
    identifier: Identifier,
    on: Day | None = Query(None, description="today if not given"),
    as_of: str | None = as_of_query(),
) -> Any:
    """Public. "Not a participant" is an answer, not an error: an unknown BIN gets `participant: false`. `as_of`,
    given, wins over `on` (ADR 45)."""
    on = one_day(as_of, on)
    try:
        identifier = validate(identifier)
    except InvalidIdentifier as exc:
        return Status(422, {"detail": str(exc)})
    answer = participation.public_answer(identifier, on or clock.today())
    return {
        "identifier": identifier,
        "name": answer["name"],
        "on": answer["on"],
        "participant": answer["participant"],
        "bases": [{"kind": str(k), "provision": KIND_PROVISION[str(k)]} for k in answer["kinds"]],  # type: ignore[attr-defined]
    }


class ClusterActorOut(Schema):
    number: str
    identifier: str
    name: str
    category: str
    category_name: str
    included_on: dt.date


@router.get(
    "/cluster-actors",
    response={200: list[ClusterActorOut], 400: Problem},
    summary="The list of innovation cluster actors on a date",
    openapi_extra=as_of_statuses(),
)
def cluster_actors(
    request: HttpRequest,
    on: Day | None = Query(None, description="today if not given"),
    as_of: str | None = as_of_query(),
) -> Any:
    """Public (AH-8-1.5-11): the actors on the list on `on` (today if not given); `as_of`, given, wins over `on`."""
    return selectors.public_cluster_list(one_day(as_of, on) or clock.today())


class HubActorOut(Schema):
    number: str
    identifier: str
    name: str
    status: str
    activity: str
    priority_direction: str
    applied_on: dt.date
    registered_on: dt.date | None
    terminated_on: dt.date | None
    reasons: str
    certificate_url: str | None


def _hub_actor(record: HubActor) -> dict[str, Any]:
    return {
        "number": record.number,
        "identifier": record.organization.identifier,
        "name": record.organization.name,
        "status": record.status,
        "activity": record.activity,
        "priority_direction": record.priority_direction,
        "applied_on": record.applied_on,
        "registered_on": record.registered_on,
        "terminated_on": record.terminated_on,
        "reasons": record.reasons,
        "certificate_url": verification_url(record.certificate.token) if record.certificate else None,
    }


@router.get("/hub-actors", response=list[HubActorOut], auth=TokenAuth(), summary="Registrations of Astana Hub actors")
def hub_actors(
    request: HttpRequest,
    status: str | None = query_one_of(HubActor.Status.values, description="only those in this status"),
) -> Any:
    """The Fund and the oversight bodies see all; an organization sees its own. At most 1000, the oldest first."""
    records = selectors.hub_actors_for(actor_for(request.user)).order_by("applied_on", "id")
    if status:
        records = records.filter(status=status)
    return [_hub_actor(r) for r in records[:1000]]


@router.get(
    "/hub-actors/{number}",
    response={200: HubActorOut, 404: Problem},
    auth=TokenAuth(),
    summary="One registration",
    openapi_extra=explain({404: NO_REGISTRATION}),
)
def hub_actor(request: HttpRequest, number: str = _hub_actor_number()) -> Any:
    record = selectors.hub_actors_for(actor_for(request.user)).filter(number=number).first()
    if record is None:
        return Status(404, {"detail": _("No such registration among those you can see.")})
    return _hub_actor(record)


class HubActorIn(Schema):
    identifier: Identifier = Field(description="the BIN of an organization the token's user acts for")
    activity: str = text(10_000, min_length=1, description="the innovative activity the organization carries out")
    priority_direction: str = one_of(
        PRIORITY_DIRECTION_CODES, description="a priority direction of the Fund's operating rules"
    )


@router.post(
    "/hub-actors",
    response={201: HubActorOut, 403: Problem, 409: Problem, 422: Problem},
    auth=TokenAuth(),
    summary="Apply for registration as an Astana Hub actor (AH-8-1.5-7)",
    openapi_extra=explain(
        {
            403: "The token's user does not act for an organization with this BIN.",
            409: "The organization has a live application or registration already.",
            422: "The organization may not apply (e.g. it is liquidated); `detail` says why.",
        }
    ),
)
def hub_actor_apply(request: HttpRequest, payload: HubActorIn) -> Any:
    """The organization (by its BIN) must be one the token's user acts for."""
    actor = actor_for(request.user)
    organization = next((o for o in selectors.organizations_of(actor) if o.identifier == payload.identifier), None)
    if organization is None:
        raise PermissionDenied(_("You do not act for an organization with this BIN; apply for your own."))
    try:
        record = services.hub_actor_apply(
            actor=actor,
            organization=organization,
            activity=payload.activity,
            priority_direction=payload.priority_direction,
        )
    except services.DuplicateError as exc:
        return Status(409, {"detail": str(exc)})
    except services.ParticipantsError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, _hub_actor(record))


class DecisionIn(Schema):
    decision: Literal["register", "refuse", "terminate"]
    reasons: str = text(10_000, default="", description="needed to refuse or terminate")
    terminated_on: Day | None = Field(None, description="for a termination; today if not given")


@router.post(
    "/hub-actors/{number}/decision",
    response={200: HubActorOut, 403: Problem, 404: Problem, 422: Problem},
    auth=TokenAuth(),
    summary="The Fund registers, refuses or terminates a registration",
    openapi_extra=explain(
        {
            403: "The token's user may not decide on this registration (the Fund's officers do).",
            404: NO_REGISTRATION,
            422: "The decision does not fit the registration's status or lacks its reasons; `detail` says why.",
        }
    ),
)
def hub_actor_decide(request: HttpRequest, payload: DecisionIn, number: str = _hub_actor_number()) -> Any:
    actor = actor_for(request.user)
    record = selectors.hub_actors_for(actor).filter(number=number).first()
    if record is None:
        return Status(404, {"detail": _("No such registration among those you can see.")})
    try:
        if payload.decision == "register":
            services.hub_actor_register(actor=actor, hub_actor=record)
        elif payload.decision == "refuse":
            services.hub_actor_refuse(actor=actor, hub_actor=record, reasons=payload.reasons)
        else:
            services.hub_actor_terminate(
                actor=actor, hub_actor=record, reasons=payload.reasons, terminated_on=payload.terminated_on
            )
    except services.ParticipantsError as exc:
        return Status(422, {"detail": str(exc)})
    record.refresh_from_db()
    return _hub_actor(record)


class SezImportIn(Schema):
    csv: str = text(10_000_000, min_length=1, description="the register's extract, UTF-8 text")
    source: str = text(200, min_length=1, description="where the entries come from, e.g. the extract's date")


class SezImportOut(Schema):
    created: int
    updated: int
    unchanged: int
    organizations_created: list[str]


@router.post(
    "/sez-participants/import",
    response={200: SezImportOut, 403: Problem, 422: ImportProblems},
    auth=TokenAuth(),
    summary="Import entries of the SEZ 'Park of Innovative Technologies' single register (AH-7.2.1)",
    openapi_extra=explain(
        {
            403: "Only the Fund's officers import the register.",
            422: "A row of the file is bad (`problems` lists every one; nothing is imported), or the request is.",
        }
    ),
)
def sez_import(request: HttpRequest, payload: SezImportIn) -> Any:
    """The Fund only. The CSV has the columns bin, register_number, included_on, excluded_on, outside_territory and
    name; all rows are imported or none, and every bad row is reported with its line number."""
    try:
        result = participants_sez.sez_import(
            actor=actor_for(request.user), content=payload.csv.encode(), source=payload.source
        )
    except participants_sez.SezImportError as exc:
        return Status(
            422, {"detail": str(exc), "problems": [{"line": p.line, "message": p.message} for p in exc.problems]}
        )
    return {
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "organizations_created": result.organizations_created,
    }
