"""Foreign trade in the browser: the authorized body reads the monitoring of import prices by period and by code (its
chart beside its table), runs it and sees the signal raised (IP-52); anyone searches the catalogue of Kazakhstani
producers for foreign buyers in English (IP-43.2.3). The pages pass axe."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from nisi.core.roles import Role
from tests.browser.conftest import axe_violations, sign_in
from tests.registry.conftest import lookup_register  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _priced(records: list[Any], make_user: Any) -> tuple[Any, str]:
    from nisi.core.authz import actor_for
    from nisi.law import clock
    from nisi.trade import rules
    from nisi.trade.services import declarations, monitoring

    quarter = rules.last_ended_quarter(clock.today())
    officer = make_user(Role.AUTHORIZED_BODY)
    day = quarter.start.isoformat()
    rows = [
        f"B-{n},7208100000,CN,t,{q},{Decimal(q) * price},{day}"
        for n, (q, price) in enumerate([("10", 60000), ("5", 62000), ("2", 65000)])
    ]
    content = ("number,code,country,unit,quantity,customs_value,declared_on\n" + "\n".join(rows) + "\n").encode()
    declarations.declarations_import(actor=actor_for(officer), content=content)
    producer = make_user(Role.APPLICANT, organization=records[0].organization)
    monitoring.price_report(
        actor=actor_for(producer),
        organization=records[0].organization,
        hs_code="720810",
        unit="t",
        period=quarter.label,
        unit_price=Decimal(100000),
    )
    return officer, quarter.label


@pytest.mark.law("IP-52")
def test_the_authorized_body_monitors_import_prices(
    page: Any,
    live_server: Any,
    lookup_register: list[Any],  # noqa: F811
    make_user: Any,
) -> None:
    from nisi.trade.models import PriceSignal

    officer, period = _priced(lookup_register, make_user)
    sign_in(page, officer.username)
    page.goto(f"/en/trade/prices/?period={period}")
    assert page.locator("#monitoring").get_by_text("62000.00").is_visible()
    assert page.locator("#monitoring").get_by_text("Possible dumping").is_visible()
    assert axe_violations(page) == []
    page.locator("#monitoring").get_by_role("link", name="720810").click()
    page.wait_for_url(re.compile(r"/trade/prices/720810/"))
    assert page.locator("img[src^='data:image/svg+xml']").is_visible()
    assert axe_violations(page) == []
    page.goto(f"/en/trade/prices/?period={period}")
    page.get_by_label("Period to monitor").fill("2026-13")
    page.get_by_role("button", name="Run the monitoring").click()
    expect(page.locator(".govuk-error-summary").get_by_text("Write the period as a month")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Period to monitor").fill(period)
    page.get_by_role("button", name="Run the monitoring").click()
    expect(page.get_by_text("The monitoring raised 1 signal.")).to_be_visible()
    assert PriceSignal.objects.count() == 1


@pytest.mark.law("IP-43.2.3")
def test_a_foreign_buyer_searches_the_catalogue_in_english(
    page: Any,
    live_server: Any,
    lookup_register: list[Any],  # noqa: F811
) -> None:
    page.goto("/en/trade/catalogue/")
    assert page.get_by_role("heading", name="Kazakhstani producers: catalogue for foreign buyers").is_visible()
    assert axe_violations(page) == []
    page.get_by_label("HS or TN VED code").fill("730630")
    page.get_by_role("button", name="Search").click()
    # The page before the search says how many it found too ("10 producers found" would match): its address waits.
    page.wait_for_url(re.compile(r"[?&]code=730630(&|$)"))
    assert page.get_by_text("0 producers found").is_visible()  # its producer was removed on 1 April
    page.get_by_label("HS or TN VED code").fill("7208")
    page.get_by_label("Region").select_option("71")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"[?&]code=7208&region=71(&|$)"))
    assert page.get_by_text("1 producer found").is_visible()
    assert axe_violations(page) == []
