"""A large customer prepares its domestic value development programme in the browser and submits it; the authorized
body finds it in its queue and agrees it (IP-61-1); the pages pass axe."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from nisi.core.roles import Role
from tests.browser.conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.law("IP-61-1.2")]


def test_a_programme_prepared_submitted_and_agreed(page: Any, live_server: Any, make_user: Any, make_org: Any) -> None:
    from nisi.contracts.models import DomesticValueProgramme
    from nisi.law import clock
    from tests.contracts.programmes_fixtures import customer_of, plan

    year = clock.today().year
    org = make_org(name="АО «Browser Mining»")
    customer = make_user(Role.MAJOR_CUSTOMER, organization=org)
    officer = make_user(Role.AUTHORIZED_BODY)

    sign_in(page, customer.username)
    page.goto("/en/contracts/programmes/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Start a programme").click()
    page.get_by_label("Subsoil user with the right to extract solid minerals (not commonly occurring ones)").check()
    page.get_by_label("Title of the programme").fill("Local content of the mine")
    page.get_by_label("First year of the programme").fill(str(year))
    page.get_by_role("button", name="Start the programme").click()
    page.wait_for_url("**/contracts/programmes/DVP-*/")
    programme = DomesticValueProgramme.objects.get()
    assert page.url.endswith(f"/en/contracts/programmes/{programme.number}/")
    assert axe_violations(page) == []

    # An action in the browser (a due date outside the years is refused on its question first) …
    page.get_by_label("Action", exact=True).fill("Supplier development days")
    page.get_by_label("Due date").fill(f"{year + 3}-01-01")
    page.get_by_role("button", name="Add the action").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Due date").fill(f"{year}-12-20")
    page.get_by_role("button", name="Add the action").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The action was added.")
    assert page.get_by_text("Supplier development days").first.is_visible()
    # … the rest of the plan through the services, then the customer submits in the browser.
    plan(customer_of(org, user_id=customer.pk), programme)
    page.reload()
    page.get_by_role("button", name="Submit the programme for agreement").click()
    expect(page.get_by_text("The programme was submitted for agreement.")).to_be_visible()
    programme.refresh_from_db()
    assert programme.status == "submitted"

    officer_page = page.context.browser.new_context(base_url=live_server.url, locale="en-GB").new_page()
    officer_page.set_default_timeout(15_000)
    sign_in(officer_page, officer.username)
    officer_page.goto("/en/contracts/programmes/")
    officer_page.get_by_role("link", name=programme.number).first.click()
    officer_page.wait_for_url(f"**/contracts/programmes/{programme.number}/")
    assert axe_violations(officer_page) == []
    officer_page.get_by_role("button", name="Agree the programme").click()
    expect(officer_page.get_by_text("The programme was agreed and the customer notified.")).to_be_visible()
    programme.refresh_from_db()
    assert (programme.status, programme.decided_on) == ("agreed", clock.today())
