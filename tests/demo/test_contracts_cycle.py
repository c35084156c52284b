"""The contracts' cycle in the demo: `nisi demo` runs twice without error and leaves an off-take contract in its
second year, a closed year with its penalty, a guaranteed purchase agreement, a pending amendment, a pledge, offset
conditions fulfilled and failed, purchase lines with their domestic value, an approved systemic list and a programme
in monitoring — made once."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from nisi.contracts.models import (
    Amendment,
    ContractKind,
    ContractYear,
    DevelopmentContract,
    OffsetCondition,
    Penalty,
    Pledge,
    ProgrammeReport,
    PurchaseLine,
    SystemicList,
)
from nisi.contracts.services.offtake_performance import year_standings
from nisi.core import identifiers
from nisi.core.models import Deadline, Notification, Organization
from nisi.core.services.organizations import regions_load
from nisi.demo.contracts_cycle import contracts_cycle_demo
from nisi.law import clock

DAY = dt.date(2026, 12, 2)
MINER = identifiers.complete("15064000023")  # the mining company of the demo
FOUNDRY = identifiers.complete("19054000012")  # the steel foundry of the demo


def _counts() -> dict[str, int]:
    models = (DevelopmentContract, ContractYear, Penalty, Pledge, Amendment, PurchaseLine, SystemicList)
    return {m.__name__: m.objects.count() for m in models}


@pytest.mark.django_db(transaction=True)
def test_the_demo_shows_the_contracts_cycle_and_runs_twice(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    regions_load()  # an earlier transactional test may have flushed the migrations' rows
    with clock.frozen(DAY):
        call_command("demo", stdout=io.StringIO())
        made = _counts()
        call_command("demo", stdout=io.StringIO())
        orgs = list(Organization.objects.order_by("pk"))
        contracts_cycle_demo(orgs)  # its own guard: nothing made twice
    assert _counts() == made

    offtake = DevelopmentContract.objects.get(
        kind=ContractKind.OFFTAKE, customer__identifier=MINER, manufacturer__identifier=FOUNDRY
    )
    assert offtake.status == DevelopmentContract.Status.IN_FORCE
    last, this, _next = offtake.years.order_by("year")
    assert (last.year, last.status) == (2025, ContractYear.Status.BREACHED)
    assert last.refused_volume == Decimal(80)
    penalty = offtake.penalties.get(ground=Penalty.Ground.REFUSAL_TO_BUY)
    assert penalty.year == 2025
    assert penalty.amount > 0
    standing = next(s for s in year_standings(offtake) if s.year.year == 2026)
    assert (standing.accepted, standing.awaiting, standing.still_due) == (Decimal(450), Decimal(250), Decimal(150))
    this.refresh_from_db()
    assert this.warned_on == DAY  # the last quarter's warning (IP-48.2)
    assert Notification.objects.filter(message_key="contracts.contract.year_warning").count() == 2
    assert offtake.amendments.get().status == Amendment.Status.PROPOSED
    assert offtake.amendments.get().reduces
    assert offtake.pledges.count() == 1

    assert DevelopmentContract.objects.filter(
        kind=ContractKind.GUARANTEED_PURCHASE, status=DevelopmentContract.Status.IN_FORCE
    ).exists()
    conditions = OffsetCondition.objects.order_by("due_on")
    assert [c.status for c in conditions] == [OffsetCondition.Status.FULFILLED, OffsetCondition.Status.FAILED]
    assert Penalty.objects.filter(ground=Penalty.Ground.OFFSET_FAILURE).exists()

    # Six lines of this year, three of last year's last quarter (a closed year, public).
    assert PurchaseLine.objects.filter(batch__customer__identifier=MINER).count() == 9
    approved = SystemicList.objects.get(status=SystemicList.Status.APPROVED)
    # Exactly 3 % of Pavlodar's output is not systemic; 4 % of Karaganda's and 6.5 % of Pavlodar's are.
    assert approved.entries.count() == 2
    assert ProgrammeReport.objects.get().status == ProgrammeReport.Status.MONITORED

    # Each role's demo account sees its part of it.
    users = get_user_model().objects
    assert {"demo-customer-grid", "demo-akimat-pavlodar"} <= set(users.values_list("username", flat=True))
    client = Client()
    for username, path, expected in (
        ("demo-customer", f"/en/contracts/offtake/contracts/{offtake.number}/", "Шары мелющие"),
        ("demo-applicant", f"/en/contracts/offtake/contracts/{offtake.number}/", "awaiting"),
        ("demo-customer", f"/en/contracts/purchases/{MINER}/", "720810"),
        ("demo-officer", "/en/contracts/programmes/", "DVP-2025"),
        ("demo-akimat", "/en/contracts/systemic/submissions/", "2025"),
        ("demo-customer-grid", "/en/contracts/offtake/contracts/", "CT-GP-2025"),
    ):
        client.force_login(users.get(username=username))
        response = client.get(path)
        assert response.status_code == 200, (username, path)
        assert expected in response.content.decode(), (username, path)
    # The authorized body's work queue links to the plan whose review is overdue.
    overdue = Deadline.objects.get(subject_type="contracts_plan", status=Deadline.Status.OPEN, due_on__lt=DAY)
    client.force_login(users.get(username="demo-officer"))
    with clock.frozen(DAY):
        queue = client.get("/en/work/").content.decode()
    assert f'href="/en/contracts/plans/{overdue.subject_id}/"' in queue
    client.logout()
    register = client.get("/en/contracts/offtake/register/").content.decode()
    assert offtake.number in register
    # Last year's purchases are public with their lines, for anyone to recompute (ADR 21, addendum 6).
    with clock.frozen(DAY):
        public = client.get(f"/en/contracts/domestic-value/2025/{MINER}/").content.decode()
    assert "ДП-0098" in public
    assert "87,500,000.00" in public
