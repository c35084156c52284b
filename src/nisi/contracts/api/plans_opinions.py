"""API of the domestic value development institute's opinion on a plan under review (IP-47.4): the institute's
system records it; the authorized body's reads it before deciding. The page's service."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.responses import Status

from nisi.contracts.models import PlanOpinion
from nisi.contracts.selectors import opinions as opinion_selectors
from nisi.contracts.selectors import plans as selectors
from nisi.contracts.services import plans_review
from nisi.contracts.services.plans import PlanError
from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for
from nisi.law.api_common import Problem, explain, one_of, path_code, text

router = Router(tags=["Contracts: procurement plans"])


def _plan_number() -> Any:
    return path_code(r"^PP-[0-9]{4}-[0-9]{5,19}$", "the plan's number", "PP-2026-00001")


class OpinionIn(Schema):
    finding: str = one_of(PlanOpinion.Finding.values, description="complies, or comments (IP-47.3)")
    text: str = text(10_000, min_length=1, description="which goods, and why")


class OpinionOut(Schema):
    finding: str
    text: str
    recorded_on: dt.date
    recorded_by: str


def _out(o: PlanOpinion) -> dict[str, Any]:
    return {"finding": o.finding, "text": o.text, "recorded_on": o.recorded_on, "recorded_by": o.recorded_by_label}


NOT_FOUND = "No such plan among those you can see."


@router.get(
    "/plans/{number}/opinions",
    auth=TokenAuth(),
    response={200: list[OpinionOut], 404: Problem},
    summary="The institute's opinions on a plan, newest first (the review's officers; IP-47.4)",
    openapi_extra=explain({404: NOT_FOUND}),
)
def opinions(request: HttpRequest, number: str = _plan_number()) -> Any:
    actor = actor_for(request.user)
    plan = selectors.plans_for(actor).filter(number=number).first()
    if plan is None:
        return Status(404, {"detail": _("No such plan among those you can see.")})
    return [_out(o) for o in opinion_selectors.opinions_for(actor, plan)]


@router.post(
    "/plans/{number}/opinions",
    auth=TokenAuth(),
    response={201: OpinionOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Record the institute's opinion on a submitted plan (the domestic value development institute; IP-47.4)",
    openapi_extra=explain(
        {
            403: "Only the institute gives its opinion, and only on a plan under review (submitted).",
            404: NOT_FOUND,
            422: "The finding or the text is missing.",
        }
    ),
)
def opinion_record(request: HttpRequest, body: OpinionIn, number: str = _plan_number()) -> Any:
    actor = actor_for(request.user)
    plan = selectors.plans_for(actor).filter(number=number).first()
    if plan is None:
        return Status(404, {"detail": _("No such plan among those you can see.")})
    try:
        done = plans_review.plan_opinion_record(actor=actor, plan=plan, finding=body.finding, text=body.text)
    except PlanError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, _out(done))
