"""The demo's enterprises make the public dashboard show figures, suppression unchanged (IP-6.3: a figure of fewer
than three entities is still hidden): the register by region, group and over time, the map by stage and region,
the measures given, the contracts concluded and the Astana Hub's participants."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management import call_command

from nisi.demo.dashboard import dashboard_demo
from nisi.law import clock
from nisi.registry.models import RegisterRecord
from nisi.reporting.rules.report import min_entities
from nisi.reporting.selectors import report as figures
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


def test_the_demo_makes_the_measures_contracts_and_hub_charts_show_figures(db: None, settings: Any) -> None:
    """The charts of measures given, contracts concluded and Astana Hub participants each show a cell of three or
    more organizations (IP-6.3 unchanged): agreements and contracts concluded yesterday, the dashboard's day."""
    from nisi.demo.accounts import demo_accounts_load
    from nisi.demo.incentives import incentives_demo
    from nisi.demo.management.commands.demo import Command

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    hs_codes_loaded()
    call_command("classifiers", "load-oked", verbosity=0)
    with clock.frozen(DAY):
        orgs = Command()._organizations()
        demo_accounts_load(orgs)
        incentives_demo(orgs)
        dashboard_demo()
        dashboard_demo()  # made once
        data = dashboard_data()  # as of yesterday
    assert _shown(data, "incentives_measures") == {"dbk-financing": 3}
    assert _shown(data, "contracts_kinds") == {"guaranteed_purchase": 3, "offtake": 3}
    assert _shown(data, "hub_participants") == {"participants": 3}
    yesterday = DAY - dt.timedelta(days=1)
    start = dt.date(yesterday.year, 1, 1)
    for table in (
        figures.incentives_measures(start, yesterday, yesterday),
        figures.contracts_kinds(start, yesterday, yesterday),
        figures.hub_participants(yesterday),
    ):
        assert all(c.entities >= 3 for c in table.cells if c.count), table.name
