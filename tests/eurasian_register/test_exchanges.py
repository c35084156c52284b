"""Exchanges with the Eurasian register (IP-9.37, 9.38): the change set since the last acknowledged exchange, in the
documented format (validated against its JSON schema), sent through the gateway with its receipt; an outage delays
an exchange and never loses it; a refusal is kept and its changes go in the next one."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
from django.core.exceptions import PermissionDenied

from nisi.core import outbox
from nisi.core.authz import SYSTEM, Actor, Grant
from nisi.core.models import JournalEntry, OutboxTask
from nisi.core.roles import Role
from nisi.eurasian_register import exchange_format, selectors, services
from nisi.eurasian_register.models import Exchange
from nisi.law import clock
from nisi.registry.models import RegisterGood, RegisterRecord, Removal
from nisi.registry.services import register
from nisi.verification.simulator.app import Simulator

pytestmark = pytest.mark.django_db
OFFICER = Actor(user_id=9400, label="officer", grants=(Grant(Role.AUTHORIZED_BODY),))
NOON = dt.datetime(2026, 2, 2, 12, 0, tzinfo=dt.UTC)


def _prepare() -> Exchange:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("nisi.core.outbox.dispatch_committed", lambda pk: None)  # sent by the test
        return services.exchange_prepare(actor=OFFICER)


def _valid(document: dict) -> None:
    jsonschema.validate(document, exchange_format.schema(), format_checker=jsonschema.FormatChecker())


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(exchange_format.schema())


@pytest.mark.law("IP-9.37")
def test_the_register_s_goods_go_once_with_their_receipt(producers: list, eaeu: Simulator) -> None:
    exchange = _prepare()
    assert (exchange.sequence, exchange.includes, exchange.changes, exchange.removals) == (1, 3, 0, 0)
    _valid(exchange.document)
    assert OutboxTask.objects.get(name=services.SEND_TASK).args == [exchange.number]
    assert services.exchange_deliver(number=exchange.number) is True
    assert services.exchange_deliver(number=exchange.number) is False
    exchange.refresh_from_db()
    assert exchange.status == "acknowledged"
    assert exchange.receipt.startswith("EEC-")
    assert JournalEntry.objects.filter(subject_id=exchange.number, action="acknowledged").count() == 1
    assert set(eaeu.eurasian_register.goods) == set(selectors.current_goods())
    with pytest.raises(services.ExchangeError, match="Nothing in the register changed"):
        _prepare()


@pytest.mark.law("IP-9.37")
def test_the_next_exchange_carries_only_what_changed(producers: list[RegisterRecord], eaeu: Simulator) -> None:
    first = _prepare()
    services.exchange_deliver(number=first.number)
    # The register changes: a good's details, and a producer leaves at its own request (IP-51-6.3).
    good = RegisterGood.objects.get(record=producers[0])
    RegisterGood.objects.filter(pk=good.pk).update(name_kk="Қара металдардың сынықтары")
    with clock.frozen(dt.date(2026, 3, 2)):
        register.record_remove(actor=SYSTEM, record=producers[1], ground=Removal.Ground.OWN_REQUEST, reasons=[])
    second = _prepare()
    _valid(second.document)
    assert (second.sequence, second.includes, second.changes, second.removals) == (2, 0, 1, 1)
    assert second.document["exchange"]["previous_receipt"] == Exchange.objects.get(pk=first.pk).receipt
    assert services.exchange_deliver(number=second.number) is True
    assert set(eaeu.eurasian_register.goods) == set(selectors.current_goods())
    assert len(eaeu.eurasian_register.goods) == 2


@pytest.mark.law("IP-9.37")
def test_an_outage_delays_the_exchange_and_never_loses_it(producers: list, eaeu: Simulator) -> None:
    eaeu.sources["eaeu_industrial_register"].outage = True
    exchange = _prepare()
    row = OutboxTask.objects.get(name=services.SEND_TASK)
    with clock.frozen(NOON):
        assert outbox.dispatch(row.pk) == "failed"  # ran here (eager) and the Commission's system was down
    row.refresh_from_db()
    assert (row.dispatched_at, row.attempts) == (None, 1)
    exchange.refresh_from_db()
    assert exchange.status == "prepared"
    assert exchange.attempts == 1
    assert "503" in exchange.last_error
    # Meanwhile the register changes: the next exchange waits, and nothing is sent twice or skipped.
    with pytest.raises(services.ExchangeError, match="still awaiting"):
        _prepare()
    with clock.frozen(NOON + dt.timedelta(minutes=2)):
        outbox.dispatch_due()  # still down
    eaeu.sources["eaeu_industrial_register"].outage = False
    with clock.frozen(NOON + dt.timedelta(minutes=10)):
        outbox.dispatch_due()
    exchange.refresh_from_db()
    assert exchange.status == "acknowledged"
    assert exchange.last_error == ""
    assert set(eaeu.eurasian_register.goods) == set(selectors.current_goods())
    assert JournalEntry.objects.filter(subject_id=exchange.number, action="acknowledged").count() == 1


def test_a_retry_after_a_lost_answer_is_not_registered_twice(producers: list, eaeu: Simulator) -> None:
    exchange = _prepare()
    body = json.dumps(exchange.document, ensure_ascii=False).encode()
    status, first = eaeu.eurasian_register.take(exchange.idempotency_key, body)  # taken; the answer was lost
    assert status == 201
    assert services.exchange_deliver(number=exchange.number) is True
    exchange.refresh_from_db()
    assert exchange.receipt == first["receipt"]
    assert len(eaeu.eurasian_register.received) == 1


def test_a_refusal_is_kept_and_its_changes_go_in_the_next(producers: list, eaeu: Simulator) -> None:
    exchange = _prepare()
    # The Commission's system already has another exchange under this key: it refuses ours.
    eaeu.eurasian_register.received[exchange.idempotency_key] = ("other", {})
    assert services.exchange_deliver(number=exchange.number) is False
    exchange.refresh_from_db()
    assert exchange.status == "refused"
    assert "another exchange" in exchange.last_error
    again = _prepare()
    assert (again.sequence, again.includes) == (1, 3)  # nothing was acknowledged: the same changes, in sequence
    assert services.exchange_deliver(number=again.number) is True


def test_the_daily_run_prepares_and_owes_again(producers: list, eaeu: Simulator) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("nisi.core.outbox.dispatch_committed", lambda pk: None)
        result = services.exchange_daily()
        assert result["prepared"] is not None
        assert services.exchanges_resend() == 0  # the outbox still owes it
        OutboxTask.objects.update(dispatched_at=clock.now())  # a worker took it and then gave up
        assert services.exchange_daily() == {"resent": 1, "prepared": None}
    assert services.exchange_deliver(number=result["prepared"]) is True


def test_only_the_authorized_body_prepares(producers: list, eaeu: Simulator) -> None:
    for role in (Role.AUDITOR, Role.AKIMAT, Role.APPLICANT, Role.COMPETENT_BODY):
        with pytest.raises(PermissionDenied):
            services.exchange_prepare(actor=Actor(user_id=1, label=role, grants=(Grant(role, region_code="35"),)))
    assert not Exchange.objects.exists()
