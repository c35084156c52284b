"""What the sources said on a day: the measures open then, the version of the list of priority goods in force then,
and the facts of IP-25.5 (the register as it stood that day, the organization's record). The services decide on
them and the selectors show them, so both read them here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from nisi.core.models import Organization
from nisi.incentives.models import Measure, MeasureWindow, PriorityList
from nisi.incentives.rules import catalogue as rules
from nisi.incentives.rules import conditions as condition_rules
from nisi.incentives.rules import priority as priority_rules
from nisi.registry import selectors as registry


@dataclass(frozen=True)
class MeasureOn:
    measure: Measure
    info: rules.KindInfo
    open: bool
    next_opening: dt.date | None


def _windows(measure: Measure) -> list[tuple[dt.date, dt.date | None]]:
    return [(w.opens_on, w.closes_on) for w in measure.windows.all()]


def measures() -> QuerySet[Measure]:
    return Measure.objects.select_related("operator__organization").prefetch_related(
        Prefetch("windows", queryset=MeasureWindow.objects.order_by("opens_on", "id"))
    )


def measure_on(measure: Measure, on: dt.date) -> MeasureOn:
    windows = _windows(measure)
    return MeasureOn(measure, rules.kind(measure.kind), rules.open_on(windows, on), rules.next_opening(windows, on))


def measure_by_code(code: str) -> Measure | None:
    return measures().filter(code=code).first()


def list_in_force(on: dt.date) -> PriorityList | None:
    """The version of the list of priority goods in force on `on` (IP-26)."""
    number = priority_rules.version_in_force(PriorityList.objects.values_list("version", "in_force_from"), on)
    return None if number is None else PriorityList.objects.get(version=number)


def _history(periods: Sequence[Any]) -> str:
    if not periods:
        return "—"
    return "; ".join(
        f"{p.included_from.isoformat()} – {p.included_to.isoformat() if p.included_to else '…'}" for p in periods
    )


def facts_on(
    organization: Organization,
    on: dt.date,
    *,
    goods: Sequence[str] | None,
    counter_obligations_accepted: bool | None,
) -> condition_rules.Facts:
    """The facts of IP-25.5 for `organization` on `on`: the list of priority goods in force that day, the register
    as it stood that day (`registry.selectors.record_on`), the organization's record. `goods`: the codes the
    application names; None takes the goods of the producer's register record on that day (the pre-check)."""
    version = list_in_force(on)
    codes = set(version.goods.values_list("hs_code", flat=True)) if version else set()
    record = registry.record_on(organization.identifier, on)
    source = "application"
    if goods is None:
        source = "producer_goods"
        goods = sorted({g.hs_code for g in record["goods"] if g.hs_code}) if record else []
    return condition_rules.Facts(
        on=on,
        goods=list(goods),
        priority_version=version.version if version else None,
        priority_codes=codes,
        counter_obligations_accepted=counter_obligations_accepted,
        resident=organization.resident,
        liquidated_on=organization.liquidated_on,
        in_register=bool(record and record["in_register"]),
        register_history=_history(record["periods"]) if record else "—",
        goods_source=source,
    )
