"""Industrial grants in the browser (IP-42): the development institute opens a call with its criteria, an entity
applies with its own co-financing share, an expert declares no conflict and scores, the institute decides and
concludes the grant agreement with its counter-obligations and tranches; every page passes axe."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from nisi.core.roles import Role
from tests.browser.conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _new_page(page: Any, live_server: Any) -> Any:
    context = page.context.browser.new_context(base_url=live_server.url, locale="en-GB")
    other = context.new_page()
    other.set_default_timeout(15_000)
    return other


def test_a_grant_from_the_call_to_the_agreement(
    page: Any, live_server: Any, make_user: Any, make_org: Any, tmp_path: Path
) -> None:
    from nisi.incentives.models import GrantAgreement, GrantApplication, GrantCall
    from nisi.law import clock

    today = clock.today()
    institute = make_org(name="АО «QazIndustry»", kato="711110000")
    entity = make_org(name="ТОО «Трубный завод»", kato="351010000")
    officer = make_user(Role.DEVELOPMENT_INSTITUTE, organization=institute)
    applicant = make_user(Role.APPLICANT, organization=entity)
    expert = make_user(Role.INDEPENDENT_EXPERT)

    sign_in(page, officer.username)
    page.goto("/en/incentives/grants/")
    page.get_by_role("link", name="Create a call").click()
    page.get_by_label("Title of the call").fill("Industrial grants 2026")
    page.get_by_label("Opens on").fill(today.isoformat())
    page.get_by_label("Closes on").fill((today + dt.timedelta(days=30)).isoformat())
    page.get_by_label("Budget of the call, tenge").fill("500000000")
    page.get_by_label("Ceiling per project, tenge").fill("200000000")
    page.get_by_label("Pass score (0–100)").fill("60")
    page.get_by_label("Independent experts per application").fill("1")
    page.get_by_label("Criterion 1", exact=True).fill("Competitiveness of the product")
    page.get_by_label("Weight of criterion 1, %").fill("60")
    page.get_by_label("Maximum score of criterion 1").fill("10")
    page.get_by_label("Criterion 2", exact=True).fill("Export potential")
    page.get_by_label("Weight of criterion 2, %").fill("40")
    page.get_by_label("Maximum score of criterion 2").fill("10")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Create the call as a draft").click()
    page.get_by_role("button", name="Open the call").click()
    # The draft's page had its own banner ("created as a draft"): the assertion waits for the new one.
    expect(page.locator(".govuk-notification-banner")).to_contain_text("criteria are published")
    assert "20% of the project's cost (IP-42.2)" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    call = GrantCall.objects.get()

    entity_page = _new_page(page, live_server)
    sign_in(entity_page, applicant.username)
    entity_page.goto(f"/en/incentives/grants/calls/{call.number}/")
    entity_page.get_by_role("link", name="Apply for a grant").click()
    entity_page.get_by_label("Title of the project").fill("Casing pipes line")
    entity_page.get_by_label("About the project").fill("A new production of casing pipes")
    entity_page.get_by_label("Amount requested, tenge").fill("150000000")
    entity_page.get_by_label("Your own contribution to the project, tenge").fill("20000000")
    entity_page.get_by_label("The project starts on").fill((today + dt.timedelta(days=40)).isoformat())
    entity_page.get_by_label("The project ends on").fill(dt.date(today.year + 1, 12, 31).isoformat())
    entity_page.get_by_role("button", name="Submit the application").click()
    assert "IP-42.2" in entity_page.locator(".govuk-error-summary").inner_text()
    assert axe_violations(entity_page) == []
    entity_page.get_by_label("Your own contribution to the project, tenge").fill("60000000")
    entity_page.get_by_role("button", name="Submit the application").click()
    entity_page.wait_for_url("**/incentives/grants/applications/*/")
    application = GrantApplication.objects.get()
    assert application.number in entity_page.get_by_role("heading", level=1).inner_text()
    assert axe_violations(entity_page) == []

    # The call's window has passed (the days in between are not waited for in a test).
    GrantCall.objects.filter(pk=call.pk).update(
        opens_on=today - dt.timedelta(days=31), closes_on=today - dt.timedelta(days=1)
    )
    page.goto(f"/en/incentives/grants/calls/{call.number}/")
    page.get_by_role("button", name="Stop taking applications").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("no longer takes applications")
    page.goto(f"/en/incentives/grants/applications/{application.number}/")
    page.get_by_label("Independent expert").select_option(str(expert.pk))
    page.get_by_role("button", name="Assign the expert").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The expert was assigned and notified.")
    assert axe_violations(page) == []

    expert_page = _new_page(page, live_server)
    sign_in(expert_page, expert.username)
    expert_page.goto("/en/incentives/grants/assessments/")
    expert_page.get_by_role("link", name=application.number).click()
    expert_page.get_by_label("No, I have no conflict of interest").check()
    expert_page.get_by_role("button", name="Make the declaration").click()
    expert_page.get_by_label("Competitiveness of the product (weight 60%, 0 to 10)").fill("8")
    expert_page.get_by_label("Export potential (weight 40%, 0 to 10)").fill("7")
    expert_page.get_by_label("Reasons for your scores").fill("A competitive product with export buyers")
    assert axe_violations(expert_page) == []
    expert_page.get_by_role("button", name="Submit the scores").click()
    expect(expert_page.locator(".govuk-notification-banner")).to_contain_text("Your scores were recorded.")

    page.goto(f"/en/incentives/grants/calls/{call.number}/")
    page.get_by_role("button", name="Decide on the examination").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The institute's decision was recorded")
    application.refresh_from_db()
    assert (application.status, application.average_score) == ("approved", Decimal("76.00"))
    page.goto(f"/en/incentives/grants/applications/{application.number}/")
    page.get_by_role("link", name="Record the grant agreement").click()
    page.get_by_label("Signed on", exact=True).fill(today.isoformat())
    page.get_by_label("Ends on", exact=True).fill(dt.date(today.year + 1, 12, 31).isoformat())
    page.get_by_label("Tranche 1: planned on").fill((today + dt.timedelta(days=10)).isoformat())
    page.get_by_label("Tranche 1: amount, tenge").fill("150000000")
    page.get_by_label("Counter-obligation 1: area").select_option("export_output")
    page.get_by_label("Counter-obligation 1: year").fill(str(today.year + 1))
    page.get_by_label("Counter-obligation 1: target").fill("-3")
    page.get_by_role("button", name="Record the agreement").click()
    assert "cannot be negative" in page.locator(".govuk-error-summary").inner_text()
    assert axe_violations(page) == []
    page.get_by_label("Counter-obligation 1: target").fill("300000000")
    page.get_by_role("button", name="Record the agreement").click()
    page.wait_for_url("**/incentives/grants/agreements/*/")
    agreement = GrantAgreement.objects.get()
    assert agreement.counter_obligations == [{"area": "export_output", "year": today.year + 1, "target": "300000000"}]
    main = page.locator("main").inner_text()
    assert "increasing the production of export-oriented goods" in main
    assert "Reports are due" in main
    assert axe_violations(page) == []
    page.screenshot(path=str(tmp_path / "grant_agreement.png"), full_page=True)

    entity_page.goto(f"/en/incentives/grants/agreements/{agreement.number}/")
    assert "Submit a report" in entity_page.locator("main").inner_text()
    page.goto("/en/incentives/grants/account/")
    page.get_by_label("Budget funds received, tenge").fill("500000000")
    page.get_by_label("Received on").fill(today.isoformat())
    page.get_by_label("Payment document").fill("ПП 1")
    page.get_by_role("button", name="Record the funds").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The budget funds received were recorded.")
    assert (
        "500,000,000.00" in page.locator("main").inner_text() or "500 000 000,00" in page.locator("main").inner_text()
    )
    assert axe_violations(page) == []
    page.screenshot(path=str(tmp_path / "grant_account.png"), full_page=True)
