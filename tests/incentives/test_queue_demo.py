"""The queue's demo data: a budget, the places of the producers that passed (the last one waiting), an alert — made
once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from nisi.demo.incentives import incentives_demo
from nisi.demo.incentives_queue import queue_demo
from nisi.incentives.models import MeasureBudget, OpeningAlert, QueuePlace
from nisi.incentives.services import queue
from nisi.law import clock
from tests.contracts.purchases_fixtures import put_in_register

pytestmark = pytest.mark.django_db


def test_the_demo_makes_a_budget_a_queue_and_an_alert(make_org: Any) -> None:
    with clock.frozen(dt.date(2026, 12, 2)):
        orgs = [make_org(f"Org {i}") for i in range(5)]
        for org in orgs[:3]:
            put_in_register(
                org, periods=[(dt.date(2026, 1, 10), None)], goods=[("720810", None, dt.date(2026, 1, 10), None)]
            )
        incentives_demo(orgs)
        queue_demo(orgs)
        queue_demo(orgs)  # idempotent
    budget = MeasureBudget.objects.get()
    assert QueuePlace.objects.count() == 3  # the fourth is not in the register: refused, no place
    assert [p.standing for p in queue.queue_of(budget).places] == ["within", "within", "waiting"]
    assert OpeningAlert.objects.get().status == "waiting"
