"""API of the governance records: the Management Committee's decisions and "what is the basis" (AH-9.2), for the
informatization authority's and the auditors' systems."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from nisi.astana_hub.models import CommitteeDecision, CommitteeMatter
from nisi.astana_hub.policies.governance import decision_state, may
from nisi.astana_hub.selectors import governance as selectors
from nisi.core.api_auth import TokenAuth
from nisi.core.authz import Actor, actor_for
from nisi.law import clock
from nisi.law.api_common import Day, Problem, explain

router = Router(tags=["Astana Hub"])
NOT_A_READER = "The governance records are for the Fund, the informatization authority and auditors."


class DecisionOut(Schema):
    number: str
    matter: str
    decided_on: dt.date
    applies_from: dt.date
    period_year: int | None
    amount: Decimal | None
    auditor_name: str
    summary: str
    minutes_reference: str
    supersedes: str | None
    status: str


class GovernanceBasisOut(Schema):
    year: int
    on: dt.date
    annual_budget: DecisionOut | None
    procurement_rules: DecisionOut | None
    external_auditor: DecisionOut | None
    charter: DecisionOut | None


def _out(d: CommitteeDecision | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {
        "number": d.number,
        "matter": d.matter,
        "decided_on": d.decided_on,
        "applies_from": d.applies_from,
        "period_year": d.period_year,
        "amount": d.amount,
        "auditor_name": d.auditor_name,
        "summary": d.summary,
        "minutes_reference": d.minutes_reference,
        "supersedes": d.supersedes.number if d.supersedes_id else None,  # type: ignore[union-attr]
        "status": decision_state(d),
    }


def _reader(request: HttpRequest) -> Actor:
    actor = actor_for(request.user)
    if not may(actor, CommitteeDecision, "view"):
        raise PermissionDenied(
            _("The governance records are for the Fund, the informatization authority and auditors.")
        )
    return actor


@router.get(
    "/governance/decisions",
    auth=TokenAuth(),
    response={200: list[DecisionOut], 403: Problem},
    summary="Decisions of the Fund's Management Committee (AH-9.2)",
    openapi_extra=explain({403: NOT_A_READER}),
)
def decisions(
    request: HttpRequest,
    matter: CommitteeMatter | None = Query(None, description="only the decisions on this matter"),
) -> Any:
    """At most 500."""
    found = selectors.decisions_for(_reader(request))
    if matter:
        found = found.filter(matter=matter)
    return [_out(d) for d in found[:500]]


@router.get(
    "/governance/basis",
    auth=TokenAuth(),
    response={200: GovernanceBasisOut, 403: Problem},
    summary="The budget for a year, the procurement rules on a date, the external auditor for a year (AH-9.2)",
    openapi_extra=explain({403: NOT_A_READER}),
)
def basis(
    request: HttpRequest,
    year: int | None = Query(None, ge=2014, le=2100, description="the year of `on` if not given"),
    on: Day | None = Query(None, description="today if not given"),
) -> Any:
    _reader(request)
    on = on or clock.today()
    year = year or on.year
    found = selectors.basis(year=year, on=on)
    return {
        "year": year,
        "on": on,
        "annual_budget": _out(found["budget"]),
        "procurement_rules": _out(found["procurement_rules"]),
        "external_auditor": _out(found["auditor"]),
        "charter": _out(found["charter"]),
    }
