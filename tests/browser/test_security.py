"""The pages work under their Content-Security-Policy: nothing refused, scripts running, the API docs drawn."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Reports each violation the browser sees (the init script runs through DevTools, outside the policy).
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber);
});
"""


@pytest.fixture
def watched(page: Any) -> Any:
    page.context.add_init_script(LISTEN)
    messages: list[str] = []
    page.on("console", lambda m: messages.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: messages.append(str(e)))
    page.csp_messages = messages
    return page


def violations(page: Any) -> list[str]:
    page.wait_for_load_state("networkidle")
    seen = page.evaluate("window.__csp")
    return seen + [m for m in page.csp_messages if "Content Security Policy" in m or "Refused" in m]


@pytest.mark.parametrize("path", ["/en/", "/en/law/deadline/?start=2024-05-01&count=5&unit=working_days", "/en/nope/"])
def test_pages_keep_to_their_policy_and_their_scripts_run(watched: Any, path: str) -> None:
    watched.goto(path)
    assert violations(watched) == []
    # The scripts moved out of the page ran: the body is marked and govuk-frontend started.
    classes = watched.locator("body").get_attribute("class")
    assert "js-enabled" in classes
    assert "govuk-frontend-supported" in classes
    assert watched.locator("[data-module='govuk-skip-link'][data-govuk-skip-link-init]").count() == 1


def test_a_form_posts_under_the_policy(watched: Any, make_user: Any) -> None:
    user = make_user()
    watched.goto("/en/sign-in/")
    watched.get_by_label("Username").fill(user.username)
    watched.get_by_label("Password").fill("pass-word-123")
    watched.get_by_role("button", name="Sign in").click()
    watched.wait_for_url("**/en/account/")
    assert violations(watched) == []


def test_the_api_docs_work_under_the_policy(watched: Any) -> None:
    watched.goto("/api/docs")
    watched.wait_for_url("**/api/v1/docs")
    watched.locator(".swagger-ui .info .title").wait_for()
    assert "nisi API" in watched.locator(".swagger-ui .info .title").inner_text()
    assert watched.locator(".swagger-ui .opblock").count() > 10  # the operations, from the OpenAPI document
    assert violations(watched) == []
