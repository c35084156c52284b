"""Tripartite agreements to supply manufacturing enterprises with domestic raw materials (IP-60.1, 60.6–60.8): the
authorized body concludes one with a listed producer and a manufacturer not barred, at a price not above the
producer's minimum export price; the producer reports its deliveries each year; a resale to third parties terminates
the agreement and bars the manufacturer."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core.authz import Actor, require
from nisi.core.models import Organization
from nisi.core.services.journal import journal_append
from nisi.core.transitions import Context, Notice, Transition, transition_apply
from nisi.law import clock
from nisi.raw_materials import rules
from nisi.raw_materials.messages import AGREEMENT
from nisi.raw_materials.models import Agreement, AgreementOfProducer, DeliveryReport, ManufacturerBar, Producer
from nisi.raw_materials.services.common import (
    RawMaterialError,
    check_amount,
    listed_raw_material,
    number,
    organization,
)
from nisi.raw_materials.services.listing import agreement_deadlines_open, producer_is_listed


def bars_of(manufacturer: Organization) -> list[rules.BarFact]:
    return [
        rules.BarFact(b.agreement.number, b.barred_on)
        for b in ManufacturerBar.objects.filter(organization=manufacturer).select_related("agreement")
    ]


@transaction.atomic
def agreement_conclude(
    *,
    actor: Actor,
    raw_material: str,
    producer: str,
    manufacturer: str,
    price: Decimal,
    min_export_price: Decimal,
    yearly_volume: Decimal,
    starts_on: dt.date,
    ends_on: dt.date,
    processing: str,
) -> Agreement:
    """The authorized body records the tripartite agreement (IP-60.1): the raw material is on the list, the producer
    is listed for it (IP-60.4, 60.6), the manufacturer is not barred (IP-60.8, asked on every agreement), and the price
    is not above the producer's minimum export price of that raw material (IP-60.7); the manufacturer undertakes to
    increase its processing and not to sell the raw material to third parties (IP-60.8)."""
    require(actor, Agreement(), "conclude")
    today = clock.today()
    material = listed_raw_material(raw_material)
    producer_org = organization(producer, "producer")
    manufacturer_org = organization(manufacturer, "manufacturer")
    found = Producer.objects.filter(raw_material=material, organization=producer_org).first()
    if found is None or not producer_is_listed(found, today):
        raise RawMaterialError(
            _(
                "%(bin)s is not a listed producer of %(code)s today (IP-60.4): an agreement is concluded with a "
                "producer on the list."
            )
            % {"bin": producer_org.identifier, "code": material.code},
            "producer",
        )
    if manufacturer_org.pk == producer_org.pk:
        raise RawMaterialError(_("The manufacturer and the producer are different enterprises."), "manufacturer")
    barred = rules.bar_refusal(manufacturer_org.identifier, bars_of(manufacturer_org), today)
    if barred:
        raise RawMaterialError(barred, "manufacturer")
    for name, value in (("price", price), ("min_export_price", min_export_price)):
        check_amount(value, name, 2)
    check_amount(yearly_volume, "yearly_volume", 3)
    refused = rules.price_refusal(price, min_export_price)
    if refused:
        raise RawMaterialError(refused, "price")
    if yearly_volume <= 0:
        raise RawMaterialError(_("Give the yearly volume to supply, more than zero."), "yearly_volume")
    if ends_on < starts_on:
        raise RawMaterialError(_("The agreement ends on or after the day it starts."), "ends_on")
    if not processing.strip():
        raise RawMaterialError(
            _("Give the manufacturer's commitment to increase the processing of the raw material (IP-60.8)."),
            "processing",
        )
    agreement = Agreement(
        number="",
        raw_material=material,
        producer=found,
        manufacturer=manufacturer_org,
        price=price,
        min_export_price=min_export_price,
        yearly_volume=yearly_volume,
        starts_on=starts_on,
        ends_on=ends_on,
        processing=processing.strip()[:4000],
        concluded_on=today,
        concluded_by=actor.label[:200],
    )
    agreement.save()
    agreement.number = number("RMS", today.year, agreement.pk)
    agreement.save(update_fields=["number"])
    journal_append(
        actor=actor,
        subject_type=AGREEMENT,
        subject_id=agreement.number,
        action="concluded",
        payload={
            "raw_material": material.code,
            "producer": producer_org.identifier,
            "manufacturer": manufacturer_org.identifier,
            "price": str(price),
            "min_export_price": str(min_export_price),
            "yearly_volume": str(yearly_volume),
            "term": [starts_on.isoformat(), ends_on.isoformat()],
            "duties": ["increase processing", "no sale to third parties"],
        },
        provisions=["IP-60.1", "IP-60.6", "IP-60.7", "IP-60.8"],
    )
    agreement_deadlines_open()
    return agreement


@transaction.atomic
def delivery_report(*, actor: Actor, agreement: Agreement, year: int, delivered: Decimal) -> DeliveryReport:
    """The producer reports what it delivered under the agreement in an ended year; what the agreement owed that
    year is computed from its yearly volume and its days in force (IP-60.9, IP-60.10). A year is reported once."""
    locked = (
        AgreementOfProducer.objects.select_for_update(of=("self",))
        .select_related("producer__organization")
        .get(pk=agreement.pk)
    )
    require(actor, locked, "report_delivery")
    today = clock.today()
    if not locked.starts_on.year <= year <= today.year - 1:
        raise RawMaterialError(
            _("Report an ended year of the agreement: from %(first)s to %(last)s.")
            % {"first": locked.starts_on.year, "last": today.year - 1},
            "year",
        )
    check_amount(delivered, "delivered", 3)
    if DeliveryReport.objects.filter(agreement=locked, year=year).exists():
        raise RawMaterialError(
            _("The deliveries of %(year)s under agreement %(number)s were already reported.")
            % {"year": year, "number": locked.number},
            "year",
        )
    owed = rules.contracted_in_year(locked.yearly_volume, locked.starts_on, locked.ends_on, year, locked.terminated_on)
    report = DeliveryReport.objects.create(
        agreement=locked,
        year=year,
        contracted=owed,
        delivered=delivered,
        reported_at=clock.now(),
        reported_by=actor.label[:200],
    )
    journal_append(
        actor=actor,
        subject_type=AGREEMENT,
        subject_id=locked.number,
        action="deliveries_reported",
        payload={"year": year, "owed": str(owed), "delivered": str(delivered)},
        provisions=["IP-60.9", "IP-60.10"],
    )
    return report


def _bar(ctx: Context) -> None:
    ManufacturerBar.objects.create(
        organization=ctx.record.manufacturer, agreement=ctx.record, barred_on=ctx.on, reasons=ctx.reasons
    )


def _manufacturer(ctx: Context) -> Organization:
    found: Organization = ctx.record.manufacturer
    return found


def _producer_owes_again(ctx: Context) -> None:
    agreement_deadlines_open()


TERMINATE = Transition(
    name="terminate",
    subject_type=AGREEMENT,
    journal_action="terminated_for_resale",
    journal_provisions=("IP-60.8",),
    target=Agreement.Status.TERMINATED,
    sources=(Agreement.Status.CONCLUDED,),
    provision="IP-60.8",
    related=("manufacturer",),
    error=RawMaterialError,
    reasons_field="reasons",
    dated_field="terminated_on",
    effect=_bar,
    notice=Notice(
        "raw_materials.agreement.terminated",
        ("IP-60.8",),
        lambda ctx: {"number": ctx.record.number, "reasons": ctx.reasons},
        _manufacturer,
    ),
    then=_producer_owes_again,
)


def agreement_terminate_for_resale(*, actor: Actor, agreement: Agreement, reasons: str) -> Agreement:
    """The manufacturer sold raw material received under the agreement to third parties: the agreement is terminated
    and the manufacturer barred from such agreements (IP-60.8); the producer owes a new agreement (IP-60.6)."""
    result: Agreement = transition_apply(actor=actor, record=agreement, transition=TERMINATE, reasons=reasons)
    return result
