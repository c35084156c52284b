"""The register as open data (ADR 37): its datasets in the catalogue, its fields with their sources and the
provisions that make them public, and its changes published from its own journal, in the act's transaction.

A record's journal already records every decision that changes what the register shows — inclusion (IP-51-1.6),
goods added by a later inclusion or a competent body's entry (IP-51-1.6, IP-51-3), removal (IP-51-6) and
reinstatement after an upheld objection (IP-51-5.8) — so the register publishes by listening to it: no path that
changes the register can forget to publish."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nisi.core.models import JournalEntry
from nisi.core.publication import datasets as ds
from nisi.core.publication.services import publish
from nisi.core.services.journal import journal_listen
from nisi.law import clock
from nisi.registry.models import RecordPeriod, RegisterGood, RegisterRecord

DATASET = "register"
SUBJECT = "register_record"  # the register's journal subject (services.register.SUBJECT)

# Journal action → the kind of change published.
KINDS = {
    "included": "register.record.included",
    "goods_added": "register.goods.added",
    "removed": "register.record.removed",
    "reinstated": "register.record.reinstated",
}
EVENT_KINDS = {
    "register.record.included": _("A producer is included in the register with its goods (IP-51-1.6)."),
    "register.goods.added": _("Goods are added to a producer in the register, or replaced by newly assessed details."),
    "register.record.removed": _("A producer is removed from the register with all its goods (IP-51-6)."),
    "register.record.reinstated": _(
        "A producer is reinstated after an upheld objection, with the goods reinstated (IP-51-5.5, IP-51-5.8)."
    ),
}


def _good_state(good: RegisterGood) -> dict[str, Any]:
    return {
        "hs_code": good.hs_code,
        "tnved_code": good.tnved_code,
        "name_ru": good.name_ru,
        "name_kk": good.name_kk,
        "annual_capacity": str(good.annual_capacity) if good.annual_capacity is not None else "",
        "unit": good.unit,
        "domestic_value_share": str(good.domestic_value_share) if good.domestic_value_share is not None else "",
        "wholly_produced": good.wholly_produced,
        "included_on": good.included_on.isoformat(),
    }


def identifiers(record: RegisterRecord) -> dict[str, str]:
    return {"register_number": record.number, "identifier": record.organization.identifier}


def record_state(record: RegisterRecord, goods: list[RegisterGood]) -> dict[str, Any]:
    """The record's public fields (see FIELDS), as a snapshot lists it and a change carries it."""
    organization = record.organization
    return {
        **identifiers(record),
        "name": organization.name,
        "name_kk": organization.name_kk,
        "oked": organization.oked,
        "kato": record.site_kato,
        "region": record.region_code,
        "status": record.status,
        "included_on": record.included_on.isoformat() if record.status == RegisterRecord.Status.INCLUDED else None,
        "removed_on": record.removed_on.isoformat() if record.removed_on else None,
        "basis": record.basis,
        "goods": [_good_state(g) for g in sorted(goods, key=lambda g: (g.hs_code, g.tnved_code, g.pk or 0))],
    }


def _published(entry: JournalEntry) -> None:
    kind = KINDS.get(entry.action)
    if kind is None:
        return
    record = RegisterRecord.objects.select_related("organization").get(number=entry.subject_id)
    goods = list(record.goods.filter(removed_on__isnull=True))
    effective = {
        "removed": record.removed_on,
        "included": record.included_on,
        "reinstated": record.included_on,
    }.get(entry.action) or clock.today()
    publish(
        dataset=DATASET,
        kind=kind,
        record_key=record.number,
        identifiers=identifiers(record),
        state=record_state(record, goods),
        provisions=list(entry.provisions),
        effective_on=effective,
        record_version=entry.seq,
    )


def _current_goods() -> Prefetch[Any]:
    return Prefetch("goods", queryset=RegisterGood.objects.filter(removed_on__isnull=True), to_attr="current")


def snapshot() -> Iterator[tuple[str, dict[str, Any]]]:
    """The register now: every producer in it, with its goods in it."""
    records = (
        RegisterRecord.objects.filter(status=RegisterRecord.Status.INCLUDED)
        .select_related("organization")
        .prefetch_related(_current_goods())
        .order_by("number")
    )
    for record in records.iterator(chunk_size=500):
        yield record.number, record_state(record, record.current)  # type: ignore[attr-defined]  # the Prefetch to_attr


def snapshot_on(on: dt.date) -> Iterator[tuple[str, dict[str, Any]]]:
    """The register as it stood on `on`: the producers with a period in the register covering that day, each with
    the goods in the register that day (a later removal not yet known), by the periods the register keeps."""
    covering = RecordPeriod.objects.filter(
        Q(included_from__lte=on), Q(included_to__isnull=True) | Q(included_to__gt=on)
    ).values("record_id")
    goods_then = Q(included_on__lte=on) & (Q(removed_on__isnull=True) | Q(removed_on__gt=on))
    records = (
        RegisterRecord.objects.filter(pk__in=covering)
        .select_related("organization")
        .prefetch_related(
            "periods", Prefetch("goods", queryset=RegisterGood.objects.filter(goods_then), to_attr="then")
        )
        .order_by("number")
    )
    for record in records.iterator(chunk_size=500):
        record.status, record.removed_on = RegisterRecord.Status.INCLUDED, None  # as it stood: shown, never saved
        period = max((p for p in record.periods.all() if p.included_from <= on), key=lambda p: p.included_from)
        record.included_on = period.included_from
        yield record.number, record_state(record, record.then)


