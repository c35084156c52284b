"""Procurement plans in the browser: a customer submits a plan, receives comments, resubmits, sees it agreed and
its list published; a manufacturer applies against it; the pages pass axe."""

from __future__ import annotations

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


def test_a_plan_from_submission_to_an_application(page: Any, live_server: Any, make_user: Any, make_org: Any) -> None:
    import datetime as dt

    from nisi.contracts.models import LargeCustomerKind, PlanApplication, ProcurementPlan
    from nisi.contracts.services import customers
    from nisi.core.authz import SYSTEM
    from nisi.core.models import ClassifierCode
    from nisi.law import clock

    for code in ("730429", "848180"):
        ClassifierCode.objects.get_or_create(system="HS", code=code, defaults={"level": 6, "parent_code": code[:4]})
    customer_org = make_org(name="АО «Недра»")
    maker_org = make_org(name="ТОО «Завод»")
    customers.customer_record(
        actor=SYSTEM, organization=customer_org, kind=LargeCustomerKind.SUBSOIL_USER, since=dt.date(2025, 9, 1)
    )
    customer = make_user(Role.MAJOR_CUSTOMER, organization=customer_org)
    officer = make_user(Role.AUTHORIZED_BODY)
    maker = make_user(Role.APPLICANT, organization=maker_org)
    year = str(clock.today().year + 1)

    sign_in(page, customer.username)
    page.goto("/en/contracts/")
    page.get_by_role("link", name="Your procurement plans").click()
    page.get_by_role("link", name="Start a new plan").click()
    page.get_by_label("First year of purchase").fill(year)
    page.get_by_label("Last year of purchase").fill("1999")
    page.get_by_role("button", name="Create the draft").click()
    assert "Enter a year from 2000" in page.locator(".govuk-error-summary").inner_text()
    assert axe_violations(page) == []
    page.get_by_label("Last year of purchase").fill(year)
    page.get_by_role("button", name="Create the draft").click()
    page.get_by_label("Product code").fill("999999")
    page.get_by_label("Description of the good").fill("Трубы обсадные")
    page.get_by_label("Quantity").fill("100")
    page.get_by_label("Unit of measure").fill("t")
    page.get_by_label("Year of purchase").fill(year)
    page.get_by_role("button", name="Add the good").click()
    assert "not in the HS/TN VED classifier" in page.locator(".govuk-error-summary").inner_text()
    assert axe_violations(page) == []
    page.get_by_label("Product code").fill("730429")
    page.get_by_role("button", name="Add the good").click()
    # The plan's buttons are on the page before each answer too: each is pressed once the answer before it came.
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The good was added to the plan.")
    page.get_by_role("button", name="Submit the plan to the authorized body").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("submitted to the authorized body")
    plan = ProcurementPlan.objects.get()

    officer_page = _new_page(page, live_server)
    sign_in(officer_page, officer.username)
    officer_page.goto("/en/contracts/plans/")
    assert axe_violations(officer_page) == []
    officer_page.get_by_role("link", name=plan.number).click()
    officer_page.get_by_label("Comments to the customer").fill("Pipes are bought on the domestic market: exclude them.")
    officer_page.get_by_role("button", name="Return with comments").click()
    expect(officer_page.locator(".govuk-notification-banner")).to_contain_text("returned to the customer")
    assert axe_violations(officer_page) == []

    page.reload()
    assert "Pipes are bought on the domestic market" in page.content()
    page.get_by_label("Product code").fill("848180")
    page.get_by_label("Description of the good").fill("Клапаны")
    page.get_by_label("Quantity").fill("10")
    page.get_by_label("Unit of measure").fill("pcs")
    page.get_by_label("Year of purchase").fill(year)
    page.get_by_role("button", name="Add the good").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The good was added to the plan.")
    page.get_by_role("button", name="Resubmit the amended plan").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("resubmitted")

    officer_page.reload()
    officer_page.get_by_role("button", name="Agree the plan").click()
    officer_page.get_by_role("button", name="Publish the list of goods").click()
    expect(officer_page.locator(".govuk-notification-banner")).to_contain_text("was published")

    page.reload()
    assert "Published" in page.locator(".govuk-summary-list").inner_text()
    assert axe_violations(page) == []

    maker_page = _new_page(page, live_server)
    sign_in(maker_page, maker.username)
    maker_page.goto("/en/contracts/goods/?code=8481")
    assert axe_violations(maker_page) == []
    maker_page.get_by_role("link", name="Apply — Клапаны").click()
    maker_page.get_by_role("button", name="Send the application").click()
    assert "Choose the kind of contract" in maker_page.locator(".govuk-error-summary").inner_text()
    assert axe_violations(maker_page) == []
    maker_page.get_by_label("Off-take contract").check()
    maker_page.get_by_label("Quantity you offer").fill("5")
    maker_page.get_by_role("button", name="Send the application").click()
    maker_page.wait_for_url("**/contracts/applications/*/")
    application = PlanApplication.objects.get()
    assert application.number in maker_page.get_by_role("heading", level=1).inner_text()

    page.goto("/en/contracts/applications/")
    assert application.number in page.content()
    assert axe_violations(page) == []


def test_the_authorized_body_sees_overdue_reviews(page: Any, live_server: Any, make_user: Any, make_org: Any) -> None:
    """IP-47.4: a plan submitted forty days ago, not reviewed: the reviewers' queue marks it overdue, the customer's
    page too, and both pass axe. (The live server reads the real clock: the plan is made in the past.)"""
    import datetime as dt

    from nisi.contracts.models import LargeCustomerKind
    from nisi.contracts.rules.plans import LineIn
    from nisi.contracts.services import customers, plans
    from nisi.core.authz import SYSTEM, actor_for
    from nisi.core.models import ClassifierCode
    from nisi.core.services.deadlines import deadlines_daily
    from nisi.law import clock

    ClassifierCode.objects.get_or_create(system="HS", code="730429", defaults={"level": 6, "parent_code": "7304"})
    customer_org = make_org(name="АО «Недра»")
    submitted_on = clock.today() - dt.timedelta(days=40)
    customers.customer_record(
        actor=SYSTEM,
        organization=customer_org,
        kind=LargeCustomerKind.SUBSOIL_USER,
        since=submitted_on - dt.timedelta(days=30),
    )
    customer = make_user(Role.MAJOR_CUSTOMER, organization=customer_org)
    officer = make_user(Role.AUTHORIZED_BODY)
    year = submitted_on.year + 1
    with clock.frozen(submitted_on):
        plan = plans.plan_create(actor=actor_for(customer), organization=customer_org, first_year=year, last_year=year)
        plans.line_add(
            actor=actor_for(customer),
            plan=plan,
            line=LineIn(product_code="730429", description="Трубы", quantity=100, unit="t", year=year),
        )
        plans.plan_submit(actor=actor_for(customer), plan=plan)
    deadlines_daily()

    sign_in(page, officer.username)
    page.goto("/en/contracts/plans/?order=due")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=plan.number))
    row.get_by_text("Overdue").wait_for()
    assert axe_violations(page) == []
    customer_page = _new_page(page, live_server)
    sign_in(customer_page, customer.username)
    customer_page.goto(f"/en/contracts/plans/{plan.number}/")
    customer_page.get_by_text("Overdue").first.wait_for()
    assert axe_violations(customer_page) == []
