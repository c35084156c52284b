"""The Fund's assets through the services: receipts by source (AH-10.1), uses by purpose never above the balance
(AH-10.5), membership fees counted once (AH-10.1.4-2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.astana_hub.models import AssetMovement
from nisi.astana_hub.services.assets import AssetError, asset_receipt_record, asset_use_record
from nisi.core.authz import Actor, Grant
from nisi.core.models import JournalEntry
from nisi.core.roles import Role
from nisi.law import clock
from tests.astana_hub.conftest import AUDITOR, FUND

D = dt.date
M = Decimal
INFORMATIZATION = Actor(user_id=9301, label="informatization", grants=(Grant(Role.INFORMATIZATION_AUTHORITY),))


def _receive(amount: str, on: dt.date, source: str = "contribution", actor: Actor = FUND) -> AssetMovement:
    with clock.frozen(D(2025, 6, 30)):
        return asset_receipt_record(
            actor=actor,
            amount=M(amount),
            on=on,
            source=source,
            description="Grant of the founder",
            document_reference=f"RO-{amount}",
            counterparty_name="Donor LLP",
        )


def _use(amount: str, on: dt.date, purpose: str = "operations", **kw: Any) -> AssetMovement:
    with clock.frozen(D(2025, 6, 30)):
        return asset_use_record(
            actor=kw.pop("actor", FUND),
            amount=M(amount),
            on=on,
            purpose=purpose,
            description="Rent of the Hub's building",
            document_reference="PO-77",
            **kw,
        )


@pytest.mark.law("AH-10.1")
def test_a_receipt_is_recorded_with_its_source_and_journal(db: None) -> None:
    movement = _receive("1000000", D(2025, 2, 1))
    assert (movement.direction, movement.source, movement.purpose, movement.amount) == (
        "receipt",
        "contribution",
        "",
        M("1000000.00"),
    )
    entry = JournalEntry.objects.get(subject_type="asset_movement")
    assert entry.provisions == ["AH-10.1.1"]


@pytest.mark.law("AH-10.1")
@pytest.mark.parametrize(
    ("source", "amount", "on", "message"),
    [
        ("membership_fees", "10", D(2025, 2, 1), "recorded as the participant's payment"),
        ("budget_funds", "10", D(2025, 2, 1), "sources of AH-10.1"),  # not a source of the law
        ("excluded_10_1_4_1", "10", D(2025, 2, 1), r"AH-10.1.4-1 ceased to apply on Jan. 1, 2025"),
        ("contribution", "0", D(2025, 2, 1), "greater than zero"),
        ("contribution", "1.234", D(2025, 2, 1), "two decimal places"),
        ("contribution", "10", D(2025, 7, 1), "cannot be in the future"),
    ],
)
def test_a_receipt_that_cannot_be_recorded_is_refused(
    db: None, source: str, amount: str, on: dt.date, message: str, english: None
) -> None:
    with pytest.raises(AssetError, match=message):
        _receive(amount, on, source)
    assert AssetMovement.objects.count() == 0


@pytest.mark.law("AH-10.1.2")
@pytest.mark.law("AH-10.1.4-1")
def test_a_receipt_from_an_excluded_source_dated_before_its_exclusion_is_accepted(db: None, english: None) -> None:
    """AH-10.1.2 applied until Law No. 220-VIII's exclusion took effect (12.10.2025 on the recorded publication
    date) and AH-10.1.4-1 until 01.01.2025: a receipt of that time is recorded, citing the subparagraph."""
    old = _receive("500", D(2024, 12, 31), "excluded_10_1_4_1")
    assert JournalEntry.objects.get(subject_type="asset_movement").provisions == ["AH-10.1.4-1"]
    with clock.frozen(D(2025, 11, 1)):
        earlier = asset_receipt_record(
            actor=FUND,
            amount=M("700"),
            on=D(2025, 10, 11),
            source="excluded_10_1_2",
            description="Receipt of the excluded kind, before the exclusion",
            document_reference="RO-700",
        )
        with pytest.raises(AssetError, match=r"AH-10.1.2 ceased to apply on Oct. 12, 2025"):
            asset_receipt_record(
                actor=FUND,
                amount=M("700"),
                on=D(2025, 10, 12),
                source="excluded_10_1_2",
                description="Receipt of the excluded kind, after the exclusion",
                document_reference="RO-701",
            )
    assert {old.source, earlier.source} == {"excluded_10_1_4_1", "excluded_10_1_2"}


@pytest.mark.law("AH-10.5")
def test_a_use_may_not_exceed_the_balance_on_its_date(db: None, english: None) -> None:
    _receive("1000", D(2025, 2, 1))
    _use("600", D(2025, 3, 1))
    with pytest.raises(AssetError, match=r"available on 15.02.2025 are 400.00 tenge, less than 500.00"):
        _use("500", D(2025, 2, 15))  # back-dated: would leave 1 March's balance below zero
    with pytest.raises(AssetError, match=r"available on 31.01.2025 are 0.00 tenge"):
        _use("1", D(2025, 1, 31))
    _use("400", D(2025, 2, 15))
    assert AssetMovement.objects.filter(direction="use").count() == 2


@pytest.mark.law("AH-10.5")
@pytest.mark.parametrize(
    ("purpose", "description", "message"),
    [
        ("salaries", "x", "purpose of AH-10.5"),
        ("operations", "   ", "Enter the description"),
    ],
)
def test_a_use_needs_a_purpose_of_the_law_and_a_description(
    db: None, purpose: str, description: str, message: str, english: None
) -> None:
    _receive("1000", D(2025, 2, 1))
    with clock.frozen(D(2025, 6, 30)), pytest.raises(AssetError, match=message):
        asset_use_record(
            actor=FUND,
            amount=M("1"),
            on=D(2025, 3, 1),
            purpose=purpose,
            description=description,
            document_reference="1",
        )
    assert AssetMovement.objects.filter(direction="use").count() == 0


@pytest.mark.law("AH-10.1")
def test_only_the_funds_officers_record_movements(db: None) -> None:
    for actor in (AUDITOR, INFORMATIZATION, Actor(user_id=1, label="member", grants=(Grant(Role.APPLICANT, 5),))):
        with pytest.raises(PermissionDenied):
            _receive("10", D(2025, 2, 1), actor=actor)
        with pytest.raises(PermissionDenied):
            _use("10", D(2025, 2, 1), actor=actor)
    assert AssetMovement.objects.count() == 0
