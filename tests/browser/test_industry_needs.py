"""Needs of industry in the browser (IP-55.1): an entity gives its needs for specialists through the form (a future
year refused with the error summary and the answers kept); the authorized body forms the proposal from the year's
needs, approves it and sends it to the authorized body for employment; the pages pass axe in English, Kazakh and
Russian."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from nisi.core.roles import Role
from tests.browser.conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _not_sent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("nisi.core.outbox.dispatch_committed", lambda pk: None)  # the receipt is the sender's test


def _others(make_org: Any, make_user: Any, year: int) -> None:
    from nisi.core.authz import actor_for
    from nisi.industry_needs.rules import SpecialistNeedIn
    from nisi.industry_needs.services import needs

    for name in ("ТОО «Завод Б»", "ТОО «Завод В»"):
        user = make_user(Role.APPLICANT, organization=make_org(name=name))
        needs.needs_submit(
            actor=actor_for(user),
            kind="specialists",
            year=year,
            lines=[SpecialistNeedIn("6B07201", "Металлургия", 7, "55", year + 1, "bachelor")],
        )


@pytest.mark.law("IP-55.1")
def test_an_entity_gives_its_needs_and_the_authorized_body_sends_the_proposal(
    page: Any, live_server: Any, make_org: Any, make_user: Any
) -> None:
    from nisi.industry_needs.models import NeedsReturn, SpecialityProposal
    from nisi.law import clock

    year = clock.today().year
    entity = make_user(Role.APPLICANT, organization=make_org(name="ТОО «Завод А»"))
    _others(make_org, make_user, year)
    sign_in(page, entity.username)
    page.goto("/en/industry-needs/give/specialists/")
    assert axe_violations(page) == []
    page.get_by_label("Year the needs are for").fill(str(year + 1))
    page.get_by_label("Need 1: speciality code").fill("6B07201")
    page.locator("#id_name_1").fill("Металлургия")
    page.locator("#id_number_1").fill("12")
    page.locator("#id_region_1").select_option("55")
    page.locator("#id_year_needed_1").fill(str(year + 1))
    page.locator("#id_level_1").select_option("bachelor")
    page.get_by_role("button", name="Give the needs").click()
    expect(page.locator(".govuk-error-summary").get_by_text("has not begun")).to_be_visible()
    assert page.locator("#id_number_1").input_value() == "12"  # answers kept
    assert axe_violations(page) == []
    assert NeedsReturn.objects.count() == 2
    page.get_by_label("Year the needs are for").fill(str(year))
    page.get_by_role("button", name="Give the needs").click()
    page.wait_for_url("**/industry-needs/needs/*/")
    given = NeedsReturn.objects.get(organization__name="ТОО «Завод А»")
    assert page.get_by_text(f"Your needs for {year} were recorded as {given.number}.").is_visible()
    assert axe_violations(page) == []

    officer = make_user(Role.AUTHORIZED_BODY)
    page.context.clear_cookies()
    sign_in(page, officer.username)
    page.goto(f"/en/industry-needs/desk/?year={year}")
    assert axe_violations(page) == []
    page.locator("#id_act-year").fill(str(year))
    page.get_by_role("button", name="Form the proposals of specialities (IP-55.1)").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("was formed")
    proposal = SpecialityProposal.objects.get()
    assert page.get_by_text(f"Proposal {proposal.number} was formed").is_visible()
    page.get_by_role("link", name=proposal.number).click()
    page.wait_for_url(f"**/industry-needs/proposals/{proposal.number}/")
    assert page.get_by_text("26 (3)").first.is_visible()  # every cell for the authorized body
    assert axe_violations(page) == []
    page.get_by_role("button", name="Approve the proposal").click()
    page.get_by_role("button", name="Send to the authorized body for employment").click()
    expect(page.get_by_text("The proposal is on its way")).to_be_visible()
    assert axe_violations(page) == []
    proposal.refresh_from_db()
    assert proposal.status == "sent"
    assert proposal.document["cells"]


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_needs_pages_in_kazakh_and_russian(
    page: Any, live_server: Any, make_org: Any, make_user: Any, language: str
) -> None:
    entity = make_user(Role.APPLICANT, organization=make_org(name="ТОО «Завод А»"))
    sign_in(page, entity.username)
    for path in ("industry-needs/", "industry-needs/give/specialists/", "industry-needs/give/research/"):
        page.goto(f"/{language}/{path}")
        assert page.locator("html").get_attribute("lang") == language
        assert axe_violations(page) == [], path
    page.goto(f"/{language}/industry-needs/research/")
    assert axe_violations(page) == []
