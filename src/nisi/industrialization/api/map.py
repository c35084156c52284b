"""The map's data as an API response (IP-6.2, IP-16.3): public, the same data as the map page and its table."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from nisi.industrialization import rules
from nisi.industrialization.rules import FIRST_YEAR, Quarter, QuarterError
from nisi.industrialization.selectors.map import MapData, MapFilters, map_data
from nisi.law import clock
from nisi.law.api_common import Problem, explain

router = Router(tags=["Unified map of industrialization"])
QUARTER_PATTERN = r"^[0-9]{4}-Q[1-4]$"


class MapQuery(Schema):
    region: str | None = Field(None, pattern=r"^[0-9]{2}$", description="a region's code (first two KATO digits)")
    industry: str | None = Field(None, pattern=r"^[0-9]{2,5}$", description="an OKED code or its first digits")
    stage: Literal["preparation", "construction", "commissioning", "operation"] | None = None
    year: int | None = Field(None, ge=FIRST_YEAR, le=2100, description="the year of commissioning")
    as_of: str | None = Field(
        None, pattern=QUARTER_PATTERN, description="the map as it stood at the end of a quarter, e.g. 2026-Q2"
    )


class MapRegionOut(Schema):
    code: str
    name: str
    projects: int
    investment: Decimal = Field(description="tenge")
    jobs: int
    by_stage: dict[str, int]


class MapPointOut(Schema):
    number: str
    name: str
    region: str
    oked: str
    stage: str
    investment: Decimal = Field(description="tenge")
    jobs: int
    year: int = Field(description="the year of commissioning")
    latitude: Decimal
    longitude: Decimal


class MapOut(Schema):
    moment: dt.datetime = Field(description="the moment the map shows (now, or the end of the quarter asked for)")
    as_of: str | None
    projects_count: int
    investment: Decimal = Field(description="tenge, all regions")
    jobs: int
    regions: list[MapRegionOut]
    projects: list[MapPointOut]


def parse_quarter(text: str | None) -> Quarter | None:
    return rules.parse_quarter(text, clock.today()) if text else None


def map_out(data: MapData) -> dict[str, Any]:
    return {
        "moment": data.moment,
        "as_of": str(data.filters.as_of) if data.filters.as_of else None,
        "projects_count": len(data.projects),
        "investment": data.total_investment,
        "jobs": data.total_jobs,
        "regions": [vars(r) for r in data.regions],
        "projects": data.projects,
    }


@router.get(
    "/map",
    url_name="industrialization_map",
    response={200: MapOut, 422: Problem},
    summary="The unified map of industrialization: the included projects and each region's figures (public)",
    openapi_extra=explain({422: "The quarter asked for has not ended yet, or a filter is malformed."}),
)
def the_map(request: HttpRequest, filters: Query[MapQuery]) -> Any:
    try:
        as_of = parse_quarter(filters.as_of)
    except QuarterError as exc:
        return Status(422, {"detail": str(exc)})
    chosen = MapFilters(
        region=filters.region, industry=filters.industry, stage=filters.stage, year=filters.year, as_of=as_of
    )
    return map_out(map_data(chosen, get_language() or "en"))
