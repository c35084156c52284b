"""Industrial assembly agreements in the browser (IP-62.4, IP-62.6): the authorized body notifies violations of one
agreement in English and finds the term in its list in Russian; it terminates another whose three months ended
without the violations eliminated, in Kazakh, and reads the benefits to reimburse by code, line by line. Every page
passes axe."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from nisi.core.roles import Role
from tests.browser.conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = "/tmp/assembly-shots"  # noqa: S108 - screenshots for a person to look at, not read back


def _shot(page: Any, name: str) -> None:
    import os

    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def _agreements(plant: Any) -> tuple[Any, Any]:
    from nisi.assembly import rules, services
    from nisi.core.authz import Actor, Grant
    from nisi.law import clock
    from tests.conftest import hs_codes_loaded

    hs_codes_loaded()
    officer = Actor(user_id=None, label="officer", grants=(Grant(Role.AUTHORIZED_BODY),))
    today = clock.today()
    concluded = today - dt.timedelta(days=200)
    with clock.frozen(concluded):
        threshold = rules.assets_threshold(rules.Category.TRUCK, concluded).value
        facts = rules.Facts(
            operations=frozenset({"welding", "painting", "body_assembly"}),
            brands={"KAMAZ": 2},
            capacity=12_000,
            assets=threshold,
        )
        kept, ended = (
            services.agreement_conclude(
                actor=officer, organization=plant.identifier, category="truck", hs_codes=codes, facts=facts
            )
            for codes in (["870421"], ["870422", "870423"])
        )
    with clock.frozen(today - dt.timedelta(days=110)):
        for code, amount in (("870422", "1500000.25"), ("870423", "250000.50")):
            services.benefit_record(
                actor=officer,
                agreement=ended,
                hs_code=code,
                period_start=concluded,
                period_end=concluded + dt.timedelta(days=60),
                kind="ввозная таможенная пошлина",
                amount=Decimal(amount),
            )
    with clock.frozen(today - dt.timedelta(days=100)):
        services.agreement_notify(actor=officer, agreement=ended, violations="окраска кабин не выполняется")
    return kept, ended


def test_violation_notice_and_termination(page: Any, live_server: Any, make_user: Any, make_org: Any) -> None:
    from nisi.assembly.models import Agreement

    plant = make_org(name="ТОО «СарыаркаАвтоПром»")
    officer = make_user(Role.AUTHORIZED_BODY)
    kept, ended = _agreements(plant)

    # English: the officer notifies violations; the reasons are required first.
    sign_in(page, officer.username)
    page.goto(f"/en/assembly/agreements/{kept.number}/")
    assert axe_violations(page) == []
    page.locator('button[value="notify"]').click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert axe_violations(page) == []
    page.locator('textarea[name="reasons"]').fill("Cabins are not painted at the plant (IP-63.2.1).")
    page.locator('button[value="notify"]').click()
    expect(page.locator(".govuk-notification-banner")).to_be_visible()
    expect(page.locator(".govuk-warning-text")).to_be_visible()  # the term to eliminate them, to its last day
    expect(page.locator('button[value="terminate"]')).to_have_count(0)  # not before the term ends
    assert axe_violations(page) == []
    _shot(page, "notified-en")

    # Russian: the list shows both terms; the ended one says termination is open.
    page.goto("/ru/assembly/agreements/")
    text = page.locator("body").inner_text()
    assert kept.number in text
    assert ended.number in text
    assert page.locator(".govuk-tag--red").count() == 1  # the ended term: termination is open
    assert axe_violations(page) == []
    _shot(page, "list-ru")

    # Kazakh: the officer terminates the agreement whose term ended; the benefits by code, line by line.
    page.goto(f"/kk/assembly/agreements/{ended.number}/")
    assert axe_violations(page) == []
    page.locator('textarea[name="reasons"]').fill("Бұзушылықтар үш ай ішінде жойылмады.")
    page.locator('button[value="terminate"]').click()
    expect(page.locator(".govuk-notification-banner")).to_be_visible()
    text = page.locator("body").inner_text()
    assert "1750000" in text
    assert "870422" in text
    assert "870423" in text
    assert "IP-62.6" in text
    assert axe_violations(page) == []
    _shot(page, "terminated-kk")
    ended.refresh_from_db()
    assert ended.status == Agreement.Status.TERMINATED
    assert ended.reimbursement_total == Decimal("1750000.75")
    assert ended.termination_document is not None
