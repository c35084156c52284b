"""The territorial clusters' competitive selection in the browser (IP-9.16, IP-40.1): the authorized body creates a
call with its criteria and opens it, a cluster organization applies, the body closes the call and assigns an
independent expert, the expert declares no conflict and scores, the body decides, and the cluster organization sees
its cluster selected; every page passes axe."""

from __future__ import annotations

import contextlib
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


def _bins(n: int) -> list[str]:
    from nisi.core import identifiers

    found: list[str] = []
    seed = 0
    while len(found) < n:
        with contextlib.suppress(identifiers.InvalidIdentifier):
            found.append(identifiers.complete(f"21014{seed:06d}"))
        seed += 1
    return found


def test_a_territorial_cluster_from_the_call_to_the_register(
    page: Any, live_server: Any, make_user: Any, make_org: Any
) -> None:
    from nisi.infrastructure.models import ClusterApplication, ClusterCall, InfrastructureEntry
    from nisi.law import clock

    today = clock.today()
    cluster_org = make_org(name="ТОО «Кластерная организация»", kato="351010000")
    officer = make_user(Role.AUTHORIZED_BODY)
    applicant = make_user(Role.APPLICANT, organization=cluster_org)
    expert = make_user(Role.INDEPENDENT_EXPERT)

    sign_in(page, officer.username)
    page.goto("/en/infrastructure/clusters/")
    page.get_by_role("link", name="Create a call").click()
    page.get_by_label("Title of the call").fill("Competitive selection of territorial clusters")
    page.get_by_label("Opens on").fill(today.isoformat())
    page.get_by_label("Closes on").fill((today + dt.timedelta(days=30)).isoformat())
    page.get_by_label("Budget of the call, tenge").fill("500000000")
    page.get_by_label("Ceiling per project, tenge").fill("300000000")
    page.get_by_label("Pass score (0–100)").fill("60")
    page.get_by_label("Independent experts per application").fill("1")
    page.get_by_label("Criterion 1", exact=True).fill("Depth of cooperation between participants")
    page.get_by_label("Weight of criterion 1, %").fill("60")
    page.get_by_label("Maximum score of criterion 1").fill("10")
    page.get_by_label("Criterion 2", exact=True).fill("Quality of the development plan")
    page.get_by_label("Weight of criterion 2, %").fill("30")
    page.get_by_label("Maximum score of criterion 2").fill("10")
    page.get_by_role("button", name="Create the call as a draft").click()
    assert "100" in page.locator(".govuk-error-summary").inner_text()  # the weights sum to 90
    assert axe_violations(page) == []
    page.get_by_label("Weight of criterion 2, %").fill("40")
    page.get_by_role("button", name="Create the call as a draft").click()
    page.get_by_role("button", name="Publish the call").click()
    # The draft's page had its own banner ("created as a draft"): the assertion waits for the new one.
    expect(page.locator(".govuk-notification-banner")).to_contain_text("published")
    assert axe_violations(page) == []
    call = ClusterCall.objects.get()
    assert call.status == "open"

    applicant_page = _new_page(page, live_server)
    sign_in(applicant_page, applicant.username)
    applicant_page.goto(f"/en/infrastructure/clusters/calls/{call.number}/")
    applicant_page.get_by_role("link", name="Apply for your territorial cluster").click()
    applicant_page.get_by_label("Name of the territorial cluster").fill("Karaganda metallurgical cluster")
    applicant_page.get_by_label("Industry specialization").fill("Metallurgy")
    applicant_page.get_by_label("KATO code of the site").fill("351010000")
    applicant_page.get_by_label("Participants of the cluster (BIN)").fill("\n".join(_bins(2)))
    applicant_page.get_by_label("Development plan").fill("Joint purchasing, training, technology transfer")
    applicant_page.get_by_label("Support requested, tenge").fill("200000000")
    applicant_page.get_by_label("The plan starts on").fill((today + dt.timedelta(days=40)).isoformat())
    applicant_page.get_by_label("The plan ends on").fill(dt.date(today.year + 2, 12, 31).isoformat())
    applicant_page.get_by_role("button", name="Submit the application").click()
    applicant_page.locator(".govuk-notification-banner").wait_for()
    application = ClusterApplication.objects.get()
    assert application.number in applicant_page.get_by_role("heading", level=1).inner_text()
    assert axe_violations(applicant_page) == []

    # The call's window has passed (the days in between are not waited for in a test).
    ClusterCall.objects.filter(pk=call.pk).update(
        opens_on=today - dt.timedelta(days=31), closes_on=today - dt.timedelta(days=1)
    )
    page.goto(f"/en/infrastructure/clusters/calls/{call.number}/")
    page.get_by_role("button", name="Close the call").click()
    assert "closed for applications" in page.locator(".govuk-notification-banner").inner_text()
    page.get_by_role("link", name=application.number).click()
    page.get_by_role("button", name="Assign the expert").click()
    assert "Choose an expert" in page.locator(".govuk-error-summary").inner_text()
    assert axe_violations(page) == []
    page.get_by_label("Independent expert").select_option(str(expert.pk))
    page.get_by_role("button", name="Assign the expert").click()
    assert "assigned and notified" in page.locator(".govuk-notification-banner").inner_text()
    assert axe_violations(page) == []

    expert_page = _new_page(page, live_server)
    sign_in(expert_page, expert.username)
    expert_page.goto("/en/infrastructure/clusters/")
    expert_page.get_by_role("link", name="My assessments").click()
    expert_page.wait_for_url("**/infrastructure/clusters/assessments/")
    assert axe_violations(expert_page) == []
    expert_page.get_by_role("link", name=application.number).click()
    expert_page.get_by_label("No, I have no conflict of interest").check()
    expert_page.get_by_role("button", name="Make the declaration").click()
    assert "You may now score" in expert_page.locator(".govuk-notification-banner").inner_text()
    expert_page.get_by_label("Depth of cooperation between participants (weight 60%, 0 to 10)").fill("12")
    expert_page.get_by_label("Quality of the development plan (weight 40%, 0 to 10)").fill("7")
    expert_page.get_by_label("Reasons for your scores").fill("Strong cooperation and a realistic plan")
    expert_page.get_by_role("button", name="Submit the scores").click()
    assert "0 to 10" in expert_page.locator(".govuk-error-summary").inner_text()
    assert (
        expert_page.get_by_label("Reasons for your scores").input_value() == "Strong cooperation and a realistic plan"
    )
    assert axe_violations(expert_page) == []
    expert_page.get_by_label("Depth of cooperation between participants (weight 60%, 0 to 10)").fill("8")
    expert_page.get_by_role("button", name="Submit the scores").click()
    assert "scores were recorded" in expert_page.locator(".govuk-notification-banner").inner_text()
    assert axe_violations(expert_page) == []

    page.goto(f"/en/infrastructure/clusters/calls/{call.number}/")
    page.get_by_role("button", name="Decide the selection").click()
    assert "decided" in page.locator(".govuk-notification-banner").inner_text()
    application.refresh_from_db()
    assert (application.status, application.average_score) == ("approved", Decimal("76.00"))
    assert InfrastructureEntry.objects.filter(kind="territorial_cluster", organization=cluster_org).exists()

    applicant_page.goto(f"/en/infrastructure/clusters/applications/{application.number}/")
    main = applicant_page.locator("main").inner_text()
    assert "approved" in main  # the status, as the core names it
    assert "enters the register of territorial clusters" in main
    assert axe_violations(applicant_page) == []
