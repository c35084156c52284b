"""An off-take contract in the browser: the manufacturer records a delivery, the customer accepts part of it and the
year's figures move; a reduction of volume by one party alone is refused with the reason (IP-48.2); the authorized
body sees the public register of off-take contracts. The pages pass axe in Kazakh, Russian and English, on a
desktop and on a phone."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from nisi.core.roles import Role
from tests.browser.conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _new_page(page: Any, live_server: Any, width: int = 1280) -> Any:
    context = page.context.browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": width, "height": 900}
    )
    other = context.new_page()
    other.set_default_timeout(15_000)
    return other


def _figures(page: Any, year: int) -> list[str]:
    """The year's row of the commitment table: year, contracted, delivered, accepted, awaiting, minimum, still due."""
    row = page.locator("table", has_text="Commitment against delivery").locator("tr", has_text=str(year)).first
    cells = [c.strip() for c in row.locator("td").all_inner_texts()]
    return [cells[0].split()[0], *cells[1:7]]  # the year's cell shows its status under it


def _signed_contract(customer_org: Any, maker_org: Any, customer: Any, maker: Any) -> Any:
    from nisi.contracts.models import ContractKind, LargeCustomerKind
    from nisi.contracts.services import offtake
    from nisi.core.authz import actor_for
    from nisi.core.models import ClassifierCode
    from nisi.law import clock

    ClassifierCode.objects.get_or_create(system="HS", code="732690", level=6, defaults={"parent_code": "7326"})
    year = clock.today().year
    with clock.frozen(dt.date(year, 1, 10)):
        contract = offtake.contract_conclude(
            actor=actor_for(customer),
            customer=customer_org,
            terms=offtake.Terms(
                kind=ContractKind.OFFTAKE,
                manufacturer=maker_org,
                customer_kind=LargeCustomerKind.SUBSOIL_USER,
                hs_code="732690",
                goods_name="Шары мелющие стальные, 100 мм",
                characteristics="Диаметр 100 ± 2 мм; твёрдость 58–62 HRC",
                unit="т",
                unit_price=Decimal("450000.00"),
                amount=Decimal("90000000.00"),
                starts_on=dt.date(year, 1, 20),
                ends_on=dt.date(year + 1, 12, 31),
                volumes={year: Decimal(100), year + 1: Decimal(100)},
                min_domestic_value=Decimal("60.00"),
                programme_duty=True,
            ),
        )
    with clock.frozen(dt.date(year, 1, 15)):
        return offtake.contract_confirm(actor=actor_for(maker), contract=contract)


