"""State incentive measures in the browser: an applicant applies once for two measures; one is refused by the nisi
with its reasons (IP-25.6, IP-39.2), the operator assesses the criteria (IP-25.4) and grants the other; the public
pre-check; every page passes axe."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from nisi.core.roles import Role
from tests.browser.conftest import axe_violations, sign_in
from tests.incentives.fixtures import LIST_CSV, put_in_register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = "/tmp/incentives-shots"  # noqa: S108 - screenshots for a person to look at, not read back


def _new_page(page: Any, live_server: Any) -> Any:
    context = page.context.browser.new_context(base_url=live_server.url, locale="en-GB")
    other = context.new_page()
    other.set_default_timeout(15_000)
    return other


def _shot(page: Any, name: str) -> None:
    import os

    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def _catalogue(today: dt.date, bank: Any, institute: Any) -> None:
    from nisi.core.authz import SYSTEM
    from nisi.incentives.services import catalogue, priority

    bank_op = catalogue.operator_record(actor=SYSTEM, organization=bank, kind="development_bank")
    qi_op = catalogue.operator_record(actor=SYSTEM, organization=institute, kind="industrial_institute")
    for code, kind, operator, title in (
        ("dbk-financing", "financing", bank_op, "Project financing"),
        ("qi-productivity", "labour_productivity", qi_op, "Labour productivity"),
    ):
        measure = catalogue.measure_publish(actor=SYSTEM, code=code, kind=kind, operator=operator, title=title)
        catalogue.measure_window_open(actor=SYSTEM, measure=measure, opens_on=today - dt.timedelta(days=5))
    priority.priority_list_upload(actor=SYSTEM, content=LIST_CSV, name="v1.csv", in_force_from=today, basis="Order 1")


def test_an_application_for_two_measures_one_refused_one_granted(
    page: Any, live_server: Any, make_user: Any, make_org: Any
) -> None:
    from nisi.incentives.models import RequestedMeasure
    from nisi.law import clock

    today = clock.today()
    applicant_org = make_org(name="ТОО «Казавтопром»")
    bank = make_org(name="АО «Банк Развития Казахстана»")
    institute = make_org(name="АО «QazIndustry»")
    _catalogue(today, bank, institute)
    put_in_register(applicant_org, [(today - dt.timedelta(days=300), None)])
    applicant = make_user(Role.APPLICANT, organization=applicant_org)
    operator = make_user(Role.INCENTIVE_OPERATOR, organization=bank)

    # The public pre-check, without signing in.
    page.goto("/en/incentives/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Check, without signing in").click()
    page.get_by_label("BIN of the entity").fill(applicant_org.identifier)
    page.get_by_role("button", name="Check").click()
    expect(page.locator("main")).to_contain_text("No goods of the production were named")
    assert axe_violations(page) == []
    _shot(page, "precheck")

    sign_in(page, applicant.username)
    page.goto("/en/incentives/")
    page.get_by_role("link", name="Apply for measures").click()
    page.get_by_role("button", name="Submit the application").click()
    assert "Choose at least one measure" in page.locator(".govuk-error-summary").inner_text()
    assert axe_violations(page) == []
    page.get_by_label("Project financing").check()
    page.get_by_label("Labour productivity", exact=False).first.check()
    page.get_by_label("The project", exact=True).fill("Truck assembly plant")
    page.get_by_label("Modernization (technical re-equipment) of an existing production").check()
    page.get_by_label("HS codes of the goods the project produces").fill("870421")
    page.get_by_label("We accept counter-obligations").check()
    _shot(page, "apply")
    page.get_by_role("button", name="Submit the application").click()
    assert "was submitted" in page.locator(".govuk-notification-banner").inner_text()
    text = page.content()
    assert "Labour productivity is stimulated only for the costs IP-39.2 names" in text
    assert "With the operator" in text
    assert axe_violations(page) == []
    _shot(page, "application")
    financing = RequestedMeasure.objects.get(measure__code="dbk-financing")
    assert RequestedMeasure.objects.get(measure__code="qi-productivity").status == "refused"

    officer = _new_page(page, live_server)
    sign_in(officer, operator.username)
    officer.goto("/en/incentives/")
    officer.get_by_role("link", name="Requests routed to you").click()
    officer.get_by_role("link", name=financing.number).click()
    officer.wait_for_url(f"**/incentives/requests/{financing.number}/")
    assert axe_violations(officer) == []
    officer.get_by_role("button", name="Grant the measure").click()
    expect(officer.locator("main")).to_contain_text("Assess the five criteria")
    for legend in ("Innovativeness", "Competitiveness", "Scale", "Export orientation", "Labour productivity"):
        officer.get_by_role("group", name=legend).get_by_label("Adequate").check()
    officer.get_by_role("button", name="Record the assessment").click()
    # "Grant" is on the page before the assessment's answer too: it is pressed once the assessment is recorded.
    expect(officer.locator(".govuk-notification-banner")).to_contain_text("The criteria were assessed.")
    officer.get_by_role("button", name="Grant the measure").click()
    expect(officer.locator(".govuk-notification-banner")).to_contain_text("The measure was granted")
    assert axe_violations(officer) == []
    _shot(officer, "request")
    financing.refresh_from_db()
    assert financing.status == "granted"
