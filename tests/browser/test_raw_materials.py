"""Domestic raw materials in the browser (IP-60): a manufacturing enterprise applies to list a raw material, and the
authorized body decides on export licences, issuing one when the producer fulfilled its agreements and refusing one
that names the agreement not fulfilled; every page passes axe in Kazakh, Russian and English."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, sign_in
from tests.raw_materials.conftest import World, make_listed, make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LANGUAGES = ("kk", "ru", "en")


def _username(actor: Any) -> str:
    return str(get_user_model().objects.get(pk=actor.user_id).username)


@pytest.fixture
def people(make_org: Any, make_user: Any) -> World:
    from tests.conftest import hs_codes_loaded

    hs_codes_loaded()  # a transactional test's flush emptied the classifier
    return make_world(make_org, make_user)


@pytest.mark.law("IP-60.2")
def test_the_manufacturer_applies_to_list_a_raw_material(page: Any, people: World) -> None:
    world = people
    from nisi.raw_materials.models import ListingApplication

    sign_in(page, _username(world.manufacturer_actor))
    for language in LANGUAGES:
        page.goto(f"/{language}/raw-materials/applications/new/")
        assert page.locator("h1").count() == 1
        assert axe_violations(page) == [], language
    page.goto("/en/raw-materials/applications/new/")
    page.get_by_role("button", name="Send the application").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Commodity code of the raw material (HS or TN VED)").fill("260300")
    page.get_by_label("Name of the raw material").fill("Медный концентрат")
    page.get_by_label("What the enterprise makes of it").fill("Катанка и кабель")
    page.get_by_label("The application on the form of the rules, signed by the head").check()
    page.get_by_label("Documents confirming the production capacities that process the raw material").check()
    page.get_by_role("button", name="Send the application").click()
    page.wait_for_url("**/raw-materials/applications/RMA-*/")
    application = ListingApplication.objects.get()
    assert application.documents == ["application", "capacity"]
    assert "calculation of the need" in page.content()  # the missing document is shown as missing
    assert axe_violations(page) == []


@pytest.mark.law("IP-60.9")
def test_the_authorized_body_decides_on_export_licences(page: Any, people: World) -> None:
    world = people
    from nisi.law import clock
    from nisi.raw_materials.models import ExportLicence, Producer
    from nisi.raw_materials.services import agreements, licences
    from tests.raw_materials.conftest import conclude

    make_listed(world)
    fulfilled = conclude(world)
    short = conclude(world, manufacturer=world.other_manufacturer.identifier)
    agreements.delivery_report(actor=world.producer_actor, agreement=fulfilled, year=2025, delivered=Decimal(1200))
    producer = Producer.objects.get(organization=world.producer)
    year = clock.today().year
    first = licences.licence_apply(
        actor=world.producer_actor, producer=producer, year=year, volume=Decimal(500), destination="China"
    )
    sign_in(page, _username(world.officer))
    for language in LANGUAGES:
        page.goto(f"/{language}/raw-materials/licences/{first.number}/")
        assert axe_violations(page) == [], language
    page.goto(f"/en/raw-materials/licences/{first.number}/")
    assert short.number in page.locator("#obligations").inner_text()
    page.get_by_role("button", name="Issue the licence").click()
    assert (
        short.number
        in page.locator(".govuk-notification-banner, .govuk-error-summary, [role=alert]").first.inner_text()
    )
    assert ExportLicence.objects.get(pk=first.pk).status == "applied"
    page.get_by_label("Reasons").fill(f"Agreement {short.number} was not fulfilled in 2025.")
    page.get_by_role("button", name="Refuse the licence").click()
    expect(page.locator("#status")).to_have_text("Refused")  # the page before it says "Applied" there
    assert axe_violations(page) == []
    # The producer delivers under the other agreement too (reported by the API's service), and applies again.
    agreements.delivery_report(actor=world.producer_actor, agreement=short, year=2025, delivered=Decimal(1200))
    second = licences.licence_apply(
        actor=world.producer_actor, producer=producer, year=year, volume=Decimal(500), destination="China"
    )
    page.goto(f"/en/raw-materials/licences/{second.number}/")
    page.get_by_role("button", name="Issue the licence").click()
    expect(page.locator("#status")).to_have_text("Issued")
    page.get_by_role("link", name="Check the signed licence").click()
    page.wait_for_url("**/verify/*/")
    assert axe_violations(page) == []
    assert ExportLicence.objects.get(pk=second.pk).document is not None
