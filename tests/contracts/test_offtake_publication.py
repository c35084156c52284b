"""The register of off-take contracts in the feed of changes (ADR 37): published on signing and on termination,
each change once, replayed from any sequence, the snapshot's sequence, and the register as of a day."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from nisi.contracts.models import DevelopmentContract
from nisi.contracts.services import offtake as services
from nisi.core.authz import actor_for
from nisi.core.publication import selectors
from nisi.core.publication import services as publication
from nisi.law import clock
from tests.contracts.offtake_fixtures import *  # noqa: F403  (the area's fixtures)
from tests.core.publication.helpers import assert_as_of_refused, events, snapshot


def terminate(contract: DevelopmentContract, customer_user: Any, on: dt.date) -> None:
    with clock.frozen(on):
        services.pilot_result_record(
            actor=actor_for(customer_user),
            contract=contract,
            kind="laboratory",
            tested_on=on,
            positive=False,
            findings="Hardness 51 HRC",
        )


@pytest.mark.law("IP-48.6")
def test_signing_and_termination_are_published_once_each_and_replayed_from_any_sequence(
    signed: DevelopmentContract, customer_user: Any, client: Client
) -> None:
    proposed_only = events(client, "offtake-register")
    assert [e["kind"] for e in proposed_only] == ["offtake.contract.listed"]  # proposing published nothing
    terminate(signed, customer_user, dt.date(2026, 3, 10))
    found = events(client, "offtake-register")
    assert [e["kind"] for e in found] == ["offtake.contract.listed", "offtake.contract.changed"]
    assert [e["record"]["key"] for e in found] == [signed.number] * 2
    assert found[1]["state"]["status"] == DevelopmentContract.Status.TERMINATED
    assert found[1]["provisions"]
    # A subscriber that stopped after the first replays from there: the second, once.
    assert [e["seq"] for e in events(client, "offtake-register", after=found[0]["seq"])] == [found[1]["seq"]]


def test_the_snapshot_carries_its_sequence_and_the_feed_after_it_gives_the_register_now(
    signed: DevelopmentContract, customer_user: Any, client: Client
) -> None:
    publication.sequence_pending(owe=False)
    taken = snapshot(client, "offtake-register")
    assert taken["sequence"] == selectors.last_sequence()
    assert [r["number"] for r in taken["records"]] == [signed.number]
    terminate(signed, customer_user, dt.date(2026, 3, 10))
    later = events(client, "offtake-register", after=taken["sequence"])
    assert [e["state"]["status"] for e in later] == ["terminated"]


def test_the_register_and_a_contract_as_of_a_day_before_a_later_change(
    signed: DevelopmentContract, customer_user: Any, client: Client
) -> None:
    terminate(signed, customer_user, dt.date(2026, 3, 10))
    with clock.frozen(dt.date(2026, 3, 12)):
        before = snapshot(client, "offtake-register", as_of="2026-03-05")["records"]
        after = snapshot(client, "offtake-register", as_of="2026-03-10")["records"]
        assert [r["status"] for r in before] == ["in_force"]
        assert [r["status"] for r in after] == ["terminated"]
        assert snapshot(client, "offtake-register", as_of="2026-03-01")["records"] == []
        record = client.get(f"/api/v1/feed/records/offtake-register/{signed.number}", {"as_of": "2026-03-05"})
        assert record.json()["state"]["status"] == "in_force"
        page = client.get(f"/en/contracts/offtake/register/{signed.number}/", {"as_of": "2026-03-05"})
        assert page.status_code == 200
        assert "in_force" in page.content.decode()
        listed = client.get("/en/contracts/offtake/register/", {"as_of": "2026-03-05"}).content.decode()
        assert signed.number in listed
        assert (
            signed.number not in client.get("/en/contracts/offtake/register/", {"as_of": "2026-03-01"}).content.decode()
        )
        assert_as_of_refused(client, "offtake-register", "/en/contracts/offtake/register/")
