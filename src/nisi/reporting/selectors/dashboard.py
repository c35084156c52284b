"""The public dashboard of the state of industry (IP-16.3): the register's size by region and product group over
time, the map's projects by stage and region, the measures given and the contracts concluded this year — the same
tables, suppression and selectors as the National Report, as the records stood at the end of yesterday."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.cache import cache

from nisi.law import clock
from nisi.reporting.rules.report import FIRST_YEAR, min_entities
from nisi.reporting.selectors import report as figures

KEEP_S = 600  # the figures change by the day; ten minutes spares the database a national-scale read per visit


def dashboard_data(on: dt.date | None = None) -> dict[str, Any]:
    """The dashboard's figures as the records stood at the end of `on` (yesterday by default): published cells
    only, never the ids behind them."""
    on = on or clock.today() - dt.timedelta(days=1)
    key = f"reporting:dashboard:{on.isoformat()}"
    found = cache.get(key)
    if found is not None:
        return dict(found)
    start = dt.date(on.year, 1, 1)
    year_ends = [dt.date(y, 12, 31) for y in range(max(FIRST_YEAR, on.year - 4), on.year)]
    rows = figures.industrialization.included_projects_at(figures.end_of(on))
    tables = [
        figures.register_regions(on),
        figures.register_groups(on),
        figures.register_over_time([*year_ends, on], on),
        figures.map_stages(on, rows),
        figures.map_regions(on, rows),
        figures.incentives_measures(start, on, on),
        figures.contracts_kinds(start, on, on),
        figures.hub_participants(on),
    ]
    data = {
        "on": on.isoformat(),
        "year_start": start.isoformat(),
        "min_entities": min_entities(on),
        "tables": {
            t.name: {"source": t.source, "query": t.query, "cells": [c.published() for c in t.cells]} for t in tables
        },
    }
    cache.set(key, data, KEEP_S)
    return data
