"""Project financing, governance and programmes in the browser: the Fund opens a call, a cluster actor applies, an
independent expert declares and scores; the pages pass axe."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
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


def test_a_call_from_opening_to_an_expert_score(page: Any, live_server: Any, make_user: Any, make_org: Any) -> None:
    from nisi.astana_hub.models import CommitteeDecision, FinancingApplication, FinancingCall, HubActor
    from nisi.law import clock

    today = clock.today()
    CommitteeDecision.objects.create(
        number="AH-D-0000-00001",
        matter="annual_budget",
        decided_on=today - dt.timedelta(days=30),
        applies_from=today - dt.timedelta(days=30),
        period_year=today.year,
        amount=Decimal("1000000000.00"),
        summary="Budget",
        minutes_reference="No. 1",
        recorded_at=clock.now(),
        recorded_by_label="test",
    )
    org = make_org(name="ТОО «Browser AI»", kato="711110000")
    HubActor.objects.create(
        number="AH-A-0000-00001",
        organization=org,
        status=HubActor.Status.REGISTERED,
        activity="AI",
        applied_on=today - dt.timedelta(days=20),
        registered_on=today - dt.timedelta(days=10),
        decided_by_label="test",
    )
    officer = make_user(Role.ASTANA_HUB_FUND)
    applicant = make_user(Role.APPLICANT, organization=org)
    expert = make_user(Role.INDEPENDENT_EXPERT)

    sign_in(page, officer.username)
    page.goto("/en/astana-hub/financing/calls/")
    page.get_by_role("link", name="Create a call").click()
    page.get_by_label("Title of the call").fill("Browser call")
    page.get_by_label("Opens on").fill(today.isoformat())
    page.get_by_label("Closes on").fill((today + dt.timedelta(days=30)).isoformat())
    page.get_by_label("Budget of the call, tenge").fill("100000000")
    page.get_by_label("Ceiling per project, tenge").fill("20000000")
    page.get_by_label("Pass score (0–100)").fill("60")
    page.get_by_label("Independent experts per application").fill("1")
    page.get_by_label("Criterion 1", exact=True).fill("Novelty")
    page.get_by_label("Weight of criterion 1, %").fill("70")
    page.get_by_label("Maximum score of criterion 1").fill("10")
    page.get_by_label("Criterion 2", exact=True).fill("Team")
    page.get_by_label("Weight of criterion 2, %").fill("20")
    page.get_by_label("Maximum score of criterion 2").fill("5")
    page.get_by_role("button", name="Create the call as a draft").click()
    assert "must sum to 100; they sum to 90" in page.locator(".govuk-error-summary").inner_text()
    assert axe_violations(page) == []
    page.get_by_label("Weight of criterion 2, %").fill("30")
    page.get_by_role("button", name="Create the call as a draft").click()
    page.get_by_role("button", name="Open the call").click()
    # The draft's page had its own banner ("created as a draft"): the assertion waits for the new one.
    expect(page.locator(".govuk-notification-banner")).to_contain_text("open for applications")
    assert axe_violations(page) == []
    call = FinancingCall.objects.get()
    assert call.status == "open"

    actor_page = _new_page(page, live_server)
    sign_in(actor_page, applicant.username)
    actor_page.goto(f"/en/astana-hub/financing/calls/{call.number}/")
    actor_page.get_by_role("link", name="Apply for financing").click()
    actor_page.get_by_label("Title of the project").fill("Vision for fields")
    actor_page.get_by_label("About the project").fill("Drones and a model")
    actor_page.get_by_label("Amount requested, tenge").fill("25000000")
    actor_page.get_by_label("The project starts on").fill((today + dt.timedelta(days=60)).isoformat())
    actor_page.get_by_label("The project ends on").fill((today + dt.timedelta(days=400)).isoformat())
    actor_page.get_by_role("button", name="Submit the application").click()
    assert "at most 20000000.00 tenge" in actor_page.locator(".govuk-error-summary").inner_text()
    assert axe_violations(actor_page) == []
    actor_page.get_by_label("Amount requested, tenge").fill("15000000")
    actor_page.get_by_role("button", name="Submit the application").click()
    actor_page.wait_for_url("**/astana-hub/financing/applications/*/")
    application = FinancingApplication.objects.get()
    assert application.number in actor_page.get_by_role("heading", level=1).inner_text()

    page.goto(f"/en/astana-hub/financing/applications/{application.number}/")
    page.get_by_label("Independent expert").select_option(str(expert.pk))
    page.get_by_role("button", name="Assign the expert").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The expert was assigned and notified.")
    assert axe_violations(page) == []

    expert_page = _new_page(page, live_server)
    sign_in(expert_page, expert.username)
    expert_page.goto("/en/astana-hub/financing/assessments/")
    expert_page.get_by_role("link", name=application.number).click()
    expert_page.get_by_label("No, I have no conflict of interest").check()
    expert_page.get_by_role("button", name="Make the declaration").click()
    expert_page.get_by_label("Novelty (weight 70%, 0 to 10)").fill("9")
    expert_page.get_by_label("Team (weight 30%, 0 to 5)").fill("4")
    expert_page.get_by_label("Reasons for your scores").fill("Strong team, novel approach")
    assert axe_violations(expert_page) == []
    expert_page.get_by_role("button", name="Submit the scores").click()
    expect(expert_page.locator(".govuk-notification-banner")).to_contain_text("Your scores were recorded.")
    application.refresh_from_db()
    assert application.average_score == Decimal("87.00")  # 63 + 24


def test_governance_and_programme_pages_are_accessible(page: Any, make_user: Any) -> None:
    from nisi.astana_hub.services import programmes
    from tests.astana_hub.conftest import FUND

    accel = programmes.programme_create(
        actor=FUND, code="accel", kind="acceleration", title="Accelerator", description="", provides_housing=True
    )
    sign_in(page, make_user(Role.ASTANA_HUB_FUND).username)
    for path in (
        "/en/astana-hub/governance/",
        "/en/astana-hub/governance/decisions/new/",
        "/en/astana-hub/programmes/",
        f"/en/astana-hub/programmes/{accel.code}/",
        "/ru/astana-hub/financing/calls/",
    ):
        page.goto(path)
        assert axe_violations(page) == [], path
