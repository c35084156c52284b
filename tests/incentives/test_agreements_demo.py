"""The demo of the agreements: the foundry's financing granted with its agreement, a first-year report short of the
targets (what it would owe today), and an agreement on increasing competitiveness — made once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from nisi.demo.incentives import incentives_demo
from nisi.demo.incentives_agreements import counter_obligations_demo
from nisi.incentives.models import CompetitivenessAgreement, CounterObligationAgreement
from nisi.incentives.selectors.agreements import period_rows
from nisi.law import clock
from tests.incentives.fixtures import put_in_register

pytestmark = pytest.mark.django_db


def test_the_demo_concludes_reports_and_shows_what_would_be_owed(make_org: Any) -> None:
    with clock.frozen(dt.date(2026, 12, 2)):
        orgs = [make_org(f"Org {i}") for i in range(5)]
        put_in_register(orgs[0], [(dt.date(2026, 1, 10), None)])
        incentives_demo(orgs)
        counter_obligations_demo(orgs)
        counter_obligations_demo(orgs)  # idempotent
        agreement = CounterObligationAgreement.objects.get()
        first = period_rows(agreement, clock.today())[0]
    assert agreement.document is not None
    assert first.report is not None
    assert first.estimate is not None
    assert first.estimate.value.total > 0
    assert CompetitivenessAgreement.objects.count() == 1