def test_both_parties_follow_an_offtake_contract(page: Any, live_server: Any, make_user: Any, make_org: Any) -> None:
    from django.test import Client

    from nisi.core.authz import actor_for
    from nisi.core.services.tokens import api_token_create
    from nisi.law import clock

    customer_org = make_org(name="АО «Недра»")
    maker_org = make_org(name="ТОО «Завод шаров»")
    customer = make_user(Role.MAJOR_CUSTOMER, organization=customer_org)
    maker = make_user(Role.APPLICANT, organization=maker_org)
    officer = make_user(Role.AUTHORIZED_BODY)
    contract = _signed_contract(customer_org, maker_org, customer, maker)
    today, year = clock.today(), clock.today().year

    # The manufacturer finds the contract from the contracts' start page and records a delivery.
    sign_in(page, maker.username)
    page.goto("/en/contracts/")
    page.get_by_role("link", name="Off-take contracts, guaranteed purchase agreements").click()
    page.get_by_role("link", name=contract.number).click()
    page.wait_for_url(f"**/contracts/offtake/contracts/{contract.number}/")  # the figures' cells are read at once
    assert _figures(page, year)[:5] == [str(year), "100", "0", "0", "0"]
    page.get_by_label("Delivered on").fill(today.isoformat())
    page.get_by_label("Volume delivered").fill("40")
    page.get_by_label("Waybill or act number").fill("ТТН-0042")
    page.get_by_role("button", name="Record the delivery").click()
    assert "The delivery was recorded" in page.locator(".govuk-notification-banner").inner_text()
    assert _figures(page, year)[:5] == [str(year), "100", "40", "0", "40"]
    assert axe_violations(page) == []

    # The customer accepts part of it: what it does not accept needs its reasons; then the year's figures move.
    customer_page = _new_page(page, live_server)
    sign_in(customer_page, customer.username)
    customer_page.goto(f"/en/contracts/offtake/contracts/{contract.number}/")
    customer_page.get_by_label("Volume accepted").fill("30")
    customer_page.get_by_role("button", name="Record the acceptance").click()
    assert (
        "Say why the rest of the delivery is not accepted" in customer_page.locator(".govuk-error-summary").inner_text()
    )
    assert axe_violations(customer_page) == []
    customer_page.get_by_label("Why the rest is not accepted").fill("10 т не прошли входной контроль.")
    customer_page.get_by_role("button", name="Record the acceptance").click()
    assert "The acceptance was recorded" in customer_page.locator(".govuk-notification-banner").inner_text()
    # Contracted, delivered, accepted, awaiting, the first year's minimum (100 %), still due.
    assert _figures(customer_page, year) == [str(year), "100", "40", "30", "0", "100", "70"]
    assert "10 т не прошли входной контроль." in customer_page.locator("table", has_text="Deliveries").inner_text()

    # The customer proposes reducing next year's volume: it waits for the manufacturer, whatever the customer does.
    customer_page.get_by_label("New volumes").fill(f"{year + 1}: 60")
    customer_page.get_by_label("Explanation").fill("Снижение добычи в следующем году.")
    customer_page.get_by_role("button", name="Propose").click()
    # The page before it had a banner too (the acceptance's): the assertion waits for the new one.
    expect(customer_page.locator(".govuk-notification-banner")).to_contain_text("the other party decides it")
    assert (
        "takes effect only when the other party accepts it" in customer_page.locator(".govuk-inset-text").inner_text()
    )
    assert customer_page.get_by_role("button", name="Record the decision").count() == 0
    assert axe_violations(customer_page) == []
    # Accepting its own reduction through the API (the same service) is refused, with the reason.
    raw = api_token_create(actor=actor_for(customer), name="browser test")[1]
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE="en")
    refused = api.post(
        f"/api/v1/contracts/offtake/contracts/{contract.number}/amendments/decision",
        {"accept": True, "reasons": ""},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert "cannot be reduced by one party alone (IP-48.2)" in refused.json()["detail"]
    # The manufacturer sees the proposal to decide.
    page.reload()
    assert page.get_by_role("button", name="Record the decision").count() == 1
    assert "Снижение добычи в следующем году." in page.locator("table", has_text="Amendments").inner_text()

    # The authorized body sees the public register of off-take contracts, and so does anyone without signing in.
    officer_page = _new_page(page, live_server)
    sign_in(officer_page, officer.username)
    officer_page.goto("/en/contracts/")
    officer_page.get_by_role("link", name="Register of off-take contracts").click()
    officer_page.wait_for_url("**/contracts/offtake/register/")
    assert contract.number in officer_page.locator("table").inner_text()
    assert axe_violations(officer_page) == []

    # Each page in each language, on a desktop and on a phone: accessible, and nothing wider than the screen.
    for width in (1280, 390):
        for reader, path in (
            (customer, f"/contracts/offtake/contracts/{contract.number}/"),
            (maker, "/contracts/offtake/contracts/"),
            (officer, "/contracts/offtake/register/"),
        ):
            viewer = _new_page(page, live_server, width)
            sign_in(viewer, reader.username)
            for language in ("kk", "ru", "en"):
                viewer.goto(f"/{language}{path}")
                assert viewer.locator("html").get_attribute("lang") == language
                assert axe_violations(viewer) == [], (language, width, path)
                assert viewer.evaluate("document.documentElement.scrollWidth") <= width, (language, width, path)
            viewer.context.close()
