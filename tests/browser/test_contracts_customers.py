"""Large customers in the browser: the authorized body records the Fund's entity and is refused with the reason,
records another customer and reads the ownership chain; the public sees the customer in the list. The pages pass
axe."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from nisi.core.roles import Role
from tests.browser.conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_authorized_body_records_customers_and_the_public_sees_them(
    page: Any, make_org: Any, make_user: Any
) -> None:
    from nisi.contracts.services import customers
    from nisi.core.authz import SYSTEM
    from nisi.law import clock

    fund, owned, customer = make_org("АО «ФНБ»"), make_org("АО «Дочерняя»"), make_org("АО «Недра»")
    customers.fund_record(actor=SYSTEM, organization=fund)
    customers.ownership_record(actor=SYSTEM, owner=fund, owned=owned, share=Decimal(75), on=clock.today())
    officer = make_user(Role.AUTHORIZED_BODY)
    sign_in(page, officer.username)
    page.goto("/en/contracts/customers/")
    page.get_by_label("The organization's BIN").fill(owned.identifier)
    page.get_by_label("Subsoil user with the right to extract solid minerals (not commonly occurring ones)").check()
    page.get_by_role("button", name="Record").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("IP-46.2")
    expect(page.locator(".govuk-error-summary")).to_contain_text("the Fund holds 75 %")
    assert axe_violations(page) == []
    page.get_by_label("The organization's BIN").fill(customer.identifier)
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_role("heading", name="АО «Недра»")).to_be_visible()
    assert axe_violations(page) == []
    page.goto("/en/contracts/customers/ownership/")
    expect(page.get_by_role("heading", name="Holdings")).to_be_visible()
    assert axe_violations(page) == []

    anonymous = page.context.browser.new_context(base_url=page.url.split("/en/")[0], locale="en-GB").new_page()
    anonymous.goto("/en/contracts/customers/")
    expect(anonymous.get_by_role("link", name="АО «Недра»")).to_be_visible()
    expect(anonymous.get_by_role("link", name="АО «Дочерняя»")).to_have_count(0)
    assert axe_violations(anonymous) == []
