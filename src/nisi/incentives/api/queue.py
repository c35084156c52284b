"""API of the public queues of measures with a limited budget (place, measure, amount; no natural person's name) and
their journal chains, the authorized body's budgets, and the applicant's withdrawal of a request."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import Status

from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for, allowed_actions
from nisi.incentives.api.applications import REQUEST_NUMBER, RequestedMeasureOut, request_out
from nisi.incentives.models import MeasureBudget
from nisi.incentives.selectors import applications as app_selectors
from nisi.incentives.selectors import catalogue as catalogue_selectors
from nisi.incentives.selectors import queue as selectors
from nisi.incentives.services import queue as services
from nisi.law.api_common import Day, Problem, explain, path_code, text

router = Router(tags=["Incentives: queues of measures with a limited budget"])
CODE = r"^[-a-zA-Z0-9_]{1,40}$"
DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


class BudgetOut(Schema):
    queue: str = Field(description="the queue's key: measure code / first day of the budget's period")
    measure: str
    measure_title: str
    period_start: dt.date
    period_end: dt.date
    amount: Decimal
    basis: str
    held: Decimal = Field(description="reserved and granted within the budget")
    remaining: Decimal
    places_taken: int = Field(description="the last place given (places are never reused)")
    waiting: int = Field(description="places held beyond the budget, waiting for an earlier one to be released")


class PlaceOut(Schema):
    place: int
    request: str
    amount: Decimal
    status: str = Field(description="reserved, granted or released")
    standing: str = Field(description="within the budget, waiting, or released")
    cumulative: Decimal | None = Field(description="what the budget holds up to and including this place")
    entity_name: str = Field(description="the legal entity's name; empty for an individual entrepreneur")
    entity_identifier: str = Field(description="the BIN; empty for an individual entrepreneur")
    taken_at: dt.datetime
    journal_seq: int
    journal_hash: str = Field(description="the hash of the journal entry that stamped the place")


class QueueOut(BudgetOut):
    places: list[PlaceOut]


class ChainEntryOut(Schema):
    subject_type: str
    subject_id: str
    seq: int
    action: str
    at: dt.datetime
    actor_id: int | None
    actor_label: str
    payload: dict[str, Any]
    provisions: list[str]
    prev_hash: str
    entry_hash: str


def budget_out(budget: MeasureBudget) -> dict[str, Any]:
    queue = services.queue_of(budget)
    return {
        "queue": budget.queue_key,
        "measure": budget.measure.code,
        "measure_title": budget.measure.title,
        "period_start": budget.period_start,
        "period_end": budget.period_end,
        "amount": budget.amount,
        "basis": budget.basis,
        "held": queue.held,
        "remaining": queue.remaining,
        "places_taken": budget.places_taken,
        "waiting": queue.waiting,
    }


def _budget(code: str, start: str) -> MeasureBudget | None:
    try:
        day = dt.date.fromisoformat(start)
    except ValueError:
        return None
    return selectors.budget_by_key(code, day)


@router.get("/queues", response=list[BudgetOut], summary="Every measure's budget with its queue's totals (public)")
def queues(request: HttpRequest) -> Any:
    return [budget_out(b) for b in selectors.budgets()]


@router.get(
    "/queues/{code}/{start}",
    response={200: QueueOut, 404: Problem},
    summary="A measure's queue: every place, its amount and standing, and the journal stamp (public)",
    openapi_extra=explain({404: "No budget of this measure starts on this day."}),
)
def queue(
    request: HttpRequest,
    code: str = path_code(CODE, "the measure's code", "dbk-financing"),
    start: str = path_code(DATE, "the first day of the budget's period", "2026-01-01"),
) -> Any:
    budget = _budget(code, start)
    if budget is None:
        return Status(404, {"detail": _("No budget of this measure starts on this day: see the list of queues.")})
    view = selectors.queue_view(budget)
    return {**budget_out(budget), "places": [row.__dict__ for row in view.rows]}


@router.get(
    "/queues/{code}/{start}/journal",
    response={200: list[ChainEntryOut], 404: Problem},
    summary="The queue's journal chain, every field that is hashed, so anyone can check the order (public)",
    openapi_extra=explain({404: "No budget of this measure starts on this day."}),
)
def queue_journal(
    request: HttpRequest,
    code: str = path_code(CODE, "the measure's code", "dbk-financing"),
    start: str = path_code(DATE, "the first day of the budget's period", "2026-01-01"),
) -> Any:
    budget = _budget(code, start)
    if budget is None:
        return Status(404, {"detail": _("No budget of this measure starts on this day: see the list of queues.")})
    return selectors.queue_chain(budget)


class BudgetIn(Schema):
    period_start: Day
    period_end: Day
    amount: Decimal = Field(..., gt=0, max_digits=18, decimal_places=2, description="tenge, to the tiyn")
    basis: str = text(300, min_length=1)


@router.post(
    "/measures/{code}/budgets",
    auth=TokenAuth(),
    response={201: BudgetOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Record a measure's budget for a period (the authorized body)",
    openapi_extra=explain(
        {
            403: "Only the authorized body records budgets.",
            404: "No measure with this code.",
            422: "The period ends before it starts, or overlaps another budget of the measure.",
        }
    ),
)
def budget_record(
    request: HttpRequest, body: BudgetIn, code: str = path_code(CODE, "the measure's code", "dbk-financing")
) -> Any:
    measure = catalogue_selectors.measure_by_code(code)
    if measure is None:
        return Status(404, {"detail": _("There is no measure with this code in the catalogue.")})
    try:
        budget = services.budget_record(
            actor=actor_for(request.user),
            measure=measure,
            period_start=body.period_start,
            period_end=body.period_end,
            amount=body.amount,
            basis=body.basis,
        )
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    except services.QueueError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, budget_out(budget))


@router.post(
    "/requests/{number}/withdraw",
    auth=TokenAuth(),
    response={200: RequestedMeasureOut, 404: Problem, 409: Problem},
    summary="Withdraw a request its operator has not decided (the applicant); its place in a queue is released",
    openapi_extra=explain(
        {
            404: "No request with this number that the caller may see.",
            409: "The request is decided already, or the caller may not withdraw it.",
        }
    ),
)
def request_withdraw(
    request: HttpRequest, number: str = path_code(REQUEST_NUMBER, "the request", "IA-2026-000001-1")
) -> Any:
    actor = actor_for(request.user)
    found = app_selectors.request_by_number(number)
    if found is None or "view" not in allowed_actions(actor, found):
        return Status(404, {"detail": _("No request with this number that you may see.")})
    if "withdraw" not in allowed_actions(actor, found):
        return Status(409, {"detail": _("This request cannot be withdrawn: it is decided, or it is not yours.")})
    try:
        done = services.request_withdraw(actor=actor, request=found)
    except services.QueueError as exc:
        return Status(409, {"detail": str(exc)})
    return request_out(done)
