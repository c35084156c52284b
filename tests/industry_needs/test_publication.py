"""The placed needs for research as open data (IP-57, ADR 37, ADR 45): the dataset in the catalogue, its changes in
the feed from the placements' and the needs' journals, and its page and API as of a day, the entity named only with
its consent."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from nisi.industry_needs.services import needs, placements
from nisi.law import clock
from nisi.verification.simulator.app import Simulator
from tests.core.publication.helpers import assert_api_as_of_refused, assert_as_of_refused, events, snapshot
from tests.industry_needs.conftest import TODAY, research

pytestmark = pytest.mark.django_db
DATASET = "research-needs"
API = "/api/v1/industry-needs/research"
PAGE = "/en/industry-needs/research/"


@pytest.fixture(autouse=True)
def _not_sent() -> Any:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("nisi.core.outbox.dispatch_committed", lambda pk: None)  # the gateway is not the point here
        yield


@pytest.mark.law("IP-57")
def test_placed_needs_are_published_and_answer_as_of_a_day(
    people: dict[str, Any], today: dt.date, client: Client, gateway: Simulator
) -> None:
    entities, plants = people["entities"], people["plants"]
    named = needs.needs_submit(actor=entities[0], kind="research", year=2026, lines=[research(consent=True)])
    needs.needs_submit(actor=entities[1], kind="research", year=2026, lines=[research("Сенсоры износа", False)])
    first = placements.research_place(actor=people["officer"], year=2026)
    assert placements.placement_deliver(number=first.number) is True  # the receipt changes nothing public
    later = TODAY + dt.timedelta(days=5)
    with clock.frozen(later):
        needs.needs_amend(actor=entities[0], needs=named, reason="Новая тема", lines=[research("Водород", True)])
        kinds = [e["kind"] for e in events(client, DATASET)]
        assert kinds == ["research.need.listed", "research.need.listed", "research.need.delisted"]
        placements.research_place(actor=people["officer"], year=2026)
        assert [e["kind"] for e in events(client, DATASET)][3:] == ["research.need.listed"]
        records = snapshot(client, DATASET)["records"]
        assert sorted(r["subject"] for r in records) == ["Водород", "Сенсоры износа"]

        now = client.get(API).json()
        assert sorted(n["subject"] for n in now) == ["Водород", "Сенсоры износа"]
        past = client.get(API, {"as_of": TODAY.isoformat()}).json()
        by_subject = {n["subject"]: n for n in past}
        assert set(by_subject) == {"Переработка шлаков ферросплавов", "Сенсоры износа"}
        assert by_subject["Переработка шлаков ферросплавов"]["entity_bin"] == plants[0].identifier
        assert by_subject["Сенсоры износа"]["entity_name"] is None  # no consent, not named (IP-57)
        assert by_subject["Сенсоры износа"] == next(n for n in now if n["subject"] == "Сенсоры износа")
        assert client.get(API, {"as_of": TODAY.isoformat(), "oked": "99"}).json() == []
        before = (TODAY - dt.timedelta(days=1)).isoformat()
        assert client.get(API, {"as_of": before}).json() == []  # placed after that day
        assert_api_as_of_refused(client, API)

        page = client.get(PAGE, {"as_of": TODAY.isoformat()}, headers={"accept-language": "en"})
        assert page.status_code == 200
        assert "Переработка шлаков ферросплавов" in page.content.decode()
        assert "ТОО «Завод Б»" not in page.content.decode()
        assert_as_of_refused(client, DATASET, PAGE)


def test_the_dataset_is_in_the_catalogue_with_its_fields(people: dict[str, Any], client: Client) -> None:
    catalog = client.get("/data/catalog.jsonld").json()
    found = {d["dct:identifier"]: d for d in catalog["dcat:dataset"]}[DATASET]
    names = {f["nisi:name"] for f in found["nisi:fields"]}
    assert {"reference", "subject", "budget_min", "deadline", "entity_name", "entity_bin"} <= names
    assert all(f["nisi:source"] and f["nisi:publicBy"] == "IP-57" for f in found["nisi:fields"])
    assert found["nisi:answersAsOfDate"] is True
    assert found["dcat:landingPage"]["@id"].endswith("/industry-needs/research/")
