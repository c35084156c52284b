"""Tripartite agreements (IP-60.6–60.8) and export licences (IP-60.9) through their services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from nisi.core.models import Document, JournalEntry, Notification
from nisi.core.services.documents import document_check
from nisi.law import clock
from nisi.raw_materials import selectors
from nisi.raw_materials.models import Agreement, DeliveryReport, ExportLicence, ManufacturerBar, Producer, RawMaterial
from nisi.raw_materials.services import agreements, licences
from nisi.raw_materials.services.common import RawMaterialError
from tests.raw_materials.conftest import CODE, World, conclude

pytestmark = pytest.mark.django_db


@pytest.mark.law("IP-60.7")
def test_ip_60_7_a_price_equal_to_the_minimum_export_price_passes(world: World, listed: RawMaterial) -> None:
    agreement = conclude(world, price=Decimal("1000000.00"))
    assert agreement.number.startswith("RMS-2026-")
    assert agreement.status == Agreement.Status.CONCLUDED


@pytest.mark.law("IP-60.7")
def test_ip_60_7_one_tiyn_above_is_refused_with_both_figures(world: World, listed: RawMaterial, english: None) -> None:
    with pytest.raises(RawMaterialError) as caught:
        conclude(world, price=Decimal("1000000.01"))
    assert "1000000.01" in str(caught.value)
    assert "1000000.00" in str(caught.value)
    assert caught.value.field == "price"
    assert not Agreement.objects.exists()


@pytest.mark.law("IP-60.1")
def test_ip_60_1_a_raw_material_not_on_the_list_is_refused(world: World, listed: RawMaterial, english: None) -> None:
    with pytest.raises(RawMaterialError) as caught:
        conclude(world, raw_material="260400")
    assert "260400 is not on the list of domestic raw materials" in str(caught.value)
    assert not Agreement.objects.exists()


@pytest.mark.law("IP-60.4")
def test_ip_60_4_no_agreement_with_a_new_facility(world: World, listed: RawMaterial) -> None:
    with pytest.raises(RawMaterialError) as caught:
        conclude(world, producer=world.new_producer.identifier)
    assert caught.value.field == "producer"


def test_only_the_authorized_body_concludes(world: World, listed: RawMaterial) -> None:
    with pytest.raises(PermissionDenied):
        agreements.agreement_conclude(
            actor=world.manufacturer_actor,
            raw_material=CODE,
            producer=world.producer.identifier,
            manufacturer=world.manufacturer.identifier,
            price=Decimal(1),
            min_export_price=Decimal(2),
            yearly_volume=Decimal(1),
            starts_on=dt.date(2026, 1, 1),
            ends_on=dt.date(2026, 12, 31),
            processing="x",
        )


@pytest.mark.law("IP-60.8")
def test_ip_60_8_a_resale_terminates_bars_and_the_bar_is_checked_on_every_new_agreement(
    world: World, listed: RawMaterial, english: None
) -> None:
    agreement = conclude(world)
    with pytest.raises(PermissionDenied):
        agreements.agreement_terminate_for_resale(actor=world.manufacturer_actor, agreement=agreement, reasons="x")
    with pytest.raises(RawMaterialError):
        agreements.agreement_terminate_for_resale(actor=world.officer, agreement=agreement, reasons=" ")
    agreements.agreement_terminate_for_resale(
        actor=world.officer, agreement=agreement, reasons="Sold 300 t to a trader, invoice 17 of 2026-02-10"
    )
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.TERMINATED
    assert agreement.terminated_on == clock.today()
    bar = ManufacturerBar.objects.get()
    assert bar.organization == world.manufacturer
    assert bar.agreement == agreement
    assert Notification.objects.filter(
        organization=world.manufacturer, message_key="raw_materials.agreement.terminated"
    ).exists()
    with pytest.raises(RawMaterialError) as caught:
        conclude(world)
    assert agreement.number in str(caught.value)
    assert caught.value.field == "manufacturer"
    with clock.frozen(dt.date(2030, 1, 1)), pytest.raises(RawMaterialError):
        conclude(world, starts_on=dt.date(2030, 1, 1), ends_on=dt.date(2030, 12, 31))
    assert Agreement.objects.count() == 1
    conclude(world, manufacturer=world.other_manufacturer.identifier)  # another manufacturer is not barred


def test_each_side_reads_its_agreement_and_only_the_producer_reports_deliveries(
    world: World, listed: RawMaterial
) -> None:
    agreement = conclude(world)
    for actor in (world.producer_actor, world.manufacturer_actor, world.officer, world.auditor):
        assert list(selectors.agreements_for(actor)) == [agreement]
    assert list(selectors.agreements_for(world.other_actor)) == []
    assert list(selectors.agreements_for(world.akimat)) == []
    with pytest.raises(PermissionDenied):
        agreements.delivery_report(actor=world.manufacturer_actor, agreement=agreement, year=2025, delivered=Decimal(1))
    report = agreements.delivery_report(
        actor=world.producer_actor, agreement=agreement, year=2025, delivered=Decimal(1200)
    )
    assert report.contracted == Decimal("1200.000")
    with pytest.raises(RawMaterialError):  # a year is reported once
        agreements.delivery_report(actor=world.producer_actor, agreement=agreement, year=2025, delivered=Decimal(1))
    with pytest.raises(RawMaterialError):  # a year not ended
        agreements.delivery_report(actor=world.producer_actor, agreement=agreement, year=2026, delivered=Decimal(1))


def _apply(world: World) -> ExportLicence:
    return licences.licence_apply(
        actor=world.producer_actor,
        producer=Producer.objects.get(organization=world.producer),
        year=2026,
        volume=Decimal(5000),
        destination="China",
    )


@pytest.mark.law("IP-60.9")
def test_ip_60_9_a_licence_for_a_producer_with_an_unfulfilled_agreement_is_refused_naming_it(
    world: World, listed: RawMaterial, english: None
) -> None:
    agreement = conclude(world)
    agreements.delivery_report(actor=world.producer_actor, agreement=agreement, year=2025, delivered=Decimal(1000))
    licence = _apply(world)
    with pytest.raises(RawMaterialError) as caught:
        licences.licence_issue(actor=world.officer, licence=licence)
    assert agreement.number in str(caught.value)
    assert "1000" in str(caught.value)
    assert "1200" in str(caught.value)
    licence.refresh_from_db()
    assert licence.status == ExportLicence.Status.APPLIED
    assert licence.document is None
    assert not Document.objects.exists()
    assert not JournalEntry.objects.filter(action="issued").exists()
    refused = licences.licence_refuse(actor=world.officer, licence=licence, reasons=str(caught.value))
    assert refused.status == ExportLicence.Status.REFUSED
    assert Notification.objects.filter(
        organization=world.producer, message_key="raw_materials.licence.refused"
    ).exists()


@pytest.mark.law("IP-60.9")
def test_ip_60_9_no_agreement_no_licence(world: World, listed: RawMaterial) -> None:
    licence = _apply(world)
    with pytest.raises(RawMaterialError):
        licences.licence_issue(actor=world.officer, licence=licence)


@pytest.mark.law("IP-60.9")
def test_ip_60_9_fulfilled_gives_a_signed_licence_with_its_public_check(world: World, listed: RawMaterial) -> None:
    agreement = conclude(world)
    agreements.delivery_report(actor=world.producer_actor, agreement=agreement, year=2025, delivered=Decimal(1200))
    licence = _apply(world)
    with pytest.raises(PermissionDenied):
        licences.licence_issue(actor=world.producer_actor, licence=licence)
    issued = licences.licence_issue(actor=world.officer, licence=licence)
    assert issued.status == ExportLicence.Status.ISSUED
    assert issued.document is not None
    check = document_check(issued.document)
    assert check.status == "valid"
    assert check.signature_valid
    assert check.current_status["current"]
    assert issued.document.pdf.read().startswith(b"%PDF")
    assert issued.document.data["period_checked"] == 2025
    with clock.frozen(dt.date(2027, 1, 1)):
        assert document_check(issued.document).status == "not_current"


def test_licences_are_seen_by_their_producer_and_the_officers_only(world: World, listed: RawMaterial) -> None:
    licence = _apply(world)
    assert list(selectors.licences_for(world.producer_actor)) == [licence]
    assert list(selectors.licences_for(world.officer)) == [licence]
    assert list(selectors.licences_for(world.manufacturer_actor)) == []
    with pytest.raises(PermissionDenied):
        licences.licence_apply(
            actor=world.manufacturer_actor,
            producer=Producer.objects.get(organization=world.producer),
            year=2026,
            volume=Decimal(1),
            destination="China",
        )


@pytest.mark.law("IP-60.10")
def test_ip_60_10_monitoring_shows_each_agreement_s_year(world: World, listed: RawMaterial) -> None:
    fulfilled = conclude(world)
    short = conclude(world, manufacturer=world.other_manufacturer.identifier)
    agreements.delivery_report(actor=world.producer_actor, agreement=fulfilled, year=2025, delivered=Decimal(1200))
    agreements.delivery_report(actor=world.producer_actor, agreement=short, year=2025, delivered=Decimal(10))
    lines = {line.agreement.number: line.fulfilled for line in selectors.monitoring(world.officer, 2025)}
    assert lines == {fulfilled.number: True, short.number: False}
    assert DeliveryReport.objects.count() == 2
