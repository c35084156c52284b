"""Systemic enterprises (IP-47-1, IP-11.3): akimats submit their territory's volumes, each its own region; the
authorized body computes the list (more than 3 %, exactly 3 % is not) and approves versions; the listed
enterprises' purchases are monitored for domestic value."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.contracts.models import ProductionSubmission, SystemicList
from nisi.contracts.selectors import systemic as selectors
from nisi.contracts.services import systemic as services
from nisi.contracts.services.purchases import purchases_record
from nisi.core.models import Organization, Region
from tests.contracts.purchases_fixtures import today, world  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def approve_list_with(
    world: dict[str, Any],  # noqa: F811 - the world fixture, passed on by the caller
    manufacturer: Organization,
    *,
    region: str,
) -> SystemicList:
    """Submits `manufacturer` at 5 % of `region`'s volume for 2025 and approves the list."""
    akimat = world["users"]["akimat"] if region == "35" else world["users"]["other_akimat"]
    submission = services.submission_create(
        actor=akimat,
        region=Region.objects.get(code=region),
        year=2025,
        territory_total=Decimal(100),
        volumes=[(manufacturer.identifier, "5")],
    )
    services.submission_submit(actor=akimat, submission=submission)
    draft = services.systemic_list_compute(actor=world["users"]["authorized_body"], year=2025)
    return services.systemic_list_approve(actor=world["users"]["authorized_body"], systemic_list=draft)


@pytest.fixture
def submitted(world: dict[str, Any]) -> dict[str, Any]:  # noqa: F811
    akimat = world["users"]["akimat"]
    submission = services.submission_create(
        actor=akimat,
        region=Region.objects.get(code="35"),
        year=2025,
        territory_total=Decimal("1000.00"),
        volumes=[
            (world["customer"].identifier, "30.01"),  # 3.001 %: systemic
            (world["steady"].identifier, "30.00"),  # exactly 3 %: not
            (world["removed"].identifier, "500"),
        ],
    )
    services.submission_submit(actor=akimat, submission=submission)
    return {**world, "submission": submission}


@pytest.mark.law("IP-47-1.1")
def test_ip_47_1_1_the_list_holds_those_above_three_per_cent(submitted: dict[str, Any]) -> None:
    draft = services.systemic_list_compute(actor=submitted["users"]["authorized_body"], year=2025)
    entries = {e.manufacturer_id: e for e in draft.entries.all()}
    assert set(entries) == {submitted["customer"].pk, submitted["removed"].pk}
    entry = entries[submitted["customer"].pk]
    assert (entry.volume, entry.territory_total, entry.share) == (
        Decimal("30.01"),
        Decimal("1000.00"),
        Decimal("0.030010"),
    )
    assert draft.threshold == Decimal("0.03")
    assert "IP-47-1.1" in draft.threshold_reference
    assert (draft.version, draft.status) == (1, "draft")


@pytest.mark.law("IP-47-1.2")
def test_ip_47_1_2_approved_versions_supersede_each_other(submitted: dict[str, Any]) -> None:
    body = submitted["users"]["authorized_body"]
    first = services.systemic_list_approve(
        actor=body, systemic_list=services.systemic_list_compute(actor=body, year=2025)
    )
    assert first.status == "approved"
    assert first.approved_on is not None
    second = services.systemic_list_compute(actor=body, year=2025)
    assert second.version == 2
    services.systemic_list_approve(actor=body, systemic_list=second)
    first.refresh_from_db()
    assert first.status == "superseded"
    assert selectors.approved(2025) == second
    with pytest.raises(PermissionDenied):  # an approved version is not approved again
        services.systemic_list_approve(actor=body, systemic_list=second)


def test_a_later_submission_replaces_the_earlier(submitted: dict[str, Any]) -> None:
    akimat = submitted["users"]["akimat"]
    again = services.submission_create(
        actor=akimat,
        region=Region.objects.get(code="35"),
        year=2025,
        territory_total=Decimal(10),
        volumes=[(submitted["customer"].identifier, "1")],
    )
    services.submission_submit(actor=akimat, submission=again)
    submitted["submission"].refresh_from_db()
    assert submitted["submission"].status == "replaced"


@pytest.mark.law("IP-11.3")
def test_ip_11_3_each_akimat_its_own_region(submitted: dict[str, Any]) -> None:
    other = submitted["users"]["other_akimat"]
    with pytest.raises(PermissionDenied):
        services.submission_create(
            actor=other,
            region=Region.objects.get(code="35"),
            year=2025,
            territory_total=Decimal(1),
            volumes=[(submitted["customer"].identifier, "1")],
        )
    assert list(selectors.submissions_for(other)) == []
    assert list(selectors.submissions_for(submitted["users"]["akimat"])) == [submitted["submission"]]
    assert list(selectors.submissions_for(submitted["users"]["authorized_body"])) == [submitted["submission"]]


@pytest.mark.parametrize(
    ("volumes", "total", "problem"),
    [
        ([("190540000124", "1")], "10", "check digit"),
        ([("{steady}", "-1")], "10", "zero or more"),
        ([("{steady}", "1.001")], "10", "2 decimal places"),
        ([("{steady}", "11")], "10", "exceed"),
        ([("{steady}", "1"), ("{steady}", "2")], "10", "twice"),
        ([("190540000123", "1")], "10", "not known"),
        ([], "10", "at least one"),
        ([("{steady}", "1")], "0", "more than zero"),
    ],
)
def test_a_bad_submission_is_refused_whole(
    world: dict[str, Any],  # noqa: F811
    volumes: list[tuple[str, str]],
    total: str,
    problem: str,
) -> None:
    given = [(b.format(steady=world["steady"].identifier), v) for b, v in volumes]
    with pytest.raises(services.SystemicError, match=problem):
        services.submission_create(
            actor=world["users"]["akimat"],
            region=Region.objects.get(code="35"),
            year=2025,
            territory_total=Decimal(total),
            volumes=given,
        )
    assert not ProductionSubmission.objects.exists()


def test_the_list_needs_submissions_and_the_authorized_body(world: dict[str, Any]) -> None:  # noqa: F811
    with pytest.raises(services.SystemicError, match="No akimat"):
        services.systemic_list_compute(actor=world["users"]["authorized_body"], year=2025)
    for who in ("akimat", "customer", "institute"):
        with pytest.raises(PermissionDenied):
            services.systemic_list_compute(actor=world["users"][who], year=2025)


@pytest.mark.law("IP-47-1.3")
def test_ip_47_1_3_listed_enterprises_purchases_are_monitored(submitted: dict[str, Any]) -> None:
    body = submitted["users"]["authorized_body"]
    approved = services.systemic_list_approve(
        actor=body, systemic_list=services.systemic_list_compute(actor=body, year=2025)
    )
    purchases_record(
        actor=submitted["users"]["customer"],
        customer=submitted["customer"],
        lines=[
            {
                "supplier_bin": submitted["steady"].identifier,
                "product_code": "720711",
                "quantity": "1",
                "amount": "100",
                "purchase_date": "2025-06-01",
                "contract_reference": "Д",
            }
        ],
    )
    rows = {m.entry.manufacturer_id: m.figure for m in selectors.monitoring(body, approved)}
    assert rows[submitted["customer"].pk].share == Decimal("60.00")
    assert rows[submitted["removed"].pk].share is None  # no purchases reported: no figure
    assert {
        m.entry.manufacturer_id for m in selectors.monitoring(submitted["users"]["other_akimat"], approved)
    } == set()
    assert len(selectors.monitoring(submitted["users"]["akimat"], approved)) == 2
