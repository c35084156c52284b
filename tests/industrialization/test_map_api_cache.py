"""The map's API answer kept under the map's version: the same document the schema describes, retired by any change
of the map, and a 304 for a client that sends its ETag back."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from ninja.responses import NinjaJSONEncoder

from nisi.industrialization.api.map import MapOut, map_out
from nisi.industrialization.selectors.map import MapFilters, map_data
from nisi.industrialization.services import projects as services
from nisi.law import clock

API = "/api/v1/industrialization"
pytestmark = pytest.mark.django_db


def _as_ninja_writes(filters: MapFilters) -> Any:
    """The answer as django-ninja would write it through the `MapOut` schema."""
    out = MapOut.model_validate(map_out(map_data(filters, "en"))).model_dump()
    return json.loads(json.dumps(out, cls=NinjaJSONEncoder))


def test_the_kept_answer_is_the_schemas_document(client: Client, today: dt.date, included: Any) -> None:
    included()
    included(name="Второй завод")
    for query, filters in (({}, MapFilters()), ({"region": "35"}, MapFilters(region="35"))):
        first = client.get(f"{API}/map", query, HTTP_ACCEPT_LANGUAGE="en")
        kept = client.get(f"{API}/map", query, HTTP_ACCEPT_LANGUAGE="en")  # from the cache
        expected = _as_ninja_writes(filters)
        for r in (first, kept):
            assert r.status_code == 200
            body = r.json()
            assert body.pop("moment")
            expected.pop("moment", None)
            assert body == expected
    assert first["ETag"].startswith('W/"')


def test_a_change_of_the_map_retires_the_kept_answer(
    client: Client, today: dt.date, included: Any, people: dict[str, Any]
) -> None:
    project = included()
    assert client.get(f"{API}/map").json()["projects_count"] == 1
    services.project_exclude(actor=people["officer"], project=project, reasons="Проект прекращён инициатором.")
    assert client.get(f"{API}/map").json()["projects_count"] == 0


def test_the_etag_sent_back_gets_304_until_the_map_changes(client: Client, today: dt.date, included: Any) -> None:
    included()
    etag = client.get(f"{API}/map")["ETag"]
    assert client.get(f"{API}/map", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(f"{API}/map", {"stage": "operation"}, HTTP_IF_NONE_MATCH=etag).status_code == 200
    included(name="Второй завод")
    assert client.get(f"{API}/map", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_clock_set_back_keeps_nothing(client: Client, today: dt.date, included: Any) -> None:
    included()
    with clock.frozen(today - dt.timedelta(days=30)):
        r = client.get(f"{API}/map")
    assert r.json()["projects_count"] == 0
    assert "ETag" not in r
