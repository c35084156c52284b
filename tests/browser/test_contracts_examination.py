"""The examination of an application in the browser: a manufacturer applies against a published list, the customer
awards it with the good's characteristics and concludes the contract, the manufacturer sees the contract from its
application; a producer in the register objects to an excluded good. The pages pass axe."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from nisi.core.roles import Role
from tests.browser.conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# Set NISI_SCREENSHOTS to a folder to keep the pages as PNGs, to look at them.
SHOTS = os.environ.get("NISI_SCREENSHOTS", "")


def _new_page(page: Any, live_server: Any) -> Any:
    context = page.context.browser.new_context(base_url=live_server.url, locale="en-GB")
    other = context.new_page()
    other.set_default_timeout(15_000)
    return other


def _shot(page: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def _plan(customer_org: Any, *, publish: bool) -> Any:
    from nisi.contracts.rules.plans import LineIn
    from nisi.contracts.services import plans, plans_review
    from nisi.core.authz import Actor, Grant
    from nisi.law import clock

    customer = Actor(user_id=None, label="customer", grants=(Grant(Role.MAJOR_CUSTOMER, customer_org.pk),))
    officer = Actor(user_id=None, label="officer", grants=(Grant(Role.AUTHORIZED_BODY),))
    year = clock.today().year + 1
    plan = plans.plan_create(actor=customer, organization=customer_org, first_year=year, last_year=year)
    plans.line_add(actor=customer, plan=plan, line=LineIn("848180", "Клапаны запорные", Decimal(40), "pcs", year))
    plans.line_add(
        actor=customer,
        plan=plan,
        line=LineIn(
            "850440",
            "Инверторы",
            Decimal(12),
            "pcs",
            year,
            exclusion="domestic_market",
            exclusion_reason="Закупаются у поставщика по рамочному договору",
        ),
    )
    plans.plan_submit(actor=customer, plan=plan)
    if publish:
        plans_review.plan_agree(actor=officer, plan=plan)
        plans_review.plan_publish(actor=officer, plan=plan)
    return plan


def _customer(make_org: Any) -> Any:
    from nisi.contracts.models import LargeCustomerKind
    from nisi.contracts.services import customers
    from nisi.core.authz import SYSTEM
    from nisi.core.models import ClassifierCode

    for code in ("848180", "850440"):
        ClassifierCode.objects.get_or_create(system="HS", code=code, defaults={"level": 6, "parent_code": code[:4]})
    customer_org = make_org(name="АО «Электросети»")
    customers.customer_record(
        actor=SYSTEM, organization=customer_org, kind=LargeCustomerKind.NATURAL_MONOPOLY, since=dt.date(2025, 9, 1)
    )
    return customer_org


def test_applied_awarded_concluded_and_seen_by_the_manufacturer(
    page: Any, live_server: Any, make_user: Any, make_org: Any
) -> None:
    from nisi.contracts.models import DevelopmentContract, PlanApplication
    from nisi.law import clock

    customer_org = _customer(make_org)
    _plan(customer_org, publish=True)
    maker_org = make_org(name="ТОО «Арматурный завод»")
    customer = make_user(Role.MAJOR_CUSTOMER, organization=customer_org)
    maker = make_user(Role.APPLICANT, organization=maker_org)
    year = clock.today().year + 1

    maker_page = _new_page(page, live_server)
    sign_in(maker_page, maker.username)
    maker_page.goto("/en/contracts/goods/?code=8481")
    maker_page.get_by_role("link", name="Apply — Клапаны").click()
    maker_page.get_by_label("Off-take contract").check()
    maker_page.get_by_label("Quantity you offer").fill("20")
    maker_page.get_by_role("button", name="Send the application").click()
    maker_page.wait_for_url("**/contracts/applications/*/")
    application = PlanApplication.objects.get()

    sign_in(page, customer.username)
    page.goto(f"/en/contracts/applications/{application.number}/")
    assert axe_violations(page) == []
    _shot(page, "examination-application-customer")
    page.get_by_label("Technical characteristics").fill("DN 100; PN 40; рабочая среда — нефть, газ")
    page.get_by_role("button", name="Award").click()
    assert "Give the good's physical and/or chemical properties" in page.locator(".govuk-error-summary").inner_text()
    assert axe_violations(page) == []
    page.get_by_label("Technical characteristics").fill("DN 100; PN 40; рабочая среда — нефть, газ")
    page.get_by_label("Physical and/or chemical properties").fill("Корпус — сталь 20ГЛ; температура до 425 °C")
    page.get_by_label("Configuration").fill("Задвижка с ручным приводом и ответными фланцами")
    page.get_by_role("button", name="Award").click()
    assert "awarded" in page.locator(".govuk-notification-banner").inner_text()
    page.get_by_label("Price per unit, tenge").fill("950000")
    page.get_by_label("Contract amount, tenge").fill("19000000")
    page.get_by_label("Starts on").fill(f"{year}-01-01")
    page.get_by_label("Ends on").fill(f"{year}-12-31")
    page.get_by_label("Volume of each calendar year").fill(f"{year}: 20")
    page.get_by_label("Minimum domestic value, per cent (off-take)").fill("45")
    page.get_by_label("The manufacturer develops a programme to raise domestic value (off-take, IP-48.5)").check()
    page.get_by_role("button", name="Conclude the contract").click()
    # The page before it had a banner too (the award's): the assertion waits for the new one.
    expect(page.locator(".govuk-notification-banner")).to_contain_text("was concluded")
    contract = DevelopmentContract.objects.get()
    assert contract.application == application
    assert axe_violations(page) == []

    maker_page.goto(f"/en/contracts/applications/{application.number}/")
    assert "Contract concluded" in maker_page.get_by_role("heading", level=1).inner_text()
    assert axe_violations(maker_page) == []
    _shot(maker_page, "examination-application-manufacturer")
    maker_page.get_by_role("link", name=contract.number).click()
    maker_page.wait_for_url(f"**/contracts/offtake/contracts/{contract.number}/")
    assert application.number in maker_page.content()
    assert "Задвижка с ручным приводом" in maker_page.content()
    assert axe_violations(maker_page) == []
    _shot(maker_page, "examination-contract-manufacturer")


def test_a_producer_objects_to_an_excluded_good(page: Any, live_server: Any, make_user: Any, make_org: Any) -> None:
    from nisi.contracts.models import ExclusionObjection
    from tests.contracts.purchases_fixtures import put_in_register

    customer_org = _customer(make_org)
    _plan(customer_org, publish=False)
    producer_org = make_org(name="ТОО «Казэлектро»")
    put_in_register(
        producer_org, periods=[(dt.date(2025, 1, 1), None)], goods=[("850440", None, dt.date(2025, 1, 1), None)]
    )
    producer = make_user(Role.APPLICANT, organization=producer_org)
    officer = make_user(Role.AUTHORIZED_BODY)

    sign_in(page, producer.username)
    page.goto("/en/contracts/excluded/")
    assert axe_violations(page) == []
    _shot(page, "excluded-goods-producer")
    page.get_by_role("link", name="We make this — 850440 Инверторы").click()
    page.get_by_role("button", name="Send the objection").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("What you make").fill("Серийный выпуск инверторов, 3 000 шт. в год")
    page.get_by_role("button", name="Send the objection").click()
    page.wait_for_url("**/contracts/objections/*/")
    objection = ExclusionObjection.objects.get()
    assert objection.number in page.get_by_role("heading", level=1).inner_text()

    officer_page = _new_page(page, live_server)
    sign_in(officer_page, officer.username)
    officer_page.goto(f"/en/contracts/objections/{objection.number}/")
    assert axe_violations(officer_page) == []
    _shot(officer_page, "objection-officer")
    officer_page.locator("#id_accept-reasons").fill("Производство подтверждено.")
    officer_page.get_by_role("button", name="Accept", exact=True).click()
    assert "accepted" in officer_page.locator(".govuk-notification-banner").inner_text()
