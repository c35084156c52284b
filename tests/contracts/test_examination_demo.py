"""The examination's demo data: an application refused, one awarded and concluded, one waiting; an objection
pending and one accepted; made once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from nisi.contracts.models import DevelopmentContract, ExclusionObjection, PlanApplication
from nisi.demo.contracts import contracts_demo
from nisi.demo.contracts_examination import contracts_examination_demo
from nisi.law import clock
from tests.contracts.plans_fixtures import hs_codes_fixture  # noqa: F401
from tests.contracts.purchases_fixtures import put_in_register

pytestmark = pytest.mark.django_db


def test_the_demo_examines_applications_and_files_objections(make_org: Any, hs_codes: None) -> None:
    orgs = [make_org(f"Org {i}") for i in range(5)]
    with clock.frozen(dt.date(2026, 3, 2)):
        put_in_register(
            orgs[1], periods=[(dt.date(2025, 1, 1), None)], goods=[("730429", None, dt.date(2025, 1, 1), None)]
        )
        put_in_register(
            orgs[4], periods=[(dt.date(2025, 1, 1), None)], goods=[("848180", None, dt.date(2025, 1, 1), None)]
        )
        contracts_demo(orgs)
        contracts_examination_demo(orgs)
        contracts_examination_demo(orgs)  # idempotent
    assert sorted(PlanApplication.objects.values_list("status", flat=True)) == ["concluded", "refused", "submitted"]
    contract = DevelopmentContract.objects.get()
    assert contract.application is not None
    assert contract.application.status == "concluded"
    assert sorted(ExclusionObjection.objects.values_list("status", flat=True)) == ["accepted", "pending"]
