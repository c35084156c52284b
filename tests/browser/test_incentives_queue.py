"""The public queue of a measure with a limited budget in the browser: an applicant applies with the amount asked and
takes a place; the public queue shows the place, the amount, the standing and the journal stamp, an individual
entrepreneur without a name; the pages pass axe in English, Kazakh and Russian."""

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


def _world(make_org: Any, make_user: Any) -> tuple[Any, Any]:
    from nisi.core.authz import SYSTEM, actor_for
    from nisi.incentives.services import catalogue, priority, queue
    from nisi.law import clock
    from tests.incentives.queue_fixtures import individual_entrepreneur

    today = clock.today()
    bank = make_org("АО «Банк Развития Казахстана»")
    operator = catalogue.operator_record(actor=SYSTEM, organization=bank, kind="development_bank")
    measure = catalogue.measure_publish(
        actor=SYSTEM, code="dbk-financing", kind="financing", operator=operator, title="Финансирование проектов"
    )
    catalogue.measure_window_open(actor=SYSTEM, measure=measure, opens_on=today - dt.timedelta(days=30))
    priority.priority_list_upload(
        actor=SYSTEM, content=LIST_CSV, name="list.csv", in_force_from=today, basis="Приказ № 1"
    )
    budget = queue.budget_record(
        actor=SYSTEM,
        measure=measure,
        period_start=today - dt.timedelta(days=30),
        period_end=today + dt.timedelta(days=300),
        amount=Decimal("1000000.00"),
        basis="Закон о бюджете",
    )
    applicant = make_org("ТОО «Казавтопром»")
    put_in_register(applicant, [(dt.date(2025, 1, 10), None)])
    person = individual_entrepreneur()
    put_in_register(person, [(dt.date(2025, 1, 10), None)])
    from nisi.incentives.services import applications

    person_user = make_user(Role.APPLICANT, person)
    applications.application_submit(
        actor=actor_for(person_user),
        organization=person,
        measure_codes=["dbk-financing"],
        project="Цех",
        purpose="new_production",
        hs_codes=["870421"],
        counter_obligations_accepted=True,
        amounts={"dbk-financing": "400000.00"},
    )
    return make_user(Role.APPLICANT, applicant), budget


def test_an_applicant_takes_a_place_and_the_public_checks_the_queue(
    page: Any, live_server: Any, make_org: Any, make_user: Any
) -> None:
    user, budget = _world(make_org, make_user)
    sign_in(page, user.username)
    page.goto("/en/incentives/apply/")
    page.get_by_label("Финансирование проектов", exact=False).first.check()
    page.get_by_label("The project", exact=True).fill("Сборочный завод")
    page.get_by_label("Creating a new production (a new project)").check()
    page.get_by_label("HS codes of the goods the project produces").fill("870421")
    page.get_by_label("We accept counter-obligations", exact=False).check()
    amount = page.get_by_label("Amount asked of “Финансирование проектов”, in tenge")
    amount.fill("700000,005")
    page.get_by_role("button", name="Submit the application").click()
    expect(page.locator(".govuk-error-summary").get_by_text("to the tiyn")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Amount asked of “Финансирование проектов”, in tenge").fill("700000")
    page.get_by_role("button", name="Submit the application").click()
    expect(page.get_by_text("was submitted")).to_be_visible()
    page.goto(f"/en/incentives/queues/dbk-financing/{budget.period_start.isoformat()}/")
    assert axe_violations(page) == []
    rows = page.locator("tbody tr")
    assert rows.count() == 2
    assert "Individual entrepreneur" in rows.nth(0).inner_text()
    assert "Сериков" not in page.content()
    assert "Waiting" in rows.nth(1).inner_text()  # 400 000 + 700 000 > 1 000 000
    assert "ТОО «Казавтопром»" in rows.nth(1).inner_text()
    page.screenshot(path="/tmp/incentives-queue.png", full_page=True)  # noqa: S108 - for a person to look at


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_queue_pages_in_kazakh_and_russian(
    page: Any, live_server: Any, make_org: Any, make_user: Any, language: str
) -> None:
    _user, budget = _world(make_org, make_user)
    for path in ("incentives/queues/", f"incentives/queues/dbk-financing/{budget.period_start.isoformat()}/"):
        page.goto(f"/{language}/{path}")
        assert page.locator("html").get_attribute("lang") == language
        assert axe_violations(page) == []
