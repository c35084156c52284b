"""The effectiveness of measures (IP-6.3) in the browser: the authorized body's page with each entity's figures
(its views recorded) in Kazakh, Russian and English, the public aggregate with a suppressed cell, and an entity
reading who saw its figures; every page passes axe."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from nisi.core.roles import Role
from tests.browser.conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/nisi-assess-shots")  # noqa: S108 (screenshots to look at, outside the repository)


def _world(make_org: Any) -> list[Any]:
    from tests.reporting.factories import agreement, operator

    _bank, measure = operator(make_org, "Банк развития", "dbk-loans")
    entities = [make_org(f"ТОО «Завод {i}»") for i in range(4)]
    for i, entity in enumerate(entities):
        agreement(
            entity,
            measure,
            region="35",
            payments=[(dt.date(2025, 4, 1), f"{1000000 * (i + 1)}.50")],
            reports=[(dt.date(2025, 12, 31), "0.8500")],
            refunds=[(dt.date(2025, 12, 31), "1500.00")] if i else [],
        )
    agreement(entities[0], measure, region="71", payments=[(dt.date(2025, 6, 1), "250000.00")])
    return entities


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_authorized_bodys_effectiveness_page(page: Any, make_org: Any, make_user: Any, language: str) -> None:
    from nisi.core.models import DisclosureView

    entities = _world(make_org)
    officer = make_user(Role.AUTHORIZED_BODY)
    sign_in(page, officer.username)
    page.goto(f"/{language}/reporting/effectiveness/entities/?year=2025")
    table = page.locator("#entities")
    for entity in entities:
        assert entity.name in table.inner_text()
    assert page.locator("html").get_attribute("lang") == language
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"effectiveness-entities-{language}.png"), full_page=True)
    assert axe_violations(page) == []
    assert DisclosureView.objects.filter(ground="law").count() == 4
    # The year chosen in the form, without JavaScript's help.
    page.select_option("#year", "2024")
    page.locator("form.nisi-filters button").click()
    page.wait_for_url(re.compile(r"[?&]year=2024(&|$)"))

    page.goto(f"/{language}/reporting/effectiveness/?year=2025")
    assert page.locator("#effectiveness .govuk-tag--grey").count() >= 2  # region 71 and the cell hiding it
    assert entities[0].name not in page.content()
    page.screenshot(path=str(SHOTS / f"effectiveness-public-{language}.png"), full_page=True)
    assert axe_violations(page) == []


def test_an_entity_reads_who_saw_its_figures(page: Any, make_org: Any, make_user: Any) -> None:
    from nisi.core.authz import actor_for
    from nisi.reporting.services.effectiveness import entity_figures_view

    entities = _world(make_org)
    entity_figures_view(actor=actor_for(make_user(Role.AUTHORIZED_BODY)), year=2025, what="effectiveness 2025")
    user = make_user(Role.APPLICANT, organization=entities[1])
    sign_in(page, user.username)
    page.goto("/en/reporting/confidentiality/")
    views = page.locator("#views").inner_text()
    assert "effectiveness 2025" in views
    assert "authorized body" in views
    page.get_by_label("BIN of the organization you let see your data").fill(entities[2].identifier)
    page.get_by_label("Support received and counter-obligations achieved (IP-6.3)").check()
    page.get_by_role("button", name="Give the consent").click()
    expect(page.locator("#consents")).to_contain_text("Given")  # the table is on the page before it too
    page.screenshot(path=str(SHOTS / "confidentiality-en.png"), full_page=True)
    assert axe_violations(page) == []
