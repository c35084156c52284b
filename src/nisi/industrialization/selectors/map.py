"""The map's data: the projects the map showed at a moment (now, or the end of a quarter: ADR 0029), filtered by
region, industry, stage and year, and each region's figures. It is public (IP-16.3): only included projects, and no
figure the public may not read."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from nisi.core.models import Region
from nisi.industrialization.models import Project, ProjectVersion, Stage
from nisi.industrialization.rules import Quarter
from nisi.law import clock

FIGURES = ("investment", "jobs", "projects")


@dataclass(frozen=True)
class MapFilters:
    region: str | None = None
    industry: str | None = None  # an OKED division (2 digits) or a longer code: the codes that start with it
    stage: str | None = None
    year: int | None = None  # the year of commissioning
    as_of: Quarter | None = None  # None: now


@dataclass
class RegionFigures:
    code: str
    name: str
    projects: int = 0
    investment: Decimal = Decimal(0)
    jobs: int = 0
    by_stage: dict[str, int] = field(default_factory=dict)


@dataclass
class MapData:
    moment: dt.datetime
    filters: MapFilters
    projects: list[dict[str, Any]]
    regions: list[RegionFigures]

    @property
    def total_investment(self) -> Decimal:
        return sum((r.investment for r in self.regions), Decimal(0))

    @property
    def total_jobs(self) -> int:
        return sum(r.jobs for r in self.regions)


def quarter_end_moment(quarter: Quarter) -> dt.datetime:
    """The first moment after the quarter's last day, in the system's time zone: the map "as at the end" of it."""
    return dt.datetime.combine(quarter.last_day + dt.timedelta(days=1), dt.time.min, tzinfo=clock.now().tzinfo)


def versions_at(moment: dt.datetime) -> QuerySet[ProjectVersion]:
    """The versions that were current at `moment` (ADR 0029)."""
    return ProjectVersion.objects.at(moment)


def map_data(filters: MapFilters, language: str = "en") -> MapData:
    """The included projects at the moment with the filters, and every region's figures (zero where none)."""
    moment = quarter_end_moment(filters.as_of) if filters.as_of else clock.now()
    rows = versions_at(moment).filter(status=Project.Status.INCLUDED)
    if filters.region:
        rows = rows.filter(region_id=filters.region)
    if filters.industry:
        rows = rows.filter(oked__startswith=filters.industry)
    if filters.stage:
        rows = rows.filter(stage=filters.stage)
    if filters.year:
        rows = rows.filter(year=filters.year)
    regions = {r.code: RegionFigures(r.code, r.name_in(language)) for r in Region.objects.order_by("code")}
    stage_labels = dict(Stage.choices)
    projects: list[dict[str, Any]] = []
    counts: dict[str, Counter[str]] = {code: Counter() for code in regions}
    for v in rows.order_by("region_id", "project__number").values(
        "region_id", "stage", "investment", "jobs", "year", "oked", "data"
    ):
        data = v["data"]
        projects.append(
            {
                "number": data["number"],
                "name": data["name"],
                "region": v["region_id"],
                "region_name": regions[v["region_id"]].name if v["region_id"] in regions else v["region_id"],
                "oked": v["oked"],
                "stage": v["stage"],
                "stage_label": str(stage_labels.get(v["stage"], v["stage"])),
                "investment": v["investment"],
                "jobs": v["jobs"],
                "year": v["year"],
                "latitude": Decimal(data["latitude"]),
                "longitude": Decimal(data["longitude"]),
            }
        )
        figures = regions.get(v["region_id"])
        if figures is not None:
            figures.projects += 1
            figures.investment += v["investment"]
            figures.jobs += v["jobs"]
            counts[v["region_id"]][v["stage"]] += 1
    for code, figures in regions.items():
        figures.by_stage = {stage: counts[code][stage] for stage in Stage.values}
    return MapData(moment=moment, filters=filters, projects=projects, regions=list(regions.values()))
