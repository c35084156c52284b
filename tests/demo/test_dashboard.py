"""The demo's enterprises make the public dashboard show figures, suppression unchanged (IP-6.3: a figure of fewer
than three entities is still hidden): the register by region, group and over time, and the map by stage and
region."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command

from nisi.demo.dashboard import dashboard_demo
from nisi.law import clock
from nisi.registry.models import RegisterRecord
from nisi.reporting.rules.report import min_entities
from nisi.reporting.selectors.dashboard import dashboard_data
from tests.conftest import hs_codes_loaded

DAY = dt.date(2026, 12, 2)


def _shown(data: dict, table: str) -> dict[str, int]:  # type: ignore[type-arg]
    return {c["key"]: c["count"] for c in data["tables"][table]["cells"] if not c["suppressed"] and c["count"]}


def test_the_dashboard_shows_figures_from_the_demo_and_still_hides_small_cells(db: None) -> None:
    hs_codes_loaded()
    call_command("classifiers", "load-oked", verbosity=0)
    with clock.frozen(DAY):
        dashboard_demo()
        dashboard_demo()  # made once
    assert RegisterRecord.objects.count() == 9
    with clock.frozen(DAY + dt.timedelta(days=1)):
        data = dashboard_data()
    assert min_entities(DAY) == 3
    assert _shown(data, "register_regions") == {"35": 3, "55": 3, "63": 3}
    assert _shown(data, "register_groups") == {"26": 9}
    assert _shown(data, "register_over_time")[DAY.isoformat()] == 9
    assert _shown(data, "map_regions") == {"35": 3, "55": 3}
    assert _shown(data, "map_stages") == {"construction": 6}
    hidden = [c for c in data["tables"]["register_regions"]["cells"] if c["suppressed"]]
    assert all(c["count"] is None for c in hidden)
