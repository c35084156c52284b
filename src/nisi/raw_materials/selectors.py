"""Reads of domestic raw materials, scoped to the actor: the public list with each producer's standing and share,
applications, agreements from either side, licences, and the authorized body's monitoring (IP-60.10)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from nisi.core.authz import Actor, scope
from nisi.core.publication.as_of import record_on, records_on
from nisi.law.trace import Explained
from nisi.raw_materials import rules
from nisi.raw_materials.models import (
    Agreement,
    AgreementOfProducer,
    DeliveryReport,
    ExportLicence,
    ListingApplication,
    ManufacturerBar,
    Producer,
    ProductionVolume,
    RawMaterial,
)


@dataclass
class ProducerLine:
    producer: Producer
    listing: Explained[rules.Listing]
    volume: Decimal | None
    share: Explained[Decimal] | None

    @property
    def listing_label(self) -> str:
        return str(rules.LISTING_LABELS[self.listing.value])


@dataclass
class RawMaterialView:
    material: RawMaterial
    year: int | None  # the year of the shares: the latest with volumes
    lines: list[ProducerLine] = field(default_factory=list)
    total: Decimal = Decimal(0)


def raw_materials() -> QuerySet[RawMaterial]:
    """The list of domestic raw materials (public, IP-60.1)."""
    return RawMaterial.objects.all()


def raw_material(code: str) -> RawMaterial | None:
    return RawMaterial.objects.filter(code=code).first()


def years_with_volumes(material: RawMaterial) -> list[int]:
    return sorted(
        set(ProductionVolume.objects.filter(producer__raw_material=material).values_list("year", flat=True)),
        reverse=True,
    )


def standing(material: RawMaterial, on: dt.date, year: int | None = None) -> RawMaterialView:
    """Each producer's place on the list on `on` (IP-60.4) and its share of supply in `year` (the latest year with
    volumes by default), computed from the volumes as they now stand (IP-60.5)."""
    years = years_with_volumes(material)
    year = year if year is not None else (years[0] if years else None)
    producers = list(material.producers.select_related("organization").order_by("organization__name"))
    volumes: dict[int, Decimal] = {}
    if year is not None:
        volumes = dict(
            ProductionVolume.objects.filter(producer__raw_material=material, year=year).values_list(
                "producer_id", "volume"
            )
        )
    shares = rules.supply_shares({str(k): v for k, v in volumes.items()})
    view = RawMaterialView(material=material, year=year, total=sum(volumes.values(), Decimal(0)))
    for p in producers:
        view.lines.append(
            ProducerLine(
                producer=p,
                listing=rules.producer_listing(
                    operating_since=p.operating_since, excluded_ground=p.excluded_ground, on=on
                ),
                volume=volumes.get(p.pk),
                share=shares.get(str(p.pk)),
            )
        )
    return view


def producer_volumes(producer: Producer) -> QuerySet[ProductionVolume]:
    return producer.volumes.order_by("-year")


def producers_for(actor: Actor, action: str = "report_volume") -> QuerySet[Producer]:
    """The producers whose volumes (or licences) the actor reports: its own organization's."""
    return scope(actor, Producer.objects.select_related("raw_material", "organization"), action)


def applications_for(actor: Actor) -> QuerySet[ListingApplication]:
    return scope(actor, ListingApplication.objects.select_related("manufacturer"))


def application(actor: Actor, number: str) -> ListingApplication | None:
    return applications_for(actor).filter(number=number).first()


def agreements_for(actor: Actor) -> QuerySet[Agreement]:
    """The agreements the actor reaches from either side: as the manufacturer, as the producer, or as an officer."""
    as_manufacturer = scope(actor, Agreement.objects.all()).values("pk")
    as_producer = scope(actor, AgreementOfProducer.objects.all()).values("pk")
    return Agreement.objects.filter(Q(pk__in=as_manufacturer) | Q(pk__in=as_producer)).select_related(
        "raw_material", "producer__organization", "manufacturer"
    )


def agreement(actor: Actor, number: str) -> Agreement | None:
    return agreements_for(actor).filter(number=number).first()


