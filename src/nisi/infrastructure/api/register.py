"""The register of the infrastructure through the API (IP-17 … IP-24)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.responses import Status

from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for
from nisi.core.publication.as_of import as_of_query, as_of_statuses, one_day
from nisi.infrastructure import selectors
from nisi.infrastructure.api.common import (
    KATO,
    NO_ENTRY,
    KindName,
    entry_number,
)
from nisi.infrastructure.rules import InfrastructureError
from nisi.infrastructure.services import register as services
from nisi.law import clock
from nisi.law.api_common import Day, Identifier, Problem, explain, text

router = Router()
AS_OF = as_of_query()  # `as_of`, given, wins over `on` (ADR 45)


class InfrastructureEntryOut(Schema):
    number: str
    kind: str
    provisions: list[str] = Field(description="the articles naming and describing the kind (IP-17 … IP-24)")
    identifier: str = Field(description="the organization's BIN")
    organization: str
    name: str
    region: str
    kato: str
    status: Literal["included", "suspended", "excluded"] = Field(description="the status on the day asked")
    status_since: dt.date
    status_reasons: str
    included_on: dt.date
    basis: str
    basis_reference: str
    specialization: str
    participants: list[str]


class InfrastructureRegisterQuery(Schema):
    on: Day | None = Field(None, description="the register as it stood at the end of this day (default: today)")
    kind: KindName | None = None
    region: str | None = Field(None, pattern=r"^[0-9]{2}$", description="the region's code (first two KATO digits)")
    excluded: bool = Field(False, description="also the entries excluded by that day")


class InfrastructureOnQuery(Schema):
    on: Day | None = Field(None, description="the day (default: today)")


class InfrastructureEntryIn(Schema):
    kind: KindName
    identifier: Identifier = Field(description="the BIN of the organization running the element")
    organization_name: str = text(
        300, default="", description="its registered name, if the nisi does not know the BIN yet"
    )
    name: str = text(300, min_length=1, description="the element's name (the park, the centre, the cluster)")
    kato: str = KATO
    included_on: Day | None = Field(None, description="the decision's date (default: today)")
    basis_reference: str = text(300, default="", description="the decision (for IP-17.12: the Government's act)")
    specialization: str = text(300, default="", description="a cluster's industry specialization (IP-1.1)")
    participants: list[Identifier] = Field(default_factory=list, max_length=500, description="a cluster's BINs")


class InfrastructureDecisionIn(Schema):
    decision: Literal["suspend", "resume", "exclude"]
    reasons: str = text(4000, min_length=1)
    on: Day | None = Field(None, description="the decision's date (default: today; not before the present status)")


class ClusterStandingOut(Schema):
    identifier: str
    on: dt.date
    selected: str = Field(description="the selection covering the day, empty if none (IP-40.1)")
    registered: str = Field(description="the register entry included that day, empty if none (IP-40.1)")
    selections_found: str
    register_found: str


def entry_out(row: selectors.Row) -> dict[str, Any]:
    e = row.entry
    return {
        "number": e.number,
        "kind": e.kind,
        "provisions": list(row.provisions),
        "identifier": e.organization.identifier,
        "organization": e.organization.name,
        "name": e.name,
        "region": e.region_id,
        "kato": e.kato,
        "status": row.status,
        "status_since": row.since,
        "status_reasons": row.reasons,
        "included_on": e.included_on,
        "basis": e.basis,
        "basis_reference": e.basis_reference,
        "specialization": e.specialization,
        "participants": list(e.participants),
    }


def _now(entry: Any) -> dict[str, Any]:
    found = selectors.entry_by_number(entry.number)
    row = selectors.entry_on(found, clock.today()) if found else None
    return entry_out(row) if row else {}


@router.get(
    "/register",
    response={200: list[InfrastructureEntryOut], 400: Problem},
    url_name="infrastructure_register",
    summary="The register of industrial and innovative infrastructure, as of a date, by kind and region (public)",
    openapi_extra=as_of_statuses(),
)
def register_list(request: HttpRequest, q: Query[InfrastructureRegisterQuery], as_of: str | None = AS_OF) -> Any:
    on = one_day(as_of, q.on) or clock.today()
    rows = selectors.register_on(on, kind=q.kind or "", region=q.region or "", with_excluded=q.excluded, limit=5000)
    return [entry_out(r) for r in rows]


@router.get(
    "/register/{number}",
    response={200: InfrastructureEntryOut, 400: Problem, 404: Problem},
    summary="One entry as it stood on a date (public)",
    openapi_extra=as_of_statuses({404: NO_ENTRY + " Or the entry was not yet in the register on the day asked."}),
)
def register_entry(
    request: HttpRequest, q: Query[InfrastructureOnQuery], number: str = entry_number(), as_of: str | None = AS_OF
) -> Any:
    found = selectors.entry_by_number(number)
    row = selectors.entry_on(found, one_day(as_of, q.on) or clock.today()) if found else None
    if row is None:
        return Status(404, {"detail": _("No entry %(number)s in the register on that day.") % {"number": number}})
    return entry_out(row)


@router.post(
    "/register",
    auth=TokenAuth(),
    response={201: InfrastructureEntryOut, 403: Problem, 422: Problem},
    summary="Include an element of the infrastructure in the register (the authorized body; IP-17)",
    openapi_extra=explain(
        {
            403: "Only the authorized body's officers include elements in the register.",
            422: "The inclusion is refused (a BIN whose check digit fails, a KATO code of no region, a date in the "
            "future, a cluster without its specialization or two participants, the element already in the register "
            "as this kind); `detail` gives every reason.",
        }
    ),
)
def register_include(request: HttpRequest, payload: InfrastructureEntryIn) -> Any:
    try:
        entry = services.entry_include(actor=actor_for(request.user), **payload.dict())
    except InfrastructureError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, _now(entry))


@router.post(
    "/register/{number}/decisions",
    auth=TokenAuth(),
    response={200: InfrastructureEntryOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Suspend, resume or exclude an entry, dated, with reasons (the authorized body)",
    openapi_extra=explain(
        {
            403: "Only the authorized body's officers decide on entries.",
            404: NO_ENTRY,
            422: "The decision does not fit the entry's status (resume an entry not suspended, anything on an "
            "excluded one), has no reasons, or is dated in the future or before the present status began.",
        }
    ),
)
def register_decide(request: HttpRequest, payload: InfrastructureDecisionIn, number: str = entry_number()) -> Any:
    found = selectors.entry_by_number(number)
    if found is None:
        return Status(404, {"detail": _("No entry %(number)s in the register.") % {"number": number}})
    try:
        services.entry_decide(actor=actor_for(request.user), entry=found, **payload.dict())
    except InfrastructureError as exc:
        return Status(422, {"detail": str(exc)})
    return _now(found)


@router.get(
    "/clusters/standing/{identifier}",
    auth=TokenAuth(),
    response=ClusterStandingOut,
    summary="Whether an organization's territorial cluster was selected or in the register on a date (IP-40.1)",
)
def cluster_standing(
    request: HttpRequest,
    q: Query[InfrastructureOnQuery],
    identifier: str = Path(..., pattern=r"^[0-9]{12}$", description="BIN"),
) -> Any:
    return selectors.cluster_standing(identifier, q.on or clock.today()).as_dict()


# --- The competitive selection of territorial clusters ---
