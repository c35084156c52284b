"""The effectiveness of measures of state incentives through the API (IP-6.3): the public aggregate with small cells
suppressed, each entity's figures for those who may see them (each view recorded), and an entity's consents and the
record of who saw its figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from nisi.core import selectors as core_selectors
from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for
from nisi.core.models import Organization
from nisi.core.services import disclosure as disclosure_services
from nisi.law import clock
from nisi.law.api_common import Identifier, Problem, explain
from nisi.reporting.selectors.effectiveness import Line, public_table
from nisi.reporting.services.effectiveness import entity_figures_view

router = Router(tags=["Effectiveness of measures of state incentives (IP-6.3)"])


class EffectivenessQuery(Schema):
    year: int = Field(..., ge=2022, le=2100)


class EffectivenessLineOut(Schema):
    line: str = Field(..., description="cell, measure_total, region_total, total, or entity")
    year: int
    measure: str
    measure_title: str
    operator: str = Field(..., description="the operator's BIN")
    region: str
    entity: str = Field("", description="the entity's BIN (entity lines only)")
    ground: str = Field("", description="why the caller may see the entity's figures (IP-6.3)")
    suppressed: bool = Field(..., description="true: built from fewer than three entities, or would reveal one")
    entities: int | None
    agreements: int | None
    given: Decimal | None = Field(None, description="support paid, tenge")
    reports: int | None
    mean_achieved_level: Decimal | None
    reports_below_target: int | None
    refunds_due: Decimal | None = Field(None, description="refunds determined, tenge")


class EffectivenessPublicOut(Schema):
    year: int
    minimum_entities: int
    lines: list[EffectivenessLineOut]


class EffectivenessNamedOut(Schema):
    year: int
    withheld: int = Field(..., description="entities whose figures the caller may not see (no consent)")
    lines: list[EffectivenessLineOut]


def _line(line: Line) -> dict[str, Any]:
    f = line.figures
    return {
        "line": line.kind,
        "year": line.year,
        "measure": line.measure,
        "measure_title": line.measure_title,
        "operator": line.operator,
        "region": line.region,
        "entity": line.entity,
        "ground": line.ground,
        "suppressed": f is None,
        "entities": f.entity_count if f else None,
        "agreements": f.agreements if f else None,
        "given": f.given if f else None,
        "reports": f.reports if f else None,
        "mean_achieved_level": f.mean_level if f else None,
        "reports_below_target": f.short if f else None,
        "refunds_due": f.refunds if f else None,
    }


@router.get("/public", response=EffectivenessPublicOut, summary="The year's aggregates, small cells suppressed")
def public(request: HttpRequest, q: Query[EffectivenessQuery]) -> Any:
    table = public_table(q.year, on=clock.today())
    return {"year": q.year, "minimum_entities": table.minimum, "lines": [_line(x) for x in table.lines]}


@router.get(
    "/entities",
    auth=TokenAuth(),
    response=EffectivenessNamedOut,
    summary="Each entity's figures the caller may see (the authorized body all; others with consent), each view "
    "recorded",
)
def entities(request: HttpRequest, q: Query[EffectivenessQuery]) -> Any:
    named = entity_figures_view(actor=actor_for(request.user), year=q.year, what=f"effectiveness {q.year} (API)")
    return {"year": q.year, "withheld": named.withheld, "lines": [_line(x) for x in named.lines]}


class ConsentIn(Schema):
    organization: Identifier = Field(..., description="your organization's BIN")
    recipient: Identifier = Field(..., description="the BIN of the organization you let see your data")
    dataset: str = Field(..., max_length=60)
    purpose: str = Field("", max_length=300)


class ConsentOut(Schema):
    id: int
    organization: str
    recipient: str
    dataset: str
    purpose: str
    given_at: dt.datetime
    withdrawn_at: dt.datetime | None


class DisclosureViewOut(Schema):
    organization: str
    viewer: str
    viewer_organization: str
    dataset: str
    what: str
    ground: str
    at: dt.datetime


def _consent(c: Any) -> dict[str, Any]:
    return {
        "id": c.pk,
        "organization": c.organization.identifier,
        "recipient": c.recipient.identifier,
        "dataset": c.dataset,
        "purpose": c.purpose,
        "given_at": c.given_at,
        "withdrawn_at": c.withdrawn_at,
    }


@router.get("/consents", auth=TokenAuth(), response=list[ConsentOut], summary="The consents the caller may read")
def consents(request: HttpRequest) -> Any:
    return [_consent(c) for c in core_selectors.consents_for(actor_for(request.user))[:1000]]


@router.post(
    "/consents",
    auth=TokenAuth(),
    response={201: ConsentOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Give your organization's consent that another sees its data (IP-6.3)",
    openapi_extra=explain(
        {
            403: "Only the entity's own users give its consent.",
            404: "No organization with one of these BINs.",
            422: "An unknown kind of data, your own organization, or a consent already in force.",
        }
    ),
)
def consent_give(request: HttpRequest, body: ConsentIn) -> Any:
    orgs = {o.identifier: o for o in Organization.objects.filter(identifier__in=[body.organization, body.recipient])}
    if body.organization not in orgs or body.recipient not in orgs:
        return Status(404, {"detail": _("No organization with one of these BINs.")})
    try:
        given = disclosure_services.consent_give(
            actor=actor_for(request.user),
            organization=orgs[body.organization],
            recipient=orgs[body.recipient],
            dataset=body.dataset,
            purpose=body.purpose,
        )
    except disclosure_services.DisclosureError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, _consent(given))


@router.post(
    "/consents/{consent_id}/withdraw",
    auth=TokenAuth(),
    response={200: ConsentOut, 403: Problem, 404: Problem, 409: Problem},
    summary="Withdraw a consent (IP-6.3)",
    openapi_extra=explain(
        {403: "Only the entity's own users withdraw it.", 404: "No consent you may see.", 409: "Already withdrawn."}
    ),
)
def consent_withdraw(request: HttpRequest, consent_id: int) -> Any:
    actor = actor_for(request.user)
    found = core_selectors.consents_for(actor).filter(pk=consent_id).first()
    if found is None:
        return Status(404, {"detail": _("No consent you may see.")})
    try:
        done = disclosure_services.consent_withdraw(actor=actor, consent=found)
    except disclosure_services.DisclosureError as exc:
        return Status(409, {"detail": str(exc)})
    return _consent(done)


@router.get(
    "/disclosures",
    auth=TokenAuth(),
    response=list[DisclosureViewOut],
    summary="Who saw an entity's figures, when, what and on what ground (the entity its own; the authorized body all)",
)
def disclosures(request: HttpRequest) -> Any:
    rows = core_selectors.disclosure_views_for(actor_for(request.user))[:1000]
    return [
        {
            "organization": v.organization.identifier,
            "viewer": v.viewer_label,
            "viewer_organization": v.viewer_organization.identifier if v.viewer_organization else "",
            "dataset": v.dataset,
            "what": v.what,
            "ground": v.ground,
            "at": v.at,
        }
        for v in rows
    ]