def as_producer(agreement: Agreement) -> AgreementOfProducer:
    """The same agreement as its producer's side reaches it (its own policy)."""
    return AgreementOfProducer.objects.select_related("producer__organization").get(pk=agreement.pk)


def deliveries(agreement: Agreement) -> QuerySet[DeliveryReport]:
    return agreement.deliveries.order_by("-year")


def licences_for(actor: Actor) -> QuerySet[ExportLicence]:
    return scope(actor, ExportLicence.objects.select_related("producer__organization", "producer__raw_material"))


def licence(actor: Actor, number: str) -> ExportLicence | None:
    return licences_for(actor).filter(number=number).first()


def bars() -> QuerySet[ManufacturerBar]:
    return ManufacturerBar.objects.select_related("organization", "agreement")


@dataclass
class MonitoringLine:
    agreement: Agreement
    report: DeliveryReport | None
    owed: Decimal

    @property
    def fulfilled(self) -> bool | None:
        if self.owed == 0:
            return None
        return self.report is not None and self.report.delivered >= self.owed


def monitoring(actor: Actor, year: int) -> list[MonitoringLine]:
    """IP-60.10: each agreement's deliveries in `year` against what it owed, for the authorized body."""
    reports = {r.agreement_id: r for r in DeliveryReport.objects.filter(year=year)}
    lines = []
    for a in agreements_for(actor).order_by("number"):
        owed = rules.contracted_in_year(a.yearly_volume, a.starts_on, a.ends_on, year, a.terminated_on)
        lines.append(MonitoringLine(a, reports.get(a.pk), owed))
    return lines


# The list as it stood at the end of a day (ADR 45), from the changes it published: the page's data -------------

RAW_MATERIALS_DATASET = "raw-materials"  # declared in `raw_materials.publication`


def _volumes_published(text: str) -> dict[int, Decimal]:
    """A producer's published volumes (`"2024:120 2025:130"`) by year, to the column's three places."""
    pairs = (item.split(":", 1) for item in (text or "").split())
    return {int(year): Decimal(volume).quantize(Decimal("0.001")) for year, volume in pairs}


def material_published_on(state: dict[str, Any], on: dt.date, year: int | None = None) -> dict[str, Any]:
    """A raw material as the list published it by the end of `on`, in the API's shape: each producer's place on the
    list that day (IP-60.4) and its share of supply in `year` (the latest year with volumes by default) from the
    volumes reported by then (IP-60.5)."""
    producers = sorted(state.get("producers") or [], key=lambda p: p["name"])
    volumes = {p["identifier"]: _volumes_published(p.get("volumes") or "") for p in producers}
    years = sorted({y for by_year in volumes.values() for y in by_year}, reverse=True)
    year = year if year is not None else (years[0] if years else None)
    in_year = {bin_: by_year[year] for bin_, by_year in volumes.items() if year in by_year}
    shares = rules.supply_shares(in_year)
    lines = []
    for p in producers:
        since = dt.date.fromisoformat(p["operating_since"]) if p.get("operating_since") else None
        listing = rules.producer_listing(operating_since=since, excluded_ground=p.get("excluded_ground") or "", on=on)
        share = shares.get(p["identifier"])
        lines.append(
            {
                "bin": p["identifier"],
                "name": p["name"],
                "listing": str(listing.value),
                "listing_explained": [s.text for s in listing.steps],
                "volume": in_year.get(p["identifier"]),
                "share_percent": share.value if share else None,
                "share_explained": [s.text for s in share.steps] if share else [],
            }
        )
    return {
        "code": state["code"],
        "name": state["name"],
        "unit": state["unit"],
        "listed_on": dt.date.fromisoformat(state["listed_on"]),
        "year": year,
        "country_production": sum(in_year.values(), Decimal(0)),
        "producers": lines,
    }


def raw_materials_on(on: dt.date) -> list[dict[str, Any]]:
    """The list as it stood at the end of `on`, by code (as `raw_materials()`)."""
    return [material_published_on(state, on) for _code, state in records_on(RAW_MATERIALS_DATASET, on)]


def raw_material_on(code: str, on: dt.date, year: int | None = None) -> dict[str, Any] | None:
    state = record_on(RAW_MATERIALS_DATASET, code, on)
    return None if state is None else material_published_on(state, on, year)
