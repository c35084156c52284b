"""The map's data as an API response (IP-6.2, IP-16.3): public, the same data as the map page and its table.

All 10,000 projects of the map are ~2.5 MB of JSON. The answer's bytes (all but the first field, `moment`, which is
the time of the request) are kept in the cache under the map's version (`selectors.map.map_version`: it changes with
every change of the map) with the filters and the language, so a request costs one index read and a copy while the
map does not change; the version is also the answer's weak ETag, and a client that sends it back gets 304.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from typing import Any, Literal

import orjson
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.translation import get_language
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from nisi.industrialization import rules
from nisi.industrialization.rules import FIRST_YEAR, Quarter, QuarterError
from nisi.industrialization.selectors.map import MapData, MapFilters, map_data, map_version, quarter_end_moment
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


POINT_FIELDS = tuple(MapPointOut.model_fields)
REGION_FIELDS = tuple(MapRegionOut.model_fields)


def _number(value: Any) -> str:
    if isinstance(value, Decimal):
        return str(value)  # as the API's JSON encoder writes a Decimal
    raise TypeError(type(value).__name__)


def map_bytes(data: MapData) -> bytes:
    """The answer as JSON without its first field (`moment`): the same document that `MapOut` describes and
    django-ninja would write (Decimals as strings, fields in the schema's order), written by orjson straight from
    the rows — 10,000 projects through pydantic would cost more than the query."""
    out = map_out(data)
    del out["moment"]
    out["regions"] = [{k: r[k] for k in REGION_FIELDS} for r in out["regions"]]
    out["projects"] = [{k: p[k] for k in POINT_FIELDS} for p in out["projects"]]
    return orjson.dumps(out, default=_number)


def _moment(value: dt.datetime) -> bytes:
    text = value.isoformat()
    if value.microsecond:  # as Django's JSON encoder writes a time: milliseconds
        text = text[:23] + text[26:]
    return orjson.dumps(text)


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
    language = get_language() or "en"
    version = map_version()
    if version is None:  # a version that begins after now (a clock set back): nothing kept, nothing told
        data = map_data(chosen, language)
        return _response(data.moment, map_bytes(data), None)
    # The map at the end of a past quarter is history: no change of the map changes it (ADR 0029), so it is kept
    # under no version and survives the changes.
    asked = "|".join(map(str, ("history" if as_of else version, language, *vars(chosen).values())))
    key = "map:" + hashlib.sha256(asked.encode()).hexdigest()[:32]
    etag = f'W/"{key[4:]}"'
    if etag in request.headers.get("If-None-Match", ""):
        return HttpResponseNotModified(headers={"ETag": etag})
    body = cache.get(key)
    moment = quarter_end_moment(as_of) if as_of else clock.now()
    if body is None:
        data = map_data(chosen, language)
        body, moment = map_bytes(data), data.moment
        cache.set(key, body, settings.NISI_PUBLIC_ANSWER_TTL_S)
    return _response(moment, body, etag)


def _response(moment: dt.datetime, rest: bytes, etag: str | None) -> HttpResponse:
    response = HttpResponse(b'{"moment":' + _moment(moment) + b"," + rest[1:], content_type="application/json")
    if etag:
        response["ETag"] = etag
    return response
