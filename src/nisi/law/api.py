"""The law layer for the public and integrators: /api/v1/law/…"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from nisi.law import clock, legal_calendar, params, provisions

router = Router(tags=["law"])


class ParameterSummary(Schema):
    name: str
    title: dict[str, str]
    kind: str
    unit: str
    provisions: list[str]
    purposes: list[str]


class ParameterValueOut(Schema):
    name: str
    purpose: str
    on: dt.date
    value: str = Field(description="the value as exact text (a decimal never loses digits)")
    display: str
    unit: str
    kind: str
    effective_from: dt.date
    effective_to: dt.date | None
    reference: str
    confidence: str = Field(description="'high', or 'low' where the source is unconfirmed")
    note: str
    provisions: list[str]


class HistoryEntry(Schema):
    effective_from: dt.date
    value: str | None
    reference: str
    confidence: str
    note: str
    same_as: str | None


class TraceStep(Schema):
    text: str
    provision: str | None = None
    parameter: str | None = None
    value: str | None = None
    effective_from: dt.date | None = None
    reference: str | None = None


class DeadlineOut(Schema):
    start: dt.date = Field(alias="from")
    due: dt.date
    due_weekday: str
    provisions: list[str]
    trace: list[TraceStep]


class DayOut(Schema):
    date: dt.date
    working_day: bool
    holiday: str | None
    transferred_working_day: bool


class ProvisionOut(Schema):
    id: str
    law: str
    law_title: str
    article: str
    kind: str
    title: str
    text: str
    chapter: str
    footnotes: list[str]
    in_force_from: dt.date | None
    in_force_to: dt.date | None
    repealed: bool
    status_note: str
    applies_on: dict[str, Any] | None = None


class Problem(Schema):
    detail: str


@router.get("/parameters", response=list[ParameterSummary], summary="Every legal parameter")
def list_parameters(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "name": p.name,
            "title": p.title,
            "kind": p.kind,
            "unit": p.unit,
            "provisions": list(p.provisions),
            "purposes": p.purposes,
        }
        for p in sorted(params.catalogue().values(), key=lambda p: p.name)
    ]


@router.get(
    "/parameters/{name}",
    response={200: ParameterValueOut, 404: Problem, 422: Problem},
    summary="A parameter's value on a date",
)
def parameter_value(request: HttpRequest, name: str, on: dt.date | None = None, purpose: str = params.GENERAL) -> Any:
    """The value in force on `on` (today if omitted), with its source, dates and provisions."""
    return params.value_on(name, on or clock.today(), purpose=purpose).as_dict()


@router.get(
    "/parameters/{name}/history",
    response={200: list[HistoryEntry], 404: Problem},
    summary="Every dated value of a parameter",
)
def parameter_history(request: HttpRequest, name: str, purpose: str = params.GENERAL) -> Any:
    return [
        {
            "effective_from": v.effective_from,
            "value": None if v.value is None else str(v.value),
            "reference": v.reference,
            "confidence": v.confidence,
            "note": v.note,
            "same_as": v.same_as,
        }
        for v in params.history(name, purpose=purpose)
    ]


def _count(unit: str) -> Any:
    """A count of `unit`, documented with the calendar's bound; the calendar itself refuses one outside it, in
    words (legal_calendar.TermError, 422)."""
    limit = legal_calendar.MAX_TERM[unit]
    return Field(
        None,
        description=f"0 to {limit} (a term is at most ten years)",
        json_schema_extra={"minimum": 0, "maximum": limit},
    )


class DeadlineQuery(Schema):
    start: dt.date = Field(..., alias="from", description="the day of the event the term runs from")
    working_days: int | None = _count("working_days")
    calendar_days: int | None = _count("calendar_days")
    months: int | None = _count("months")
    term: str | None = Field(None, description="a term parameter, e.g. register_appeal_term")


@router.get("/deadline", response={200: DeadlineOut, 404: Problem, 422: Problem}, summary="The due date of a term")
def deadline(request: HttpRequest, query: Query[DeadlineQuery]) -> Any:
    """Give exactly one of `working_days`, `calendar_days`, `months` or `term` (a term parameter's name)."""
    counts = {"working_days": query.working_days, "calendar_days": query.calendar_days, "months": query.months}
    given = [unit for unit, n in counts.items() if n is not None] + (["term"] if query.term else [])
    if len(given) != 1:
        return Status(422, {"detail": "Give exactly one of working_days, calendar_days, months or term."})
    if query.term:
        result = legal_calendar.parameter_term(query.term, query.start)
    else:
        result = legal_calendar.term_from(query.start, counts[given[0]] or 0, given[0])
    return {
        "from": query.start,
        "due": result.value,
        "due_weekday": result.value.strftime("%A"),
        "provisions": result.provisions,
        "trace": result.trace(),
    }


@router.get("/calendar/{day}", response=DayOut, summary="Is a day a working day in Kazakhstan?")
def calendar_day(request: HttpRequest, day: dt.date) -> dict[str, Any]:
    return {
        "date": day,
        "working_day": legal_calendar.is_working_day(day),
        "holiday": legal_calendar.holiday_name(day),
        "transferred_working_day": legal_calendar.is_transferred_working_day(day),
    }


@router.get("/provisions", response=list[ProvisionOut], summary="Search the provisions of both laws")
def provision_search(
    request: HttpRequest, q: str = "", law: str | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    return [e.as_dict() for e in provisions.search(q, law=law, limit=max(1, min(limit, 500)))]


@router.get("/provisions/{provision_id}", response={200: ProvisionOut, 404: Problem}, summary="A provision's text")
def provision_detail(request: HttpRequest, provision_id: str, on: dt.date | None = None) -> Any:
    return provisions.get(provision_id).as_dict(on)
