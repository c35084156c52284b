"""Reads of the domestic value development programmes (IP-61-1), always scoped to the actor: a large customer sees
its own programmes, drafts included; the officers see them once submitted."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from nisi.contracts.models import DomesticValueProgramme, ProgrammeArea, ProgrammeReport
from nisi.contracts.rules import programmes as rules
from nisi.core.authz import Actor, scope


def programmes_for(actor: Actor) -> QuerySet[DomesticValueProgramme]:
    drafts_of_others = Q(status=DomesticValueProgramme.Status.DRAFT) & ~Q(organization_id__in=actor.organization_ids())
    return scope(actor, DomesticValueProgramme.objects.select_related("organization")).exclude(drafts_of_others)


def programme_for(actor: Actor, number: str) -> DomesticValueProgramme | None:
    return programmes_for(actor).filter(number=number).first()


def reports_for(actor: Actor) -> QuerySet[ProgrammeReport]:
    return scope(actor, ProgrammeReport.objects.select_related("programme__organization"))


def report_for(actor: Actor, number: str, year: int) -> ProgrammeReport | None:
    return reports_for(actor).filter(programme__number=number, year=year).first()


def reports_awaiting_monitoring(actor: Actor) -> QuerySet[ProgrammeReport]:
    return reports_for(actor).filter(status=ProgrammeReport.Status.SUBMITTED).order_by("submitted_on", "id")


@dataclass
class TargetRow:
    target: Any
    planned: dict[int, Decimal]
    actual: dict[int, Decimal]
    cells: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class AreaView:
    area: str
    label: str
    provision: str
    actions: list[Any]
    targets: list[TargetRow]


def programme_areas(programme: DomesticValueProgramme) -> list[AreaView]:
    """The four areas of IP-61-1.3 with their actions and targets: per year, the planned value, the value reported
    and whether it was reached (for the monitoring, IP-61-1.5)."""
    actions = list(programme.actions.all())
    targets = list(programme.targets.prefetch_related("values", "figures__report"))
    years = programme.years
    views = []
    for area in ProgrammeArea:
        rows = []
        for t in (t for t in targets if t.area == area.value):
            planned = {v.year: v.planned for v in t.values.all()}
            actual = {f.report.year: f.actual for f in t.figures.all()}
            cells = [
                {
                    "year": y,
                    "planned": planned.get(y),
                    "actual": actual.get(y),
                    "met": rules.target_met(planned[y], actual.get(y)) if y in planned else None,
                }
                for y in years
            ]
            rows.append(TargetRow(target=t, planned=planned, actual=actual, cells=cells))
        views.append(
            AreaView(
                area=area.value,
                label=str(area.label),
                provision=rules.AREAS[area.value],
                actions=[a for a in actions if a.area == area.value],
                targets=rows,
            )
        )
    return views


def completeness(programme: DomesticValueProgramme, areas: list[AreaView]) -> list[str]:
    """What the programme still lacks before it can be submitted (shown to the customer on its page)."""
    planned = [
        rules.PlannedArea(
            area=view.area,
            actions=[rules.PlannedAction(a.description, a.due_on) for a in view.actions],
            targets=[
                rules.PlannedTarget(
                    indicator=row.target.indicator,
                    is_share=row.target.is_share,
                    baseline=row.target.baseline,
                    values=row.planned,
                )
                for row in view.targets
            ],
        )
        for view in areas
    ]
    return rules.completeness_problems(planned, programme.years)
