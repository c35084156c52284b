"""The pages of domestic raw materials as each user uses them: the public list, the manufacturer's application and
the authorized body's decision, volumes by form and file, agreements, licences and the monitoring."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nisi.raw_materials.models import Agreement, ExportLicence, ListingApplication, Producer, RawMaterial
from nisi.raw_materials.services import agreements
from tests.raw_materials.conftest import ALL_DOCUMENTS, CODE, World, conclude

ROOT = "/en/raw-materials/"
pytestmark = pytest.mark.django_db


def _login(client: Client, actor: Any) -> Client:
    client.force_login(get_user_model().objects.get(pk=actor.user_id))
    return client


def test_the_manufacturer_applies_and_the_officer_decides(client: Client, world: World) -> None:
    _login(client, world.manufacturer_actor)
    form = {"code": CODE, "name": "Медный концентрат", "purpose": "Катанка", "documents": ALL_DOCUMENTS[:2]}
    r = client.post(f"{ROOT}applications/new/", {**form, "code": "99"})
    assert r.status_code == 200
    assert "govuk-error-summary" in r.content.decode()
    r = client.post(f"{ROOT}applications/new/", {**form, "code": "999999"})
    assert "not a code of the HS or TN VED classifier" in r.content.decode()
    r = client.post(f"{ROOT}applications/new/", form)
    assert r.status_code == 302
    application = ListingApplication.objects.get()
    page = f"{ROOT}applications/{application.number}/"
    assert client.post(page).status_code == 403  # the manufacturer does not decide
    _login(client, world.officer)
    assert "Decide on the application" in client.get(page).content.decode()
    assert client.post(page).status_code == 302
    text = client.get(page).content.decode()
    assert "Refused on these grounds" in text
    assert "production capacities" in text
    assert "IP-60.3" in text


def test_the_public_list_and_a_raw_material_with_its_shares_explained(
    client: Client, world: World, listed: RawMaterial
) -> None:
    from nisi.raw_materials.services import volumes

    mine = Producer.objects.get(organization=world.producer)
    volumes.volume_report(actor=world.producer_actor, producer=mine, data=volumes.VolumeIn(2025, Decimal(750)))
    r = client.get(ROOT)
    assert r.status_code == 200
    assert CODE in r.content.decode()
    assert "(100.00 %)" in r.content.decode()
    text = client.get(f"{ROOT}list/{CODE}/").content.decode()
    assert "New production facility" in text
    assert "IP-60.5" in text
    assert "750.000 of the country" in text
    assert client.get(f"{ROOT}list/260400/").status_code == 404
    assert client.get(f"{ROOT}list/{CODE}/?year=abc").status_code == 200


def test_the_officer_records_a_producer_s_facts(client: Client, world: World, listed: RawMaterial) -> None:
    page = f"{ROOT}list/{CODE}/producers/{world.new_producer.identifier}/"
    _login(client, world.producer_actor)
    assert client.get(page).status_code == 404
    _login(client, world.officer)
    r = client.post(page, {"operating_since": "2030-01-01", "excluded_ground": ""})
    assert "cannot be in the future" in r.content.decode()
    assert client.post(page, {"operating_since": "2010-01-01", "excluded_ground": ""}).status_code == 302
    assert Producer.objects.get(organization=world.new_producer).operating_since == dt.date(2010, 1, 1)


def test_the_producer_reports_volumes_by_form_and_file(client: Client, world: World, listed: RawMaterial) -> None:
    _login(client, world.producer_actor)
    page = f"{ROOT}volumes/"
    producer = Producer.objects.get(organization=world.producer)
    r = client.post(page, {"step": "volume", "producer": producer.pk, "year": "2026", "volume": "10"})
    assert r.status_code == 200
    assert "Report a year that has ended" in r.content.decode()
    assert (
        client.post(page, {"step": "volume", "producer": producer.pk, "year": "2025", "volume": "10"}).status_code
        == 302
    )
    bad = SimpleUploadedFile(
        "v.csv", f"raw_material,producer,year,volume\n{CODE},{world.producer.identifier},2024,x\n".encode()
    )
    r = client.post(page, {"step": "file", "file": bad})
    assert r.status_code == 200
    assert "line 2" in r.content.decode().lower()
    _login(client, world.manufacturer_actor)
    assert client.get(page).status_code == 404


def test_agreement_pages_from_each_side(client: Client, world: World, listed: RawMaterial) -> None:
    _login(client, world.officer)
    form = {
        "raw_material": CODE,
        "producer": world.producer.identifier,
        "manufacturer": world.manufacturer.identifier,
        "price": "1000000.01",
        "min_export_price": "1000000.00",
        "yearly_volume": "1200",
        "starts_on": "2025-01-01",
        "ends_on": "2027-12-31",
        "processing": "Катанка",
    }
    r = client.post(f"{ROOT}agreements/new/", form)
    assert r.status_code == 200
    assert "1000000.01" in r.content.decode()
    assert "minimum export price" in r.content.decode()
    r = client.post(f"{ROOT}agreements/new/", {**form, "raw_material": "260400"})
    assert "not on the list of domestic raw materials" in r.content.decode()
    assert client.post(f"{ROOT}agreements/new/", {**form, "price": "1000000.00"}).status_code == 302
    agreement = Agreement.objects.get()
    page = f"{ROOT}agreements/{agreement.number}/"
    _login(client, world.producer_actor)
    assert "Report the deliveries" in client.get(page).content.decode()
    assert client.post(page, {"step": "report_delivery", "year": "2025", "delivered": "1200"}).status_code == 302
    assert client.post(page, {"step": "terminate", "reasons": "x"}).status_code == 403
    _login(client, world.other_actor)
    assert client.get(page).status_code == 404
    _login(client, world.officer)
    assert client.post(page, {"step": "terminate", "reasons": ""}).status_code == 200
    assert client.post(page, {"step": "terminate", "reasons": "Resold"}).status_code == 302
    assert "barred" in client.get(f"{ROOT}agreements/").content.decode()


def test_the_licence_decision_names_the_unfulfilled_agreement(
    client: Client, world: World, listed: RawMaterial
) -> None:
    agreement = conclude(world)
    agreements.delivery_report(actor=world.producer_actor, agreement=agreement, year=2025, delivered=Decimal(100))
    _login(client, world.producer_actor)
    producer = Producer.objects.get(organization=world.producer)
    r = client.post(
        f"{ROOT}licences/", {"producer": producer.pk, "year": "2026", "volume": "500", "destination": "China"}
    )
    assert r.status_code == 302
    licence = ExportLicence.objects.get()
    page = f"{ROOT}licences/{licence.number}/"
    _login(client, world.officer)
    text = client.get(page).content.decode()
    assert agreement.number in text
    assert "cannot be issued" in text
    r = client.post(page, {"step": "issue"}, follow=True)
    assert agreement.number in r.content.decode()
    licence.refresh_from_db()
    assert licence.status == ExportLicence.Status.APPLIED
    assert client.post(page, {"step": "refuse", "reasons": "Not fulfilled"}).status_code == 302
    licence.refresh_from_db()
    assert licence.status == ExportLicence.Status.REFUSED
    assert client.get(f"{ROOT}monitoring/?year=2025").status_code == 200
    assert client.get(f"{ROOT}monitoring/?year=x").status_code == 200
    _login(client, world.manufacturer_actor)
    assert client.get(f"{ROOT}monitoring/").status_code == 404
