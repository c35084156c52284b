"""Reads of the National Report: the inputs and reports each actor may see, and the figures as they stood on a
cut-off date — read ONLY through the other apps' selectors (import-linter keeps it so), each figure with the query it
came from and the ids of its records (ADR 36)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from nisi.astana_hub.selectors import statistics as hub
from nisi.contracts.selectors import statistics as contracts
from nisi.core.authz import Actor, scope
from nisi.core.models import ClassifierCode, Region
from nisi.incentives.selectors import statistics as incentives
from nisi.industrialization.selectors import statistics as industrialization
from nisi.law import clock
from nisi.registry import statistics as registry
from nisi.reporting.models import NationalReport, ReportInput
from nisi.reporting.rules.report import FIRST_YEAR, Cell, Fact, aggregate


def inputs_for(actor: Actor) -> QuerySet[ReportInput]:
    return scope(actor, ReportInput.objects.select_related("organization", "region"))


def reports_for(actor: Actor) -> QuerySet[NationalReport]:
    return scope(actor, NationalReport.objects.all())


def end_of(day: dt.date) -> dt.datetime:
    """The first moment after `day` in the system's time zone: the records "as they stood at the end of" it."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=clock.now().tzinfo)


@dataclass(frozen=True)
class Table:
    """One table of figures: where it came from (the selector and its arguments) and its cells."""

    name: str
    source: str
    query: dict[str, Any]
    cells: list[Cell]
    measure: str  # what a cell's main figure is: "count" or "amount"


def _regions() -> list[str]:
    return list(Region.objects.order_by("code").values_list("code", flat=True))


def register_regions(on: dt.date) -> Table:
    facts = (Fact(key=region or "—", record=r, entity=o) for r, o, region in registry.producers_on(on))
    return Table(
        "register_regions",
        "nisi.registry.statistics.producers_on",
        {"on": on.isoformat()},
        aggregate(facts, on, _regions()),
        "count",
    )


def register_groups(on: dt.date) -> Table:
    facts = (Fact(key=chapter, record=r, entity=o) for r, o, chapter in registry.producer_groups_on(on))
    return Table(
        "register_groups",
        "nisi.registry.statistics.producer_groups_on",
        {"on": on.isoformat()},
        aggregate(facts, on),
        "count",
    )


def register_over_time(days: Iterable[dt.date], on: dt.date) -> Table:
    """The register's size at each of `days` (the ends of the years, and the cut-off)."""
    days = sorted(set(days))
    facts = [Fact(key=day.isoformat(), record=r, entity=o) for day in days for r, o, _ in registry.producers_on(day)]
    return Table(
        "register_over_time",
        "nisi.registry.statistics.producers_on",
        {"on": [d.isoformat() for d in days]},
        aggregate(facts, on, [d.isoformat() for d in days]),
        "count",
    )


def _projects(on: dt.date) -> list[tuple[Any, ...]]:
    return industrialization.included_projects_at(end_of(on))


def map_stages(on: dt.date, rows: list[tuple[Any, ...]] | None = None) -> Table:
    rows = _projects(on) if rows is None else rows
    facts = (Fact(key=stage, record=p, entity=o, amount=inv, jobs=jobs) for p, o, _, stage, inv, jobs in rows)
    keys = [value for value, _ in industrialization.stages()]
    return Table(
        "map_stages",
        "nisi.industrialization.selectors.statistics.included_projects_at",
        {"moment": end_of(on).isoformat(), "by": "stage"},
        aggregate(facts, on, keys),
        "count",
    )


def map_regions(on: dt.date, rows: list[tuple[Any, ...]] | None = None) -> Table:
    rows = _projects(on) if rows is None else rows
    facts = (Fact(key=region, record=p, entity=o, amount=inv, jobs=jobs) for p, o, region, _, inv, jobs in rows)
    return Table(
        "map_regions",
        "nisi.industrialization.selectors.statistics.included_projects_at",
        {"moment": end_of(on).isoformat(), "by": "region"},
        aggregate(facts, on, _regions()),
        "count",
    )


def incentives_measures(start: dt.date, end: dt.date, on: dt.date) -> Table:
    facts = (
        Fact(key=code, record=a, entity=o, amount=paid)
        for a, o, code, paid in incentives.agreements_concluded(start, end)
    )
    return Table(
        "incentives_measures",
        "nisi.incentives.selectors.statistics.agreements_concluded",
        {"start": start.isoformat(), "end": end.isoformat()},
        aggregate(facts, on),
        "count",
    )


def contracts_kinds(start: dt.date, end: dt.date, on: dt.date) -> Table:
    facts = (
        Fact(key=kind, record=c, entity=o, amount=amount)
        for c, o, kind, amount in contracts.contracts_concluded(start, end)
    )
    keys = [value for value, _ in contracts.contract_kinds()]
    return Table(
        "contracts_kinds",
        "nisi.contracts.selectors.statistics.contracts_concluded",
        {"start": start.isoformat(), "end": end.isoformat()},
        aggregate(facts, on, keys),
        "count",
    )


def hub_participants(on: dt.date) -> Table:
    facts = (Fact(key="participants", record=r, entity=o) for r, o, _ in hub.participants_on(on))
    return Table(
        "hub_participants",
        "nisi.astana_hub.selectors.statistics.participants_on",
        {"on": on.isoformat()},
        aggregate(facts, on, ["participants"]),
        "count",
    )


Step = Callable[[str, int], None]


def report_tables(year: int, cut_off: dt.date, step: Step | None = None) -> list[Table]:
    """Every table of the report for `year` as the records stood at the end of `cut_off`, in a fixed order; `step`
    is told what is being read and how far along the reading is (percent)."""
    tell = step or (lambda _key, _percent: None)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    tell("register", 5)
    tables = [register_regions(cut_off), register_groups(cut_off)]
    year_ends = [dt.date(y, 12, 31) for y in range(max(FIRST_YEAR, year - 4), year + 1)]
    tables.append(register_over_time([*year_ends, cut_off], cut_off))
    tell("map", 30)
    rows = _projects(cut_off)
    tables += [map_stages(cut_off, rows), map_regions(cut_off, rows)]
    tell("incentives", 40)
    tables.append(incentives_measures(start, end, cut_off))
    tell("contracts", 45)
    tables.append(contracts_kinds(start, end, cut_off))
    tell("hub", 50)
    tables.append(hub_participants(cut_off))
    return tables


def inputs_given(year: int, cut_off: dt.date) -> list[ReportInput]:
    """Every input of `year` in a fixed order (the caller takes as given only those given by the end of the
    cut-off)."""
    return list(
        ReportInput.objects.filter(year=year, created_at__lt=end_of(cut_off))
        .select_related("organization", "region")
        .order_by("region_id", "organization__identifier", "id")
    )


def labels(language: str, chapters: Iterable[str] = (), measures: Iterable[str] = ()) -> dict[str, dict[str, str]]:
    """The names of the tables' keys in `language`: regions, product groups (HS chapters), stages, kinds of
    contract, measures."""
    return {
        "region": {r.code: r.name_in(language) for r in Region.objects.order_by("code")},
        "chapter": {
            c.code: f"{c.code} — {c.name_in(language)}"
            for c in ClassifierCode.objects.filter(system="HS", level=2, code__in=list(chapters))
        },
        "stage": dict(industrialization.stages()),
        "contract_kind": dict(contracts.contract_kinds()),
        "measure": incentives.measure_titles(list(measures)),
    }
