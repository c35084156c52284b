"""In the browser: the operator's refusal of a measure as a signed decision the applicant downloads as a PDF and
anyone checks by its QR code in kk, ru and en (IP-25.6, IP-25.8); a grant recipient's yearly figures and the refund
they produce, determined by the institute with its signed decision (IP-42.1, IP-27.4). Every page passes axe."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from nisi.core.roles import Role
from tests.browser.conftest import axe_violations, sign_in
from tests.browser.test_incentives_application import _catalogue, _new_page, _shot
from tests.incentives.fixtures import put_in_register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_operators_refusal_is_a_signed_pdf_checked_by_its_qr(
    page: Any, live_server: Any, make_user: Any, make_org: Any
) -> None:
    from nisi.incentives.models import RequestedMeasure
    from nisi.incentives.services import applications
    from nisi.law import clock

    today = clock.today()
    applicant_org = make_org(name="ТОО «Казавтопром»")
    bank = make_org(name="АО «Банк Развития Казахстана»")
    _catalogue(today, bank, make_org(name="АО «QazIndustry»"))
    put_in_register(applicant_org, [(today - dt.timedelta(days=300), None)])
    applicant = make_user(Role.APPLICANT, organization=applicant_org)
    operator = make_user(Role.INCENTIVE_OPERATOR, organization=bank)
    from nisi.core.authz import actor_for

    application = applications.application_submit(
        actor=actor_for(applicant),
        organization=applicant_org,
        measure_codes=["dbk-financing"],
        project="Truck assembly plant",
        purpose="new_production",
        hs_codes=["870421"],
        counter_obligations_accepted=True,
    )
    request = application.measures.get()

    sign_in(page, operator.username)
    page.goto(f"/en/incentives/requests/{request.number}/")
    page.get_by_role("button", name="Refuse the measure").click()
    assert "Give the reasons for the refusal" in page.locator(".govuk-error-summary").inner_text()
    assert axe_violations(page) == []
    page.get_by_label("Reasons for the refusal").fill("The project has no collateral for the whole loan.")
    page.get_by_role("button", name="Refuse the measure").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The measure was refused.")
    request.refresh_from_db()
    assert request.status == RequestedMeasure.Status.DECLINED
    assert request.document is not None
    assert axe_violations(page) == []

    entity = _new_page(page, live_server)
    sign_in(entity, applicant.username)
    entity.goto(f"/en/incentives/requests/{request.number}/")
    assert "The project has no collateral" in entity.locator("main").inner_text()
    assert axe_violations(entity) == []
    with entity.expect_download() as info:
        entity.get_by_role("link", name="Download the decision (PDF)").click()
    assert Path(info.value.path()).read_bytes().startswith(b"%PDF")
    _shot(entity, "decision-request")

    for language in ("kk", "ru", "en"):
        response = entity.goto(f"/{language}/verify/{request.document.token}/")
        assert response is not None
        assert response.status == 200
        assert axe_violations(entity) == []
        _shot(entity, f"decision-verify-{language}")
    assert "Measure refused" in entity.locator("main").inner_text()


def _grant_agreement(make_org: Any, make_user: Any, year: int) -> tuple[Any, Any, Any]:
    """A grant agreement signed on 10 April of `year` to the end of the next year, its 150 000 000 paid on 4 May of
    `year`, with a labour productivity target of 12.5 for `year` — all under the clock of those days."""
    from nisi.core.authz import actor_for
    from nisi.core.financing.rules import Criterion
    from nisi.incentives.services import grant_agreements, grants
    from nisi.law import clock

    institute = make_org(name="АО «QazIndustry»")
    entity = make_org(name="ТОО «Трубный завод»")
    officer, recipient = (
        make_user(Role.DEVELOPMENT_INSTITUTE, organization=institute),
        make_user(Role.APPLICANT, organization=entity),
    )
    experts = [actor_for(make_user(Role.INDEPENDENT_EXPERT)) for _ in range(2)]
    officer_actor = actor_for(officer)
    with clock.frozen(dt.date(year, 3, 2)):
        call = grants.call_create(
            actor=officer_actor,
            institute=institute,
            title="Industrial grants",
            description="Grants for priority goods",
            opens_on=dt.date(year, 3, 2),
            closes_on=dt.date(year, 3, 31),
            budget=Decimal("500000000.00"),
            max_per_project=Decimal("200000000.00"),
            pass_score=Decimal(60),
            experts_per_application=2,
            criteria=[Criterion("c1", "Competitiveness", Decimal(100), 10)],
        )
        grants.call_open(actor=officer_actor, call=call)
        application = grants.application_submit(
            actor=actor_for(recipient),
            call=call,
            organization=entity,
            project_title="Casing pipes line",
            project_summary="A new production",
            requested_amount=Decimal("150000000.00"),
            own_contribution=Decimal("60000000.00"),
            project_starts_on=dt.date(year, 5, 1),
            project_ends_on=dt.date(year + 1, 12, 31),
        )
    with clock.frozen(dt.date(year, 4, 2)):
        grants.call_close(actor=officer_actor, call=call)
        for expert in experts:
            assignment = grants.expert_assign(
                actor=officer_actor, application=application, expert_user_id=int(expert.user_id or 0)
            )
            grants.assignment_declare(actor=expert, assignment=assignment, conflict=False)
            grants.assignment_score(actor=expert, assignment=assignment, scores={"c1": 8}, comment="Strong")
        grants.call_decide(actor=officer_actor, call=call)
    application.refresh_from_db()
    with clock.frozen(dt.date(year, 4, 10)):
        agreement = grant_agreements.agreement_conclude(
            actor=officer_actor,
            application=application,
            signed_on=dt.date(year, 4, 10),
            ends_on=dt.date(year + 1, 12, 31),
            tranches=[(dt.date(year, 5, 4), Decimal("150000000.00"), "Start")],
            counter_obligations=[{"area": "labour_productivity", "year": year, "target": "12.5"}],
        )
    with clock.frozen(dt.date(year, 5, 4)):
        grant_agreements.account_receive(
            actor=officer_actor,
            institute=institute,
            amount=Decimal("150000000.00"),
            received_on=dt.date(year, 5, 4),
            document_reference="PP 1",
        )
        grant_agreements.tranche_release(
            actor=officer_actor,
            tranche=agreement.tranches.get(),
            paid_on=dt.date(year, 5, 4),
            document_reference="1",
        )
    return agreement, officer, recipient


def test_a_grant_recipients_yearly_report_and_the_refund_it_produces(
    page: Any, live_server: Any, make_user: Any, make_org: Any
) -> None:
    from nisi.incentives.models import GrantRefund
    from nisi.law import clock

    year = clock.today().year - 1  # a year of the agreement that has ended today
    agreement, officer, recipient = _grant_agreement(make_org, make_user, year)
    url = f"/en/incentives/grants/agreements/{agreement.number}/results/"

    sign_in(page, recipient.username)
    page.goto(f"/en/incentives/grants/agreements/{agreement.number}/")
    page.get_by_role("link", name="Yearly figures, achieved level and refunds").click()
    page.wait_for_url(f"**{url}")
    assert axe_violations(page) == []
    page.get_by_label("increase in labour productivity").fill("-2")
    page.get_by_role("button", name="Send the report").click()
    assert "cannot be negative" in page.locator(".govuk-error-summary").inner_text()
    assert axe_violations(page) == []
    page.get_by_label("increase in labour productivity").fill("10")
    page.get_by_role("button", name="Send the report").click()
    assert "Your figures were received" in page.locator(".govuk-notification-banner").inner_text()
    assert "achieved level 80.00" in page.locator("main").inner_text().replace(",", ".")
    assert axe_violations(page) == []

    institute = _new_page(page, live_server)
    sign_in(institute, officer.username)
    institute.goto(url)
    institute.get_by_role("button", name="Determine the refund for this period").click()
    assert "The refund was determined" in institute.locator(".govuk-notification-banner").inner_text()
    refund = GrantRefund.objects.get()
    assert refund.principal == Decimal("30000000.00")
    assert refund.interest > 0
    assert axe_violations(institute) == []

    page.goto(url)
    text = page.locator("main").inner_text()
    assert "Refund determined" in text
    assert "30,000,000.00" in text
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the refund decision (PDF)").click()
    assert Path(info.value.path()).read_bytes().startswith(b"%PDF")
    _shot(page, "grant-results")
    for language in ("kk", "ru"):
        page.goto(f"/{language}{url.removeprefix('/en')}")
        assert axe_violations(page) == []
        _shot(page, f"grant-results-{language}")
