"""A person signs in, reads their account, switches language; the main layout has no serious a11y violations."""

from __future__ import annotations

from typing import Any

import pytest

from nisi.core.roles import Role
from tests.browser.conftest import axe_violations

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
