"""The approved list of systemic enterprises as open data (IP-47-1.2, ADR 37, ADR 45): its dataset in the catalogue,
its changes in the feed from the list's journal, and its page and API as of a day."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from nisi.contracts.services import systemic as services
from nisi.core.models import Region
from nisi.law import clock
from tests.contracts.purchases_fixtures import TODAY, today, world  # noqa: F401  (fixtures)
from tests.core.publication.helpers import assert_api_as_of_refused, assert_as_of_refused, events, snapshot

pytestmark = pytest.mark.django_db
DATASET = "systemic-enterprises"


def approve(world: dict[str, Any], volumes: list[tuple[str, str]]) -> Any:  # noqa: F811
    """Submits Karaganda region's 2025 volumes (of 100) and approves the list computed from them."""
    akimat, body = world["users"]["akimat"], world["users"]["authorized_body"]
    submission = services.submission_create(
        actor=akimat, region=Region.objects.get(code="35"), year=2025, territory_total=Decimal(100), volumes=volumes
    )
    services.submission_submit(actor=akimat, submission=submission)
    return services.systemic_list_approve(
        actor=body, systemic_list=services.systemic_list_compute(actor=body, year=2025)
    )


@pytest.mark.law("IP-47-1.2")
def test_an_approved_list_is_published_and_a_later_version_changes_it(
    world: dict[str, Any],  # noqa: F811
    client: Client,
) -> None:
    first = approve(world, [(world["customer"].identifier, "5")])
    later = TODAY + dt.timedelta(days=3)
    with clock.frozen(later):
        approve(world, [(world["customer"].identifier, "5"), (world["steady"].identifier, "10")])
        kinds = [e["kind"] for e in events(client, DATASET)]
        assert kinds == ["systemic.list.listed", "systemic.list.changed"]
        records = snapshot(client, DATASET)["records"]
        assert [(r["year"], r["version"]) for r in records] == [(2025, 2)]
        listed = {e["manufacturer_bin"] for e in records[0]["entries"]}
        assert listed == {world["customer"].identifier, world["steady"].identifier}

        now = client.get("/api/v1/contracts/systemic/lists").json()
        assert [(s["year"], s["version"]) for s in now if s["status"] == "approved"] == [(2025, 2)]
        past = client.get("/api/v1/contracts/systemic/lists", {"as_of": TODAY.isoformat()}).json()
        assert [(s["year"], s["version"], s["status"]) for s in past] == [(2025, first.version, "approved")]
        assert [e["manufacturer"] for e in past[0]["entries"]] == [world["customer"].identifier]
        assert past[0]["entries"][0]["share"] == "0.050000"
        before = (TODAY - dt.timedelta(days=1)).isoformat()
        assert client.get("/api/v1/contracts/systemic/lists", {"as_of": before}).json() == []  # approved after D
        assert_api_as_of_refused(client, "/api/v1/contracts/systemic/lists")

        page = client.get("/en/contracts/systemic/", {"as_of": TODAY.isoformat()}, headers={"accept-language": "en"})
        assert page.status_code == 200
        assert "2025" in page.content.decode()
        assert_as_of_refused(client, DATASET, "/en/contracts/systemic/")


def test_the_dataset_is_in_the_catalogue_with_its_fields(world: dict[str, Any], client: Client) -> None:  # noqa: F811
    catalog = client.get("/data/catalog.jsonld").json()
    found = {d["dct:identifier"]: d for d in catalog["dcat:dataset"]}[DATASET]
    names = {f["nisi:name"] for f in found["nisi:fields"]}
    assert {"year", "version", "approved_on", "entries.manufacturer_bin", "entries.share"} <= names
    assert found["nisi:answersAsOfDate"] is True
    assert all(f["nisi:source"] and f["nisi:publicBy"].startswith("IP-47-1") for f in found["nisi:fields"])
    urls = [d["dcat:accessURL"]["@id"] for d in found["dcat:distribution"]]
    assert urls == [f"http://testserver/api/v1/feed/snapshots/{DATASET}"]
    assert found["dcat:landingPage"]["@id"].endswith("/contracts/systemic/")
