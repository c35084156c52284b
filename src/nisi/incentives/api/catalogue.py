"""API of the catalogue of measures (IP-29 … IP-42), the list of priority goods (IP-26) and the public pre-check
(IP-25.5): the same selectors and services as the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for
from nisi.core.csv_import import CsvImportError
from nisi.core.publication.as_of import as_of_query, as_of_statuses, day_asked, one_day
from nisi.incentives.facts import MeasureOn
from nisi.incentives.models import PriorityList
from nisi.incentives.rules import conditions as condition_rules
from nisi.incentives.rules.findings import describe, source_label
from nisi.incentives.selectors import applications as app_selectors
from nisi.incentives.selectors import catalogue as selectors
from nisi.incentives.services import priority as priority_services
from nisi.law import clock
from nisi.law.api_common import Day, Identifier, Problem, explain, path_code

router = Router(tags=["Incentives: catalogue, priority goods, pre-check"])
MAX_FILE_BYTES = 5 * 1024 * 1024
MEASURE_CODE = r"^[-a-zA-Z0-9_]{1,40}$"


class WindowOut(Schema):
    opens_on: dt.date
    closes_on: dt.date | None = Field(description="the last day it takes applications; null: open-ended")


class IncentiveMeasureOut(Schema):
    code: str
    title: str
    kind: str = Field(description="one of the fourteen kinds of IP-29")
    kind_title: str
    provisions: list[str]
    summary: str
    operator: str = Field(description="the operator's BIN")
    operator_name: str
    operator_kind: str = Field(description="which body of IP-13 the operator is")
    open_on: dt.date
    open: bool = Field(description="whether it takes applications on open_on")
    next_opening: dt.date | None
    windows: list[WindowOut]


def measure_out(m: MeasureOn, on: dt.date) -> dict[str, Any]:
    measure = m.measure
    return {
        "code": measure.code,
        "title": measure.title,
        "kind": measure.kind,
        "kind_title": str(measure.get_kind_display()),
        "provisions": [m.info.item, m.info.provision],
        "summary": str(m.info.summary),
        "operator": measure.operator.organization.identifier,
        "operator_name": measure.operator.organization.name,
        "operator_kind": measure.operator.kind,
        "open_on": on,
        "open": m.open,
        "next_opening": m.next_opening,
        "windows": [{"opens_on": w.opens_on, "closes_on": w.closes_on} for w in measure.windows.all()],
    }


@router.get(
    "/measures",
    response={200: list[IncentiveMeasureOut], 400: Problem},
    summary="The catalogue of measures with whether each takes applications on a day (public)",
    openapi_extra=as_of_statuses(),
)
def catalogue(
    request: HttpRequest,
    on: Day | None = Query(None, description="the day (today if none)"),
    open_only: bool = Query(False, description="only the measures open on the day"),
    as_of: str | None = as_of_query(),
) -> Any:
    """`on`: today's catalogue, open or not on that day. `as_of`: the catalogue as it stood at the end of that day
    (the measures published by then, with their windows then; ADR 45)."""
    if (past := day_asked(as_of)) is not None:
        return selectors.catalogue_published_on(past, open_only=open_only)
    day = on or clock.today()
    return [measure_out(m, day) for m in selectors.catalogue_on(day, open_only=open_only)]


@router.get(
    "/measures/{code}",
    response={200: IncentiveMeasureOut, 400: Problem, 404: Problem},
    summary="One measure of the catalogue, now or as of a day (public)",
    openapi_extra=as_of_statuses({404: "No measure with this code (that day)."}),
)
def measure(
    request: HttpRequest,
    code: str = path_code(MEASURE_CODE, "the measure's code", "dbk-financing"),
    as_of: str | None = as_of_query(),
) -> Any:
    if (past := day_asked(as_of)) is not None:
        then = selectors.measure_published_on(code, past)
        if then is None:
            return Status(404, {"detail": _("There was no measure with this code in the catalogue that day.")})
        return then
    found = selectors.measure_by_code(code)
    if found is None:
        return Status(404, {"detail": _("There is no measure with this code in the catalogue.")})
    return measure_out(selectors.measure_on(found, clock.today()), clock.today())


class PriorityGoodOut(Schema):
    hs_code: str
    name: str
    level: str = Field(description="medium or high processing level (IP-26.1)")
    technological_complexity: Decimal
    export_potential: Decimal
    domestic_market_potential: Decimal


class PriorityListOut(Schema):
    version: int
    in_force_from: dt.date
    basis: str
    goods: list[PriorityGoodOut]


def _list_out(version: PriorityList) -> dict[str, Any]:
    return {
        "version": version.version,
        "in_force_from": version.in_force_from,
        "basis": version.basis,
        "goods": list(
            selectors.priority_goods(version).values(
                "hs_code", "name", "level", "technological_complexity", "export_potential", "domestic_market_potential"
            )
        ),
    }


@router.get(
    "/priority-goods",
    response={200: PriorityListOut, 400: Problem, 404: Problem},
    summary="The list of priority goods in force on a day, with the three criteria scores (public; IP-26)",
    openapi_extra=as_of_statuses({404: "No version of the list was in force on the day."}),
)
def priority_goods(
    request: HttpRequest,
    on: Day | None = Query(None, description="the day (today if none)"),
    as_of: str | None = as_of_query(),
) -> Any:
    """The version in force at the end of the day: `as_of`, given, wins over `on` (ADR 45)."""
    version = selectors.list_in_force(one_day(as_of, on) or clock.today())
    if version is None:
        return Status(404, {"detail": _("No version of the list of priority goods was in force on that day.")})
    return _list_out(version)


class PriorityRowProblem(Schema):
    line: int
    message: str


class PriorityImportProblems(Problem):
    problems: list[PriorityRowProblem] = Field(default_factory=list, description="each bad row with its line number")


@router.post(
    "/priority-goods",
    auth=TokenAuth(),
    response={201: PriorityListOut, 403: Problem, 413: Problem, 422: PriorityImportProblems},
    summary="Upload a new version of the list of priority goods as CSV or XLSX (the authorized body)",
    openapi_extra=explain(
        {
            403: "Only the authorized body uploads the list.",
            413: "The file is larger than 5 MB.",
            422: "A row is bad (every one is listed and nothing is stored), or the date is before today or before "
            "the latest version's.",
        }
    ),
)
def priority_upload(
    request: HttpRequest,
    file: UploadedFile = File(...),
    in_force_from: dt.date = Form(...),
    basis: str = Form(..., min_length=1, max_length=300, pattern=r"^[^\x00]*$"),
) -> Any:
    if (file.size or 0) > MAX_FILE_BYTES:
        return Status(413, {"detail": _("The file must be smaller than 5 MB; split it.")})
    try:
        version = priority_services.priority_list_upload(
            actor=actor_for(request.user),
            content=file.read(),
            name=file.name or "",
            in_force_from=in_force_from,
            basis=basis,
        )
    except CsvImportError as exc:
        return Status(
            422,
            {
                "detail": _("The file was not imported: nothing was stored."),
                "problems": [{"line": p.line, "message": p.message} for p in exc.problems],
            },
        )
    except priority_services.PriorityListError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, _list_out(version))


class FindingOut(Schema):
    provision: str
    criterion: str
    source: str
    data: dict[str, str]
    says: str = Field(description="the finding in the reader's language")
    source_title: str


def finding_out(f: dict[str, Any]) -> dict[str, Any]:
    return {**f, "says": describe(f), "source_title": source_label(f)}


class ConditionOut(Schema):
    condition: str
    title: str
    provision: str
    passed: bool | None = Field(description="null: asked only when applying (the acceptance of counter-obligations)")
    findings: list[FindingOut]
    data: dict[str, str]


def condition_out(c: dict[str, Any]) -> dict[str, Any]:
    return {
        **c,
        "title": str(condition_rules.TITLES.get(c["condition"], c["condition"])),
        "findings": [finding_out(f) for f in c["findings"]],
    }


class PrecheckOut(Schema):
    identifier: str
    known: bool = Field(description="whether the nisi knows the entity")
    on: dt.date
    would_pass: bool | None
    conditions: list[ConditionOut]
    measures: list[IncentiveMeasureOut] = Field(description="the measures open on the day")


@router.get(
    "/pre-check/{identifier}",
    response=PrecheckOut,
    summary="Would an entity pass each condition of IP-25.5 today, for every measure open today (public)",
)
def precheck(request: HttpRequest, identifier: Identifier) -> Any:
    today = clock.today()
    result = app_selectors.precheck(identifier, today)
    return {
        "identifier": identifier,
        "known": result.organization is not None,
        "on": today,
        "would_pass": result.would_pass,
        "conditions": [condition_out(c.as_json()) for c in result.conditions],
        "measures": [measure_out(m, today) for m in result.measures],
    }
