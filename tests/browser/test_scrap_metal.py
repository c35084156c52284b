"""Scrap and waste of metals in the browser (IP-9.39): an entity gives its quarterly report through the form with the
period filled in; a future period is refused with the error summary and nothing written; the pages pass axe in
Kazakh, Russian and English."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from nisi.core.roles import Role
from tests.browser.conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _notified(make_org: Any, make_user: Any) -> tuple[Any, Any]:
    from nisi.core.authz import actor_for
    from nisi.law import clock
    from nisi.scrap_metal import services

    org = make_org(name="ТОО «Browser Вторчермет»")
    user = make_user(Role.APPLICANT, organization=org)
    with clock.frozen(dt.date(2026, 1, 10)):
        notification = services.notification_lodge(
            actor=actor_for(user),
            site_kato="351010000",
            site_address="Караганда, Заводская, 5",
            activities=["collection", "sale"],
            metals=["ferrous", "non_ferrous"],
            starts_on=dt.date(2026, 1, 10),
        )
    return user, notification


@pytest.mark.law("IP-9.39")
def test_an_entity_gives_its_quarterly_report(page: Any, live_server: Any, make_org: Any, make_user: Any) -> None:
    from nisi.law import clock
    from nisi.scrap_metal.models import ScrapReport
    from nisi.scrap_metal.rules import last_ended_quarter

    user, notification = _notified(make_org, make_user)
    sign_in(page, user.username)
    page.goto("/en/scrap-metal/report/")
    assert axe_violations(page) == []
    latest = last_ended_quarter(clock.today())
    assert page.get_by_label("Period (quarter)").input_value() == str(latest)
    # A future period: refused, shown in the error summary, nothing written.
    page.get_by_label("Period (quarter)").fill(f"{latest.year + 1}-Q1")
    page.get_by_label("Kind of scrap (HS code)", exact=True).select_option("720449")
    page.get_by_label("Bought, tonnes").first.fill("125.5")
    page.get_by_label("Sold, tonnes").first.fill("100")
    page.get_by_role("button", name="Send the report").click()
    assert _shown(page.locator(".govuk-error-summary").get_by_text("has not ended yet"))
    assert page.get_by_label("Bought, tonnes").first.input_value() == "125.5"  # answers kept
    assert axe_violations(page) == []
    assert not ScrapReport.objects.exists()
    page.get_by_label("Period (quarter)").fill(str(latest))
    page.get_by_role("button", name="Send the report").click()
    assert _shown(page.get_by_text(f"The report for {latest} was recorded."))
    assert axe_violations(page) == []
    report = ScrapReport.objects.get()
    assert (report.notification_id, report.period) == (notification.pk, str(latest))
    # The same period again: refused, a period is reported once.
    page.goto("/en/scrap-metal/report/")
    page.get_by_label("Kind of scrap (HS code)", exact=True).select_option("720449")
    page.get_by_role("button", name="Send the report").click()
    assert _shown(page.locator(".govuk-error-summary").get_by_text("was given already"))
    assert ScrapReport.objects.count() == 1


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_scrap_pages_in_kazakh_and_russian(
    page: Any, live_server: Any, make_org: Any, make_user: Any, language: str
) -> None:
    user, notification = _notified(make_org, make_user)
    sign_in(page, user.username)
    for path in (
        "scrap-metal/",
        "scrap-metal/report/",
        "scrap-metal/notify/",
        f"scrap-metal/notifications/{notification.number}/",
    ):
        page.goto(f"/{language}/{path}")
        assert page.locator("html").get_attribute("lang") == language
        assert axe_violations(page) == [], path
    page.goto(f"/{language}/scrap-metal/report/")
    page.locator("#id_period").fill("2099-Q1")
    page.locator("#id_code_1").select_option("720449")
    page.locator("button[name=step][value=report]").click()
    assert _shown(page.locator(".govuk-error-summary"))
    assert axe_violations(page) == []


def _shown(locator: Any) -> bool:
    """Whether the answer to a posted form shows `locator`, waiting for the answer to arrive (a check made the moment
    the button is clicked can still see the page before it)."""
    locator.wait_for(state="visible")
    return bool(locator.is_visible())
