"""Webhooks: subscribed through the API, signed, retried with backoff, logged, and replayed from the last
acknowledged sequence after the receiver was down."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client, TestCase

from nisi.core.authz import SYSTEM, actor_for
from nisi.core.models import OutboxTask
from nisi.core.publication import services, webhooks
from nisi.core.publication.models import Delivery, Subscription
from nisi.core.roles import Role
from nisi.core.services.tokens import api_token_create
from nisi.law import clock
from nisi.registry.models import RegisterRecord, Removal
from nisi.registry.services import register
from tests.core.publication.conftest import Receiver

# IP-16.3: the System holds and gives out the information on the state of industry — its information services.
pytestmark = pytest.mark.law("IP-16.3")

T0 = dt.datetime(2026, 3, 13, 9, 0, tzinfo=dt.UTC)


def token_client(user: Any) -> Client:
    _token, raw = api_token_create(actor=actor_for(user), name="test")
    return Client(headers={"Authorization": f"Bearer {raw}", "Accept-Language": "en"})


def subscribe(client: Client, receiver: Receiver, **extra: Any) -> Any:
    return client.post(
        "/api/v1/feed/subscriptions",
        {"url": receiver.url, "secret": receiver.secret, **extra},
        content_type="application/json",
    )


def remove(record: RegisterRecord) -> None:
    with clock.frozen(T0):
        register.record_remove(actor=SYSTEM, record=record, ground=Removal.Ground.OWN_REQUEST, on=T0.date())


@pytest.fixture
def customer(make_org: Any, make_user: Any, settings: Any) -> Any:
    settings.DEBUG = True  # the local receiver is http://127.0.0.1 (refused outside DEBUG, see test_rules)
    return make_user(Role.MAJOR_CUSTOMER, make_org(name="АО «Заказчик»"))


def test_a_receiver_down_then_up_gets_every_event_once_in_order_signed(
    included: RegisterRecord, customer: Any, receiver: Receiver
) -> None:
    client = token_client(customer)
    response = subscribe(client, receiver, kinds=["register.record.removed", "register.record.included"], after=0)
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    # Down: the change is committed, the delivery owed through the outbox fails and is logged, a retry is due later.
    with clock.frozen(T0), TestCase.captureOnCommitCallbacks(execute=True):
        services.sequence_pending()
    sub = Subscription.objects.get(pk=pk)
    assert (sub.acked_seq, sub.failures) == (0, 1)
    assert sub.next_attempt_at == T0 + dt.timedelta(minutes=1)
    remove(included)  # a second change while it is down
    with clock.frozen(T0 + dt.timedelta(seconds=30)):
        services.sequence_pending()
        assert webhooks.deliver(pk) == "busy"  # its retry is not due yet
    with clock.frozen(T0 + dt.timedelta(minutes=1)):
        assert webhooks.deliver(pk) == "failed"
    assert Subscription.objects.get(pk=pk).next_attempt_at == T0 + dt.timedelta(minutes=3)  # then 2 minutes
    # Up: the next due attempt replays from its last acknowledged sequence.
    receiver.up()
    with clock.frozen(T0 + dt.timedelta(minutes=3)):
        assert webhooks.deliver(pk) == "caught_up"
        assert webhooks.deliver(pk) == "caught_up"  # nothing more: nothing twice
    assert receiver.bad_signatures == 0
    assert len(receiver.received) == 1
    events = receiver.received[0]["events"]
    assert [(e["seq"], e["kind"]) for e in events] == [(1, "register.record.included"), (2, "register.record.removed")]
    assert events[1]["record"]["register_number"] == included.number
    sub = Subscription.objects.get(pk=pk)
    assert (sub.acked_seq, sub.failures, sub.next_attempt_at) == (2, 0, None)
    log = client.get(f"/api/v1/feed/subscriptions/{pk}/deliveries").json()
    assert [(d["outcome"], d["attempt"]) for d in log] == [("delivered", 3), ("failed", 2), ("failed", 1)]
    assert log[0]["http_status"] == 204
    assert log[1]["http_status"] is None
    assert "Connect" in log[1]["error"]


def test_the_beat_sweep_numbers_and_delivers_what_a_dead_process_left(
    included: RegisterRecord, customer: Any, receiver: Receiver
) -> None:
    receiver.up()
    pk = subscribe(token_client(customer), receiver, after=0).json()["id"]
    with TestCase.captureOnCommitCallbacks(execute=True):
        # Numbering owes the delivery once; the sweep's own look finds it owed already and owes it no second time.
        assert webhooks.deliveries_due() == {"numbered": 1, "owed": 0}
    assert [e["seq"] for e in receiver.received[0]["events"]] == [1]
    assert Subscription.objects.get(pk=pk).acked_seq == 1
    assert OutboxTask.objects.filter(name=services.DELIVER_TASK, dispatched_at__isnull=False).count() == 1


def test_a_subscription_starts_after_the_last_change_unless_told(
    included: RegisterRecord, customer: Any, receiver: Receiver
) -> None:
    services.sequence_pending()
    created = subscribe(token_client(customer), receiver).json()
    assert created["acked_seq"] == 1
    refused = subscribe(token_client(customer), receiver, after=7)
    assert refused.status_code == 422
    assert "no change 7" in refused.json()["detail"]


def test_events_of_other_kinds_move_the_position_without_a_call(
    included: RegisterRecord, customer: Any, receiver: Receiver
) -> None:
    receiver.up()
    pk = subscribe(token_client(customer), receiver, kinds=["register.record.removed"], after=0).json()["id"]
    services.sequence_pending()
    assert webhooks.deliver(pk) == "caught_up"
    assert receiver.received == []
    assert Subscription.objects.get(pk=pk).acked_seq == 1
    assert not Delivery.objects.exists()


def test_rewind_delivers_again(included: RegisterRecord, customer: Any, receiver: Receiver) -> None:
    receiver.up()
    client = token_client(customer)
    pk = subscribe(client, receiver, after=0).json()["id"]
    services.sequence_pending()
    webhooks.deliver(pk)
    assert (
        client.post(f"/api/v1/feed/subscriptions/{pk}/rewind", {"after": 0}, content_type="application/json").json()[
            "acked_seq"
        ]
        == 0
    )
    webhooks.deliver(pk)
    assert [r["events"][0]["seq"] for r in receiver.received] == [1, 1]


@pytest.mark.parametrize(
    ("payload", "detail"),
    [
        ({"kinds": ["register.nothing"]}, "Unknown event kinds"),
        ({"secret": "short-secret-1234567890"}, ""),
        ({"url": "ftp://example.kz/hook"}, "https://"),
    ],
)
def test_bad_subscriptions_are_refused_with_what_to_do(
    customer: Any, receiver: Receiver, payload: dict[str, Any], detail: str
) -> None:
    response = subscribe(token_client(customer), receiver, **payload)
    assert response.status_code == 422
    assert detail in response.json()["detail"]
    assert not Subscription.objects.exists()


def test_without_a_broker_a_commit_numbers_and_leaves_deliveries_to_the_sweep(
    included: RegisterRecord, customer: Any, receiver: Receiver, settings: Any
) -> None:
    settings.CELERY_TASK_ALWAYS_EAGER = True  # the embedded default: tasks would run in the request's thread
    receiver.up()
    pk = subscribe(token_client(customer), receiver, after=0).json()["id"]
    with TestCase.captureOnCommitCallbacks(execute=True):
        remove(included)
    assert [e["seq"] for e in Client().get("/api/v1/feed/changes").json()["events"]] == [1, 2]
    assert receiver.received == []
    assert not OutboxTask.objects.filter(name=services.DELIVER_TASK).exists()
    with TestCase.captureOnCommitCallbacks(execute=True):
        webhooks.deliveries_due()
    assert [e["seq"] for e in receiver.received[0]["events"]] == [1, 2]
    assert Subscription.objects.get(pk=pk).acked_seq == 2