_SOURCE_APPLICATION = _("The producer's application, checked by digital verification and the assessment (IP-51-1)")
_SOURCE_LEGAL_ENTITIES = _("The state database of legal entities (by BIN) or of individuals (by IIN)")
_SOURCE_NISI = _("Written by nisi when the authorized body decides")

FIELDS = (
    ds.PublishedField("register_number", _("Register number"), _SOURCE_NISI, "IP-51-1.6"),
    ds.PublishedField("identifier", _("BIN or IIN of the producer"), _SOURCE_LEGAL_ENTITIES, "IP-51-1.8"),
    ds.PublishedField("name", _("Name of the producer"), _SOURCE_LEGAL_ENTITIES, "IP-51-1.8"),
    ds.PublishedField("oked", _("Main activity (OKED)"), _SOURCE_LEGAL_ENTITIES, "IP-16.3"),
    ds.PublishedField("kato", _("Production site (KATO)"), _SOURCE_APPLICATION, "IP-51-1.8"),
    ds.PublishedField("region", _("Region (first digits of KATO)"), _SOURCE_APPLICATION, "IP-16.3"),
    ds.PublishedField("status", _("In the register or removed"), _SOURCE_NISI, "IP-51-6"),
    ds.PublishedField("included_on", _("Date of inclusion"), _SOURCE_NISI, "IP-51-1.6"),
    ds.PublishedField("removed_on", _("Date of removal"), _SOURCE_NISI, "IP-51-6"),
    ds.PublishedField("basis", _("Basis of inclusion"), _SOURCE_NISI, "IP-51-1.6"),
    ds.PublishedField("goods.hs_code", _("Good: HS code"), _SOURCE_APPLICATION, "IP-51-1.8"),
    ds.PublishedField("goods.tnved_code", _("Good: TN VED code"), _SOURCE_APPLICATION, "IP-51-1.8"),
    ds.PublishedField("goods.name_ru", _("Good: name"), _SOURCE_APPLICATION, "IP-51-1.8"),
    ds.PublishedField("goods.annual_capacity", _("Good: annual capacity"), _SOURCE_APPLICATION, "IP-51-1.8"),
    ds.PublishedField(
        "goods.domestic_value_share",
        _("Good: domestic value share, per cent"),
        _("Computed by nisi from the assessed ex-works and foreign materials costs"),
        "IP-51-1.8",
    ),
    ds.PublishedField(
        "goods.wholly_produced",
        _("Good: wholly produced in Kazakhstan"),
        _("The competent body's entry or the assessment (IP-51-3)"),
        "IP-51-3",
    ),
    ds.PublishedField("goods.included_on", _("Good: date of inclusion"), _SOURCE_NISI, "IP-51-1.6"),
)


def _url(name: str, **kwargs: Any) -> Any:
    return lambda: reverse(name, kwargs=kwargs or None)


def register() -> None:
    """Declares the register's datasets and starts publishing its changes (the app's `ready`)."""
    journal_listen(SUBJECT, _published)
    snapshot_json = _url("api:feed_snapshot", dataset=DATASET)
    ds.register_dataset(
        ds.Dataset(
            key=DATASET,
            title=_("Register of Kazakhstani commodity producers"),
            description=_(
                "Producers included in the register and their goods, with the domestic value share of each good; "
                "every inclusion, removal and reinstatement is published in the feed of changes."
            ),
            provisions=("IP-51-1", "IP-16.3"),
            frequency=ds.CONTINUOUS,
            landing=_url("registry:search"),
            distributions=(
                ds.Distribution(_("Snapshot with its sequence (JSON)"), "application/json", snapshot_json),
                ds.Distribution(
                    _("Snapshot with its sequence (CSV)"), "text/csv", _url("api:feed_snapshot_csv", dataset=DATASET)
                ),
            ),
            fields=FIELDS,
            keywords=("register", "producers", "domestic value"),
            changes_from=DATASET,
            snapshot=snapshot,
            snapshot_on=snapshot_on,
            event_kinds=dict(EVENT_KINDS),
        )
    )
    ds.register_dataset(
        ds.Dataset(
            key="register-goods",
            title=_("Goods of the register of Kazakhstani commodity producers"),
            description=_("One row per good in the register, with its producer, codes, capacity and domestic value."),
            provisions=("IP-51-1.8", "IP-16.3"),
            frequency=ds.CONTINUOUS,
            landing=_url("registry:search"),
            distributions=(
                ds.Distribution(_("Open data (CSV)"), "text/csv", _url("registry:open_data", fmt="csv")),
                ds.Distribution(_("Open data (JSON)"), "application/json", _url("registry:open_data", fmt="json")),
            ),
            fields=FIELDS,
            keywords=("goods", "HS", "TN VED"),
            changes_from=DATASET,
        )
    )
