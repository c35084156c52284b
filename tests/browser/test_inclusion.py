"""The officer's inclusion in the browser (issue 10): the assessment, the check of the answers, the confirmation
with its links; accessible, in kk, ru and en, on a wide screen and a phone (screenshots kept when asked)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from nisi.core.roles import Role
from tests.browser.conftest import axe_violations, sign_in
from tests.browser.test_register import conditions, fill_an_application  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Set NISI_SCREENSHOTS to a folder to keep the pages of the journey as PNGs, to look at them.
SHOTS = os.environ.get("NISI_SCREENSHOTS", "")


def _shot(page: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def _sign_in(page: Any, username: str) -> None:
    page.context.clear_cookies()
    sign_in(page, username)


def test_an_officer_checks_the_answers_before_including_the_producer(
    page: Any,
    make_user: Any,
    make_org: Any,
    conditions: Any,  # noqa: F811 (the fixture imported above)
    tmp_path: Path,
    settings: Any,
) -> None:
    from nisi.registry.models import RegisterApplication

    org = fill_an_application(page, make_user, make_org, tmp_path, settings)
    page.get_by_role("button", name="Submit the application").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your application was submitted.")
    application = RegisterApplication.objects.get(organization=org)
    assert application.status == "assessment"

    _sign_in(page, make_user(Role.AUTHORIZED_BODY).username)
    page.goto(f"/en/register/applications/{application.number}/assess/")
    page.get_by_label("Yes").check()
    for operation in ("Нагрев слябов", "Горячая прокатка", "Смотка в рулоны"):
        page.get_by_label(operation, exact=False).check()
    page.get_by_label("The production conditions are met").check()
    page.get_by_label("Include it in the register").check()
    page.get_by_role("button", name="Record the assessment").click()

    page.wait_for_url("**/assess/check/")
    assert page.get_by_role("heading", level=1).inner_text() == "Check your answers before including the producer"
    assert page.locator(".govuk-back-link").is_visible()
    card = page.locator(".govuk-summary-card").inner_text()
    assert "Include it in the register" in card
    assert "85.00" in card
    assert axe_violations(page) == []
    application.refresh_from_db()
    assert application.status == "assessment"  # nothing is decided until the button
    for language in ("kk", "ru", "en"):
        page.goto(f"/{language}/register/applications/{application.number}/assess/check/")
        for width, height in ((1280, 900), (390, 844)):
            page.set_viewport_size({"width": width, "height": height})
            _shot(page, f"check-{language}-{width}")
        assert axe_violations(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})

    # "Change" goes back to the form with the answers given.
    page.locator(".govuk-summary-card__actions a").first.click()
    assert page.get_by_label("Include it in the register").is_checked()
    page.get_by_role("button", name="Record the assessment").click()
    page.wait_for_url(re.compile(r"/assess/check/(#.*)?$"))  # the browser keeps the change link's fragment

    page.get_by_role("button", name="Include in the register and issue the extract").click()
    page.wait_for_url(re.compile(r"/included/(#.*)?$"))
    assert page.locator(".govuk-panel--confirmation").is_visible()
    assert axe_violations(page) == []
    for language in ("kk", "ru", "en"):
        page.goto(f"/{language}/register/applications/{application.number}/included/")
        for width, height in ((1280, 900), (390, 844)):
            page.set_viewport_size({"width": width, "height": height})
            _shot(page, f"included-{language}-{width}")
        assert axe_violations(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/en/register/applications/{application.number}/included/")
    page.get_by_role("link", name="The extract's public verification page").click()
    expect(page.get_by_role("heading", name="Valid")).to_be_visible()
    _shot(page, "verify-en-1280")
    application.refresh_from_db()
    assert application.status == "included"

    # A new extract replaces the first: its page says so and leads to the new one, in every language.
    first = page.url
    page.goto(f"/en/register/applications/{application.number}/included/")
    page.get_by_role("link", name="The register record", exact=False).click()
    page.get_by_role("button", name="Issue a new extract").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("A new extract was issued")
    for language in ("kk", "ru", "en"):
        page.goto(first.replace("/en/verify/", f"/{language}/verify/"))
        assert page.locator(".govuk-tag--grey").first.is_visible()
        assert page.locator(".govuk-panel--confirmation").count() == 0
        for width, height in ((1280, 900), (390, 844)):
            page.set_viewport_size({"width": width, "height": height})
            _shot(page, f"replaced-{language}-{width}")
        assert axe_violations(page) == []
    page.locator("main a[href*='/verify/']").first.click()
    expect(page.locator(".govuk-panel--confirmation")).to_be_visible()


def test_an_officer_reads_back_the_inspections_report_before_recording_it(
    page: Any,
    make_user: Any,
    make_org: Any,
    conditions: Any,  # noqa: F811 (the fixture imported above)
    tmp_path: Path,
    settings: Any,
) -> None:
    from nisi.registry.models import RegisterApplication

    org = fill_an_application(page, make_user, make_org, tmp_path, settings)
    page.get_by_role("button", name="Submit the application").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your application was submitted.")
    application = RegisterApplication.objects.get(organization=org)

    _sign_in(page, make_user(Role.AUTHORIZED_BODY).username)
    page.goto(f"/en/register/applications/{application.number}/assess/")
    page.get_by_label("No: an on-site inspection is needed", exact=False).check()
    page.get_by_role("button", name="Record the assessment").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The assessment was recorded.")
    page.goto(f"/en/register/applications/{application.number}/inspection/")
    page.get_by_label("Date of the on-site inspection").fill("2026-12-10")
    page.get_by_role("button", name="Schedule the inspection").click()

    for operation in ("Нагрев слябов", "Горячая прокатка", "Смотка в рулоны"):
        page.get_by_label(operation, exact=False).check()
    page.get_by_label("The production conditions are met").check()
    page.get_by_label("Include it in the register").check()
    page.get_by_label("Production assessment report").fill("Прокатный стан работает; все операции выполняются.")
    page.get_by_role("button", name="Continue").click()

    page.wait_for_url("**/inspection/check/")
    assert page.get_by_role("heading", level=1).inner_text() == "Check the inspection's report before recording it"
    assert "Прокатный стан работает" in page.locator("main").inner_text()
    application.refresh_from_db()
    assert application.status == "inspection"  # nothing is recorded until the button
    assert axe_violations(page) == []
    for language in ("kk", "ru", "en"):
        page.goto(f"/{language}/register/applications/{application.number}/inspection/check/")
        for width, height in ((1280, 900), (390, 844)):
            page.set_viewport_size({"width": width, "height": height})
            _shot(page, f"inspection-check-{language}-{width}")
        assert axe_violations(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/en/register/applications/{application.number}/inspection/check/")
    page.get_by_role("button", name="Record the report and decide").click()
    page.wait_for_url(re.compile(r"/included/(#.*)?$"))
    application.refresh_from_db()
    assert application.status == "included"
