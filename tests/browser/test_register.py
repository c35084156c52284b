"""The register in the browser: an applicant completes an application, the public searches, the pages are
accessible."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from nisi.core.roles import Role
from tests.browser.conftest import axe_violations, sign_in
from tests.conftest import hs_codes_loaded
from tests.registry.conftest import MP4, make_healthy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def conditions(db: None) -> Any:

    from nisi.core.authz import Actor, Grant
    from nisi.demo.registry import STEEL
    from nisi.registry.services.catalogue import conditions_approve

    hs_codes_loaded()
    officer = Actor(user_id=None, label="officer", grants=(Grant(Role.AUTHORIZED_BODY),))
    import datetime as dt

    return conditions_approve(actor=officer, valid_from=dt.date(2025, 8, 1), **STEEL)


def fill_an_application(page: Any, make_user: Any, make_org: Any, tmp_path: Path, settings: Any) -> Any:
    """Signs in as a new applicant and completes an application up to its submission; the organization."""
    from nisi.verification.simulator.app import shared_simulator

    settings.NISI_GATEWAY_URL = "inprocess"
    org = make_org(name="ТОО «Браузер Болат»", kato="351010000")
    user = make_user(Role.APPLICANT, organization=org)
    simulator = shared_simulator()
    for state in simulator.sources.values():
        state.latency_ms = 0
    make_healthy(simulator, org.identifier, ["720810"])

    sign_in(page, user.username)
    page.goto("/en/register/applications/")
    page.get_by_role("button", name="Start an application").click()
    page.wait_for_url("**/register/applications/APP-*/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Application APP-")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Production site and conditions").click()
    page.get_by_label("Address of the production site").fill("Караганда, ул. Заводская, 1")
    page.get_by_label("How the production conditions are met").fill("Own melt shop; every batch tested.")
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_role("link", name="Goods").click()
    page.get_by_label("HS code of the good").fill("720810")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Name of the good (Russian)").fill("Прокат плоский")
    page.get_by_label("Annual production capacity").fill("120000")
    page.get_by_label("Unit", exact=True).fill("t")
    for operation in ("Нагрев слябов", "Горячая прокатка", "Смотка в рулоны"):
        page.get_by_label(operation, exact=False).check()
    page.get_by_label("Ex-works cost of a unit, tenge").fill("250000")
    page.get_by_label("Cost of foreign materials in a unit, tenge").fill("37500")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Add the good").click()

    page.get_by_role("link", name="Evidence, including a video of the process").click()
    video = tmp_path / "process.mp4"
    video.write_bytes(MP4)
    page.get_by_label("Video of the technological process").check()
    page.get_by_label("File").set_input_files(str(video))
    page.get_by_role("button", name="Upload").click()
    # The upload answers with the same page, whose "Back" link is also on the page before it: the link is followed
    # only once the upload is said to be done, or it would cancel the upload in flight.
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The file was uploaded.")
    page.get_by_role("link", name="Back to the application").click()

    page.get_by_role("link", name="Consents").click()
    page.wait_for_url("**/consents/")  # the boxes are listed once they are on the page: .all() does not wait
    for box in page.locator("input[type=checkbox]").all():
        box.check()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(re.compile(r".*/register/applications/APP-[0-9-]+/$"))
    return org


def test_an_applicant_applies_in_the_browser(
    page: Any, make_user: Any, make_org: Any, conditions: Any, tmp_path: Path, settings: Any
) -> None:
    """The embedded default verifies before the submission answers: the banner says the result is on the page."""
    from nisi.registry.models import RegisterApplication

    org = fill_an_application(page, make_user, make_org, tmp_path, settings)
    page.get_by_role("button", name="Submit the application").click()
    banner = page.locator(".govuk-notification-banner").inner_text()
    assert "The result of digital verification is below" in banner
    assert "has started" not in banner
    application = RegisterApplication.objects.get(organization=org)
    assert application.status == "assessment"
    assert "Production assessment" in page.content()
    # The application's history: who did what, when and under which provision, in words.
    history = page.get_by_role("table", name="History").inner_text()
    assert "The application was submitted, with the goods 720810." in history
    assert "Digital verification found every criterion met." in history
    assert "of article 51-1 of the Law on industrial policy" in history
    assert axe_violations(page) == []


def test_the_applicant_sees_the_result_arrive(
    page: Any,
    make_user: Any,
    make_org: Any,
    conditions: Any,
    tmp_path: Path,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With workers, the submission answers before the verification ends: the page follows it (htmx polling of a
    fragment) and shows the result when it comes, without a reload."""
    from nisi.core import outbox
    from nisi.registry.models import RegisterApplication

    org = fill_an_application(page, make_user, make_org, tmp_path, settings)
    # As with a broker and workers: what the submission owes is sent later (here, by this test, as a worker).
    monkeypatch.setattr(outbox, "dispatch_committed", lambda pk: None)
    page.get_by_role("button", name="Submit the application").click()
    assert "this page shows its result" in page.locator(".govuk-notification-banner").inner_text()
    progress = page.get_by_text("Digital verification is in progress.")
    assert progress.is_visible()
    assert page.get_by_role("link", name="Refresh the page").is_visible()  # without JavaScript
    assert axe_violations(page) == []
    page.evaluate("window.nisiSamePage = true")  # gone if the page were loaded again
    monkeypatch.undo()
    assert outbox.dispatch_due()["sent"] >= 1
    assert RegisterApplication.objects.get(organization=org).status == "assessment"
    page.get_by_role("heading", name="Digital verification").wait_for(timeout=10_000)
    assert "Production assessment" in page.locator("#application-body").inner_text()
    assert "The result of digital verification is below" in page.locator(".govuk-notification-banner").inner_text()
    assert not progress.is_visible()
    assert page.evaluate("window.nisiSamePage") is True
    assert axe_violations(page) == []


def test_public_register_pages_are_accessible(page: Any, conditions: Any) -> None:
    for path in ("/en/register/", "/kk/register/?code=72", "/ru/register/conditions/", "/en/register/conditions/7208/"):
        page.goto(path)
        assert axe_violations(page) == [], path
