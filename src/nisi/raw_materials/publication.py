"""The list of domestic raw materials as open data (ADR 37): a dataset in the catalogue whose changes are published
in the one feed of changes, from the journals, in the act's own transaction (`follow_journal`): a raw material
listed with its producers (IP-60.1, IP-60.4), a producer's facts recorded (IP-60.4), a producer's volume reported
or corrected (IP-60.5). As of a day, the list is answered from these published changes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nisi.core.models import JournalEntry
from nisi.core.publication import datasets as ds
from nisi.core.publication.services import RecordState, follow_journal
from nisi.raw_materials.messages import APPLICATION, RAW_MATERIAL
from nisi.raw_materials.models import ListingApplication, Producer, RawMaterial
from nisi.raw_materials.selectors import RAW_MATERIALS_DATASET

RAW_MATERIALS = RAW_MATERIALS_DATASET
_SOURCE_LIST = _("The manufacturer's application, listed by the authorized body (IP-60.1, IP-60.2)")
_SOURCE_REGISTER = _("The register of Kazakhstani commodity producers, on the day of listing (IP-60.4)")
_SOURCE_FACTS = _("Recorded by the authorized body from the state registration of the facility (IP-60.4)")
_SOURCE_VOLUMES = _("Reported by the producer each year (IP-60.5)")


def _producer_state(producer: Producer) -> dict[str, Any]:
    volumes = sorted(producer.volumes.all(), key=lambda v: v.year)
    return {
        "identifier": producer.organization.identifier,
        "name": producer.organization.name,
        "operating_since": producer.operating_since.isoformat() if producer.operating_since else None,
        "excluded_ground": producer.excluded_ground,
        "volumes": " ".join(f"{v.year}:{v.volume.normalize():f}" for v in volumes),
    }


def material_state(material: RawMaterial) -> dict[str, Any]:
    """A raw material's public fields on the list (see FIELDS)."""
    producers = material.producers.select_related("organization").prefetch_related("volumes")
    return {
        "code": material.code,
        "name": material.name,
        "unit": material.unit,
        "listed_on": material.listed_on.isoformat(),
        "producers": [_producer_state(p) for p in sorted(producers, key=lambda p: p.organization.identifier)],
    }


def _state(code: str) -> list[RecordState]:
    material = RawMaterial.objects.filter(code=code).first()
    return [] if material is None else [(code, {"code": code}, material_state(material))]


def _from_application(entry: JournalEntry) -> Iterable[RecordState]:
    code = ListingApplication.objects.filter(number=entry.subject_id).values_list("code", flat=True).first()
    return [] if code is None else _state(code)


def _from_material(entry: JournalEntry) -> Iterable[RecordState]:
    return _state(entry.subject_id)


def snapshot() -> Iterator[tuple[str, dict[str, Any]]]:
    for material in RawMaterial.objects.order_by("code"):
        yield material.code, material_state(material)


FIELDS = (
    ds.PublishedField("code", _("Raw material (HS or TN VED code)"), _SOURCE_LIST, "IP-60.1"),
    ds.PublishedField("name", _("Name of the raw material"), _SOURCE_LIST, "IP-60.1"),
    ds.PublishedField("unit", _("Unit of measure"), _SOURCE_LIST, "IP-60.1"),
    ds.PublishedField("listed_on", _("Date listed"), _("Written by nisi when the authorized body lists it"), "IP-60.1"),
    ds.PublishedField("producers.identifier", _("Producer: BIN"), _SOURCE_REGISTER, "IP-60.4"),
    ds.PublishedField("producers.name", _("Producer: name"), _SOURCE_REGISTER, "IP-60.4"),
    ds.PublishedField("producers.operating_since", _("Producer: production started on"), _SOURCE_FACTS, "IP-60.4"),
    ds.PublishedField("producers.excluded_ground", _("Producer: ground excluding it"), _SOURCE_FACTS, "IP-60.4"),
    ds.PublishedField("producers.volumes", _("Producer: volume by year"), _SOURCE_VOLUMES, "IP-60.5"),
)


def register() -> None:
    """Declares the list's dataset and publishes its changes from the journals (the app's `ready`)."""
    follow_journal(APPLICATION, dataset=RAW_MATERIALS, prefix="raw_material", states=_from_application)
    follow_journal(RAW_MATERIAL, dataset=RAW_MATERIALS, prefix="raw_material", states=_from_material)
    ds.register_dataset(
        ds.Dataset(
            key=RAW_MATERIALS,
            title=_("List of domestic raw materials"),
            description=_(
                "Raw materials listed on manufacturers' applications, with their producers in Kazakhstan, the facts "
                "that decide whether each is listed and the volumes they report (IP-60)."
            ),
            provisions=("IP-60.1", "IP-60.4", "IP-60.5", "IP-16.3"),
            frequency=ds.CONTINUOUS,
            landing=lambda: reverse("raw_materials:list"),
            distributions=(
                ds.snapshot_json(RAW_MATERIALS),
                ds.snapshot_csv(RAW_MATERIALS),
            ),
            fields=FIELDS,
            keywords=("raw materials", "producers"),
            changes_from=RAW_MATERIALS,
            snapshot=snapshot,
            event_kinds={
                "raw_material.listed": _("A raw material is put on the list with its producers (IP-60.1, IP-60.4)."),
                "raw_material.changed": _("A listed raw material's producers, their facts or volumes change."),
                "raw_material.delisted": _("A raw material leaves the list."),
            },
        )
    )
