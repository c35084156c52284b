"""The open contracting feed (OCDS 1.1, ADR 24): every stage's release valid against the schema, the cursor that
loses and repeats nothing while releases arrive, the record of a process, amounts withheld as ADR 21 withholds them,
and the public page."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, connections, transaction
from django.test import Client

from nisi.contracts.models import LargeCustomerKind, PurchaseBatch, PurchaseLine
from nisi.contracts.selectors import ocds
from nisi.contracts.services import customers, offtake_performance
from nisi.core.authz import SYSTEM, actor_for
from nisi.core.models import JournalEntry
from nisi.core.roles import Role
from nisi.core.services.journal import journal_append
from nisi.law import clock
from tests.contracts.ocds_fixtures import *  # noqa: F403  (the feed's fixtures)
from tests.contracts.ocds_fixtures import Process, publish, validate

D = dt.date
FEED = "/api/v1/contracts/ocds/releases"


def _get(client: Client, url: str, **params: Any) -> dict[str, Any]:
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def _all(client: Client, limit: int = 2) -> list[dict[str, Any]]:
    releases: list[dict[str, Any]] = []
    url, params = FEED, {"limit": limit}
    while True:
        package = _get(client, url, **params)
        validate(package, "release-package-schema.json")
        if not package["releases"]:
            return releases
        releases += package["releases"]
        url, params = package["links"]["next"], {}


def test_every_stage_is_a_valid_release_from_plan_to_delivery(process: Process) -> None:
    package = _get(Client(), FEED, limit=100)
    validate(package, "release-package-schema.json")
    ocid = f"ocds-nisi-{process.plan.number}"
    assert {r["ocid"] for r in package["releases"]} == {ocid}  # the contract follows its plan
    tags = [r["tag"] for r in package["releases"]]
    assert tags == [
        ["planning"],
        ["tender"],
        ["award", "contract"],
        ["implementation"],
        ["implementation"],
        ["implementation"],
    ]
    for release in package["releases"]:
        validate(release, "release-schema.json")
    planning, tender, signed, delivered, accepted, year = package["releases"]
    assert planning["planning"]["budget"]["amount"] == {"amount": 102500000.5, "currency": "KZT"}
    assert [i["classification"]["id"] for i in tender["tender"]["items"]] == ["730429", "848180"]  # not the excluded
    assert tender["tender"]["tenderPeriod"]["endDate"].startswith(process.plan.applications_due_on.isoformat())
    assert tender["buyer"]["id"] == f"KZ-BIN-{process.cycle.customer.identifier}"
    assert signed["awards"][0]["suppliers"][0]["id"] == f"KZ-BIN-{process.cycle.manufacturer.identifier}"
    assert signed["contracts"][0]["value"] == {"amount": 135000000, "currency": "KZT"}
    assert delivered["contracts"][0]["implementation"]["milestones"][0]["status"] == "scheduled"
    assert accepted["contracts"][0]["implementation"]["milestones"][0]["status"] == "partiallyMet"
    assert year["contracts"][0]["implementation"]["milestones"][0]["status"] == "notMet"  # 70 of the 100 due
    assert len({r["id"] for r in package["releases"]}) == len(package["releases"])


def test_the_record_follows_a_contract_from_plan_to_delivery(process: Process) -> None:
    ocid = f"ocds-nisi-{process.plan.number}"
    package = _get(Client(), f"/api/v1/contracts/ocds/records/{ocid}", lang="kk")
    validate(package, "record-package-schema.json")
    (record,) = package["records"]
    compiled = record["compiledRelease"]
    validate(compiled, "release-schema.json")
    assert compiled["tag"] == ["compiled"]
    assert compiled["tender"]["status"] == "active"
    (contract,) = compiled["contracts"]
    assert contract["status"] == "active"
    by_id = {m["id"]: m for m in contract["implementation"]["milestones"]}
    (delivery,) = [m for key, m in by_id.items() if key.startswith("delivery-")]
    assert delivery["status"] == "partiallyMet"
    assert delivery["type"] == "delivery"  # merged by id: the delivery and its acceptance are one milestone
    assert {m["id"] for m in contract["milestones"]} == {"year-2026", "year-2027", "year-2028"}
    assert all(r["language"] == "kk" for r in record["releases"])
    missing = Client().get("/api/v1/contracts/ocds/records/ocds-nisi-PP-1999-99999")
    assert missing.status_code == 404
    assert Client().get("/api/v1/contracts/ocds/records/not-an-ocid").status_code in (400, 422)


def test_plans_and_contracts_are_linked_in_one_place(process: Process) -> None:
    assert ocds.plans_of_contracts([process.contract]) == {process.contract.pk: process.plan}
    assert list(ocds.contracts_of_plan(process.plan)) == [process.contract]
    process.contract.application = None
    assert ocds.plans_of_contracts([process.contract]) == {}


def test_amounts_are_withheld_where_the_customer_keeps_the_price_secret(process: Process) -> None:
    contract = process.contract
    with clock.frozen(D(2026, 6, 1)):
        batch = PurchaseBatch.objects.create(
            customer=contract.customer,
            source="api",
            submitted_by_label="t",
            submitted_by_role="major_customer",
            submitted_at=clock.now(),
            lines_written=1,
        )
    PurchaseLine.objects.create(
        batch=batch,
        customer=contract.customer,
        line_number=1,
        supplier_bin=contract.manufacturer.identifier,
        product_code="730429",
        hs_code="730429",
        quantity=Decimal(70),
        amount=Decimal("31500000.00"),
        purchase_date=D(2026, 5, 10),
        contract_reference=contract.number,
        price_confidential=True,
    )
    package = _get(Client(), FEED, limit=100)
    validate(package, "release-package-schema.json")
    signed = next(r for r in package["releases"] if "contract" in r["tag"])
    assert "value" not in signed["contracts"][0]
    assert "value" not in signed["awards"][0]
    assert "value" not in signed["contracts"][0]["items"][0]["unit"]
    assert signed["contracts"][0]["items"][0]["quantity"] == 300  # the volumes stay


def test_the_cursor_loses_and_repeats_nothing_when_releases_arrive_between_pages(
    process: Process, make_org: Any, make_user: Any
) -> None:
    other = make_org("АО «Второй недропользователь»", kato="351010000")
    with clock.frozen(D(2025, 11, 20)):
        customers.customer_record(
            actor=SYSTEM, organization=other, kind=LargeCustomerKind.SUBSOIL_USER, since=D(2025, 9, 1)
        )
    second = replace(process.cycle, customer=other, customer_actor=actor_for(make_user(Role.MAJOR_CUSTOMER, other)))
    client = Client()
    package = _get(client, FEED, limit=3)
    seen = list(package["releases"])
    assert [r["tag"] for r in seen] == [["planning"], ["tender"], ["award", "contract"]]
    while True:
        package = _get(client, package["links"]["next"])
        if not package["releases"]:
            break
        seen += package["releases"]
        if len(seen) == 6:  # new releases arrive while the reader pages
            year = process.contract.years.get(year=2027)
            offtake_performance.year_close(actor=SYSTEM, year=year, today=D(2028, 1, 1))
            publish(second)
    ids = [r["id"] for r in seen]
    assert len(ids) == len(set(ids))  # none twice
    assert ids == [r["id"] for r in _all(client, limit=500)]  # none missed, in the same order
    assert len(ids) == 6 + 1 + 2  # the process, the next year's close, the second list's planning and tender
    assert _get(client, package["links"]["next"])["releases"] == []  # the last cursor is where to ask later


def test_the_feed_refuses_a_bad_cursor_or_limit() -> None:
    client = Client()
    assert client.get(FEED, {"after": "x"}).status_code in (400, 422)
    assert client.get(FEED, {"limit": 0}).status_code in (400, 422)
    assert client.get(FEED, {"limit": 501}).status_code in (400, 422)
    assert client.get(FEED, {"lang": "de"}).status_code in (400, 422)


@pytest.mark.django_db
def test_an_empty_feed_is_a_valid_package_whose_next_page_is_itself() -> None:
    package = _get(Client(), FEED)
    validate(package, "release-package-schema.json")
    assert package["releases"] == []
    assert "after=0" in package["links"]["next"]


def test_the_page_explains_the_feed_and_the_home_links_to_it(db: None) -> None:
    client = Client()
    page = client.get("/en/contracts/open-contracting/")
    assert page.status_code == 200
    text = page.content.decode()
    for said in ("ocds-nisi-", "/api/v1/contracts/ocds/releases", "links.next", "not yet registered"):
        assert said in text
    assert "/contracts/open-contracting/" in client.get("/en/contracts/").content.decode()
    assert JournalEntry.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_plans_and_contracts_journal_entries_commit_in_the_order_of_their_ids() -> None:
    """On PostgreSQL an id is drawn at insert: a second writer waits for the first's commit before drawing its own,
    so a reader paging by id never passes an entry that commits later (ADR 24)."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time already")
    first_in, release_first, second_done = threading.Event(), threading.Event(), threading.Event()
    ids: dict[str, int] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                ids["first"] = journal_append(
                    actor=SYSTEM, subject_type="contracts_plan", subject_id="A", action="x"
                ).pk
                first_in.set()
                release_first.wait(10)
        finally:
            connections.close_all()

    def second() -> None:
        try:
            first_in.wait(10)
            with transaction.atomic():
                entry = journal_append(actor=SYSTEM, subject_type="contracts_contract", subject_id="B", action="y")
                ids["second"] = entry.pk
            second_done.set()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    first_in.wait(10)
    assert not second_done.wait(0.5)  # the second writer waits for the first to commit
    release_first.set()
    for thread in threads:
        thread.join(10)
    assert ids["second"] > ids["first"]
