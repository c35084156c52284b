"""The contracts' public lists through the API as of a day (ADR 45): the register of off-take contracts and a
contract in it (IP-48.6), answered from the changes they published,
as their pages answer them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from nisi.contracts.models import DevelopmentContract
from nisi.contracts.services import offtake as services
from nisi.core.authz import actor_for
from nisi.law import clock
from tests.contracts.offtake_fixtures import *  # noqa: F403  (the area's fixtures)
from tests.contracts.offtake_fixtures import terms
from tests.contracts.test_offtake_publication import terminate
from tests.core.publication.helpers import assert_api_as_of_refused

REGISTER = "/api/v1/contracts/offtake/register"


@pytest.mark.law("IP-48.6")
def test_the_register_as_of_a_day_leaves_out_later_contracts_and_shows_earlier_states(
    signed: DevelopmentContract,
    customer: Any,
    customer_user: Any,
    manufacturer: Any,
    manufacturer_user: Any,
    client: Client,
) -> None:
    terminate(signed, customer_user, dt.date(2026, 3, 10))
    with clock.frozen(dt.date(2026, 3, 11)):
        later = services.contract_conclude(
            actor=actor_for(customer_user), customer=customer, terms=terms(manufacturer, goods_name="Later rails")
        )
        later = services.contract_confirm(actor=actor_for(manufacturer_user), contract=later)
    with clock.frozen(dt.date(2026, 3, 12)):
        now = client.get(REGISTER).json()
        assert {e["number"]: e["status"] for e in now} == {signed.number: "terminated", later.number: "in_force"}
        before = client.get(REGISTER, {"as_of": "2026-03-05"})
        assert before.status_code == 200
        assert [(e["number"], e["status"]) for e in before.json()] == [(signed.number, "in_force")]
        current = next(e for e in now if e["number"] == signed.number)
        assert {k: v for k, v in before.json()[0].items() if k != "status"} == {
            k: v for k, v in current.items() if k != "status"
        }  # every other field as the register shows it now
        assert client.get(REGISTER, {"as_of": "2026-03-05", "status": "terminated"}).json() == []
        assert client.get(REGISTER, {"as_of": "2026-03-01"}).json() == []  # before it was published: empty
        one = client.get(f"{REGISTER}/{signed.number}", {"as_of": "2026-03-05"})
        assert one.json()["status"] == "in_force"
        missing = client.get(f"{REGISTER}/{later.number}", {"as_of": "2026-03-05"}, headers={"accept-language": "en"})
        assert missing.status_code == 404
        assert "that day" in missing.json()["detail"]
        assert_api_as_of_refused(client, REGISTER)
        assert_api_as_of_refused(client, f"{REGISTER}/{signed.number}")
