"""The published list delivered to the register of goods, works and services used in subsoil use operations
(IP-47.5, ADR 24): through the gateway with an idempotency key, the receipt on the plan, an outage that delays and
never loses the delivery, lateness after 1 February, and the receipt shown to the customer and the authorized body."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client

from nisi.contracts.models import ProcurementPlan
from nisi.contracts.rules import plans as rules
from nisi.contracts.services import subsoil_register
from nisi.core import outbox
from nisi.core.authz import actor_for
from nisi.core.models import JournalEntry, OutboxTask
from nisi.core.services.tokens import api_token_create
from nisi.law import clock
from nisi.verification import gateway
from nisi.verification.services import gateway_settings
from nisi.verification.simulator.app import Simulator
from tests.contracts.ocds_fixtures import *  # noqa: F403  (the simulator and the plans area's fixtures)
from tests.contracts.ocds_fixtures import publish
from tests.contracts.plans_fixtures import Cycle

D = dt.date


@pytest.fixture
def published(cycle: Cycle, register_sim: Simulator) -> ProcurementPlan:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("nisi.core.outbox.dispatch_committed", lambda pk: None)  # sent by the test
        plan = publish(cycle)
    plan.refresh_from_db()
    return plan


def _received(plan: ProcurementPlan) -> ProcurementPlan:
    plan.refresh_from_db()
    return plan


def test_ip_47_5_the_published_list_is_registered_once_with_its_receipt(
    published: ProcurementPlan, register_sim: Simulator
) -> None:
    assert published.register_key == subsoil_register.register_key(published)
    assert OutboxTask.objects.get(name=subsoil_register.PUBLICATION_TASK).args == [published.number]
    with clock.frozen(D(2026, 1, 20)):
        assert subsoil_register.plan_publication_deliver(number=published.number) is True
        assert subsoil_register.plan_publication_deliver(number=published.number) is False
    plan = _received(published)
    assert plan.register_receipt.startswith("RTRU-")
    assert plan.register_received_at is not None
    entry = JournalEntry.objects.get(subject_id=plan.number, action="sent_to_subsoil_register")
    assert entry.payload["receipt"] == plan.register_receipt
    assert entry.payload["lines"] == 2  # the excluded good is not on the list
    assert register_sim.stats["subsoil_register:ok"] == 1


def test_a_retry_after_a_lost_answer_is_not_registered_twice(
    published: ProcurementPlan, register_sim: Simulator
) -> None:
    # The register took the list but its answer never came back: the same key brings the same receipt.
    body = json.dumps(subsoil_register.publication_payload(published), ensure_ascii=False).encode()
    status, first = register_sim.subsoil_register.take(published.register_key, body)
    assert status == 201
    assert subsoil_register.plan_publication_deliver(number=published.number) is True
    assert _received(published).register_receipt == first["receipt"]
    assert len(register_sim.subsoil_register.received) == 1
    # Another list under the same key is refused, not registered.
    other = json.dumps({"number": "X", "customer_bin": "1", "lines": []}).encode()
    assert register_sim.subsoil_register.take(published.register_key, other)[0] == 422


def test_an_outage_delays_the_delivery_and_never_loses_it(published: ProcurementPlan, register_sim: Simulator) -> None:
    register_sim.sources["subsoil_register"].outage = True
    row = OutboxTask.objects.get(name=subsoil_register.PUBLICATION_TASK)
    with clock.frozen(dt.datetime(2026, 1, 20, 12, 0, tzinfo=dt.UTC)):
        assert outbox.dispatch(row.pk) == "failed"  # the task ran here (eager) and the register was down
    row.refresh_from_db()
    assert row.dispatched_at is None
    assert row.attempts == 1
    assert row.next_attempt_at == dt.datetime(2026, 1, 20, 12, 1, tzinfo=dt.UTC)  # tried again in a minute
    plan = _received(published)
    assert (plan.register_receipt, plan.register_attempts) == ("", 1)
    assert "503" in plan.register_last_error
    with clock.frozen(dt.datetime(2026, 1, 20, 12, 0, 30, tzinfo=dt.UTC)):
        outbox.dispatch_due()
    row.refresh_from_db()
    assert (row.dispatched_at, row.attempts) == (None, 1)  # not due yet: not tried
    register_sim.sources["subsoil_register"].outage = False
    with clock.frozen(dt.datetime(2026, 1, 20, 12, 2, tzinfo=dt.UTC)):
        outbox.dispatch_due()
    row.refresh_from_db()
    assert row.dispatched_at is not None
    plan = _received(published)
    assert plan.register_receipt.startswith("RTRU-")
    assert plan.register_last_error == ""
    assert JournalEntry.objects.filter(subject_id=plan.number, action="sent_to_subsoil_register").count() == 1


def test_the_hourly_resend_owes_again_what_nothing_owes(published: ProcurementPlan, register_sim: Simulator) -> None:
    assert subsoil_register.plan_publications_resend() == 0  # the outbox still owes it
    OutboxTask.objects.update(dispatched_at=clock.now())  # taken by a worker that then gave up
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("nisi.core.outbox.dispatch_committed", lambda pk: None)
        assert subsoil_register.plan_publications_resend() == 1
    assert subsoil_register.plan_publication_deliver(number=published.number) is True
    assert subsoil_register.plan_publications_resend() == 0


def test_a_refusal_by_the_register_is_kept_and_not_retried_at_once(
    published: ProcurementPlan, register_sim: Simulator
) -> None:
    register_sim.subsoil_register.take(published.register_key, b'{"number": "X", "customer_bin": "1", "lines": []}')
    assert subsoil_register.plan_publication_deliver(number=published.number) is False
    plan = _received(published)
    assert plan.register_receipt == ""
    assert "422" in plan.register_last_error


def test_the_task_leaves_a_retry_to_the_outbox_in_eager_mode(
    published: ProcurementPlan, register_sim: Simulator
) -> None:
    from nisi.contracts.tasks import plan_publication_send

    register_sim.sources["subsoil_register"].outage = True
    with pytest.raises(subsoil_register.RegisterUnavailable):
        plan_publication_send.apply(args=[published.number], throw=True)
    assert _received(published).register_attempts == 1  # tried once, not in a loop


@pytest.mark.law("IP-47.5")
@pytest.mark.parametrize(
    ("delivered_on", "today", "late"),
    [
        (D(2026, 1, 20), D(2026, 3, 1), False),
        (D(2026, 2, 2), D(2026, 3, 1), False),  # 1 February 2026 is a Sunday: the term ends on Monday
        (D(2026, 2, 3), D(2026, 3, 1), True),
        (None, D(2026, 2, 2), False),  # still owed, not yet late
        (None, D(2026, 2, 3), True),  # still owed after the day: late already
    ],
)
def test_ip_47_5_a_delivery_after_1_february_is_late(delivered_on: dt.date | None, today: dt.date, late: bool) -> None:
    assert rules.register_delivery_late(2026, delivered_on, today) is late


def test_the_receipt_is_shown_to_the_customer_and_the_authorized_body(
    published: ProcurementPlan, register_sim: Simulator, cycle: Cycle
) -> None:
    register_sim.sources["subsoil_register"].outage = True
    with pytest.raises(subsoil_register.RegisterUnavailable):
        subsoil_register.plan_publication_deliver(number=published.number)
    for who in ("customer", "officer"):
        client = Client()
        client.force_login(cycle.users[who])
        with clock.frozen(D(2026, 2, 10)):
            page = client.get(f"/en/contracts/plans/{published.number}/").content.decode()
        assert "Not yet delivered" in page
        assert "1 attempt failed" in page
        assert "Late" in page  # owed after 2 February
    register_sim.sources["subsoil_register"].outage = False
    with clock.frozen(D(2026, 2, 10)):
        subsoil_register.plan_publication_deliver(number=published.number)
    receipt = _received(published).register_receipt
    client = Client()
    client.force_login(cycle.users["customer"])
    page = client.get(f"/en/contracts/plans/{published.number}/").content.decode()
    assert f"Registered under number {receipt}" in page
    bearer = api_token_create(actor=actor_for(cycle.users["officer"]), name="t")[1]
    answer = Client().get(f"/api/v1/contracts/plans/{published.number}", HTTP_AUTHORIZATION=f"Bearer {bearer}")
    assert answer.status_code == 200
    assert (answer.json()["register_receipt"], answer.json()["register_late"]) == (receipt, True)  # 10 February


def test_the_gateway_posts_over_http_with_the_key(register_sim: Simulator) -> None:
    import socket
    import threading
    import time

    import uvicorn

    simulator = Simulator(latency_ms=0)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(simulator, log_level="warning", access_log=False, lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    try:
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        body = json.dumps({"number": "PP-2026-00001", "customer_bin": "100140000003", "lines": [{}]}).encode()
        request = gateway.CallRequest(
            source="subsoil_register",
            identifier="PP-2026-00001",
            path=subsoil_register.PATH,
            method="POST",
            body=body,
            headers={"Idempotency-Key": "k1"},
        )
        settings = gateway.GatewaySettings(base_url=url, backoff_initial_s=0.001, backoff_max_s=0.01)
        [first, again] = [gateway.fetch_all(settings, [request])[0] for _ in range(2)]
        assert (first.ok, first.status_code, again.ok) == (True, 201, True)
        assert first.data is not None
        assert again.data == {**first.data, "replayed": True}
    finally:
        server.should_exit = True
        thread.join(10)
    assert gateway_settings().base_url == "inprocess"
