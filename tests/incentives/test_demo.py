"""The incentives' demo data: operators, measures with periods, a version of the list, the operator's account, and
one application routed and one refused — made once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from nisi.core.roles import Role
from nisi.demo.incentives import incentives_demo
from nisi.incentives.models import IncentiveApplication, Measure, PriorityList, RequestedMeasure
from nisi.law import clock
from tests.incentives.fixtures import put_in_register

pytestmark = pytest.mark.django_db


def test_the_demo_makes_the_catalogue_the_list_and_two_applications(make_org: Any) -> None:
    with clock.frozen(dt.date(2026, 12, 2)):
        orgs = [make_org(f"Org {i}") for i in range(5)]
        put_in_register(orgs[0], [(dt.date(2026, 1, 10), None)])
        incentives_demo(orgs)
        incentives_demo(orgs)  # idempotent
    assert Measure.objects.count() == 8
    assert PriorityList.objects.count() == 1
    statuses = dict(IncentiveApplication.objects.values_list("organization__name", "status"))
    assert statuses == {"Org 0": "routed", "Org 4": "refused"}
    assert RequestedMeasure.objects.filter(status="with_operator").count() == 2
    operator = get_user_model().objects.get(username="demo-operator")
    assert operator.role_assignments.get().role == Role.INCENTIVE_OPERATOR


def test_the_grants_demo_carries_last_years_balance_and_opens_a_call(make_org: Any) -> None:
    from decimal import Decimal

    from nisi.demo.incentives_grants import grants_demo
    from nisi.incentives.models import GrantAccountYear, GrantAgreement, GrantCall

    with clock.frozen(dt.date(2026, 12, 2)):
        orgs = [make_org(f"Org {i}") for i in range(5)]
        grants_demo(orgs)
        grants_demo(orgs)  # idempotent
    assert sorted(GrantCall.objects.values_list("status", flat=True)) == ["decided", "open"]
    agreement = GrantAgreement.objects.get()
    assert len(agreement.counter_obligations) == 3
    closed = GrantAccountYear.objects.get(year=2025)
    assert (closed.status, closed.carried_forward) == ("closed", Decimal("450000000.00"))
    assert GrantAccountYear.objects.get(year=2026).brought_forward == Decimal("450000000.00")
