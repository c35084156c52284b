"""A participant's user reads its statement of membership fees in the browser (AH-10.1.4-2): charges, payments,
the closing balance; downloads it as CSV; the page passes axe."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from nisi.core.roles import Role
from tests.browser.conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.law("AH-10.1.4-2")]


@pytest.fixture
def participant(make_org: Any) -> Any:
    """Registered a year ago; charged the last three months (25,000 each), paid 30,000 for the first."""
    from nisi.astana_hub import participation
    from nisi.astana_hub.models import HubActor
    from nisi.astana_hub.rules import fees as rules
    from nisi.astana_hub.services import fees
    from nisi.law import clock
    from tests.astana_hub.conftest import FUND

    today = clock.today()
    org = make_org(name="ТОО «Browser Labs»")
    HubActor.objects.create(
        number="AH-A-2024-00077",
        organization=org,
        status=HubActor.Status.REGISTERED,
        activity="Software",
        applied_on=today - dt.timedelta(days=400),
        registered_on=today - dt.timedelta(days=380),
    )
    current = rules.period_containing("monthly", today)
    first = rules.period_containing("monthly", current.start - dt.timedelta(days=62))
    with clock.frozen(first.start - dt.timedelta(days=1)):
        fees.fee_schedule_create(
            actor=FUND, applies_from=first.start, period="monthly", amount=Decimal("25000"), due_days=14, basis="4.3"
        )
    period = first
    while period.start <= current.start:
        with clock.frozen(period.start):
            fees.fees_charge_period(
                actor=FUND, period=period.label, hub_participant_ids=participation.hub_participant_ids
            )
        period = rules.next_period(period)
    with clock.frozen(first.start + dt.timedelta(days=3)):
        fees.fee_payment_record(
            actor=FUND,
            organization=org,
            amount=Decimal("30000"),
            paid_on=first.start + dt.timedelta(days=3),
            payment_reference="PP-77",
            is_hub_participant=participation.is_hub_participant,
        )
    return {"org": org, "first": first}


def test_a_participant_reads_and_downloads_its_statement(
    page: Any, make_user: Any, participant: dict[str, Any]
) -> None:
    org = participant["org"]
    user = make_user(Role.APPLICANT, organization=org)
    sign_in(page, user.username)
    page.goto(f"/en/astana-hub/fees/statement/?period={participant['first'].start.year}")
    assert page.get_by_role("heading", level=1).inner_text() == "Statement of membership fees"
    table = page.get_by_role("table")
    assert table.get_by_text(f"Membership fee for {participant['first'].label}").is_visible()
    assert table.get_by_text("Payment order PP-77").is_visible()
    assert "30,000.00" in table.inner_text()
    closing = page.get_by_test_id("closing").inner_text()
    assert closing.endswith("tenge owed")
    assert axe_violations(page) == []

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Statement as CSV").click()
    download = download_info.value
    assert download.suggested_filename == f"fees-{org.identifier}-{participant['first'].start.year}.csv"
    content = Path(download.path()).read_text(encoding="utf-8-sig")
    assert "PP-77" in content
    assert content.splitlines()[0] == "date,kind,reference,due_on,charged,paid,balance"

    # Another organization's statement is not for this user.
    response = page.goto("/en/astana-hub/fees/200140099990/statement/")
    assert response is not None
    assert response.status in (403, 404)
