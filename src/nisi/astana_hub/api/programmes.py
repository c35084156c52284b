"""API of the Fund's programmes (AH-8-1.5-1): the programmes and their cohorts with free places, public."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from nisi.astana_hub.selectors import programmes as selectors

router = Router(tags=["Astana Hub"])


class CohortOut(Schema):
    name: str
    starts_on: dt.date
    ends_on: dt.date
    capacity: int
    places_free: int


class ProgrammeOut(Schema):
    code: str
    kind: str
    title: str
    description: str
    provides_housing: bool
    cohorts: list[CohortOut]


@router.get("/programmes", response=list[ProgrammeOut], summary="Acceleration and incubation programmes (AH-8-1.5-1)")
def programmes(request: HttpRequest) -> Any:
    return [
        {
            "code": p.code,
            "kind": p.kind,
            "title": p.title,
            "description": p.description,
            "provides_housing": p.provides_housing,
            "cohorts": [
                {
                    "name": c.name,
                    "starts_on": c.starts_on,
                    "ends_on": c.ends_on,
                    "capacity": c.capacity,
                    "places_free": max(0, c.capacity - c.taken),  # type: ignore[attr-defined]
                }
                for c in selectors.cohorts(p)
            ],
        }
        for p in selectors.programmes()
    ]
