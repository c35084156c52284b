"""The map's data: the projects the map showed at a moment (now, or the end of a quarter: ADR 0029), filtered by
region, industry, stage and year, and each region's figures. It is public (IP-16.3): only included projects, and no
figure the public may not read."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, QuerySet
from django.db.models.fields.json import KT

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


RECENT_VERSIONS = 10_000  # how far back a version written late (its transaction committed after later ones) is seen


def map_version() -> str | None:
    """What the map's data depends on, as a short key that changes with every change of the map (ADR 0029: every
    change of a project writes a new version, closing the current one in the same transaction): the newest
    version's id, how many versions there are among the newest `RECENT_VERSIONS` ids (so that a transaction that
    took its id before another's but committed after it still changes the key), and the latest moment a version
    begins. None when a version begins after now (a clock set back, in tests): then nothing may be kept."""
    top = ProjectVersion.objects.aggregate(top=Max("id"), begins=Max("valid_from"))
    if top["top"] is None:
        return "empty"
    if top["begins"] > clock.now():
        return None
    recent = ProjectVersion.objects.filter(id__gt=top["top"] - RECENT_VERSIONS).aggregate(n=Count("id"))["n"]
    return f"{top['top']}.{recent}.{top['begins'].timestamp():.6f}"


def _no_version_begins_after(moment: dt.datetime) -> bool:
    latest = ProjectVersion.objects.aggregate(begins=Max("valid_from"))["begins"]
    return latest is None or latest <= moment


def map_data(filters: MapFilters, language: str = "en") -> MapData:
    """The included projects at the moment with the filters, and every region's figures (zero where none)."""
    moment = quarter_end_moment(filters.as_of) if filters.as_of else clock.now()
    rows = versions_at(moment).filter(status=Project.Status.INCLUDED)
    if filters.as_of is None and _no_version_begins_after(moment):
        # Now: the current versions (valid_to unset), read through their partial index instead of all 400,000
        # versions at national scale. The same rows: a version is closed only when the next one begins
        # (`services.projects.version_write`), so none ends after a moment that no version begins after.
        rows = ProjectVersion.objects.filter(valid_to__isnull=True, valid_from__lte=moment).filter(
            status=Project.Status.INCLUDED
        )
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
    labels = {stage: str(label) for stage, label in stage_labels.items()}
    # One query, the rows as tuples; the JSON fields the map shows are taken out as text by the database.
    texts = {f"t_{k}": KT(f"data__{k}") for k in ("number", "name", "latitude", "longitude")}  # ->>: text, not JSON
    for region, stage, investment, jobs, year, oked, number, name, latitude, longitude in (
        rows.annotate(**texts)
        .order_by("region_id", "project__number")
        .values_list("region_id", "stage", "investment", "jobs", "year", "oked", *texts)
    ):
        figures = regions.get(region)
        projects.append(
            {
                "number": number,
                "name": name,
                "region": region,
                "region_name": figures.name if figures is not None else region,
                "oked": oked,
                "stage": stage,
                "stage_label": labels.get(stage, stage),
                "investment": investment,
                "jobs": jobs,
                "year": year,
                "latitude": Decimal(latitude),
                "longitude": Decimal(longitude),
            }
        )
        if figures is not None:
            figures.projects += 1
            figures.investment += investment
            figures.jobs += jobs
            counts[region][stage] += 1
    for code, figures in regions.items():
        figures.by_stage = {stage: counts[code][stage] for stage in Stage.values}
    return MapData(moment=moment, filters=filters, projects=projects, regions=list(regions.values()))
