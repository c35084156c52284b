"""Reads of the catalogue of measures and of the list of priority goods: public."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from nisi.core.publication.as_of import record_on, records_on
from nisi.incentives.facts import MeasureOn, list_in_force, measure_by_code, measure_on, measures
from nisi.incentives.models import MeasureKind, Operator, PriorityGood, PriorityList
from nisi.incentives.rules import catalogue as rules

__all__ = [
    "MeasureOn",
    "catalogue_on",
    "catalogue_published_on",
    "list_in_force",
    "measure_by_code",
    "measure_on",
    "measure_published_on",
    "priority_goods",
]


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


# The catalogue as it stood at the end of a day (ADR 45), from the changes it published: the page's data --------

MEASURES_DATASET = "incentive-measures"  # declared in `incentives.publication`


def _measure_published_on(state: dict[str, Any], on: dt.date, operator_kinds: dict[str, str]) -> dict[str, Any]:
    """A measure as the catalogue published it by the end of `on`, in the API's shape: its windows then and whether
    it took applications that day (IP-29)."""
    windows = [
        (dt.date.fromisoformat(w["opens_on"]), dt.date.fromisoformat(w["closes_on"]) if w["closes_on"] else None)
        for w in state.get("windows") or []
    ]
    info = rules.kind(state["kind"])
    return {
        "code": state["code"],
        "title": state["title"],
        "kind": state["kind"],
        "kind_title": str(MeasureKind(state["kind"]).label),
        "provisions": [info.item, info.provision],
        "summary": str(info.summary),
        "operator": state["operator_bin"],
        "operator_name": state["operator"],
        "operator_kind": operator_kinds.get(state["operator_bin"], ""),
        "open_on": on,
        "open": rules.open_on(windows, on),
        "next_opening": rules.next_opening(windows, on),
        "windows": [{"opens_on": opens, "closes_on": closes} for opens, closes in windows],
    }


def _operator_kinds() -> dict[str, str]:
    return dict(Operator.objects.values_list("organization__identifier", "kind"))


def catalogue_published_on(on: dt.date, *, open_only: bool = False) -> list[dict[str, Any]]:
    """The measures the catalogue held at the end of `on`, as the catalogue's order (kind, code)."""
    kinds = _operator_kinds()
    found = [_measure_published_on(state, on, kinds) for _code, state in records_on(MEASURES_DATASET, on)]
    found.sort(key=lambda m: (m["kind"], m["code"]))
    return [m for m in found if m["open"]] if open_only else found


def measure_published_on(code: str, on: dt.date) -> dict[str, Any] | None:
    state = record_on(MEASURES_DATASET, code, on)
    return None if state is None else _measure_published_on(state, on, _operator_kinds())
