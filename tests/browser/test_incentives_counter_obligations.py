"""Counter-obligations in the browser (IP-27): the recipient reports a year's actual figures in Russian; the
operator determines the refund after the year, explained line by line with the base rate segment by segment; the
recipient reads it in Kazakh, and reports the running year and sees what it would owe today. Every page passes
axe."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from nisi.core.roles import Role
from tests.browser.conftest import axe_violations, sign_in
from tests.incentives.fixtures import LIST_CSV, put_in_register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = "/tmp/incentives-shots"  # noqa: S108 - screenshots for a person to look at, not read back
GRANTED_ON = dt.date(2024, 1, 10)  # the agreement's first year ended; its third runs today
CRITERIA = dict.fromkeys(
    ("innovativeness", "competitiveness", "scale", "export_orientation", "labour_productivity"), "adequate"
)


def _shot(page: Any, name: str) -> None:
    import os

    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def _agreement(applicant: Any, applicant_org: Any, bank: Any, operator: Any) -> Any:
    """A measure granted on 10.01.2024 and its agreement for three years, made through the services then."""
    from nisi.core.authz import SYSTEM, actor_for
    from nisi.incentives.services import agreements, applications, catalogue, priority
    from nisi.law import clock

    with clock.frozen(GRANTED_ON):
        bank_op = catalogue.operator_record(actor=SYSTEM, organization=bank, kind="development_bank")
        measure = catalogue.measure_publish(
            actor=SYSTEM, code="dbk-financing", kind="financing", operator=bank_op, title="Финансирование проектов"
        )
        catalogue.measure_window_open(actor=SYSTEM, measure=measure, opens_on=GRANTED_ON)
        priority.priority_list_upload(
            actor=SYSTEM, content=LIST_CSV, name="v1.csv", in_force_from=GRANTED_ON, basis="Приказ № 1"
        )
        put_in_register(applicant_org, [(GRANTED_ON - dt.timedelta(days=300), None)])
        application = applications.application_submit(
            actor=actor_for(applicant),
            organization=applicant_org,
            measure_codes=["dbk-financing"],
            project="Сборочный завод грузовиков",
            purpose="new_production",
            hs_codes=["870421"],
            counter_obligations_accepted=True,
        )
        request = application.measures.get()
        applications.request_assess(actor=actor_for(operator), request=request, **CRITERIA)
        applications.request_grant(actor=actor_for(operator), request=request)
        starts = [GRANTED_ON, dt.date(2025, 1, 10), dt.date(2026, 1, 10)]
        return agreements.agreement_conclude(
            actor=actor_for(operator),
            request=request,
            starts_on=GRANTED_ON,
            ends_on=dt.date(2027, 1, 9),
            payments=[(GRANTED_ON, Decimal("1000000000.00")), (dt.date(2026, 2, 2), Decimal("500000000.00"))],
            targets={start: {"labour_productivity": "100", "export_output": "2000000"} for start in starts},
        )


def _report(page: Any, productivity: str, export: str) -> None:
    page.locator('input[name="labour_productivity"]').fill(productivity)
    page.locator('input[name="export_output"]').fill(export)
    # The report answers with the same address, and the banner of the report before may be on the page already.
    with page.expect_navigation():
        page.locator('button[value="report"]').click()


def test_a_yearly_report_and_the_refund_it_produces(page: Any, live_server: Any, make_user: Any, make_org: Any) -> None:
    from nisi.incentives.models import CounterObligationRefund

    applicant_org = make_org(name="ТОО «Казавтопром»")
    applicant = make_user(Role.APPLICANT, organization=applicant_org)
    bank = make_org(name="АО «Банк Развития Казахстана»")
    operator = make_user(Role.INCENTIVE_OPERATOR, organization=bank)
    agreement = _agreement(applicant, applicant_org, bank, operator)
    url = f"/incentives/agreements/{agreement.number}/"

    # The recipient reports the first year, in Russian; a negative figure is refused first.
    sign_in(page, applicant.username)
    page.goto(f"/ru{url}")
    assert axe_violations(page) == []
    _report(page, "-1", "1000000")
    assert page.locator(".govuk-error-summary").is_visible()
    assert axe_violations(page) == []
    _report(page, "80", "1000000")
    assert page.locator(".govuk-notification-banner").is_visible()
    assert "65,00 %" in page.content()
    _shot(page, "co-report-ru")

    # The operator determines the refund of the ended year.
    context = page.context.browser.new_context(base_url=live_server.url, locale="ru-RU")
    officer = context.new_page()
    officer.set_default_timeout(15_000)
    sign_in(officer, operator.username)
    officer.goto(f"/ru{url}")
    officer.locator('button[value="determine_refund"]').click()
    expect(officer.locator(".govuk-notification-banner")).to_be_visible()
    refund = CounterObligationRefund.objects.get()
    assert refund.principal == Decimal("350000000.00")
    assert len([line for line in refund.trace["ru"] if "дн." in line["text"]]) >= 4  # the base rate changed in 2024
    assert axe_violations(officer) == []
    _shot(officer, "co-refund-ru")
    context.close()

    # The recipient reads the refund in Kazakh, line by line, then reports the running year, whose support (a
    # payment received in it) it would return in part.
    page.goto(f"/kk{url}")
    text = page.locator("body").inner_text()
    assert "350\xa0000\xa0000,00" in text
    assert "IP-27.4" in text
    assert axe_violations(page) == []
    _report(page, "100", "2000000")  # the second year, ended, reported late
    _report(page, "90", "2000000")  # the third year, running today
    text = page.locator("body").inner_text()
    assert "IP-27.4" in text
    assert page.locator(".govuk-warning-text").is_visible()  # what you would owe today, provisional
    assert axe_violations(page) == []
    _shot(page, "co-estimate-kk")
