"""Reads of the catalogue of measures and of the list of priority goods: public."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from nisi.incentives.facts import MeasureOn, list_in_force, measure_by_code, measure_on, measures
from nisi.incentives.models import PriorityGood, PriorityList

__all__ = ["MeasureOn", "catalogue_on", "list_in_force", "measure_by_code", "measure_on", "priority_goods"]


def catalogue_on(on: dt.date, *, open_only: bool = False) -> list[MeasureOn]:
    """Every measure with whether it takes applications on `on` (IP-29)."""
    found = [measure_on(m, on) for m in measures()]
    return [m for m in found if m.open] if open_only else found


def priority_versions() -> QuerySet[PriorityList]:
    return PriorityList.objects.order_by("-version")


def priority_goods(version: PriorityList | None) -> QuerySet[PriorityGood]:
    if version is None:
        return PriorityGood.objects.none()
    return version.goods.order_by("hs_code", "id")
