"""An overdue review is visible to both sides (IP-47.4): past the thirtieth calendar day, the customer's plan page
and the authorized body's review queue both mark the plan's review overdue."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from nisi.core.models import Deadline
from nisi.core.services.deadlines import deadlines_daily
from nisi.law import clock
from tests.contracts.examination_fixtures import D, under_review
from tests.contracts.plans_fixtures import Cycle, cycle_fixture, hs_codes_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
PAST_DUE = D(2026, 1, 20)


def _html(user: Any, url: str, **query: str) -> str:
    client = Client()
    client.force_login(user)
    page = client.get(url, query, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    return str(page.content.decode())


def _row(html: str, number: str) -> str:
    start = html.index(f">{number}</a>")
    return html[start : html.index("</tr>", start)]


@pytest.mark.law("IP-47.4")
def test_ip_47_4_an_overdue_review_is_seen_by_the_customer_and_the_authorized_body(cycle: Cycle) -> None:
    plan = under_review(cycle)
    review = Deadline.objects.get(subject_id=plan.number, kind="contracts.deadline.plan_review")
    assert review.due_on < PAST_DUE
    with clock.frozen(review.due_on):
        deadlines_daily()
        assert "Overdue" not in _html(cycle.users["customer"], f"/en/contracts/plans/{plan.number}/")
        assert "Overdue" not in _row(_html(cycle.users["officer"], "/en/contracts/plans/"), plan.number)
    with clock.frozen(PAST_DUE):
        deadlines_daily()
        customers = _html(cycle.users["customer"], f"/en/contracts/plans/{plan.number}/")
        assert "Overdue" in customers
        assert review.due_on.strftime("%d.%m.%Y") in customers
        officers = _html(cycle.users["officer"], "/en/contracts/plans/")
        assert "Overdue" in _row(officers, plan.number)
        assert plan.number in _html(cycle.users["officer"], "/en/contracts/plans/", order="due", status="submitted")
