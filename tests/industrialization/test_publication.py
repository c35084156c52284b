"""The map's projects in the feed of changes (ADR 37): inclusion and exclusion published once each (never an
application or a check), replayed from any sequence, the snapshot's sequence, and the map as of a day."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from nisi.core.publication import selectors
from nisi.industrialization.services import projects as services
from nisi.law import clock
from tests.core.publication.helpers import assert_as_of_refused, events, snapshot
from tests.industrialization.conftest import TODAY

LATER = TODAY + dt.timedelta(days=5)


@pytest.mark.law("IP-6.2")
def test_inclusion_and_exclusion_are_published_once_each_and_replayed(
    today: dt.date, people: dict[str, Any], apply: Any, included: Any, client: Client
) -> None:
    apply()  # an application is not on the map
    project = included()
    found = events(client, "map-projects")
    assert [(e["kind"], e["record"]["key"]) for e in found] == [("map.project.listed", project.number)]
    assert found[0]["state"]["investment"] == "12500000000.00"
    assert found[0]["state"]["region"] == "35"
    services.project_exclude(actor=people["officer"], project=project, reasons="The project was abandoned.")
    later = events(client, "map-projects", after=found[0]["seq"])
    assert [(e["kind"], e["state"]) for e in later] == [("map.project.delisted", None)]
    assert events(client, "map-projects", after=later[0]["seq"]) == []


def test_the_snapshot_and_the_map_as_of_a_day(
    today: dt.date, people: dict[str, Any], included: Any, client: Client
) -> None:
    project = included()
    taken = snapshot(client, "map-projects")
    assert taken["sequence"] == selectors.last_sequence() > 0
    assert [r["number"] for r in taken["records"]] == [project.number]
    with clock.frozen(LATER):
        services.project_exclude(actor=people["officer"], project=project, reasons="The project was abandoned.")
        assert [e["kind"] for e in events(client, "map-projects", after=taken["sequence"])] == ["map.project.delisted"]
        before = snapshot(client, "map-projects", as_of=TODAY.isoformat())["records"]
        assert [r["number"] for r in before] == [project.number]
        assert snapshot(client, "map-projects", as_of=LATER.isoformat())["records"] == []
        page = client.get("/en/industrialization/", {"as_of": TODAY.isoformat()})
        assert page.status_code == 200
        assert project.number in page.content.decode()
        assert project.number not in client.get("/en/industrialization/", {"as_of": LATER.isoformat()}).content.decode()
        record = client.get(f"/en/industrialization/projects/{project.number}/", {"as_of": TODAY.isoformat()})
        assert record.status_code == 200
        assert "12500000000.00" in record.content.decode()
        # The quarter's map as before; a day that is not one, or still to come, refused.
        assert client.get("/en/industrialization/", {"as_of": "2026-Q1"}).status_code == 200
        assert_as_of_refused(client, "map-projects", "/en/industrialization/", ("2026-02-30", "2999-01-01"))
