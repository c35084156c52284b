"""The law layer for the public and integrators: /api/v1/law/…"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.responses import Status

from nisi.law import clock, legal_calendar, params, provisions
from nisi.law.api_common import Day, Problem, explain, query_text

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


class TermDueOut(Schema):
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


PARAMETER_NAME = r"^[a-z][a-z0-9_]{0,63}$"
PURPOSE = r"^[a-z][a-z0-9_]{0,63}$"
PROVISION_ID = r"^[A-Za-z0-9.~-]{1,40}$"
# The calendar's own bound (ten years in each unit), in the schema so that the description says it.
MAX_TERM = legal_calendar.MAX_TERM
NO_PARAMETER = "No parameter has this name (the answer lists the known ones), or it has no such purpose."


def _name(description: str) -> Any:
    return Path(..., pattern=PARAMETER_NAME, description=description, example="mci")


def _purpose() -> Any:
    return Query(params.GENERAL, pattern=PURPOSE, description="for a parameter whose value depends on its purpose")


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
    openapi_extra=explain({404: NO_PARAMETER, 422: "The parameter has no value on that date (it starts later)."}),
)
def parameter_value(
    request: HttpRequest, name: str = _name("the parameter"), on: Day | None = None, purpose: str = _purpose()
) -> Any:
    """The value in force on `on` (today if omitted), with its source, dates and provisions."""
    return params.value_on(name, on or clock.today(), purpose=purpose).as_dict()


@router.get(
    "/parameters/{name}/history",
    response={200: list[HistoryEntry], 404: Problem},
    summary="Every dated value of a parameter",
    openapi_extra=explain({404: NO_PARAMETER}),
)
def parameter_history(request: HttpRequest, name: str = _name("the parameter"), purpose: str = _purpose()) -> Any:
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


class TermQuery(Schema):
    start: Day = Field(..., alias="from", description="the day of the event the term runs from")
    working_days: int | None = Field(None, ge=0, le=MAX_TERM["working_days"])
    calendar_days: int | None = Field(None, ge=0, le=MAX_TERM["calendar_days"])
    months: int | None = Field(None, ge=0, le=MAX_TERM["months"])
    term: str | None = Field(None, pattern=PARAMETER_NAME, description="a term parameter, e.g. register_appeal_term")


@router.get(
    "/deadline",
    response={200: TermDueOut, 404: Problem, 422: Problem},
    summary="The due date of a term",
    openapi_extra=explain(
        {
            404: "`term` names no parameter.",
            422: "Not exactly one of `working_days`, `calendar_days`, `months` and `term` is given, or `term` names "
            "a parameter that is not a term or has no value on the day.",
        }
    ),
)
def deadline(request: HttpRequest, query: Query[TermQuery]) -> Any:
    """Give exactly one of `working_days`, `calendar_days`, `months` or `term` (a term parameter's name); any other
    combination is refused with 422. Working days skip weekends and holidays, decreed working weekends count, and a
    term ending on a day off moves to the next working day (the Civil Code's rule)."""
    counts = {"working_days": query.working_days, "calendar_days": query.calendar_days, "months": query.months}
    given = [unit for unit, n in counts.items() if n is not None] + (["term"] if query.term else [])
    if len(given) != 1:
        return Status(422, {"detail": _("Give exactly one of working_days, calendar_days, months or term.")})
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
def calendar_day(request: HttpRequest, day: Day) -> dict[str, Any]:
    return {
        "date": day,
        "working_day": legal_calendar.is_working_day(day),
        "holiday": legal_calendar.holiday_name(day),
        "transferred_working_day": legal_calendar.is_transferred_working_day(day),
    }


@router.get("/provisions", response=list[ProvisionOut], summary="Search the provisions of both laws")
def provision_search(
    request: HttpRequest,
    q: str = query_text(200, description="words that all appear in the provision's id, title or text"),
    law: Literal["IP", "AH"] | None = Query(None, description="IP: on industrial policy; AH: on the Astana Hub"),
    limit: int = Query(50, ge=1, le=500),
) -> list[dict[str, Any]]:
    """In the order of the laws; at most `limit` provisions."""
    return [e.as_dict() for e in provisions.search(q, law=law, limit=limit)]


@router.get(
    "/provisions/{provision_id}",
    response={200: ProvisionOut, 404: Problem},
    summary="A provision's text",
    openapi_extra=explain({404: "No provision has this id; the answer says how to cite one."}),
)
def provision_detail(
    request: HttpRequest,
    provision_id: str = Path(..., pattern=PROVISION_ID, description="e.g. IP-51-1.3", example="IP-51-1.3"),
    on: Day | None = Query(None, description="also say whether the provision applies on this day"),
) -> Any:
    return provisions.get(provision_id).as_dict(on)
