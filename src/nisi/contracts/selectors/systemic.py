"""Reads of production submissions and the list of systemic enterprises, scoped to the actor (an akimat sees its
own region's submissions only, IP-11.3); the approved list is public (IP-47-1.2)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from nisi.contracts.models import ProductionSubmission, SystemicEntry, SystemicList
from nisi.contracts.selectors import domestic_value
from nisi.contracts.selectors.purchases import year_bounds
from nisi.core.authz import PUBLIC, Actor, allowed_actions, scope
from nisi.core.roles import Role


def submissions_for(actor: Actor) -> QuerySet[ProductionSubmission]:
    return scope(actor, ProductionSubmission.objects.select_related("region"))


def lists_for(actor: Actor) -> list[SystemicList]:
    """Every version the actor may read: drafts for the authorized body and the institute, the approved and
    superseded ones for everyone."""
    return [s for s in SystemicList.objects.all() if "view" in allowed_actions(actor, s)]


def lists_visible(actor: Actor) -> QuerySet[SystemicList]:
    """The same versions as a query, to filter, order and page (a list has a few versions a year)."""
    return SystemicList.objects.filter(pk__in=[s.pk for s in lists_for(actor)])


def approved(year: int) -> SystemicList | None:
    return SystemicList.objects.filter(year=year, status=SystemicList.Status.APPROVED).first()


def entries(systemic_list: SystemicList, actor: Actor = PUBLIC) -> QuerySet[SystemicEntry]:
    """The list's entries; an akimat that is not national sees its own region's first (all are public once approved,
    IP-47-1.2), others by territory."""
    return systemic_list.entries.select_related("manufacturer", "region")


@dataclass(frozen=True)
class Monitored:
    entry: SystemicEntry
    figure: domestic_value.Figure


def monitoring(actor: Actor, systemic_list: SystemicList, year: int | None = None) -> list[Monitored]:
    """The domestic value of each listed enterprise's purchases in the year (IP-47-1.3), in one statement; an
    akimat sees its own region's enterprises only (IP-11.3)."""
    rows = entries(systemic_list, actor)
    regions = [g.region_code for g in actor.grants if g.role == Role.AKIMAT and g.region_code]
    national = any(g.role in (Role.AUTHORIZED_BODY, Role.DEVELOPMENT_INSTITUTE, Role.AUDITOR) for g in actor.grants)
    if not national:
        rows = rows.filter(region_id__in=regions)
    listed = list(rows)
    start, end = year_bounds(year or systemic_list.year)
    found = domestic_value.figures(start=start, end=end, customers=[e.manufacturer_id for e in listed])
    return [
        Monitored(
            entry=e,
            figure=found.get(e.manufacturer_id)
            or domestic_value.Figure(customer_id=e.manufacturer_id, start=start, end=end),
        )
        for e in listed
    ]
