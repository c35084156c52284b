"""The Astana Hub participants in the browser: a Fund officer registers an actor from the queue and sees its
certificate; an organization applying twice reads the duplicate error; the pages pass axe."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from nisi.core.roles import Role
from tests.browser.conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_fund_officer_registers_an_astana_hub_actor(page: Any, make_user: Any, make_org: Any) -> None:
    from nisi.astana_hub.models import HubActor
    from nisi.astana_hub.services.participants import hub_actor_apply
    from nisi.core.authz import actor_for

    org = make_org(name="ТОО «Browser AI»", kato="711110000")
    member = make_user(Role.APPLICANT, organization=org)
    record = hub_actor_apply(
        actor=actor_for(member),
        organization=org,
        activity="Computer vision for quality control",
        priority_direction="artificial_intelligence",
    )
    officer = make_user(Role.ASTANA_HUB_FUND)

    sign_in(page, officer.username)
    page.goto("/en/astana-hub/")
    page.get_by_role("link", name="Registration of Astana Hub actors").click()
    page.wait_for_url("**/astana-hub/actors/")
    assert axe_violations(page) == []
    page.get_by_role("link", name=record.number).click()
    page.wait_for_url(f"**/astana-hub/actors/{record.number}/")
    assert "Applied" in page.locator(".govuk-summary-list").inner_text()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Register as an Astana Hub actor and issue the certificate").click()
    # The decision answers with the same address: the banner, not the address, says the answer has come.
    expect(page.locator(".govuk-notification-banner")).to_contain_text("the certificate was issued")
    certificate = page.get_by_role("link", name="Download the certificate (PDF)")
    expect(certificate).to_be_visible()
    assert axe_violations(page) == []
    record.refresh_from_db()
    assert record.status == HubActor.Status.REGISTERED

    page.get_by_role("link", name="Its public verification page").click()
    page.wait_for_url("**/verify/*/")
    main = page.locator("main").inner_text()
    assert "Registered as an Astana Hub actor" in main
    assert "its signature is intact" in main


def test_an_organization_applying_twice_reads_the_duplicate_error(page: Any, make_user: Any, make_org: Any) -> None:
    org = make_org(name="ТОО «Twice»", kato="711110000")
    member = make_user(Role.APPLICANT, organization=org)
    sign_in(page, member.username)
    for attempt in range(2):
        page.goto("/en/astana-hub/actors/apply/")
        page.get_by_label("Innovative activity").fill("Payments for small shops")
        page.get_by_label("Financial technology (FinTech)").check()
        if attempt == 1:
            assert axe_violations(page) == []
        page.get_by_role("button", name="Send the application").click()
        if attempt == 0:  # the first is recorded before the form is asked for again
            expect(page.locator(".govuk-notification-banner")).to_contain_text("was sent to the Fund")
    summary = page.locator(".govuk-error-summary")
    assert "ТОО «Twice» already has an application AH-A-" in summary.inner_text()
    assert axe_violations(page) == []
