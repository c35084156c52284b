"""The effectiveness of measures of state incentives (IP-6.3) as each reader may see it.

The figures come from the incentives app, read only through `nisi.incentives.selectors.effectiveness`. The public
sees aggregates per measure, operator, region and year with totals, every cell built from fewer than three entities
suppressed and, where a total would give it back, another with it (`nisi.core.disclosure.suppress`). The authorized
body sees each entity's figures on the ground IP-6.3 gives it; an operator and anyone else sees an entity's figures
only with the entity's recorded consent; the entity sees its own — those reads write the record of the view, and so
are a service (`nisi.reporting.services.effectiveness`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from nisi.core.disclosure import Relation, minimum_entities, suppress
from nisi.core.models import Region
from nisi.incentives.selectors import effectiveness as source
from nisi.incentives.selectors.effectiveness import Figures, Key

GRANTS_TITLE = gettext_lazy("Industrial grants (IP-42)")


@dataclass(frozen=True)
class Line:
    """One line of a table: a cell, a total, or one entity's figures (`figures` None when suppressed)."""

    kind: str  # "cell", "measure_total", "region_total", "total", "entity"
    year: int
    measure: str
    measure_title: str
    operator: str  # BIN
    operator_name: str
    region: str
    region_name: str
    figures: Figures | None
    entity: str = ""  # BIN
    entity_name: str = ""
    ground: str = ""

    @property
    def suppressed(self) -> bool:
        return self.figures is None


def region_names() -> dict[str, str]:
    language = (get_language() or "ru")[:2]
    attr = {"kk": "name_kk", "en": "name_en"}.get(language, "name_ru")
    return {r.code: getattr(r, attr) for r in Region.objects.all()}


def measure_title(code: str, titles: dict[str, str]) -> str:
    return str(GRANTS_TITLE) if code == source.GRANTS else titles.get(code, code)


def _add(into: dict[Any, Figures], key: Any, entity: int, figures: Figures) -> None:
    total = into.setdefault(key, Figures(entities=set()))
    assert isinstance(total.entities, set)
    total.entities.add(entity)
    total.agreements += figures.agreements
    total.given_tiyn += figures.given_tiyn
    total.reports += figures.reports
    total.level_units += figures.level_units
    total.short += figures.short
    total.refunds_tiyn += figures.refunds_tiyn


@dataclass(frozen=True)
class Table:
    year: int
    minimum: int
    lines: list[Line]
    suppressed: int  # how many cells and totals are suppressed


CellKey = tuple[Any, ...]  # ("cell", Key), ("measure_total", measure, operator), ("region_total", region), ("total",)


def _line(
    kind: str, year: int, k: CellKey, *, shown: Figures | None, info: source.Labels, regions: dict[str, str]
) -> Line:
    if kind == "cell":
        key: Key = k[1]
        bin_, name = info.operators.get(key.operator, ("", ""))
        region = key.region or ""
        title = measure_title(key.measure, info.measures)
        return Line("cell", year, key.measure, title, bin_, name, region, regions.get(region, ""), shown)
    if kind == "measure_total":
        bin_, name = info.operators.get(k[2], ("", ""))
        title = measure_title(k[1], info.measures)
        return Line("measure_total", year, k[1], title, bin_, name, "", _("All regions"), shown)
    if kind == "region_total":
        region = k[1] or ""
        return Line("region_total", year, "", _("All measures"), "", "", region, regions.get(region, ""), shown)
    return Line("total", year, "", _("All measures"), "", "", "", _("All regions"), shown)


def public_table(year: int, *, on: dt.date, until: dt.datetime | None = None) -> Table:
    """IP-6.3: the year's aggregates with their totals, no cell revealing fewer than the minimum of entities, none
    recoverable from a total; with `until`, the figures as they stood before that moment (the National Report's
    cut-off, IP-5.2)."""
    rows = source.effectiveness_by_entity(year=year, until=until)
    cells: dict[CellKey, Figures] = {}
    for (key, entity), figures in rows.items():
        _add(cells, ("cell", key), entity, figures)
        _add(cells, ("measure_total", key.measure, key.operator), entity, figures)
        _add(cells, ("region_total", key.region), entity, figures)
        _add(cells, ("total",), entity, figures)
    entities = {k: f.entity_count for k, f in cells.items()}
    keys = [k for k in cells if k[0] == "cell"]
    by_measure: dict[CellKey, list[CellKey]] = {}
    by_region: dict[CellKey, list[CellKey]] = {}
    for k in keys:
        by_measure.setdefault(("measure_total", k[1].measure, k[1].operator), []).append(k)
        by_region.setdefault(("region_total", k[1].region), []).append(k)
    relations: list[Relation[CellKey]] = [Relation(t, tuple(m)) for t, m in by_measure.items()]
    relations += [Relation(t, tuple(m)) for t, m in by_region.items()]
    if keys:
        relations.append(Relation(("total",), tuple(by_measure)))
        relations.append(Relation(("total",), tuple(by_region)))
    minimum = minimum_entities(on)
    hidden = suppress(entities, relations, minimum=minimum, size={k: f.given_tiyn for k, f in cells.items()})
    info = source.labels([k[1] for k in keys])
    regions = region_names()
    lines = [
        _line(k[0], year, k, shown=None if k in hidden else figures, info=info, regions=regions)
        for k, figures in cells.items()
    ]
    order = {"cell": 0, "measure_total": 1, "region_total": 2, "total": 3}
    lines.sort(key=lambda line: (order[line.kind], line.measure_title, line.operator_name, line.region_name))
    return Table(year=year, minimum=minimum, lines=lines, suppressed=len(hidden))
