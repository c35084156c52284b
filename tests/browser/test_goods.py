"""The goods step in the browser (issue 10): the code found by a word of the good's name with suggestions under the
field, chosen by keyboard, its description and its operations by their names swapped in; the operations short of
the conditions refused with the error summary; and the same without JavaScript through the finder page."""

from __future__ import annotations

import re
from typing import Any

import pytest

from nisi.core.roles import Role
from tests.browser.conftest import axe_violations, sign_in
from tests.browser.test_register import conditions  # noqa: F401  (the steel conditions and the HS classifier)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _goods_step(page: Any, make_user: Any, make_org: Any) -> None:
    org = make_org(name="ТОО «Браузер Болат»", kato="351010000")
    user = make_user(Role.APPLICANT, organization=org)
    sign_in(page, user.username)
    page.goto("/en/register/applications/")
    page.get_by_role("button", name="Start an application").click()
    page.wait_for_url("**/register/applications/APP-*/")
    page.get_by_role("link", name="Goods").click()


def test_a_code_is_found_by_name_chosen_by_keyboard_and_its_operations_checked(
    page: Any,
    make_user: Any,
    make_org: Any,
    conditions: Any,  # noqa: F811
) -> None:
    _goods_step(page, make_user, make_org)
    field = page.get_by_label("HS code of the good")
    field.press_sequentially("hot-rolled, in coils", delay=10)
    suggestion = page.locator("#code-suggestions a", has_text="720838")
    suggestion.wait_for()
    assert axe_violations(page) == []
    # The keyboard reaches the suggestions from the field: they are links, in the order of the page.
    field.focus()
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent").startswith("720838"):
            break
    page.keyboard.press("Enter")
    page.get_by_text("Heating of slabs — mandatory").or_(page.get_by_text("Нагрев слябов — mandatory")).wait_for()
    assert "hs_code=720838" in page.url  # swapped in place, and the address says which code
    summary = page.locator(".govuk-summary-list").inner_text()
    assert "720838" in summary
    assert "hot-rolled" in summary.lower()

    page.get_by_label("Name of the good (Russian)").fill("Прокат")
    page.get_by_label("Annual production capacity").fill("1000")
    page.get_by_label("Unit", exact=True).fill("t")
    page.get_by_label("Травление").check()
    page.get_by_label("Резка в размер").check()
    page.get_by_label("Ex-works cost of a unit, tenge").fill("100")
    page.get_by_label("Cost of foreign materials in a unit, tenge").fill("10")
    page.get_by_role("button", name="Add the good").click()
    errors = page.locator(".govuk-error-summary").inner_text()
    assert "Tick the mandatory operations «Нагрев слябов», «Горячая прокатка»" in errors
    assert "Tick at least 3 operations you carry out (you ticked 2)" in errors
    assert page.get_by_label("Травление").is_checked()  # the answers are kept
    assert axe_violations(page) == []
    page.locator(".govuk-error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_declared_operations_0"


def test_without_javascript_the_finder_page_leads_back_to_the_form(
    browser: Any,
    live_server: Any,
    make_user: Any,
    make_org: Any,
    conditions: Any,  # noqa: F811
) -> None:
    context = browser.new_context(base_url=live_server.url, locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        _goods_step(page, make_user, make_org)
        page.get_by_label("HS code of the good").fill("999999")
        page.get_by_role("button", name="Continue").click()
        assert "999999 is not a code of the HS 2022 classifier" in page.locator(".govuk-error-summary").inner_text()
        page.get_by_label("HS code of the good").fill("hot-rolled, in coils")
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url(re.compile(r"/goods/codes/\?q="))
        assert page.get_by_role("heading", level=1).inner_text() == "Find the code of a good"
        page.get_by_role("link", name="Use this code 720838").click()
        page.wait_for_url(re.compile(r"/goods/\?hs_code=720838$"))
        assert page.get_by_label("Нагрев слябов — mandatory").count() == 1
        assert "720838" in page.locator(".govuk-summary-list").inner_text()
    finally:
        context.close()
