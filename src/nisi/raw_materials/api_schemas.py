"""The domestic raw materials' API schemas and how its records are answered in them: the list with each producer's
listing and share explained (IP-60), the listing applications, the volumes reported, the agreements on deliveries
and the export licences. The handlers are in `nisi.raw_materials.api`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema

from nisi.core.authz import actor_for, allowed_actions
from nisi.law.api_common import Day, Identifier
from nisi.raw_materials import rules, selectors
from nisi.raw_materials.models import Agreement, ExportLicence, ListingApplication

DocumentKey = str


class RawMaterialProducerOut(Schema):
    bin: str
    name: str
    listing: str
    listing_explained: list[str]
    volume: Decimal | None
    share_percent: Decimal | None
    share_explained: list[str]


class RawMaterialOut(Schema):
    code: str
    name: str
    unit: str
    listed_on: dt.date
    year: int | None
    country_production: Decimal
    producers: list[RawMaterialProducerOut]


def material_out(view: selectors.RawMaterialView) -> dict[str, Any]:
    return {
        "code": view.material.code,
        "name": view.material.name,
        "unit": view.material.unit,
        "listed_on": view.material.listed_on,
        "year": view.year,
        "country_production": view.total,
        "producers": [
            {
                "bin": line.producer.organization.identifier,
                "name": line.producer.organization.name,
                "listing": str(line.listing.value),
                "listing_explained": [s.text for s in line.listing.steps],
                "volume": line.volume,
                "share_percent": line.share.value if line.share else None,
                "share_explained": [s.text for s in line.share.steps] if line.share else [],
            }
            for line in view.lines
        ],
    }


class RmApplicationIn(Schema):
    manufacturer: Identifier
    code: str = Field(..., pattern=r"^[0-9]{4,10}$")
    name: str = Field(..., min_length=1, max_length=300)
    purpose: str = Field(..., min_length=1, max_length=4000)
    documents: list[DocumentKey] = Field(
        default_factory=list, max_length=10, description="the documents given: application, need, capacity"
    )


class RmGroundOut(Schema):
    kind: str
    provision: str
    text: str


class RmApplicationOut(Schema):
    number: str
    manufacturer: str
    code: str
    name: str
    status: str
    documents: list[str]
    grounds: list[RmGroundOut]
    submitted_on: dt.date
    decided_on: dt.date | None
    actions: list[str]


def application_out(a: ListingApplication, request: HttpRequest) -> dict[str, Any]:
    grounds = [rules.Ground.from_dict(g) for g in a.grounds]
    return {
        "number": a.number,
        "manufacturer": a.manufacturer.identifier,
        "code": a.code,
        "name": a.name,
        "status": a.status,
        "documents": a.documents,
        "grounds": [{"kind": g.kind, "provision": g.provision, "text": g.text} for g in grounds],
        "submitted_on": a.submitted_on,
        "decided_on": a.decided_on,
        "actions": sorted(allowed_actions(actor_for(request.user), a)),
    }


class RmVolumeIn(Schema):
    raw_material: str = Field(..., pattern=r"^[0-9]{4,10}$")
    producer: Identifier
    year: int = Field(..., ge=2000, le=2100)
    volume: Decimal = Field(..., ge=0, max_digits=18, decimal_places=3)


class RmVolumeOut(Schema):
    raw_material: str
    producer: str
    year: int
    volume: Decimal
    share_percent: Decimal | None


class RmAgreementIn(Schema):
    raw_material: str = Field(..., pattern=r"^[0-9]{4,10}$")
    producer: Identifier
    manufacturer: Identifier
    price: Decimal = Field(..., gt=0, max_digits=20, decimal_places=2, description="tenge per unit")
    min_export_price: Decimal = Field(..., gt=0, max_digits=20, decimal_places=2, description="tenge per unit")
    yearly_volume: Decimal = Field(..., gt=0, max_digits=18, decimal_places=3)
    starts_on: Day
    ends_on: Day
    processing: str = Field(..., min_length=1, max_length=4000)


class RmDeliveryOut(Schema):
    year: int
    owed: Decimal
    delivered: Decimal


class RmAgreementOut(Schema):
    number: str
    raw_material: str
    producer: str
    manufacturer: str
    price: Decimal
    min_export_price: Decimal
    yearly_volume: Decimal
    starts_on: dt.date
    ends_on: dt.date
    status: str
    reasons: str
    deliveries: list[RmDeliveryOut]


def agreement_out(a: Agreement) -> dict[str, Any]:
    return {
        "number": a.number,
        "raw_material": a.raw_material.code,
        "producer": a.producer.organization.identifier,
        "manufacturer": a.manufacturer.identifier,
        **{
            k: getattr(a, k)
            for k in ("price", "min_export_price", "yearly_volume", "starts_on", "ends_on", "status", "reasons")
        },
        "deliveries": [
            {"year": d.year, "owed": d.contracted, "delivered": d.delivered} for d in selectors.deliveries(a)
        ],
    }


class RmDeliveryIn(Schema):
    year: int = Field(..., ge=2000, le=2100)
    delivered: Decimal = Field(..., ge=0, max_digits=18, decimal_places=3)


class RmReasonsIn(Schema):
    reasons: str = Field(..., min_length=1, max_length=4000)


class RmLicenceIn(Schema):
    raw_material: str = Field(..., pattern=r"^[0-9]{4,10}$")
    producer: Identifier
    year: int = Field(..., ge=2000, le=2100)
    volume: Decimal = Field(..., gt=0, max_digits=18, decimal_places=3)
    destination: str = Field(..., min_length=1, max_length=100)


class RmLicenceOut(Schema):
    number: str
    raw_material: str
    producer: str
    year: int
    volume: Decimal
    destination: str
    status: str
    reasons: str
    document: str | None = Field(None, description="the token of the signed licence's public check")


def licence_out(lic: ExportLicence) -> dict[str, Any]:
    return {
        "number": lic.number,
        "raw_material": lic.producer.raw_material.code,
        "producer": lic.producer.organization.identifier,
        "year": lic.year,
        "volume": lic.volume,
        "destination": lic.destination,
        "status": lic.status,
        "reasons": lic.reasons,
        "document": lic.document.token if lic.document else None,
    }
