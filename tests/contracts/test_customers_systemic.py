"""A systemic enterprise customer only from the approved list of systemic enterprises in force on the day
(IP-47-1.2): tested at the list's version boundaries (ADR 50)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from nisi.contracts.models import LargeCustomer, LargeCustomerKind, ProductionSubmission, SystemicEntry, SystemicList
from nisi.contracts.rules import customers as rules
from nisi.contracts.services import customers
from nisi.core.authz import SYSTEM
from nisi.core.models import Organization, Region
from nisi.law import clock
from tests.contracts.customers_fixtures import People, people_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
D = dt.date
FIRST, SECOND = D(2026, 3, 2), D(2026, 9, 1)


def _version(year: int, version: int, approved_on: D, status: str, members: list[Organization]) -> None:
    region = Region.objects.get(code="35")
    submission = ProductionSubmission.objects.get_or_create(
        region=region,
        year=year,
        defaults={
            "status": ProductionSubmission.Status.SUBMITTED,
            "territory_total": Decimal(1000),
            "created_at": clock.now(),
            "created_by_label": "akimat",
        },
    )[0]
    listed = SystemicList.objects.create(
        year=year,
        version=version,
        status=status,
        threshold=Decimal("0.03"),
        threshold_reference="IP-47-1.1",
        computed_at=clock.now(),
        computed_by_label="officer",
        approved_on=approved_on,
    )
    for org in members:
        SystemicEntry.objects.create(
            systemic_list=listed,
            manufacturer=org,
            region=region,
            volume=Decimal(100),
            territory_total=Decimal(1000),
            share=Decimal("0.1"),
            submission=submission,
        )


@pytest.fixture
def lists(people: People) -> People:
    # Version 1 of the 2025 list names both; version 2, approved on SECOND, no longer names the customer.
    _version(2025, 1, FIRST, SystemicList.Status.SUPERSEDED, [people.customer, people.maker])
    _version(2025, 2, SECOND, SystemicList.Status.APPROVED, [people.maker])
    return people


def _record(org: Organization, since: D) -> LargeCustomer:
    with clock.frozen(since):
        return customers.customer_record(
            actor=SYSTEM, organization=org, kind=LargeCustomerKind.SYSTEMIC_ENTERPRISE, since=since
        )


@pytest.mark.law("IP-47-1.2")
@pytest.mark.parametrize(
    ("since", "who", "accepted"),
    [
        (FIRST - dt.timedelta(days=1), "customer", False),  # no list approved yet
        (FIRST, "customer", True),  # version 1 in force from its approval day
        (SECOND - dt.timedelta(days=1), "customer", True),  # the last day of version 1
        (SECOND, "customer", False),  # version 2 no longer names it
        (SECOND, "maker", True),
        (FIRST - dt.timedelta(days=1), "maker", False),
    ],
)
def test_a_systemic_customer_is_on_the_list_in_force(lists: People, since: D, who: str, accepted: bool) -> None:
    org = getattr(lists, who)
    if accepted:
        assert _record(org, since).kind == LargeCustomerKind.SYSTEMIC_ENTERPRISE
    else:
        with pytest.raises(customers.CustomerError, match=r"IP-47-1\.2") as refused:
            _record(org, since)
        assert refused.value.field == "kind"
        assert not LargeCustomer.objects.exists()


@pytest.mark.law("IP-47-1.2")
def test_a_draft_version_is_not_in_force(lists: People) -> None:
    _version(2025, 3, SECOND, SystemicList.Status.DRAFT, [lists.customer])
    SystemicList.objects.filter(version=3).update(approved_on=None)
    with pytest.raises(customers.CustomerError):
        _record(lists.customer, SECOND + dt.timedelta(days=5))


def test_other_kinds_need_no_list(people: People) -> None:
    with clock.frozen(FIRST):
        done = customers.customer_record(
            actor=SYSTEM, organization=people.customer, kind=LargeCustomerKind.NATURAL_MONOPOLY, since=FIRST
        )
    assert done.kind == LargeCustomerKind.NATURAL_MONOPOLY


@pytest.mark.law("IP-47-1.2")
def test_the_list_in_force_is_the_one_approved_last_by_the_day() -> None:
    a = rules.ListVersion(2024, 1, D(2025, 3, 1), frozenset({"1"}))
    b = rules.ListVersion(2025, 1, D(2026, 3, 1), frozenset({"2"}))
    assert rules.list_in_force([a, b], D(2025, 2, 28)) is None
    assert rules.list_in_force([a, b], D(2025, 3, 1)) == a
    assert rules.list_in_force([b, a], D(2026, 2, 28)) == a
    assert rules.list_in_force([a, b], D(2026, 3, 1)) == b
    assert rules.systemic_problem(b, "2", D(2026, 3, 1)) is None
    assert "does not name" in (rules.systemic_problem(b, "1", D(2026, 3, 1)) or "")
