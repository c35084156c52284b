"""A person signs in, reads their account, switches language; the main layout has no serious a11y violations."""

from __future__ import annotations

from typing import Any

import pytest

from nisi.core.roles import Role
from tests.browser.conftest import AXE, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_and_switch_language(page: Any, make_user: Any, make_org: Any) -> None:
    org = make_org(name="ТОО «Қарағанды Болат»")
    user = make_user(Role.APPLICANT, organization=org)
    page.goto("/en/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("pass-word-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/en/account/")
    assert page.get_by_role("heading", level=1).inner_text() == "Personal account"

    page.get_by_role("link", name="RU", exact=True).click()
    page.wait_for_url("**/ru/account/")
    assert page.get_by_role("heading", level=1).inner_text() == "Личный кабинет"
    assert page.locator("html").get_attribute("lang") == "ru"

    page.get_by_role("link", name="KK", exact=True).click()
    page.wait_for_url("**/kk/account/")
    assert page.get_by_role("heading", level=1).inner_text() == "Жеке кабинет"


def test_a_wrong_password_shows_the_error_summary(page: Any, make_user: Any) -> None:
    user = make_user()
    page.goto("/en/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    assert "Enter a correct username and password" in summary.inner_text()
    assert page.get_by_label("Username").input_value() == user.username  # the answer is kept


@pytest.mark.parametrize(
    "path",
    [
        "/en/",
        "/en/sign-in/",
        "/kk/law/parameters/",
        "/ru/law/deadline/?start=2024-05-01&count=5&unit=working_days",
        "/en/law/provisions/IP-51-1/",
        "/en/law/parameters/mci/?on=nope",
    ],
)
def test_pages_have_no_serious_accessibility_violations(page: Any, path: str) -> None:
    page.goto(path)
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


def test_the_account_page_is_accessible(page: Any, make_user: Any, make_org: Any, client: Any) -> None:
    user = make_user(Role.APPLICANT, organization=make_org())
    page.goto("/en/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("pass-word-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/en/account/")
    assert axe_violations(page) == []


def test_on_a_phone_the_menu_folds_behind_a_button_and_tables_scroll_in_place(
    browser: Any, live_server: Any, make_user: Any, make_org: Any
) -> None:
    user = make_user(Role.AUTHORIZED_BODY)
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto("/en/sign-in/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill("pass-word-123")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/en/account/")
        menu = page.get_by_role("button", name="Menu")
        assert menu.is_visible()
        assert not page.get_by_role("link", name="Legal parameters").is_visible()
        assert page.locator("header").bounding_box()["height"] < 100  # one line, not four
        menu.click()
        assert menu.get_attribute("aria-expanded") == "true"
        page.get_by_role("link", name="Work queue").first.click()
        page.wait_for_url("**/en/work/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.goto("/en/law/parameters/")  # a wide table: it scrolls inside itself
        assert page.locator("table").first.evaluate("t => t.scrollWidth > t.clientWidth")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        # Nothing outside a landmark: the demo banner is one of its own (axe's moderate "region" rule included).
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
        result = page.evaluate("async () => await axe.run(document, {runOnly: ['region', 'landmark-unique']})")
        assert result["violations"] == []
    finally:
        context.close()
