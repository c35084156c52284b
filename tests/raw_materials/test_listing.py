"""The list of domestic raw materials through its services (IP-60.1–60.6)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from nisi.core.models import Deadline, JournalEntry, Notification
from nisi.law import clock
from nisi.raw_materials import selectors
from nisi.raw_materials.messages import AGREEMENT_DEADLINE, APPLICATION_DEADLINE
from nisi.raw_materials.models import ListingApplication, Producer, RawMaterial
from nisi.raw_materials.services import listing, volumes
from nisi.raw_materials.services.common import RawMaterialError
from tests.raw_materials.conftest import ALL_DOCUMENTS, CODE, World, apply, conclude

pytestmark = pytest.mark.django_db


def test_an_application_opens_the_authorized_body_s_term(world: World) -> None:
    application = apply(world)
    assert application.number.startswith("RMA-2026-")
    deadline = Deadline.objects.get(kind=APPLICATION_DEADLINE, subject_id=application.number)
    assert deadline.responsible_role == "authorized_body"
    assert deadline.due_on > world_today()


def world_today() -> dt.date:
    return clock.today()


@pytest.mark.law("IP-60.3")
def test_ip_60_3_incomplete_documents_refuse_and_name_the_missing(world: World, english: None) -> None:
    decided = listing.application_decide(actor=world.officer, application=apply(world, documents=["application"]))
    assert decided.status == ListingApplication.Status.REFUSED
    assert [g["kind"] for g in decided.grounds] == ["incomplete_documents"]
    assert not RawMaterial.objects.exists()
    note = Notification.objects.get(organization=world.manufacturer)
    assert note.message_key == "raw_materials.application.refused"
    assert not Deadline.objects.filter(kind=APPLICATION_DEADLINE, status=Deadline.Status.OPEN).exists()


@pytest.mark.law("IP-60.3")
def test_ip_60_3_no_producer_in_kazakhstan_refuses_with_the_code_and_day(world: World) -> None:
    decided = listing.application_decide(actor=world.officer, application=apply(world, code="260400"))
    assert [g["kind"] for g in decided.grounds] == ["no_producer"]
    assert decided.grounds[0]["params"] == {"code": "260400", "on": "2026-03-02"}


@pytest.mark.law("IP-60.1")
def test_ip_60_1_a_granted_application_lists_the_raw_material_with_the_register_s_producers(world: World) -> None:
    decided = listing.application_decide(actor=world.officer, application=apply(world))
    assert decided.status == ListingApplication.Status.LISTED
    material = RawMaterial.objects.get(code=CODE)
    assert set(material.producers.values_list("organization__identifier", flat=True)) == {
        world.producer.identifier,
        world.new_producer.identifier,
    }
    entry = JournalEntry.objects.filter(subject_id=decided.number, action="listed").get()
    assert sorted(entry.payload["producers"]) == sorted([world.producer.identifier, world.new_producer.identifier])


def test_an_unknown_code_or_bin_is_refused_and_nothing_written(world: World) -> None:
    with pytest.raises(RawMaterialError) as caught:
        apply(world, code="999999")
    assert caught.value.field == "code"
    with pytest.raises(RawMaterialError):
        apply(world, manufacturer="123456789012")
    with pytest.raises(RawMaterialError):
        apply(world, documents=["passport"])
    assert not ListingApplication.objects.exists()


def test_only_the_manufacturer_s_own_users_apply_and_only_the_officer_decides(world: World) -> None:
    with pytest.raises(PermissionDenied):
        listing.application_submit(
            actor=world.officer,
            manufacturer=world.manufacturer.identifier,
            code=CODE,
            name="x",
            purpose="y",
            documents=ALL_DOCUMENTS,
        )
    with pytest.raises(PermissionDenied):
        apply(world, manufacturer=world.producer.identifier)
    application = apply(world)
    with pytest.raises(PermissionDenied):
        listing.application_decide(actor=world.manufacturer_actor, application=application)
    listing.application_decide(actor=world.officer, application=application)
    with pytest.raises(PermissionDenied):  # decided once: no decision is left to take
        listing.application_decide(actor=world.officer, application=application)


@pytest.mark.law("IP-60.4")
def test_ip_60_4_a_new_facility_is_not_listed_and_owes_no_agreement(world: World, listed: RawMaterial) -> None:
    view = selectors.standing(listed, clock.today())
    by_bin = {line.producer.organization.identifier: line.listing.value for line in view.lines}
    assert by_bin == {world.producer.identifier: "listed", world.new_producer.identifier: "new_facility"}
    queue = Deadline.objects.filter(kind=AGREEMENT_DEADLINE, status=Deadline.Status.OPEN)
    assert list(queue.values_list("subject_id", flat=True)) == [f"{CODE}:{world.producer.identifier}"]


@pytest.mark.law("IP-60.6")
def test_ip_60_6_a_listed_producer_without_an_agreement_is_on_the_work_queue_until_it_concludes(
    world: World, listed: RawMaterial
) -> None:
    key = f"{CODE}:{world.producer.identifier}"
    assert Deadline.objects.get(kind=AGREEMENT_DEADLINE, subject_id=key).status == Deadline.Status.OPEN
    assert listing.agreement_deadlines_open() == 0  # once
    conclude(world)
    assert Deadline.objects.get(kind=AGREEMENT_DEADLINE, subject_id=key).status == Deadline.Status.DONE


@pytest.mark.law("IP-60.4")
def test_ip_60_4_a_new_facility_turns_three_and_joins_the_work_queue_by_the_daily_task(
    world: World, listed: RawMaterial
) -> None:
    with clock.frozen(dt.date(2028, 1, 10)):
        assert listing.agreement_deadlines_open() == 1
    key = f"{CODE}:{world.new_producer.identifier}"
    assert Deadline.objects.filter(kind=AGREEMENT_DEADLINE, subject_id=key).exists()


def test_a_future_start_is_refused(world: World, listed: RawMaterial) -> None:
    producer = Producer.objects.get(organization=world.producer)
    with pytest.raises(RawMaterialError):
        listing.producer_facts_set(
            actor=world.officer, producer=producer, operating_since=dt.date(2027, 1, 1), excluded_ground=""
        )
    with pytest.raises(PermissionDenied):
        listing.producer_facts_set(
            actor=world.producer_actor, producer=producer, operating_since=dt.date(2010, 1, 1), excluded_ground=""
        )


@pytest.mark.law("IP-60.5")
def test_ip_60_5_shares_follow_the_volumes_reported_and_are_recomputed_when_one_changes(
    world: World, listed: RawMaterial
) -> None:
    mine = Producer.objects.get(organization=world.producer)
    theirs = Producer.objects.get(organization=world.new_producer)
    volumes.volume_report(actor=world.producer_actor, producer=mine, data=volumes.VolumeIn(2025, Decimal(600)))
    volumes.volume_report(actor=world.new_producer_actor, producer=theirs, data=volumes.VolumeIn(2025, Decimal(400)))
    shares = {
        line.producer.pk: line.share.value for line in selectors.standing(listed, clock.today()).lines if line.share
    }
    assert shares == {mine.pk: Decimal("60.00"), theirs.pk: Decimal("40.00")}
    volumes.volume_report(actor=world.new_producer_actor, producer=theirs, data=volumes.VolumeIn(2025, Decimal(1400)))
    shares = {
        line.producer.pk: line.share.value for line in selectors.standing(listed, clock.today()).lines if line.share
    }
    assert shares == {mine.pk: Decimal("30.00"), theirs.pk: Decimal("70.00")}
    changed = JournalEntry.objects.get(action="volume_changed")
    assert changed.payload["previous"] == "400.000" or changed.payload["previous"] == "400"
    assert changed.payload["shares"] == {world.producer.identifier: "30.00", world.new_producer.identifier: "70.00"}


def test_a_volume_for_a_year_not_ended_or_of_another_producer_is_refused(world: World, listed: RawMaterial) -> None:
    mine = Producer.objects.get(organization=world.producer)
    with pytest.raises(RawMaterialError):
        volumes.volume_report(actor=world.producer_actor, producer=mine, data=volumes.VolumeIn(2026, Decimal(1)))
    with pytest.raises(PermissionDenied):
        volumes.volume_report(actor=world.new_producer_actor, producer=mine, data=volumes.VolumeIn(2025, Decimal(1)))


def test_a_file_of_volumes_reports_every_bad_line_and_writes_nothing(world: World, listed: RawMaterial) -> None:
    from nisi.core.csv_import import CsvImportError
    from nisi.raw_materials.models import ProductionVolume

    bad = (
        "raw_material,producer,year,volume\n"
        f"{CODE},{world.producer.identifier},2025,600\n"
        f"{CODE},{world.new_producer.identifier},2025,400\n"
        f"260400,{world.producer.identifier},2025,1\n"
        f"{CODE},{world.producer.identifier},2030,1\n"
    ).encode()
    with pytest.raises(CsvImportError) as caught:
        volumes.volumes_import(actor=world.producer_actor, content=bad, name="v.csv")
    assert [p.line for p in caught.value.problems] == [3, 4, 5]
    assert not ProductionVolume.objects.exists()
    good = f"raw_material,producer,year,volume\n{CODE},{world.producer.identifier},2025,600\n{CODE},{world.producer.identifier},2024,550\n".encode()
    assert len(volumes.volumes_import(actor=world.producer_actor, content=good, name="v.csv")) == 2


def test_an_xlsx_file_of_volumes_is_read_like_a_csv(world: World, listed: RawMaterial) -> None:
    import io

    from openpyxl import Workbook

    from nisi.core.csv_import import CsvImportError

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["raw_material", "producer", "year", "volume"])
    sheet.append([CODE, world.producer.identifier, 2025, 600.5])
    sheet.append([CODE, world.producer.identifier, 2025, 700])
    content = io.BytesIO()
    book.save(content)
    with pytest.raises(CsvImportError) as caught:
        volumes.volumes_import(actor=world.producer_actor, content=content.getvalue(), name="v.xlsx")
    assert [p.line for p in caught.value.problems] == [3]  # the year given twice
    sheet.delete_rows(3)
    content = io.BytesIO()
    book.save(content)
    (saved,) = volumes.volumes_import(actor=world.producer_actor, content=content.getvalue(), name="v.xlsx")
    assert saved.volume == Decimal("600.5")
