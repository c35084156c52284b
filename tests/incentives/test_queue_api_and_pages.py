"""The queues through the API and the pages: public, with no natural person's name; budgets recorded by the
authorized body; an application's amount; a withdrawal; the alerts' and the state figures' pages."""

from __future__ import annotations

import itertools
import json
from typing import Any

from django.test import Client

from nisi.core.models import JournalEntry
from nisi.core.publication.datasets import dataset
from nisi.core.services.journal import entry_hash
from nisi.incentives.models import OpeningAlert, QueuePlace
from tests.incentives.fixtures import World
from tests.incentives.queue_fixtures import apply_for, budget, entity, individual_entrepreneur
from tests.incentives.test_api import API, application_body, post, token


def test_the_public_queue_shows_places_amounts_and_stamps_and_no_entrepreneurs_name(
    world: World, make_org: Any, make_user: Any, english: None
) -> None:
    queue = budget(world.financing, "100.00")
    apply_for(world, "80.00")
    person, person_actor = entity(make_org, make_user, "", org=individual_entrepreneur())
    apply_for(world, "30.00", org=person, actor=person_actor)
    public = Client()
    listed = public.get(f"{API}/queues").json()
    assert [(q["queue"], q["held"], q["remaining"], q["waiting"]) for q in listed] == [
        ("dbk-financing/2026-01-01", "80.00", "20.00", 1)
    ]
    found = public.get(f"{API}/queues/dbk-financing/2026-01-01").json()
    places = found["places"]
    assert [(p["place"], p["amount"], p["standing"]) for p in places] == [
        (1, "80.00", "within"),
        (2, "30.00", "waiting"),
    ]
    assert (places[0]["entity_name"], places[0]["entity_identifier"]) == (
        world.applicant.name,
        world.applicant.identifier,
    )
    assert (places[1]["entity_name"], places[1]["entity_identifier"]) == ("", "")
    assert "Сериков" not in json.dumps(found, ensure_ascii=False)
    # Anyone can recompute every stamp and the links between them from the published chain.
    chain = public.get(f"{API}/queues/dbk-financing/2026-01-01/journal").json()
    assert [e["action"] for e in chain] == ["budget_recorded", "place_taken", "place_taken"]
    assert all(e["prev_hash"] == p["entry_hash"] for p, e in itertools.pairwise(chain))
    stored = JournalEntry.objects.filter(subject_type="incentive_queue").order_by("seq")
    assert [entry_hash(e) for e in stored] == [e["entry_hash"] for e in chain]
    assert "Сериков" not in json.dumps(chain, ensure_ascii=False)
    assert [p["journal_hash"] for p in places] == [e["entry_hash"] for e in chain[1:]]
    page = public.get(f"/en/incentives/queues/dbk-financing/{queue.period_start.isoformat()}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Individual entrepreneur" in text
    assert "Сериков" not in text
    assert public.get(f"{API}/queues/dbk-financing/2025-01-01").status_code == 404
    assert public.get("/en/incentives/queues/").status_code == 200
    # The open data: a snapshot of every place, without the entrepreneur's name.
    snapshot = list(dataset("incentive-queue").snapshot())  # type: ignore[union-attr, misc]
    assert len(snapshot) == 2
    assert "Сериков" not in json.dumps(snapshot, ensure_ascii=False)


def test_budgets_through_the_api_and_an_application_with_its_amount(world: World, english: None) -> None:
    body = {"period_start": "2026-01-01", "period_end": "2026-12-31", "amount": "500.00", "basis": "Закон о бюджете"}
    assert post("/measures/dbk-financing/budgets", body, world.users["applicant"]).status_code == 403
    assert post("/measures/no-such/budgets", body, world.users["officer"]).status_code == 404
    created = post("/measures/dbk-financing/budgets", body, world.users["officer"])
    assert created.status_code == 201, created.content
    again = post("/measures/dbk-financing/budgets", body, world.users["officer"], "en")
    assert again.status_code == 422
    assert "overlap" in again.json()["detail"]
    missing = post("/applications", application_body(world, measures=["dbk-financing"]), world.users["applicant"], "en")
    assert missing.status_code == 422
    assert "limited budget" in missing.json()["detail"]
    done = post(
        "/applications",
        application_body(world, measures=["dbk-financing"], amounts={"dbk-financing": "120.50"}),
        world.users["applicant"],
    )
    assert done.status_code == 201, done.content
    number = done.json()["measures"][0]["number"]
    assert QueuePlace.objects.get().amount == 120.50
    assert post(f"/requests/{number}/withdraw", {}, world.users["bank"]).status_code == 409
    assert post(f"/requests/{number}/withdraw", {}, world.users["other"]).status_code == 404
    withdrawn = post(f"/requests/{number}/withdraw", {}, world.users["applicant"])
    assert withdrawn.status_code == 200
    assert withdrawn.json()["status"] == "withdrawn"
    assert QueuePlace.objects.get().status == "released"
    assert token  # the helper the posts use


def test_the_application_page_asks_the_amount_and_the_request_page_withdraws(world: World, english: None) -> None:
    budget(world.financing)
    client = Client()
    client.force_login(world.users["applicant"])
    form = client.get("/en/incentives/apply/").content.decode()
    assert 'name="amount_dbk-financing"' in form
    refused = client.post(
        "/en/incentives/apply/",
        {
            "measures": ["dbk-financing"],
            "project": "Завод",
            "purpose": "new_production",
            "hs_codes": "870421",
            "counter_obligations_accepted": "on",
            "amount_dbk-financing": "12,345",
        },
    )
    assert refused.status_code in (200, 422)
    assert "to the tiyn" in refused.content.decode()
    done = client.post(
        "/en/incentives/apply/",
        {
            "measures": ["dbk-financing"],
            "project": "Завод",
            "purpose": "new_production",
            "hs_codes": "870421",
            "counter_obligations_accepted": "on",
            "amount_dbk-financing": "1 000,00",
        },
    )
    assert done.status_code == 302
    place = QueuePlace.objects.get()
    page = client.get(f"/en/incentives/requests/{place.request.number}/").content.decode()
    assert "Place in the measure&#x27;s queue" in page or "Place in the measure's queue" in page
    assert "Withdraw this request" in page
    client.post(f"/en/incentives/requests/{place.request.number}/withdraw/")
    place.refresh_from_db()
    assert place.status == "released"


def test_the_alerts_page_asks_and_cancels(world: World, english: None) -> None:
    client = Client()
    client.force_login(world.users["applicant"])
    page = client.get("/en/incentives/alerts/").content.decode()
    assert "Tell me when it opens" in page
    client.post("/en/incentives/alerts/", {"measure": "damu-guarantee"})
    alert = OpeningAlert.objects.get()
    assert "You will be told" in client.get("/en/incentives/alerts/").content.decode()
    client.post("/en/incentives/alerts/", {"cancel": str(alert.pk)})
    alert.refresh_from_db()
    assert alert.status == "cancelled"
    bank = Client()
    bank.force_login(world.users["bank"])
    assert bank.get("/en/incentives/alerts/").status_code == 404
