"""A project of the map through the API as of a day (ADR 45, IP-6.2): as the map showed it at the end of that day,
from the map's own versions (as the project's page as of a day shows it): a project excluded later is there before
its exclusion, one not yet included is not."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from nisi.industrialization.services import projects as services
from nisi.law import clock
from tests.core.publication.helpers import assert_api_as_of_refused
from tests.industrialization.conftest import TODAY

LATER = TODAY + dt.timedelta(days=5)


@pytest.mark.law("IP-6.2")
def test_a_project_as_of_a_day_before_its_exclusion_and_before_its_inclusion(
    today: dt.date, people: dict[str, Any], included: Any, client: Client
) -> None:
    project = included()
    url = f"/api/v1/industrialization/projects/{project.number}"
    now = client.get(url).json()
    with clock.frozen(LATER):
        services.project_exclude(actor=people["officer"], project=project, reasons="The project was abandoned.")
        assert client.get(url).json()["status"] == "excluded"  # off the map now
        before = client.get(url, {"as_of": TODAY.isoformat()})
        assert before.status_code == 200
        assert before.json() == {**now, "actions": []}  # as the public saw it that day
        gone = client.get(url, {"as_of": LATER.isoformat()}, headers={"accept-language": "en"})
        assert gone.status_code == 404
        assert "not on the map that day" in gone.json()["detail"]
        assert client.get(url, {"as_of": (TODAY - dt.timedelta(days=1)).isoformat()}).status_code == 404
        assert_api_as_of_refused(client, url)
