"""API of the counter-obligations' figures from the state's systems (IP-27.1, IP-27.3), as the page
`/incentives/agreements/<number>/state-figures/` offers them: everyone who may see the agreement reads each figure
with its sources, the requests still awaited and "what you would owe today" made from them; the recipient confirms a
figure, or contests it with its own figure and its reasons — the page's services and policies."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema
from ninja.responses import Status

from nisi.core.api_auth import TokenAuth
from nisi.core.authz import Actor, actor_for, allowed_actions
from nisi.incentives.api.agreements import AGREEMENT_NUMBER, CounterObligationLineOut
from nisi.incentives.models import CounterObligationAgreement, StateActual
from nisi.incentives.rules.counter_obligations import AREA_LABELS, Area
from nisi.incentives.selectors import agreements as agreement_selectors
from nisi.incentives.selectors import state_actuals as selectors
from nisi.incentives.services import state_actuals as services
from nisi.law import clock
from nisi.law.api_common import BIGINT_MAX, Problem, explain, text

router = Router(tags=["Incentives: agreements with counter-obligations"])
FIGURE_ID = Path(..., ge=1, le=BIGINT_MAX, description="the figure's id, as listed", example=1)


class StateFigureSourceOut(Schema):
    source: str = Field(description="the state's system: tax, pension or customs")
    request_id: str = ""
    url: str = ""
    at: str = Field("", description="when the system answered")
    used: dict[str, str] = Field(default_factory=dict, description="the figures of the answer it was made from")


class StateFigureOut(Schema):
    id: int
    period_start: dt.date
    period_end: dt.date
    as_of: dt.date = Field(description="the figure counts from the period's first day to this day")
    area: str
    area_label: str
    value: Decimal = Field(description="the figure from the state's systems")
    sources: list[StateFigureSourceOut]
    fetched_at: dt.datetime
    status: str = Field(description="received, confirmed or contested")
    contested_value: Decimal | None = Field(description="the recipient's own figure, when it contested")
    reasons: str
    answered_at: dt.datetime | None
    answered_by: str
    actions: list[str] = Field(description="what the caller may do with the figure: confirm, contest")


class StateFetchAwaitedOut(Schema):
    period_start: dt.date
    as_of: dt.date
    attempts: int = Field(description="a state system did not answer so many times; it is asked again")


class StateUsedFigureOut(Schema):
    value: Decimal
    origin: str = Field(description="state, contested (the recipient's own figure) or reported (its report)")
    as_of: dt.date | None


class StateEstimateOut(Schema):
    period_start: dt.date
    period_end: dt.date
    used: dict[str, StateUsedFigureOut] = Field(description="each area's figure the estimate uses")
    total: Decimal | None = Field(description="what the recipient would owe today (provisional); null: not known")
    problem: str | None = Field(description="why nothing could be estimated, when so")
    lines: list[CounterObligationLineOut] = Field(description="the computation line by line, in the reader's language")


class StateFiguresOut(Schema):
    agreement: str
    figures: list[StateFigureOut]
    awaited: list[StateFetchAwaitedOut]
    estimate: StateEstimateOut | None = Field(description="for the period running today; null outside every period")


class StateFigureContestIn(Schema):
    value: Decimal = Field(..., ge=0, max_digits=20, decimal_places=2, description="the recipient's own figure")
    reasons: str = text(2000, min_length=1, description="why the state's figure is wrong")


def _sources(actual: StateActual) -> list[dict[str, Any]]:
    found = actual.sources if isinstance(actual.sources, list) else []
    return [
        {
            "source": str(s.get("source", "")),
            "request_id": str(s.get("request_id", "")),
            "url": str(s.get("url", "")),
            "at": str(s.get("at", "")),
            "used": {str(k): str(v) for k, v in s["used"].items()} if isinstance(s.get("used"), dict) else {},
        }
        for s in found
        if isinstance(s, dict)
    ]


def figure_out(actor: Actor, actual: StateActual) -> dict[str, Any]:
    return {
        "id": actual.pk,
        "period_start": actual.period_start,
        "period_end": actual.period_end,
        "as_of": actual.as_of,
        "area": actual.area,
        "area_label": str(AREA_LABELS[Area(actual.area)]),
        "value": actual.value,
        "sources": _sources(actual),
        "fetched_at": actual.fetched_at,
        "status": actual.status,
        "contested_value": actual.contested_value,
        "reasons": actual.reasons,
        "answered_at": actual.answered_at,
        "answered_by": actual.answered_by_label,
        "actions": [a for a in ("confirm", "contest") if a in allowed_actions(actor, actual)],
    }


def _estimate_out(agreement: CounterObligationAgreement) -> dict[str, Any] | None:
    found = selectors.estimate(agreement, clock.today())
    if found is None:
        return None
    return {
        "period_start": found.period.start,
        "period_end": found.period.end,
        "used": {area: {"value": u.value, "origin": u.origin, "as_of": u.as_of} for area, u in found.used.items()},
        "total": found.estimate.value.total if found.estimate else None,
        "problem": found.problem,
        "lines": found.estimate.trace() if found.estimate else [],
    }


def _agreement(actor: Actor, number: str) -> CounterObligationAgreement | None:
    found = agreement_selectors.agreement_by_number(number)
    return found if found is not None and "view" in allowed_actions(actor, found) else None


def _figure(agreement: CounterObligationAgreement, figure_id: int) -> StateActual | None:
    return StateActual.objects.filter(pk=figure_id, agreement=agreement).first()


def _no_agreement() -> Status:
    return Status(404, {"detail": _("No agreement with this number that you may see.")})


STEPS = {
    404: "No agreement with this number that the caller may see, or no figure with this id under it.",
    403: "Only the recipient's own users confirm or contest the state's figures.",
}


@router.get(
    "/agreements/{number}/state-figures",
    auth=TokenAuth(),
    response={200: StateFiguresOut, 404: Problem},
    summary="The agreement's figures from the state's systems, the requests awaited, and what would be owed today",
    openapi_extra=explain({404: "No agreement with this number that the caller may see."}),
)
def state_figures(request: HttpRequest, number: str = AGREEMENT_NUMBER) -> Any:
    actor = actor_for(request.user)
    agreement = _agreement(actor, number)
    if agreement is None:
        return _no_agreement()
    return {
        "agreement": agreement.number,
        "figures": [figure_out(actor, a) for a in selectors.history(agreement)],
        "awaited": [
            {"period_start": f.period_start, "as_of": f.as_of, "attempts": f.attempts}
            for f in selectors.pending(agreement)
        ],
        "estimate": _estimate_out(agreement),
    }


def _step(actor: Actor, number: str, figure_id: int, action: str) -> StateActual | Status:
    """The figure the caller may take `action` on, or the answer saying why not."""
    agreement = _agreement(actor, number)
    if agreement is None:
        return _no_agreement()
    actual = _figure(agreement, figure_id)
    if actual is None:
        return Status(404, {"detail": _("No such figure under this agreement: see the agreement's list of figures.")})
    if action in allowed_actions(actor, actual):
        return actual
    # the recipient may not in this state (409); anyone else never may (403): asked of a figure as just received
    if action in allowed_actions(actor, StateActual(agreement=agreement, status=StateActual.Status.RECEIVED)):
        if action == "confirm":
            return Status(409, {"detail": _("This figure cannot be confirmed.")})
        return Status(409, {"detail": _("This figure cannot be contested.")})
    return Status(403, {"detail": _("Only the recipient's own users confirm or contest the state's figures.")})


@router.post(
    "/agreements/{number}/state-figures/{figure_id}/confirm",
    auth=TokenAuth(),
    response={200: StateFigureOut, 403: Problem, 404: Problem, 409: Problem},
    summary="The recipient confirms a figure from the state's systems (IP-27.1)",
    openapi_extra=explain({**STEPS, 409: "The figure was confirmed or contested already."}),
)
def state_figure_confirm(request: HttpRequest, number: str = AGREEMENT_NUMBER, figure_id: int = FIGURE_ID) -> Any:
    actor = actor_for(request.user)
    found = _step(actor, number, figure_id, "confirm")
    if isinstance(found, Status):
        return found
    try:
        done = services.state_actual_confirm(actor=actor, actual=found)
    except PermissionDenied:  # answered meanwhile
        return Status(409, {"detail": _("This figure cannot be confirmed.")})
    return figure_out(actor, done)


@router.post(
    "/agreements/{number}/state-figures/{figure_id}/contest",
    auth=TokenAuth(),
    response={200: StateFigureOut, 403: Problem, 404: Problem, 409: Problem, 422: Problem},
    summary="The recipient contests a figure from the state's systems with its own figure and its reasons (IP-27.1)",
    openapi_extra=explain(
        {
            **STEPS,
            409: "The figure was contested already.",
            422: "The figure is negative or malformed, or no reason is given.",
        }
    ),
)
def state_figure_contest(
    request: HttpRequest, body: StateFigureContestIn, number: str = AGREEMENT_NUMBER, figure_id: int = FIGURE_ID
) -> Any:
    actor = actor_for(request.user)
    found = _step(actor, number, figure_id, "contest")
    if isinstance(found, Status):
        return found
    try:
        done = services.state_actual_contest(actor=actor, actual=found, value=body.value, reasons=body.reasons)
    except PermissionDenied:  # contested meanwhile
        return Status(409, {"detail": _("This figure cannot be contested.")})
    except services.StateActualError as exc:
        return Status(422, {"detail": str(exc)})
    return figure_out(actor, done)
