"""The infrastructure register in the browser: the public register page with its filters passes axe; the authorized
body includes a technopark through the form (a BIN whose check digit fails is refused in the error summary, the
answers kept), and the entry is then in the public register; the pages pass axe in Kazakh and Russian too."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from nisi.core.roles import Role
from tests.browser.conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.law("IP-17")
def test_the_authorized_body_includes_a_technopark_seen_in_the_public_register(
    page: Any, live_server: Any, make_org: Any, make_user: Any
) -> None:
    from nisi.infrastructure.models import InfrastructureEntry

    park = make_org("ТОО «Технопарк Browser»", kato="751210000")
    officer = make_user(Role.AUTHORIZED_BODY)
    page.goto("/en/infrastructure/")
    assert page.get_by_role("heading", name="Register of industrial and innovative infrastructure").is_visible()
    assert axe_violations(page) == []
    sign_in(page, officer.username)
    page.goto("/en/infrastructure/include/")
    assert axe_violations(page) == []
    page.get_by_label("Kind (IP-17)").select_option("technopark")
    page.get_by_label("BIN of the organization").fill("123456789012")
    page.get_by_label("Name of the element").fill("Технопарк «Алатау»")
    page.get_by_label("KATO code of the site").fill("751210000")
    page.get_by_role("button", name="Include in the register").click()
    expect(page.locator(".govuk-error-summary").get_by_text("check digit")).to_be_visible()
    assert page.get_by_label("Name of the element").input_value() == "Технопарк «Алатау»"  # answers kept
    assert axe_violations(page) == []
    assert not InfrastructureEntry.objects.exists()
    page.get_by_label("BIN of the organization").fill(park.identifier)
    page.get_by_role("button", name="Include in the register").click()
    page.wait_for_url("**/infrastructure/entries/*/")
    entry = InfrastructureEntry.objects.get()
    assert page.get_by_text(f"is included in the register as {entry.number}").is_visible()
    assert axe_violations(page) == []
    page.goto("/en/infrastructure/?kind=technopark&region=75")
    assert page.locator("#register").get_by_text(entry.number).is_visible()
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_infrastructure_pages_in_kazakh_and_russian(
    page: Any, live_server: Any, make_org: Any, make_user: Any, language: str
) -> None:
    from nisi.core.authz import actor_for
    from nisi.infrastructure.services import register

    park = make_org("ТОО «Технопарк»", kato="751210000")
    officer = make_user(Role.AUTHORIZED_BODY)
    entry = register.entry_include(
        actor=actor_for(officer), kind="technopark", identifier=park.identifier, name="Технопарк", kato="751210000"
    )
    sign_in(page, officer.username)
    for path in (
        "infrastructure/",
        "infrastructure/clusters/",
        "infrastructure/include/",
        f"infrastructure/entries/{entry.number}/",
    ):
        page.goto(f"/{language}/{path}")
        assert page.locator("html").get_attribute("lang") == language
        assert axe_violations(page) == [], path
