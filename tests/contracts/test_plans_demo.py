"""The contracts' demo data: a submitted plan, a published list and an application, made once."""

from __future__ import annotations

from typing import Any

import pytest

from nisi.contracts.models import PlanApplication, ProcurementPlan
from nisi.demo.contracts import contracts_demo
from tests.contracts.plans_fixtures import hs_codes_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_demo_makes_a_submitted_plan_a_published_list_and_an_application(make_org: Any, hs_codes: None) -> None:
    orgs = [make_org(f"Org {i}") for i in range(5)]
    contracts_demo(orgs)
    contracts_demo(orgs)  # idempotent
    assert sorted(ProcurementPlan.objects.values_list("status", flat=True)) == ["published", "submitted"]
    assert PlanApplication.objects.get().organization == orgs[0]
